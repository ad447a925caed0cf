#!/usr/bin/env bash
# Build one quillkern wheel for (CUDA_VERSION, PYTHON_VERSION, TORCH_VERSION).
# Runs inside pytorch/manylinux2_28-builder:cuda${CUDA_VERSION} (see .github/workflows/release.yml).
set -euo pipefail

CUDA_VERSION=${CUDA_VERSION:-12.8}
PYTHON_VERSION=${PYTHON_VERSION:-3.12}
TORCH_VERSION=${TORCH_VERSION:-2.8.0}

case "$CUDA_VERSION" in
  12.6) TORCH_INDEX=cu126; ARCHS="7.5 8.0 8.6 8.9 9.0+PTX" ;;
  12.8) TORCH_INDEX=cu128; ARCHS="7.5 8.0 8.6 8.9 9.0 10.0 12.0+PTX" ;;
  12.9) TORCH_INDEX=cu129; ARCHS="7.5 8.0 8.6 8.9 9.0 10.0 10.3 12.0 12.1+PTX" ;;
  *) echo "build.sh: unsupported CUDA ${CUDA_VERSION}" >&2; exit 1 ;;
esac

# sm90a / sm100a kernels (FP8 block GEMM) need the arch-specific targets as well
if [[ "$CUDA_VERSION" == 12.8 || "$CUDA_VERSION" == 12.9 ]]; then
  ARCHS="${ARCHS} 9.0a 10.0a"
fi
export TORCH_CUDA_ARCH_LIST="${ARCHS}"

PY=/opt/python/cp${PYTHON_VERSION//./}-cp${PYTHON_VERSION//./}/bin/python
"$PY" -m pip install --upgrade pip
"$PY" -m pip install "torch==${TORCH_VERSION}" --index-url "https://download.pytorch.org/whl/${TORCH_INDEX}"
"$PY" -m pip install -r requirements/build.txt --no-deps

# local version: +cu128torch2.8
TORCH_MINOR=$(echo "$TORCH_VERSION" | cut -d. -f1,2)
export QUILLKERN_LOCAL_VERSION="${TORCH_INDEX}torch${TORCH_MINOR}"

MAX_JOBS=${MAX_JOBS:-16} NVCC_THREADS=${NVCC_THREADS:-2} \
  "$PY" -m pip wheel ./python --no-build-isolation --no-deps -w dist/ -v

# manylinux repair: torch libs are provided at runtime, never vendored
"$PY" -m auditwheel repair dist/quillkern-*.whl -w dist/repaired \
  --exclude libtorch.so --exclude libtorch_cuda.so --exclude libc10.so --exclude libc10_cuda.so \
  --exclude libtorch_cpu.so --exclude libtorch_python.so --exclude libcudart.so.12
