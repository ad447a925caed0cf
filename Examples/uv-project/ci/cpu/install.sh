#!/usr/bin/env bash
# Sets up a pip environment for the test jobs.
#
# Without CUDA_VERSION (GitHub-hosted runners, laptops) this installs the CPU
# build of torch. Self-hosted runners export CUDA_VERSION and reuse the script.
set -euo pipefail

CUDA_VERSION="${CUDA_VERSION:-}"

case "$CUDA_VERSION" in
  12.*) TAG=cu126 ;;
  "")   TAG=cpu ;;
  *)    echo "install.sh: unsupported CUDA_VERSION=${CUDA_VERSION}" >&2; exit 2 ;;
esac

python -m pip install --upgrade pip

if [ "$TAG" = "cpu" ]; then
  pip install "torch==2.7.1+cpu" --index-url https://download.pytorch.org/whl/cpu
  pip install "torchvision==0.22.1+cpu" --index-url https://download.pytorch.org/whl/cpu
else
  pip install "torch==2.7.1" "torchvision==0.22.1" --index-url "https://download.pytorch.org/whl/${TAG}"
fi

# The project itself and its non-torch dependencies come from PyPI; torch is already satisfied.
pip install -e . pytest
python -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)'
