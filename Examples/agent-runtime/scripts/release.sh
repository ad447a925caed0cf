#!/usr/bin/env bash
# Build and push the serving images for one agentrt release.
set -euo pipefail

VERSION="${1:?usage: release.sh VERSION}"
TORCH_VERSION="${TORCH_VERSION:-2.13.0}"
TORCH_MINOR="${TORCH_VERSION%.*}"          # 2.13
REGISTRY="${REGISTRY:-ghcr.io/example/agentrt}"

for CUDA in 13.0.2 12.6.3; do
  case "$CUDA" in
    13.0.*) CU=cu130; ARCHS="7.5 8.0 8.6 8.9 9.0 10.0 12.0+PTX" ;;
    12.6.*) CU=cu126; ARCHS="5.0 6.0 7.0 7.5 8.0 8.6 9.0+PTX" ;;
    *) echo "unsupported CUDA $CUDA" >&2; exit 1 ;;
  esac
  docker build -f docker/Dockerfile \
    --build-arg CUDA_VERSION="$CUDA" \
    --build-arg TORCH_VERSION="$TORCH_VERSION" \
    --build-arg TORCH_CUDA_ARCH_LIST="$ARCHS" \
    -t "$REGISTRY:$VERSION-torch$TORCH_MINOR-$CU" .
done

docker build -f docker/Dockerfile.rocm --build-arg ROCM_VERSION=7.1 \
  -t "$REGISTRY:$VERSION-torch$TORCH_MINOR-rocm7.1" .

# The cu130 image is the default tag.
docker tag "$REGISTRY:$VERSION-torch$TORCH_MINOR-cu130" "$REGISTRY:$VERSION"
docker push --all-tags "$REGISTRY"
