import torch

from .version import SUPPORTED_TORCH  # noqa: F401

# torch 2.9 adds torch.library.register_autocast for custom ops; keep the old path for 2.8
_HAS_REGISTER_AUTOCAST = hasattr(torch.library, "register_autocast")


def rmsnorm(x: torch.Tensor, weight: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    out = torch.empty_like(x)
    torch.ops.quillkern.rmsnorm(out, x, weight, eps)
    return out


def rotary(x: torch.Tensor, cos_sin: torch.Tensor) -> torch.Tensor:
    out = torch.empty_like(x)
    torch.ops.quillkern.rotary(out, x, cos_sin, 0.0)
    return out
