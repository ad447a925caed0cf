#!/usr/bin/env bash
# Usage: run_tests.sh <platform>   (cu126 | rocm6.3 | xpu | cpu)
set -euo pipefail

PLATFORM="${1:?platform}"
TORCH_VERSION="${TORCH_VERSION:-2.8.0}"
IMAGE="${IMAGE_REPO}:${PLATFORM}-${BUILDKITE_COMMIT}"

case "$PLATFORM" in
  cu126)
    DOCKER_ARGS=(--gpus all)
    ;;
  rocm6.3)
    DOCKER_ARGS=(--device /dev/kfd --device /dev/dri --group-add video)
    ;;
  xpu)
    DOCKER_ARGS=(--device /dev/dri)
    ;;
  cpu)
    # No image for CPU: plain venv on the agent.
    python3 -m venv .venv && . .venv/bin/activate
    pip install "torch==${TORCH_VERSION}+cpu" "torchvision==0.23.0+cpu" \
        --extra-index-url https://download.pytorch.org/whl/cpu
    pip install --no-deps -e . && pip install pytest torchmetrics timm==1.0.19 pycocotools omegaconf
    exec pytest -m "not gpu" tests
    ;;
  *)
    echo "unknown platform: $PLATFORM" >&2
    exit 2
    ;;
esac

docker run --rm "${DOCKER_ARGS[@]}" -v "$PWD/tests:/workspace/tests" --entrypoint pytest "$IMAGE" -m "not slow" tests
