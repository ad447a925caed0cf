"""Ahead-of-time build of the optional fused RMSNorm kernel (`python -m trainer.build_kernels`)."""

from pathlib import Path

from torch.utils.cpp_extension import load_inline

_SOURCE = r"""
#include <torch/extension.h>

torch::Tensor rms_norm(torch::Tensor x, torch::Tensor weight, double eps) {
  auto variance = x.pow(2).mean(-1, /*keepdim=*/true);
  return x * torch::rsqrt(variance + eps) * weight;
}
"""


def build(build_dir: Path = Path("build/kernels")) -> None:
    build_dir.mkdir(parents=True, exist_ok=True)
    load_inline(
        name="trainer_fused",
        cpp_sources=[_SOURCE],
        functions=["rms_norm"],
        build_directory=str(build_dir),
        verbose=True,
    )


if __name__ == "__main__":
    build()
