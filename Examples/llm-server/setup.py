"""Build script for llm-server.

Static metadata lives in pyproject.toml; this file only decides which native
extensions to build (via CMake), which requirements file applies to the
target device, and which local version label the wheel gets.
"""

import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path
from shutil import which

import torch
from packaging.version import Version
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools_scm import get_version
from torch.utils.cpp_extension import CUDA_HOME

ROOT_DIR = Path(__file__).parent
REQUIREMENTS_DIR = ROOT_DIR / "requirements"
logger = logging.getLogger(__name__)

# Release wheels are built with this CUDA version and carry no local label;
# a wheel built with any other toolkit is published as e.g. "0.4.2+cu118".
MAIN_CUDA_VERSION = "12.4"


def _load_envs():
    # llm_server is not importable yet, so load envs.py by path.
    path = ROOT_DIR / "llm_server" / "envs.py"
    spec = importlib.util.spec_from_file_location("llm_server_envs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


envs = _load_envs()
TARGET_DEVICE = envs.environment_variables["LLM_SERVER_TARGET_DEVICE"]()

if sys.platform == "darwin" and TARGET_DEVICE != "cpu":
    logger.warning("macOS build: forcing LLM_SERVER_TARGET_DEVICE=cpu")
    TARGET_DEVICE = "cpu"


def is_cuda() -> bool:
    return TARGET_DEVICE == "cuda" and torch.version.cuda is not None


def is_rocm() -> bool:
    return TARGET_DEVICE in ("cuda", "rocm") and torch.version.hip is not None


def nvcc_version() -> Version:
    if CUDA_HOME is None:
        raise RuntimeError("CUDA_HOME is not set; cannot find nvcc")
    out = subprocess.check_output([os.path.join(CUDA_HOME, "bin", "nvcc"), "-V"],
                                  text=True)
    # "... Cuda compilation tools, release 12.4, V12.4.131"
    release = out.split("release ")[1].split(",")[0]
    return Version(release)


class CMakeExtension(Extension):
    """An extension whose sources are compiled by CMakeLists.txt."""

    def __init__(self, name: str, source_dir: str = ".") -> None:
        super().__init__(name, sources=[], py_limited_api=True)
        self.source_dir = os.path.abspath(source_dir)


class cmake_build_ext(build_ext):
    configured: set[str] = set()

    def _jobs(self) -> tuple[int, int | None]:
        jobs = int(envs.environment_variables["MAX_JOBS"]() or os.cpu_count() or 1)
        nvcc_threads = None
        if is_cuda():
            nvcc_threads = int(envs.environment_variables["NVCC_THREADS"]() or 1)
            jobs = max(1, jobs // nvcc_threads)
        return jobs, nvcc_threads

    def _configure(self, ext: CMakeExtension) -> None:
        if ext.source_dir in self.configured:
            return
        self.configured.add(ext.source_dir)

        build_type = os.getenv("CMAKE_BUILD_TYPE", "Debug" if self.debug else "RelWithDebInfo")
        args = [
            f"-DCMAKE_BUILD_TYPE={build_type}",
            f"-DLLM_SERVER_TARGET_DEVICE={TARGET_DEVICE}",
            f"-DLLM_SERVER_PYTHON_EXECUTABLE={sys.executable}",
        ]
        launcher = "sccache" if which("sccache") else ("ccache" if which("ccache") else None)
        if launcher:
            for lang in ("C", "CXX", "CUDA", "HIP"):
                args.append(f"-DCMAKE_{lang}_COMPILER_LAUNCHER={launcher}")

        jobs, nvcc_threads = self._jobs()
        if nvcc_threads:
            args.append(f"-DNVCC_THREADS={nvcc_threads}")
        generator = []
        if which("ninja"):
            generator = ["-G", "Ninja"]
            args += ["-DCMAKE_JOB_POOL_COMPILE:STRING=compile",
                     f"-DCMAKE_JOB_POOLS:STRING=compile={jobs}"]

        os.makedirs(self.build_temp, exist_ok=True)
        subprocess.check_call(["cmake", ext.source_dir, *generator, *args],
                              cwd=self.build_temp)

    def build_extensions(self) -> None:
        for ext in self.extensions:
            self._configure(ext)
        targets = [ext.name.split(".", 1)[1] for ext in self.extensions]
        jobs, _ = self._jobs()
        subprocess.check_call(
            ["cmake", "--build", ".", f"-j={jobs}", *[f"--target={t}" for t in targets]],
            cwd=self.build_temp)
        for ext in self.extensions:
            prefix = Path(self.get_ext_fullpath(ext.name)).parent.parent
            subprocess.check_call(
                ["cmake", "--install", ".", "--prefix", str(prefix),
                 "--component", ext.name.split(".", 1)[1]],
                cwd=self.build_temp)


def read_requirements(filename: str) -> list[str]:
    """Reads a requirements file, following `-r` includes and dropping options."""
    result = []
    for raw in (REQUIREMENTS_DIR / filename).read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            result += read_requirements(line[3:].strip())
        elif not line.startswith("-"):
            result.append(line)
    return result


def requirements_for_device() -> list[str]:
    if is_cuda():
        return read_requirements("cuda.txt")
    if is_rocm():
        return read_requirements("rocm.txt")
    return read_requirements({
        "cpu": "cpu.txt",
        "xpu": "xpu.txt",
    }.get(TARGET_DEVICE, "common.txt"))


def package_version() -> str:
    version = get_version(write_to="llm_server/_version.py")
    sep = "." if "+" in version else "+"
    if is_cuda():
        cuda = nvcc_version()
        if f"{cuda.major}.{cuda.minor}" != MAIN_CUDA_VERSION:
            # sdists go to PyPI and must not carry a local label
            if "sdist" not in sys.argv:
                version += f"{sep}cu{cuda.major}{cuda.minor}"
    elif is_rocm():
        version += f"{sep}rocm{torch.version.hip.replace('.', '')[:3]}"
    elif TARGET_DEVICE in ("cpu", "xpu"):
        version += f"{sep}{TARGET_DEVICE}"
    return version


ext_modules = []
if is_cuda() or is_rocm() or TARGET_DEVICE == "cpu":
    ext_modules.append(CMakeExtension("llm_server._C"))

setup(
    version=package_version(),
    ext_modules=ext_modules,
    cmdclass={"build_ext": cmake_build_ext} if ext_modules else {},
    install_requires=requirements_for_device(),
    extras_require={
        "audio": ["librosa", "soundfile"],
        "tensorizer": ["tensorizer>=2.9.0"],
    },
    package_data={"llm_server": ["py.typed", "kernels/configs/*.json"]},
)
