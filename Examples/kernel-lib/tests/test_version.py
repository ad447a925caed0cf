import torch

from quillkern.version import DEFAULT_CUDA, SUPPORTED_CUDA, SUPPORTED_TORCH


def test_torch_matches_supported():
    assert torch.__version__.split("+")[0] == SUPPORTED_TORCH


def test_cuda_is_supported():
    assert torch.version.cuda in SUPPORTED_CUDA
    assert DEFAULT_CUDA in SUPPORTED_CUDA


def test_expected_torch_pair():
    # pinned here so a torch bump is a conscious change
    assert SUPPORTED_TORCH == "2.8.0"
