#!/usr/bin/env bash
# Builds and installs DeepGEMM from source at a pinned commit.
#
#   tools/install_deepgemm.sh --cuda-version 12.8.1 --ref <commit>
#
# DeepGEMM only targets Hopper and Blackwell and needs CUDA >= 12.8; older
# toolkits skip the install instead of failing the image build.
set -euo pipefail

DEEPGEMM_GIT_REPO="https://github.com/deepseek-ai/DeepGEMM.git"
DEEPGEMM_GIT_REF="0a1b2c3d"
CUDA_VERSION=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --ref) DEEPGEMM_GIT_REF="$2"; shift 2 ;;
        --cuda-version) CUDA_VERSION="$2"; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 1 ;;
    esac
done

if [ -z "$CUDA_VERSION" ]; then
    CUDA_VERSION=$(nvcc --version | sed -n 's/.*release \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
fi
CUDA_MAJOR="${CUDA_VERSION%%.*}"
CUDA_MINOR="${CUDA_VERSION#${CUDA_MAJOR}.}"
CUDA_MINOR="${CUDA_MINOR%%.*}"

if [ "$CUDA_MAJOR" -lt 12 ] || { [ "$CUDA_MAJOR" -eq 12 ] && [ "$CUDA_MINOR" -lt 8 ]; }; then
    echo "Skipping DeepGEMM: CUDA ${CUDA_VERSION} < 12.8"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone --recursive --shallow-submodules "$DEEPGEMM_GIT_REPO" "$tmp/deepgemm"
cd "$tmp/deepgemm"
git checkout "$DEEPGEMM_GIT_REF"
TORCH_CUDA_ARCH_LIST="9.0a 10.0a" python3 setup.py bdist_wheel --dist-dir=dist
uv pip install --system dist/*.whl
