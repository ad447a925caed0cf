#!/bin/bash
# Runs the CPU test suite inside the CPU image on a Buildkite agent.
# Usage: run-cpu-test.sh [cpuset-cpus] [cpuset-mems]

set -ex

CORE_RANGE=${1:-48-95}
NUMA_NODE=${2:-1}
IMAGE="cpu-test-$BUILDKITE_BUILD_NUMBER"

remove_docker_container() {
    set -e
    docker rm -f "$IMAGE" || true
}
trap remove_docker_container EXIT
remove_docker_container

docker build --tag "$IMAGE" --target cpu-test-1 -f docker/Dockerfile.cpu .

docker run -itd --entrypoint /bin/bash -v ~/.cache/huggingface:/root/.cache/huggingface \
    --cpuset-cpus="$CORE_RANGE" --cpuset-mems="$NUMA_NODE" \
    -e HF_TOKEN --env LLM_SERVER_CPU_KVCACHE_SPACE=4 --shm-size=4g --name "$IMAGE" "$IMAGE"

function cpu_tests() {
  set -e

  # Test-only deps. timm depends on torchvision: resolve from the CPU index first so
  # pip never swaps the image's CPU torch for a CUDA build from PyPI.
  docker exec "$IMAGE" bash -c "
    set -e
    pip install pytest pytest-asyncio httpx soundfile
    pip install timm --index-url https://download.pytorch.org/whl/cpu --extra-index-url https://pypi.org/simple
    pip list | grep -E '^(torch|torchvision|torchaudio) '"

  docker exec "$IMAGE" bash -c "
    set -e
    pytest -v -s tests/test_basic.py"
}

# Give the whole suite a hard time limit
export -f cpu_tests
timeout 1h bash -c cpu_tests
