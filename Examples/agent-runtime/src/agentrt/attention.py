"""Attention backend selection."""
import torch


def pick_backend() -> str:
    major, _ = torch.cuda.get_device_capability()
    if major >= 8:
        # flashinfer >= 0.5 is torch-agnostic (tvm-ffi); kernels come from flashinfer-jit-cache (+cu130)
        return "flashinfer"
    # sm_70 and older only exist on the cu126 legacy build
    return "xformers"
