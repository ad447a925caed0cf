"""Which torch this release was tested with, and feature switches that depend on it."""

from __future__ import annotations

import os
import warnings

import torch
from packaging.version import Version

# Bumped together with the pins in pyproject.toml, requirements/*.txt and docker/.
TESTED_TORCH = "2.8.0"
TESTED_TORCHVISION = "0.23.0"
# CUDA of the default wheels; the ROCm images report torch.version.hip instead.
DEFAULT_CUDA = os.environ.get("VISIONPLAT_DEFAULT_CUDA", "12.6")

_TORCH = Version(torch.__version__.split("+")[0])

# flex_attention's BlockMask.from_kv_blocks gained `seq_lengths` in 2.9 nightlies.
HAS_FLEX_SEQ_LENGTHS = _TORCH >= Version("2.9.0.dev")


def check_torch() -> None:
    """Warn when the installed torch is not the release this build was tested with."""
    if _TORCH.base_version != TESTED_TORCH:
        warnings.warn(
            f"visionplat {TESTED_TORCH=} but torch {torch.__version__} is installed",
            RuntimeWarning,
            stacklevel=2,
        )
