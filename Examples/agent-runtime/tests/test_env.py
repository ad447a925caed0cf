import torch

from agentrt._compat import DEFAULT_CUDA, TESTED_TORCH


def test_torch_is_tested_release():
    assert torch.__version__.startswith("2.13")
    assert TESTED_TORCH == "2.13.0"


def test_default_cuda():
    if torch.version.cuda:
        assert DEFAULT_CUDA == "13.0"
