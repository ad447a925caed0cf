# SPDX-License-Identifier: Apache-2.0
import pytest
import torch

from serving_engine.utils.torch_utils import is_torch_equal_or_newer


def test_dev_gate_matches_nightlies(monkeypatch):
    monkeypatch.setattr(torch, "__version__", "2.9.0.dev20250801+cu128")
    from serving_engine.utils import torch_utils
    torch_utils._torch_version.cache_clear()
    assert is_torch_equal_or_newer("2.9.0.dev")
    assert not is_torch_equal_or_newer("2.9.0")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_arch_list_contains_current_device():
    major, minor = torch.cuda.get_device_capability()
    assert f"sm_{major}{minor}" in torch.cuda.get_arch_list()
