import pytest
import torch

quillkern = pytest.importorskip("quillkern")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_rmsnorm_matches_reference():
    x = torch.randn(4, 128, device="cuda", dtype=torch.bfloat16)
    w = torch.ones(128, device="cuda", dtype=torch.bfloat16)
    ref = x * torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + 1e-6).to(x.dtype) * w
    torch.testing.assert_close(quillkern.rmsnorm(x, w), ref, atol=2e-2, rtol=2e-2)
