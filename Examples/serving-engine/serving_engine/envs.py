# SPDX-License-Identifier: Apache-2.0
"""Environment variables read by serving-engine, with their defaults.

Access them as attributes (``envs.ENGINE_TARGET_DEVICE``); values are read
lazily so tests can monkeypatch ``os.environ``.
"""

import os
from typing import Any, Callable

environment_variables: dict[str, Callable[[], Any]] = {
    # Target device: cuda, rocm, cpu or tpu.
    "ENGINE_TARGET_DEVICE": lambda: os.getenv("ENGINE_TARGET_DEVICE", "cuda").lower(),
    # CUDA toolkit of the default (unlabelled) wheel; must match
    # MAIN_CUDA_VERSION in setup.py and the default variant in
    # .buildkite/scripts/upload-wheels.sh.
    "ENGINE_MAIN_CUDA_VERSION": lambda: os.getenv("ENGINE_MAIN_CUDA_VERSION", "12.8"),
    # Parallel compile jobs and nvcc threads per job.
    "MAX_JOBS": lambda: os.getenv("MAX_JOBS", None),
    "NVCC_THREADS": lambda: os.getenv("NVCC_THREADS", None),
    "CMAKE_BUILD_TYPE": lambda: os.getenv("CMAKE_BUILD_TYPE"),
    # Use the kernels from a prebuilt wheel instead of compiling them.
    "ENGINE_USE_PRECOMPILED": lambda: bool(os.environ.get("ENGINE_USE_PRECOMPILED")),
    # Where FlashInfer looks for its cubins and jit cache.
    "ENGINE_FLASHINFER_CACHE_DIR": lambda: os.path.expanduser(
        os.getenv("ENGINE_FLASHINFER_CACHE_DIR", "~/.cache/serving_engine/flashinfer")),
    # Port of the OpenAI-compatible server.
    "ENGINE_PORT": lambda: int(os.getenv("ENGINE_PORT", "8000")),
    "ENGINE_LOGGING_LEVEL": lambda: os.getenv("ENGINE_LOGGING_LEVEL", "INFO").upper(),
}


def __getattr__(name: str) -> Any:
    if name in environment_variables:
        return environment_variables[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(environment_variables.keys())
