/// The extension catalogue compiled into torchbump (schema 1). Facts from shared/reference/extensions.md;
/// `uncertain` rows and "(inferred)" notes mark what the reference does not state outright. Version ↔ torch
/// tables for xformers, torchao and FlashInfer ≤ 0.3 live in the release matrix (`matrixTable`).
enum BundledExtensionCatalog {
    static let json = #"""
{
  "schema": 1,
  "entries": [
    {
      "name": "flashinfer-python",
      "display": "FlashInfer",
      "aliases": ["flashinfer", "flashinfer-cubin", "flashinfer-jit-cache"],
      "matrixTable": "flashinfer",
      "minimumArch": "7.5",
      "notes": [
        "keep flashinfer-python, flashinfer-cubin and flashinfer-jit-cache at the same version, and any Dockerfile ARG for the FlashInfer version in sync with the requirements pin"
      ],
      "eras": [
        {
          "versions": "<0.2",
          "label": "0.1.x: AOT wheels of `flashinfer` per CUDA × torch on flashinfer.ai",
          "coupling": "torch-minor",
          "distribution": "flashinfer",
          "locations": [
            {"kind": "project-index", "url": "https://flashinfer.ai/whl/{cuda_tag}/torch{torch_minor}/", "localLabel": "{cuda_tag}torch{torch_minor}"}
          ],
          "notes": ["FlashInfer ≥ 0.5 is torch-agnostic (no per-torch build): moving to it removes this build, at the cost of its API changes"],
          "recipe": {
            "git": "https://github.com/flashinfer-ai/flashinfer.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "TORCH_CUDA_ARCH_LIST",
            "env": [{"name": "FLASHINFER_ENABLE_AOT", "value": "1"}],
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "steps": ["git clone --recursive --branch {ref} {git} {dir}", "cd {dir}", "{uv_install} ."],
            "maxJobs": 4,
            "buildTime": "about 30 min with a full arch list, about 10 min with four archs (downstream figures for 0.2.x)",
            "pitfalls": ["the 0.1.x source build is not covered by the reference; this is the 0.2.0–0.2.5 recipe"]
          }
        },
        {
          "versions": ">=0.2,<0.2.6",
          "pypiIsJIT": true,
          "label": "0.2.0–0.2.5: AOT wheels per CUDA × torch; source build with FLASHINFER_ENABLE_AOT=1",
          "coupling": "torch-minor",
          "locations": [
            {"kind": "pytorch-index", "localLabel": "{cuda_tag}torch{torch_minor}", "offline": "unknown",
             "note": "download.pytorch.org held copies of a few releases (0.2.5, 0.2.6.post1 for cu128)"},
            {"kind": "project-index", "url": "https://flashinfer.ai/whl/{cuda_tag}/torch{torch_minor}/", "localLabel": "{cuda_tag}torch{torch_minor}"}
          ],
          "notes": ["FlashInfer ≥ 0.5 is torch-agnostic (no per-torch build): moving to it removes this build, at the cost of its API changes"],
          "recipe": {
            "git": "https://github.com/flashinfer-ai/flashinfer.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "TORCH_CUDA_ARCH_LIST",
            "env": [{"name": "FLASHINFER_ENABLE_AOT", "value": "1"}],
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "steps": ["git clone --recursive --branch {ref} {git} {dir}", "cd {dir}", "{uv_install} ."],
            "maxJobs": 4,
            "buildTime": "about 30 min with a full arch list, about 10 min with four archs (downstream figures)",
            "pitfalls": [
              "set FLASHINFER_ENABLE_SM90=0 when building with CUDA < 12",
              "AOT builds do not include the TRT-LLM cubins: download them with `python -m flashinfer --download-cubin` (flashinfer-ai/flashinfer#1352)"
            ]
          }
        },
        {
          "versions": ">=0.2.6,<0.3",
          "pypiIsJIT": true,
          "label": "0.2.6–0.2.14: AOT wheels per CUDA × torch; source build runs `python -m flashinfer.aot` first",
          "coupling": "torch-minor",
          "locations": [
            {"kind": "pytorch-index", "localLabel": "{cuda_tag}torch{torch_minor}", "offline": "unknown",
             "note": "download.pytorch.org held copies of a few releases (0.2.5, 0.2.6.post1 for cu128)"},
            {"kind": "project-index", "url": "https://flashinfer.ai/whl/{cuda_tag}/torch{torch_minor}/", "localLabel": "{cuda_tag}torch{torch_minor}"}
          ],
          "notes": ["FlashInfer ≥ 0.5 is torch-agnostic (no per-torch build): moving to it removes this build, at the cost of its API changes"],
          "recipe": {
            "git": "https://github.com/flashinfer-ai/flashinfer.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "TORCH_CUDA_ARCH_LIST",
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "steps": ["git clone --recursive --branch {ref} {git} {dir}", "cd {dir}", "python3 -m flashinfer.aot", "{uv_install} ."],
            "maxJobs": 4,
            "buildTime": "about 30 min with a full arch list, about 10 min with four archs (downstream figures)",
            "pitfalls": [
              "0.2.8: `python -m flashinfer.aot` needs a visible GPU and silently builds no kernels on GPU-less builders (fixed in 0.2.9)",
              "AOT builds do not include the TRT-LLM cubins: download them with `python -m flashinfer --download-cubin` (flashinfer-ai/flashinfer#1352, #1462)"
            ]
          }
        },
        {
          "versions": ">=0.3,<0.4",
          "pypiIsJIT": true,
          "label": "0.3.x: AOT wheels per CUDA × torch; the arch variable is FLASHINFER_CUDA_ARCH_LIST",
          "coupling": "torch-minor",
          "locations": [
            {"kind": "pytorch-index", "localLabel": "{cuda_tag}torch{torch_minor}", "offline": "unknown"},
            {"kind": "project-index", "url": "https://flashinfer.ai/whl/{cuda_tag}/torch{torch_minor}/", "localLabel": "{cuda_tag}torch{torch_minor}"}
          ],
          "notes": ["FlashInfer ≥ 0.5 is torch-agnostic (no per-torch build): moving to it removes this build, at the cost of its API changes"],
          "recipe": {
            "git": "https://github.com/flashinfer-ai/flashinfer.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "FLASHINFER_CUDA_ARCH_LIST",
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "steps": ["git clone --recursive --branch {ref} {git} {dir}", "cd {dir}", "python3 -m flashinfer.aot", "{uv_install} ."],
            "maxJobs": 4,
            "buildTime": "about 30 min with a full arch list, about 10 min with four archs (downstream figures)",
            "pitfalls": [
              "0.3.x renamed TORCH_CUDA_ARCH_LIST to FLASHINFER_CUDA_ARCH_LIST: AOT aborts without it, and forgetting the rename once shipped an image without AOT kernels",
              "AOT builds do not include the TRT-LLM cubins: download them with `flashinfer download-cubin` (flashinfer-ai/flashinfer#1352, #1462)"
            ]
          }
        },
        {
          "versions": ">=0.4",
          "label": "0.4+: torch-agnostic core (JIT; tvm-ffi from 0.5); flashinfer-jit-cache per CUDA on https://flashinfer.ai/whl/cu{NNN}",
          "coupling": "none",
          "locations": [{"kind": "pypi"}],
          "notes": [
            "flashinfer-jit-cache is published per CUDA on https://flashinfer.ai/whl/cuNNN (0.4.1: cu128, cu129, cu130); from 0.6.14 flashinfer-cubin is only on https://flashinfer.ai/whl",
            "0.4.x is treated as torch-agnostic at install time (no per-torch wheels from 0.4.0; inferred)"
          ]
        }
      ]
    },
    {
      "name": "xformers",
      "display": "xFormers",
      "matrixTable": "xformers",
      "eras": [
        {
          "label": "exact torch pin (torch==X.Y.Z) through 0.0.34; 0.0.35 builds on torch's stable ABI (torch>=2.10)",
          "coupling": "exact-torch",
          "locations": [
            {"kind": "pypi", "note": "PyPI carries the build for one CUDA only"},
            {"kind": "pytorch-index", "note": "every CUDA/ROCm variant; interim builds by the PyTorch release team also land here"}
          ],
          "recipe": {
            "git": "https://github.com/facebookresearch/xformers.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "TORCH_CUDA_ARCH_LIST",
            "env": [{"name": "FORCE_CUDA", "value": "1"}, {"name": "BUILD_VERSION", "value": "{version}"}],
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "maxJobs": 4,
            "buildTime": "tens of minutes; upstream CI allows 360 min at MAX_JOBS=4",
            "pitfalls": [
              "without FORCE_CUDA=1 or a TORCH_CUDA_ARCH_LIST a GPU-less builder silently produces a CPU-only build",
              "an isolated build pulls the newest torch from PyPI (HEAD build-requires torch>=2.10): always --no-build-isolation",
              "installing a PyPI xformers with an exact torch pin silently replaces the project's torch (facebookresearch/xformers#1258)"
            ]
          }
        }
      ]
    },
    {
      "name": "mamba-ssm",
      "display": "mamba-ssm",
      "releases": [
        {"version": "2.3.2.post1", "torch": ["2.6", "2.7", "2.8", "2.9", "2.10"], "cudaMajors": [11, 12, 13],
         "uncertain": true,
         "notes": "published torch matrix (state-spaces/mamba#999); CUDA majors, Pythons and ABI per cell not listed"},
        {"version": "2.2.5", "torch": ["2.8"], "cudaMajors": [12], "uncertain": true,
         "notes": "cu12torch2.8 assets exist (state-spaces/mamba#795); other cells unknown"},
        {"version": "2.2.4", "torch": [], "uncertain": true,
         "notes": "no torch 2.7 assets (state-spaces/mamba#720); other cells unknown"},
        {"version": "2.2.2", "torch": ["2.1", "2.2", "2.3", "2.4", "2.5"], "cudaMajors": [11, 12], "uncertain": true,
         "notes": "older 2.2.x releases covered torch 2.1.2–2.5.1 with CUDA 11/12"}
      ],
      "eras": [
        {
          "label": "GitHub release assets per torch minor × CUDA major × C++11 ABI × CPython; PyPI sdist only",
          "coupling": "torch-minor",
          "locations": [
            {"kind": "pypi", "sdistOnly": true},
            {"kind": "github-asset", "url": "https://github.com/state-spaces/mamba/releases/download/v{version}/",
             "filename": "mamba_ssm-{version}+cu{cuda_major}torch{torch_minor}cxx11abi{cxx11abi}-{python_tag}-{python_tag}-linux_x86_64.whl"}
          ],
          "recipe": {
            "git": "https://github.com/state-spaces/mamba.git", "tagFormat": "v{version}",
            "env": [{"name": "MAMBA_FORCE_BUILD", "value": "TRUE"}],
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "maxJobs": 4,
            "buildTime": "15–35 min on a 48-core machine (state-spaces/mamba#999)",
            "pitfalls": [
              "gencodes are hard-coded by nvcc version (sm75/80/87/90, +100/120 from nvcc 12.8, +103/110 from 13.0); TORCH_CUDA_ARCH_LIST does not choose them",
              "setup.py downloads a prebuilt asset first and aborts on connection errors: MAMBA_FORCE_BUILD=TRUE on network-isolated builders (state-spaces/mamba#421)",
              "a wheel built for another torch imports but fails with undefined symbols: rebuild after every torch minor change (state-spaces/mamba#149)"
            ]
          }
        }
      ]
    },
    {
      "name": "causal-conv1d",
      "display": "causal-conv1d",
      "releases": [
        {"version": "1.7.0", "torch": null, "notes": "newest PyPI sdist in the reference; asset matrix unknown"}
      ],
      "eras": [
        {
          "label": "GitHub release assets per torch minor × CUDA major × C++11 ABI × CPython; PyPI sdist only",
          "coupling": "torch-minor",
          "locations": [
            {"kind": "pypi", "sdistOnly": true},
            {"kind": "github-asset", "url": "https://github.com/Dao-AILab/causal-conv1d/releases/download/v{version}/",
             "filename": "causal_conv1d-{version}+cu{cuda_major}torch{torch_minor}cxx11abi{cxx11abi}-{python_tag}-{python_tag}-linux_x86_64.whl"}
          ],
          "recipe": {
            "git": "https://github.com/Dao-AILab/causal-conv1d.git", "tagFormat": "v{version}",
            "env": [{"name": "CAUSAL_CONV1D_FORCE_BUILD", "value": "TRUE"}],
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "maxJobs": 4,
            "buildTime": "similar to mamba-ssm: 15–35 min on a 48-core machine",
            "pitfalls": [
              "1.7.0 lists torch in its build requirements: use --no-build-isolation so the build sees the installed torch",
              "setup.py downloads a prebuilt asset first and aborts on connection errors: CAUSAL_CONV1D_FORCE_BUILD=TRUE on network-isolated builders"
            ]
          }
        }
      ]
    },
    {
      "name": "flash-attn",
      "display": "flash-attn",
      "minimumArch": "8.0",
      "releases": [
        {"version": "2.8.3.post1", "torch": ["2.4", "2.5", "2.6", "2.7", "2.8"], "cudaMajors": [12],
         "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "cxx11abi": ["TRUE", "FALSE"]},
        {"version": "2.8.3", "torch": ["2.4", "2.5", "2.6", "2.7", "2.8"], "cudaMajors": [12],
         "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "cxx11abi": ["TRUE", "FALSE"]},
        {"version": "2.8.2", "torch": ["2.4", "2.5", "2.6", "2.7"], "cudaMajors": [12],
         "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "cxx11abi": ["TRUE", "FALSE"]},
        {"version": "2.8.1", "torch": ["2.4", "2.5", "2.6", "2.7"], "cudaMajors": [12],
         "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "cxx11abi": ["TRUE", "FALSE"]},
        {"version": "2.8.0.post2", "torch": ["2.4", "2.5", "2.6", "2.7"], "cudaMajors": [12],
         "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "cxx11abi": ["TRUE", "FALSE"]},
        {"version": "2.7.4.post1", "torch": ["2.2", "2.3", "2.4", "2.5", "2.6"], "cudaMajors": [12],
         "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "cxx11abi": ["TRUE", "FALSE"]}
      ],
      "notes": ["community prebuilt wheels exist (e.g. github.com/mjun0812/flash-attention-prebuild-wheels); use them only by choice and record their provenance"],
      "eras": [
        {
          "label": "GitHub release assets per torch minor × CUDA major × C++11 ABI × CPython; PyPI sdist only",
          "coupling": "torch-minor",
          "locations": [
            {"kind": "pypi", "sdistOnly": true},
            {"kind": "github-asset", "url": "https://github.com/Dao-AILab/flash-attention/releases/download/v{version}/",
             "filename": "flash_attn-{version}+cu{cuda_major}torch{torch_minor}cxx11abi{cxx11abi}-{python_tag}-{python_tag}-linux_x86_64.whl"}
          ],
          "recipe": {
            "git": "https://github.com/Dao-AILab/flash-attention.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "FLASH_ATTN_CUDA_ARCHS", "archFormat": "sm",
            "env": [{"name": "FLASH_ATTENTION_FORCE_BUILD", "value": "TRUE"}],
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "maxJobs": 2, "nvccThreads": 2,
            "buildTime": "3–5 min on 64 cores with ninja, about 2 h without; upstream CI allows 5 h",
            "pitfalls": [
              "memory-hungry: roughly 8–9 GB RAM per compile job at 4 nvcc threads; jobs ≈ MAX_JOBS ÷ NVCC_THREADS",
              "FlashAttention-3 (Hopper) is a separate build in hopper/",
              "uv projects: [tool.uv] no-build-isolation-package = [\"flash-attn\"]"
            ]
          }
        }
      ]
    },
    {
      "name": "intel-extension-for-pytorch",
      "display": "Intel Extension for PyTorch",
      "lastTorch": "2.8",
      "blockedReason": "Intel stopped IPEX development after 2.8 and archived the repository on 2026-03-30 (intel/intel-extension-for-pytorch#867); no release will pair with newer torch. Keep the old pin and scope the platform out, or move to torch's native XPU support",
      "releases": [
        {"version": "2.8.10+xpu", "torch": ["2.8"], "variants": ["xpu"]},
        {"version": "2.7.10+xpu", "torch": ["2.7"], "variants": ["xpu"], "notes": "pairs with torch==2.7.0+xpu and oneccl_bind_pt==2.7.0+xpu"},
        {"version": "2.5.10+xpu", "torch": ["2.5"], "variants": ["xpu"]},
        {"version": "2.3.110+xpu", "torch": ["2.3"], "variants": ["xpu"]},
        {"version": "2.8.0", "torch": ["2.8"], "variants": ["cpu"]},
        {"version": "2.7.0", "torch": ["2.7"], "variants": ["cpu"]},
        {"version": "2.6.0", "torch": ["2.6"], "variants": ["cpu"]}
      ],
      "eras": [
        {
          "label": "vendor builds: XPU on Intel's index (X.Y.10+xpu ↔ torch X.Y), CPU on PyPI (X.Y.0 ↔ torch X.Y by convention)",
          "coupling": "vendor",
          "locations": [
            {"kind": "pypi", "variants": ["cpu"], "offline": "release-variants", "note": "CPU builds only, with no torch requirement in metadata"},
            {"kind": "project-index", "url": "https://pytorch-extension.intel.com/release-whl/stable/xpu/us/", "variants": ["xpu"],
             "note": "Intel's XPU index as named in the IPEX install docs (URL not in the reference)"}
          ]
        }
      ]
    },
    {
      "name": "torchao",
      "display": "torchao",
      "matrixTable": "torchao",
      "eras": [
        {
          "label": "compiled ops tied to one torch (skipped with a warning on a mismatch); abi3 wheels on PyPI and download.pytorch.org",
          "coupling": "exact-torch",
          "locations": [
            {"kind": "pypi"},
            {"kind": "pytorch-index", "offline": "torch-variants"}
          ],
          "recipe": {
            "git": "https://github.com/pytorch/ao.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "TORCH_CUDA_ARCH_LIST",
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "maxJobs": 4,
            "buildTime": "build time not recorded",
            "pitfalls": ["a torchao built for another torch does not fail: it skips its compiled ops and runs slow fallbacks (pytorch/ao#2908)"]
          }
        }
      ]
    },
    {
      "name": "bitsandbytes",
      "display": "bitsandbytes",
      "minimumTorch": "2.4",
      "eras": [
        {
          "label": "one py3-none-manylinux wheel for every torch (native libraries not linked against libtorch; inferred)",
          "coupling": "none",
          "locations": [{"kind": "pypi"}],
          "recipe": {
            "git": "https://github.com/bitsandbytes-foundation/bitsandbytes.git", "tagFormat": "{version}",
            "steps": ["git clone --branch {ref} {git} {dir}", "cd {dir}", "cmake -DCOMPUTE_BACKEND=cuda -S . -B build", "cmake --build build", "{uv_install} ."],
            "buildTime": "build time not recorded",
            "pitfalls": ["building needs CUDA toolkit ≥ 11.8"]
          }
        }
      ]
    },
    {
      "name": "deep-gemm",
      "display": "DeepGEMM",
      "aliases": ["deepgemm"],
      "eras": [
        {
          "label": "no usable wheel: built from git at a pinned commit",
          "coupling": "source-only",
          "recipe": {
            "git": "https://github.com/deepseek-ai/DeepGEMM.git", "tagFormat": "v{version}", "submodules": true,
            "archEnv": "TORCH_CUDA_ARCH_LIST", "fixedArchs": "9.0a 10.0a",
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "steps": ["git clone --recursive {git} {dir}", "cd {dir}", "git checkout {ref}", "git submodule update --init --recursive", "python3 setup.py bdist_wheel", "{uv_install} dist/*.whl"],
            "maxJobs": 4,
            "minimumCUDA": "12.8",
            "buildTime": "build time not recorded",
            "pitfalls": [
              "Hopper/Blackwell only (9.0a, 10.0a); downstream installers skip CUDA < 12.8",
              "the commit may also be pinned in a CMake external project: keep both in sync",
              "the PyPI project deep-gemm 1.0.0 is a lone sdist of unclear provenance: do not install it"
            ]
          }
        }
      ]
    },
    {
      "name": "apex",
      "display": "NVIDIA apex",
      "eras": [
        {
          "label": "no wheels: built from git with the C++ and CUDA extensions",
          "coupling": "source-only",
          "recipe": {
            "git": "https://github.com/NVIDIA/apex.git", "tagFormat": "{version}",
            "archEnv": "TORCH_CUDA_ARCH_LIST",
            "requires": ["setuptools", "wheel", "packaging", "ninja"],
            "steps": ["{uv_install} -C--build-option=--cpp_ext -C--build-option=--cuda_ext \"{git_url}\""],
            "maxJobs": 4,
            "buildTime": "build time not recorded",
            "pitfalls": [
              "pip spells the options --config-settings \"--build-option=--cpp_ext\" (older pip: --global-option); uv needs the -C--build-option=… form (astral-sh/uv#7771)",
              "the PyPI project named apex is unrelated: install from git only",
              "rebuild on every torch change"
            ]
          }
        }
      ]
    }
  ]
}
"""#
}
