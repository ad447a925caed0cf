"""GPU sessions for developer machines and the Buildkite agents.

    nox -s "gpu(backend='cu126')"      # NVIDIA
    nox -s "gpu(backend='rocm')"       # AMD
    nox -s xpu                         # Intel
"""

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["gpu"]

TORCH_VERSION = "2.8.0"
TORCHVISION_VERSION = "0.23.0"
TORCH_INDEX = "https://download.pytorch.org/whl"

# backend name -> wheel variant on the PyTorch index
BACKENDS = {
    "cu126": "cu126",
    "rocm": "rocm6.3",
    "cpu": "cpu",
}


@nox.session(python=["3.10", "3.12"])
@nox.parametrize("backend", list(BACKENDS))
def gpu(session: nox.Session, backend: str) -> None:
    """Install the platform torch from its variant index, then the package without touching torch."""
    session.install(
        f"torch=={TORCH_VERSION}",
        f"torchvision=={TORCHVISION_VERSION}",
        "--index-url",
        f"{TORCH_INDEX}/{BACKENDS[backend]}",
    )
    session.install("-e", ".", "pytest")
    session.run("pytest", "-m", "not slow", "tests", *session.posargs)


@nox.session(python="3.10")
def xpu(session: nox.Session) -> None:
    """Intel GPUs: torch and IPEX from requirements/xpu.txt (IPEX pins the torch build)."""
    session.install("-r", "requirements/xpu.txt")
    session.install("--no-deps", "-e", ".")
    session.run("pytest", "-m", "xpu", "tests", *session.posargs)


@nox.session(python="3.12")
def smoke(session: nox.Session) -> None:
    """Quick import check against the main CUDA build."""
    session.install("torch==2.8.0", "--index-url", "https://download.pytorch.org/whl/cu126")
    session.run("python", "-c", "import torch; assert torch.version.cuda == '12.6', torch.version.cuda")
