"""quillkern: fused CUDA kernels for PyTorch."""

import os

import torch

from .version import SUPPORTED_TORCH, __version__


def _torch_minor(v: str) -> tuple:
    return tuple(int(p) for p in v.split("+")[0].split(".")[:2])


if _torch_minor(torch.__version__) != _torch_minor(SUPPORTED_TORCH) and not os.getenv(
    "QUILLKERN_SKIP_TORCH_CHECK"
):
    raise ImportError(
        f"quillkern {__version__} was built for torch {SUPPORTED_TORCH}, "
        f"but torch {torch.__version__} is installed; install the matching wheel from "
        "https://example.github.io/whl/"
    )

from . import _C  # noqa: E402,F401  (registers torch.ops.quillkern)
from .ops import rmsnorm, rotary  # noqa: E402

__all__ = ["rmsnorm", "rotary", "__version__"]
