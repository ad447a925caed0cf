"""Runtime checks against the torch build agentrt was released with."""
import warnings

import torch

TESTED_TORCH = "2.13.0"
SUPPORTED_CUDA = ("12.6", "13.0")
DEFAULT_CUDA = "13.0"
TORCHAUDIO_FROZEN = "2.11.0"   # upstream froze torchaudio at 2.11


def check_torch() -> None:
    base = torch.__version__.split("+")[0]
    if tuple(int(p) for p in base.split(".")[:2]) < (2, 13):
        raise ImportError(f"agentrt needs torch >= 2.13, found {torch.__version__}")
    if torch.version.cuda and torch.version.cuda[:4] not in SUPPORTED_CUDA:
        warnings.warn(f"untested CUDA {torch.version.cuda}; supported: {SUPPORTED_CUDA}")
