"""agentrt: serving runtime for tool-using agents."""
from agentrt._compat import check_torch

__version__ = "0.9.0"
check_torch()
