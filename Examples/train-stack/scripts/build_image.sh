#!/usr/bin/env bash
# Build and tag the training image for one CUDA version.
#   scripts/build_image.sh            # default CUDA 12.8
#   CUDA_VERSION=12.6.3 scripts/build_image.sh
set -euo pipefail

CUDA_VERSION="${CUDA_VERSION:-12.8.1}"
TORCH_VERSION="${TORCH_VERSION:-2.8.0}"
TORCHVISION_VERSION="${TORCHVISION_VERSION:-0.23.0}"
cuda_tag="cu$(echo "${CUDA_VERSION}" | cut -d. -f1,2 | tr -d .)"
image="ghcr.io/example/trainstack:torch${TORCH_VERSION}-${cuda_tag}"

# The default CUDA also gets the moving tag.
extra_tags=()
if [[ "${cuda_tag}" == "cu128" ]]; then
  extra_tags+=(-t ghcr.io/example/trainstack:latest)
fi

docker build -f docker/Dockerfile \
  --build-arg CUDA_VERSION="${CUDA_VERSION}" \
  --build-arg TORCH_VERSION="${TORCH_VERSION}" \
  --build-arg TORCHVISION_VERSION="${TORCHVISION_VERSION}" \
  -t "${image}" "${extra_tags[@]}" .
echo "built ${image}"
