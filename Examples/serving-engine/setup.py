# SPDX-License-Identifier: Apache-2.0
"""Packaging for serving-engine: picks the requirements file for the target
device, compiles the kernels with CMake and labels non-default wheels."""

import ctypes
import importlib.util
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from shutil import which

import torch
from packaging.version import Version, parse
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools_scm import get_version
from torch.utils.cpp_extension import CUDA_HOME, ROCM_HOME

ROOT = Path(__file__).parent
log = logging.getLogger(__name__)

# Wheels built with this toolkit are the default ones and carry no "+cuXYZ"
# label; keep in sync with ENGINE_MAIN_CUDA_VERSION in serving_engine/envs.py.
MAIN_CUDA_VERSION = "12.8"


def _load_module(name: str, rel_path: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / rel_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


envs = _load_module("serving_engine_envs", "serving_engine/envs.py")
TARGET = envs.ENGINE_TARGET_DEVICE

if sys.platform.startswith("darwin") and TARGET != "cpu":
    log.warning("Only CPU builds are supported on macOS; forcing ENGINE_TARGET_DEVICE=cpu")
    TARGET = "cpu"


def _is_cuda() -> bool:
    return TARGET == "cuda" and torch.version.cuda is not None


def _is_hip() -> bool:
    return TARGET in ("cuda", "rocm") and torch.version.hip is not None


def _is_tpu() -> bool:
    return TARGET == "tpu"


def get_nvcc_cuda_version() -> Version:
    assert CUDA_HOME is not None, "CUDA_HOME is not set"
    text = subprocess.check_output([CUDA_HOME + "/bin/nvcc", "-V"], universal_newlines=True)
    tokens = text.split()
    return parse(tokens[tokens.index("release") + 1].split(",")[0])


def get_rocm_version() -> str | None:
    try:
        lib = ctypes.CDLL("libamdhip64.so")
        major, minor, patch = ctypes.c_uint32(), ctypes.c_uint32(), ctypes.c_uint32()
        lib.hipGetVersion(ctypes.byref(major))
        return f"{major.value}.{minor.value}.{patch.value}"
    except OSError:
        return None


class CMakeExtension(Extension):
    def __init__(self, name: str, cmake_lists_dir: str = ".", **kwa) -> None:
        super().__init__(name, sources=[], py_limited_api=True, **kwa)
        self.cmake_lists_dir = os.path.abspath(cmake_lists_dir)


class BuildWithCMake(build_ext):
    did_config: dict[str, bool] = {}

    def compute_num_jobs(self):
        num_jobs = envs.MAX_JOBS
        num_jobs = int(num_jobs) if num_jobs is not None else (os.cpu_count() or 1)
        nvcc_threads = None
        if _is_cuda() and get_nvcc_cuda_version() >= Version("11.2"):
            nvcc_threads = int(envs.NVCC_THREADS or 1)
            num_jobs = max(1, num_jobs // nvcc_threads)
        return num_jobs, nvcc_threads

    def configure(self, ext: CMakeExtension) -> None:
        if self.did_config.get(ext.cmake_lists_dir):
            return
        self.did_config[ext.cmake_lists_dir] = True
        cfg = envs.CMAKE_BUILD_TYPE or ("Debug" if self.debug else "RelWithDebInfo")
        cmake_args = [
            f"-DCMAKE_BUILD_TYPE={cfg}",
            f"-DENGINE_TARGET_DEVICE={TARGET}",
            f"-DENGINE_PYTHON_EXECUTABLE={sys.executable}",
        ]
        if which("sccache"):
            cmake_args += [f"-DCMAKE_{lang}_COMPILER_LAUNCHER=sccache" for lang in ("C", "CXX", "CUDA", "HIP")]
        elif which("ccache"):
            cmake_args += [f"-DCMAKE_{lang}_COMPILER_LAUNCHER=ccache" for lang in ("C", "CXX", "CUDA", "HIP")]
        num_jobs, nvcc_threads = self.compute_num_jobs()
        if nvcc_threads:
            cmake_args.append(f"-DNVCC_THREADS={nvcc_threads}")
        build_tool = ["-G", "Ninja"] if which("ninja") else []
        os.makedirs(self.build_temp, exist_ok=True)
        subprocess.check_call(["cmake", ext.cmake_lists_dir, *build_tool, *cmake_args], cwd=self.build_temp)

    def build_extensions(self) -> None:
        for ext in self.extensions:
            self.configure(ext)
        num_jobs, _ = self.compute_num_jobs()
        targets = [ext.name.removeprefix("serving_engine.") for ext in self.extensions]
        subprocess.check_call(["cmake", "--build", ".", "-j", str(num_jobs), *[f"--target={t}" for t in targets]],
                              cwd=self.build_temp)
        for ext in self.extensions:
            outdir = Path(self.get_ext_fullpath(ext.name)).parent.parent.absolute()
            subprocess.check_call(["cmake", "--install", ".", "--prefix", str(outdir), "--component",
                                   ext.name.removeprefix("serving_engine.")], cwd=self.build_temp)


def get_requirements() -> list[str]:
    """Reads requirements/<device>.txt, following -r includes."""

    def _read(fname: str) -> list[str]:
        reqs: list[str] = []
        for line in (ROOT / "requirements" / fname).read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("--"):
                continue
            if line.startswith("-r "):
                reqs += _read(line.split()[1])
            else:
                reqs.append(line)
        return reqs

    if _is_cuda():
        reqs = _read("cuda.txt")
        cuda_major, cuda_minor = torch.version.cuda.split(".")[:2]
        # xformers and flashinfer ship cu12 builds only
        reqs = [r for r in reqs if "xformers" not in r or cuda_major == "12"]
    elif _is_hip():
        reqs = _read("rocm.txt")
    elif _is_tpu():
        reqs = _read("tpu.txt")
    elif TARGET == "cpu":
        reqs = _read("cpu.txt")
    else:
        raise ValueError(f"Unsupported target device {TARGET!r}")
    return reqs


def get_version_with_label() -> str:
    version = get_version(write_to="serving_engine/_version.py")
    sep = "+" if "+" not in version else "."
    if _is_cuda():
        cuda = get_nvcc_cuda_version()
        main_cuda = envs.ENGINE_MAIN_CUDA_VERSION or MAIN_CUDA_VERSION
        if f"{cuda.major}.{cuda.minor}" != main_cuda:
            cuda_tag = f"{cuda.major}{cuda.minor}"
            # sdists are uploaded to PyPI without a local label
            if "sdist" not in sys.argv:
                version += f"{sep}cu{cuda_tag}"
    elif _is_hip():
        rocm = get_rocm_version() or torch.version.hip
        version += f"{sep}rocm{''.join(rocm.split('.')[:2])}"
    elif _is_tpu():
        version += f"{sep}tpu"
    elif TARGET == "cpu":
        version += f"{sep}cpu"
    return version


ext_modules = []
if _is_cuda() or _is_hip() or TARGET == "cpu":
    ext_modules.append(CMakeExtension(name="serving_engine._C"))
if _is_cuda():
    ext_modules.append(CMakeExtension(name="serving_engine._moe_C"))
    if get_nvcc_cuda_version() >= Version("12.3"):
        ext_modules.append(CMakeExtension(name="serving_engine._flashmla_C"))

setup(
    version=get_version_with_label(),
    ext_modules=ext_modules,
    install_requires=get_requirements(),
    extras_require={
        "bench": ["pandas", "datasets"],
        "tensorizer": ["tensorizer==2.10.1"],
        "audio": ["librosa", "soundfile", "mistral_common[audio]"],
    },
    cmdclass={"build_ext": BuildWithCMake} if ext_modules else {},
    package_data={"serving_engine": ["py.typed", "model_executor/layers/fused_moe/configs/*.json"]},
)
