"""Toolchain the compiled kernels are built and tested against.

setup.py and csrc/CMakeLists.txt read TORCH_VERSION from this file (by regex, without
importing the package), so keep the assignment on one line in this exact form.
"""

TORCH_VERSION = "2.8.0"
# The CUDA build that release images and the default `cu128` extra use.
DEFAULT_CUDA = "12.8"
# Other CUDA builds we test in CI; wheels for these come from the matching PyTorch index.
SECONDARY_CUDA = ("12.6",)
