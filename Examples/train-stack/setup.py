import os
import re
import warnings
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent


def expected_torch_version() -> str:
    text = (ROOT / "trainstack" / "_versions.py").read_text()
    match = re.search(r'^TORCH_VERSION = "([0-9.]+)"$', text, re.MULTILINE)
    if match is None:
        raise RuntimeError("TORCH_VERSION not found in trainstack/_versions.py")
    return match.group(1)


def build_ext_modules():
    if os.environ.get("TRAINSTACK_SKIP_KERNELS") == "1":
        return [], {}
    import torch
    from torch.utils.cpp_extension import BuildExtension, CUDAExtension

    expected = expected_torch_version()
    installed = torch.__version__.split("+")[0]
    if installed != expected:
        warnings.warn(
            f"building trainstack kernels against torch {installed}, "
            f"but trainstack/_versions.py expects {expected}",
            stacklevel=1,
        )
    ext = CUDAExtension(
        name="trainstack._C",
        sources=["csrc/bindings.cpp", "csrc/fused_rmsnorm.cu"],
        extra_compile_args={"cxx": ["-O3"], "nvcc": ["-O3", "--use_fast_math"]},
    )
    return [ext], {"build_ext": BuildExtension}


ext_modules, cmdclass = build_ext_modules()
setup(ext_modules=ext_modules, cmdclass=cmdclass)
