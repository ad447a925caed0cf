"""Small shims over torch API differences between the versions we support."""

from __future__ import annotations

import torch
from packaging.version import Version

from trainer.config import TRAIN_CUDA

_TORCH = Version(torch.__version__.split("+")[0])


def is_torch_at_least(version: str) -> bool:
    """True if the installed torch is `version` or newer (local labels ignored)."""
    return _TORCH >= Version(version)


# Nightlies of the next minor already ship the new flex-attention block mask API.
HAS_NEW_BLOCK_MASK = is_torch_at_least("2.8.0.dev")


def cuda_mismatch_warning() -> str | None:
    """Returns a warning when torch was built for a CUDA other than TRAIN_CUDA."""
    built = torch.version.cuda
    if built is None or built == TRAIN_CUDA:
        return None
    return (f"torch was built with CUDA {built}; reference numbers assume CUDA {TRAIN_CUDA}. "
            "Throughput may differ.")
