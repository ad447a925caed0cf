import pytest
import torch
from packaging.version import Version

from trainstack import _versions
from trainstack.utils.torch_compat import has_fully_shard_api, torch_version


def test_installed_torch_matches_pin():
    # The kernels are only built and tested against this release.
    assert torch_version() == Version(_versions.TORCH_VERSION)


@pytest.mark.skipif(torch_version() < Version("2.8.0"), reason="needs torch 2.8 or newer")
def test_fully_shard_available():
    assert has_fully_shard_api()


@pytest.mark.gpu
def test_cuda_build_is_a_tested_one():
    assert torch.version.cuda in (_versions.DEFAULT_CUDA, *_versions.SECONDARY_CUDA)
