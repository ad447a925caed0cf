# torchbump deps: extension builds for torch 2.10.0 · cu130 · Python 3.12 (offline: catalogue tables, nothing probed)
# xformers: wheel 0.0.35 from download.pytorch.org/whl/cu130 (per the tables, not probed)
# mamba-ssm: wheel 2.3.2.post1 from GitHub release assets (github.com/state-spaces/mamba) (per the tables, not probed)
# intel-extension-for-pytorch: blocked on vendor release — keep the current pin or scope the platform out
# bitsandbytes: no build needed
# Paste after torch 2.10.0 is installed in this stage: the builds compile against it (--no-build-isolation).
# RUN --mount needs BuildKit. uv caches git builds by commit, not by torch: hence --reinstall-package.
# The ARGs reach the RUN steps as environment variables unless an ENV of the same name overrides them.
ARG TORCH_CUDA_ARCH_LIST="7.5 8.0 8.9 9.0 10.0 11.0 12.0+PTX"
# MAX_JOBS is the lowest any build suggests (flash-attn); raise it for the others if the builder has the memory.
ARG MAX_JOBS=2
ARG NVCC_THREADS=2

RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install --system setuptools wheel packaging ninja

# flashinfer-python 0.3.1: no release known for torch 2.10.0; about 30 min with a full arch list, about 10 min with four archs (downstream figures)
#   - 0.3.x renamed TORCH_CUDA_ARCH_LIST to FLASHINFER_CUDA_ARCH_LIST: AOT aborts without it, and forgetting the rename once shipped an image without AOT kernels
#   - AOT builds do not include the TRT-LLM cubins: download them with `flashinfer download-cubin` (flashinfer-ai/flashinfer#1352, #1462)
#   - keep flashinfer-python, flashinfer-cubin and flashinfer-jit-cache at the same version, and any Dockerfile ARG for the FlashInfer version in sync with the requirements pin
#   - FlashInfer ≥ 0.5 is torch-agnostic (no per-torch build): moving to it removes this build, at the cost of its API changes
ARG FLASHINFER_CUDA_ARCH_LIST="7.5 8.0 8.9 9.0 10.0 11.0 12.0+PTX"
RUN --mount=type=cache,target=/root/.cache/uv \
    git clone --recursive --branch v0.3.1 https://github.com/flashinfer-ai/flashinfer.git /tmp/flashinfer && \
    cd /tmp/flashinfer && \
    python3 -m flashinfer.aot && \
    uv pip install --system --no-build-isolation --reinstall-package flashinfer-python . && \
    cd / && rm -rf /tmp/flashinfer

# flash-attn 2.8.3.post1: no release known for torch 2.10.0; 3–5 min on 64 cores with ninja, about 2 h without; upstream CI allows 5 h
#   - memory-hungry: roughly 8–9 GB RAM per compile job at 4 nvcc threads; jobs ≈ MAX_JOBS ÷ NVCC_THREADS
#   - FlashAttention-3 (Hopper) is a separate build in hopper/
#   - uv projects: [tool.uv] no-build-isolation-package = ["flash-attn"]
#   - the repository pins 2.8.3; 2.8.3.post1 is the newest release known to torchbump made for torch 2.8 or older
#   - community prebuilt wheels exist (e.g. github.com/mjun0812/flash-attention-prebuild-wheels); use them only by choice and record their provenance
ARG FLASH_ATTN_CUDA_ARCHS="80;89;90;100;110;120"
RUN --mount=type=cache,target=/root/.cache/uv \
    FLASH_ATTENTION_FORCE_BUILD=TRUE \
    uv pip install --system --no-build-isolation --reinstall-package flash-attn \
        "git+https://github.com/Dao-AILab/flash-attention.git@v2.8.3.post1"

# torchao 0.15.0: no release known for torch 2.10.0; build time not recorded
#   - a torchao built for another torch does not fail: it skips its compiled ops and runs slow fallbacks (pytorch/ao#2908)
RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install --system --no-build-isolation --reinstall-package torchao \
        "git+https://github.com/pytorch/ao.git@v0.15.0"

# deep-gemm 0f5f2662027f0db05d4e3f6a94e56e2d8fc45c51: always built from source; build time not recorded
#   - Hopper/Blackwell only (9.0a, 10.0a); downstream installers skip CUDA < 12.8
#   - the commit may also be pinned in a CMake external project: keep both in sync
#   - the PyPI project deep-gemm 1.0.0 is a lone sdist of unclear provenance: do not install it
RUN --mount=type=cache,target=/root/.cache/uv \
    export TORCH_CUDA_ARCH_LIST="9.0a 10.0a" && \
    git clone --recursive https://github.com/deepseek-ai/DeepGEMM.git /tmp/DeepGEMM && \
    cd /tmp/DeepGEMM && \
    git checkout 0f5f2662027f0db05d4e3f6a94e56e2d8fc45c51 && \
    git submodule update --init --recursive && \
    python3 setup.py bdist_wheel && \
    uv pip install --system --no-build-isolation --reinstall-package deep-gemm dist/*.whl && \
    cd / && rm -rf /tmp/DeepGEMM
