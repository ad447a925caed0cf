"""Environment variables understood by llm-server.

Every variable is read lazily through ``environment_variables`` so that
tests can monkeypatch ``os.environ`` after import. The typed declarations
below only exist for IDEs and type checkers.
"""

import os
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    LLM_SERVER_HOST: str = "0.0.0.0"
    LLM_SERVER_PORT: int = 8000
    LLM_SERVER_TARGET_DEVICE: str = "cuda"
    MAX_JOBS: Optional[str] = None
    NVCC_THREADS: Optional[str] = None
    LLM_SERVER_LOGGING_LEVEL: str = "INFO"
    LLM_SERVER_CACHE_ROOT: str = os.path.expanduser("~/.cache/llm_server")
    LLM_SERVER_USE_PRECOMPILED: bool = False
    LLM_SERVER_ATTENTION_BACKEND: Optional[str] = None

# CUDA version of the default (unlabelled) wheels; the precompiled-wheel
# installer uses it to pick the right nightly wheel from the bucket.
MAIN_CUDA_VERSION: str = "12.4"


def _bool(name: str, default: str = "0") -> Callable[[], bool]:
    return lambda: os.getenv(name, default).strip().lower() in ("1", "true", "yes")


environment_variables: dict[str, Callable[[], Any]] = {
    # ---- build time ----
    # Target device: "cuda" (also ROCm), "cpu", "xpu" or "empty".
    "LLM_SERVER_TARGET_DEVICE":
    lambda: os.getenv("LLM_SERVER_TARGET_DEVICE", "cuda"),

    # Parallel compile jobs; defaults to the number of CPUs.
    "MAX_JOBS":
    lambda: os.getenv("MAX_JOBS", None),

    # nvcc threads per job; MAX_JOBS is divided by this value.
    "NVCC_THREADS":
    lambda: os.getenv("NVCC_THREADS", None),

    # Reuse the kernels of a published wheel instead of compiling them.
    "LLM_SERVER_USE_PRECOMPILED":
    _bool("LLM_SERVER_USE_PRECOMPILED"),

    # CUDA version whose precompiled wheel to download, e.g. "12.4" or "11.8".
    "LLM_SERVER_PRECOMPILED_CUDA_VERSION":
    lambda: os.getenv("LLM_SERVER_PRECOMPILED_CUDA_VERSION", MAIN_CUDA_VERSION),

    # ---- runtime ----
    "LLM_SERVER_HOST":
    lambda: os.getenv("LLM_SERVER_HOST", "0.0.0.0"),

    "LLM_SERVER_PORT":
    lambda: int(os.getenv("LLM_SERVER_PORT", "8000")),

    "LLM_SERVER_LOGGING_LEVEL":
    lambda: os.getenv("LLM_SERVER_LOGGING_LEVEL", "INFO").upper(),

    "LLM_SERVER_CACHE_ROOT":
    lambda: os.path.expanduser(
        os.getenv("LLM_SERVER_CACHE_ROOT", "~/.cache/llm_server")),

    # Force an attention backend: "FLASH_ATTN", "XFORMERS", "FLASHINFER", "TORCH_SDPA".
    "LLM_SERVER_ATTENTION_BACKEND":
    lambda: os.getenv("LLM_SERVER_ATTENTION_BACKEND", None),
}


def __getattr__(name: str) -> Any:
    if name in environment_variables:
        return environment_variables[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(environment_variables.keys())
