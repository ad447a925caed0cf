"""visionplat: detection and segmentation training."""

from visionplat._compat import TESTED_TORCH, check_torch

__version__ = "0.9.0.dev0"
__all__ = ["TESTED_TORCH", "check_torch", "__version__"]
