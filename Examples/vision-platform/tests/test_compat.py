import torch

from visionplat import _compat


def test_tested_torch_is_installed():
    assert torch.__version__.split("+")[0] == _compat.TESTED_TORCH


def test_cuda_build_matches_default():
    if torch.version.cuda is None:
        return  # CPU, ROCm or XPU build
    assert torch.version.cuda == _compat.DEFAULT_CUDA
