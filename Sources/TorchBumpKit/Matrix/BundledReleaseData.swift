// Written from torchbump's reference notes (pytorch-releases.md §1–4, extensions.md §1, §2, §7); every cell is
// traceable to them, and cells they mark unverified, uncertain or inferred are listed in `uncertain`.
// `cudaImages` is not in the reference notes: it comes from NVIDIA's gitlab.com/nvidia/container-images/cuda
// doc/supported-tags.md (read through the GitHub mirror pdtgct/cuda at af2c41e, state with CUDA 13.0.2) and its
// README ("CUDA 12.5.1 brings support for Ubuntu 24.04 images"); glibc is the Ubuntu release's own. Only Ubuntu is
// tabulated; other OS flavours (ubi, rockylinux, …) get no answer.
// Keep `"schema": 1` unless ReleaseMatrix.schemaVersion changes.

/// The release matrix compiled into torchbump (a raw string, because SwiftPM resources break when a Linux
/// binary is moved).
enum BundledReleaseData {
    static let json = #"""
{
  "schema": 1,
  "generated": "2026-11-29",
  "source": "torchbump reference notes pytorch-releases.md (sections 1-4) and extensions.md (sections 1, 2, 7): PyPI wheel metadata, PyTorch RELEASE.md, pytorch/test-infra, xformers/torchao/torchcodec/flashinfer release data; state up to torch 2.15.0 (Oct 2026)",
  "releases": [
    {
      "torch": "2.0.0", "date": "2023-03-15",
      "torchvision": "0.15.1", "torchvisionYanked": ["0.15.0"],
      "torchaudio": "2.0.1", "torchaudioYanked": ["2.0.0"],
      "triton": {"specifier": "==2.0.0"},
      "python": ["3.8", "3.9", "3.10", "3.11"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu117", "cudaVariants": ["cu117", "cu118"], "rocmVariants": ["rocm5.4.2"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu11==11.7.99", "cudnn": "8.5.0.96", "cxxStandard": "C++14"
    },
    {
      "torch": "2.0.1", "date": "2023-05-08",
      "torchvision": "0.15.2", "torchaudio": "2.0.2",
      "triton": {"specifier": "==2.0.0"},
      "python": ["3.8", "3.9", "3.10", "3.11"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu117", "cudaVariants": ["cu117", "cu118"], "rocmVariants": ["rocm5.4.2"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu11==11.7.99", "cudnn": "8.5.0.96", "cxxStandard": "C++14"
    },
    {
      "torch": "2.1.0", "date": "2023-10-04",
      "torchvision": "0.16.0", "torchaudio": "2.1.0",
      "triton": {"specifier": "==2.1.0"},
      "python": ["3.8", "3.9", "3.10", "3.11"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm5.5", "rocm5.6"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm5.5", "cudaToolkitPip"],
      "notes": "rocm5.5 is only possibly published for 2.1.x; the cu121 runtime pin is the per-variant value, not checked per release"
    },
    {
      "torch": "2.1.1", "date": "2023-11-15",
      "torchvision": "0.16.1", "torchaudio": "2.1.1",
      "triton": {"specifier": "==2.1.0"},
      "python": ["3.8", "3.9", "3.10", "3.11"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm5.5", "rocm5.6"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm5.5", "cudaToolkitPip"],
      "notes": "rocm5.5 is only possibly published for 2.1.x; the cu121 runtime pin is the per-variant value, not checked per release"
    },
    {
      "torch": "2.1.2", "date": "2023-12-14",
      "torchvision": "0.16.2", "torchaudio": "2.1.2",
      "triton": {"specifier": "==2.1.0"},
      "python": ["3.8", "3.9", "3.10", "3.11"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm5.5", "rocm5.6"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm5.5", "cudaToolkitPip"],
      "notes": "rocm5.5 is only possibly published for 2.1.x; the cu121 runtime pin is the per-variant value, not checked per release"
    },
    {
      "torch": "2.2.0", "date": "2024-01-30",
      "torchvision": "0.17.0", "torchaudio": "2.2.0",
      "triton": {"specifier": "==2.2.0"},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm5.6"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["cudaToolkitPip"],
      "notes": "RELEASE.md names ROCm 5.7 for 2.2, but the 2.2.0 sub-index is rocm5.6; the cu121 runtime pin is the per-variant value"
    },
    {
      "torch": "2.2.1", "date": "2024-02-22",
      "torchvision": "0.17.1", "torchaudio": "2.2.1",
      "triton": {"specifier": "==2.2.0", "marker": "python_version<\"3.12\""},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm5.7"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["cudaToolkitPip"]
    },
    {
      "torch": "2.2.2", "date": "2024-03-27",
      "torchvision": "0.17.2", "torchaudio": "2.2.2",
      "triton": {"specifier": "==2.2.0", "marker": "python_version<\"3.12\""},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm5.7"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["cudaToolkitPip"]
    },
    {
      "torch": "2.3.0", "date": "2024-04-24",
      "torchvision": "0.18.0", "torchaudio": "2.3.0",
      "triton": {"specifier": "==2.3.0", "marker": "python_version<\"3.12\""},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm6.0"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["cudaToolkitPip"]
    },
    {
      "torch": "2.3.1", "date": "2024-06-05",
      "torchvision": "0.18.1", "torchaudio": "2.3.1",
      "triton": {"specifier": "==2.3.1", "marker": "python_version<\"3.12\""},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121"], "rocmVariants": ["rocm6.0"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "8.9.2.26", "cxxStandard": "C++17",
      "uncertain": ["cudaToolkitPip"]
    },
    {
      "torch": "2.4.0", "date": "2024-07-24",
      "torchvision": "0.19.0", "torchaudio": "2.4.0",
      "triton": {"specifier": "==3.0.0", "marker": "python_version<\"3.13\""},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121", "cu124"], "rocmVariants": ["rocm6.0", "rocm6.1"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "9.1.0.70", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.0", "cudaToolkitPip"],
      "notes": "sub-index list unverified; its CUDA builds match RELEASE.md's matrix, rocm6.0 does not appear there"
    },
    {
      "torch": "2.4.1", "date": "2024-09-04",
      "torchvision": "0.19.1", "torchaudio": "2.4.1",
      "triton": {"specifier": "==3.0.0", "marker": "python_version<\"3.13\""},
      "python": ["3.8", "3.9", "3.10", "3.11", "3.12"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu121", "cudaVariants": ["cu118", "cu121", "cu124"], "rocmVariants": ["rocm6.0", "rocm6.1"], "xpu": false,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.1.105", "cudnn": "9.1.0.70", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.0", "cudaToolkitPip"],
      "notes": "sub-index list unverified; its CUDA builds match RELEASE.md's matrix, rocm6.0 does not appear there"
    },
    {
      "torch": "2.5.0", "date": "2024-10-17",
      "torchvision": "0.20.0", "torchaudio": "2.5.0",
      "triton": {"specifier": "==3.1.0", "marker": "python_version<\"3.13\""},
      "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu124", "cudaVariants": ["cu118", "cu121", "cu124"], "rocmVariants": ["rocm6.1", "rocm6.2"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.4.127", "cudnn": "9.1.0.70", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.1", "xpu", "cudaToolkitPip"],
      "notes": "first XPU release; cp313 wheels for Linux x86_64 only; no cp38 wheels despite Requires-Python >=3.8.0; sub-index list unverified"
    },
    {
      "torch": "2.5.1", "date": "2024-10-29",
      "torchvision": "0.20.1", "torchaudio": "2.5.1",
      "triton": {"specifier": "==3.1.0", "marker": "python_version<\"3.13\""},
      "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "requiresPython": ">=3.8.0",
      "pypiCUDA": "cu124", "cudaVariants": ["cu118", "cu121", "cu124"], "rocmVariants": ["rocm6.1", "rocm6.2"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.4.127", "cudnn": "9.1.0.70", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.1", "xpu", "cudaToolkitPip"],
      "notes": "no cp38 wheels despite Requires-Python >=3.8.0; sub-index list unverified"
    },
    {
      "torch": "2.6.0", "date": "2025-01-29",
      "torchvision": "0.21.0", "torchaudio": "2.6.0",
      "torchvisionNote": "the pytorch/vision README lists 0.21 as Python <=3.12 although cp313 wheels exist",
      "triton": {"specifier": "==3.2.0"},
      "python": ["3.9", "3.10", "3.11", "3.12", "3.13"], "requiresPython": ">=3.9.0",
      "pypiCUDA": "cu124", "cudaVariants": ["cu118", "cu124", "cu126"], "rocmVariants": ["rocm6.1", "rocm6.2.4"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.4.127", "cudnn": "9.1.0.70", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.1", "xpu", "cudaToolkitPip"],
      "notes": "not on cu121 (opendatahub-io/notebooks#1462); sub-index list unverified"
    },
    {
      "torch": "2.7.0", "date": "2025-04-23",
      "torchvision": "0.22.0", "torchaudio": "2.7.0",
      "triton": {"specifier": "==3.3.0"},
      "python": ["3.9", "3.10", "3.11", "3.12", "3.13", "3.13t"], "requiresPython": ">=3.9.0",
      "pypiCUDA": "cu126", "cudaVariants": ["cu118", "cu126", "cu128"], "rocmVariants": ["rocm6.2.4", "rocm6.3"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.6.77", "cudnn": "9.5.1.17", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.2.4", "xpu", "cudaToolkitPip"],
      "notes": "sub-index list unverified; its CUDA builds match RELEASE.md's matrix"
    },
    {
      "torch": "2.7.1", "date": "2025-06-04",
      "torchvision": "0.22.1", "torchaudio": "2.7.1",
      "triton": {"specifier": "==3.3.1"},
      "python": ["3.9", "3.10", "3.11", "3.12", "3.13", "3.13t"], "requiresPython": ">=3.9.0",
      "pypiCUDA": "cu126", "cudaVariants": ["cu118", "cu126", "cu128"], "rocmVariants": ["rocm6.2.4", "rocm6.3"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.6.77", "cudnn": "9.5.1.17", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.2.4", "xpu", "cudaToolkitPip"],
      "notes": "sub-index list unverified; its CUDA builds match RELEASE.md's matrix"
    },
    {
      "torch": "2.8.0", "date": "2025-08-06",
      "torchvision": "0.23.0", "torchaudio": "2.8.0",
      "triton": {"specifier": "==3.4.0"},
      "python": ["3.9", "3.10", "3.11", "3.12", "3.13", "3.13t"], "requiresPython": ">=3.9.0",
      "pypiCUDA": "cu128", "cudaVariants": ["cu126", "cu128", "cu129"], "rocmVariants": ["rocm6.3", "rocm6.4"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.8.90", "cudnn": "9.10.2.21", "cxxStandard": "C++17",
      "uncertain": ["rocmVariants:rocm6.3", "xpu", "cudaToolkitPip"],
      "notes": "sub-index list unverified; its CUDA builds match RELEASE.md's matrix"
    },
    {
      "torch": "2.9.0", "date": "2025-10-15",
      "torchvision": "0.24.0", "torchaudio": "2.9.0",
      "triton": {"specifier": "==3.5.0"},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu128", "cudaVariants": ["cu126", "cu128", "cu129", "cu130"], "rocmVariants": ["rocm6.3", "rocm6.4"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.8.90", "cudnn": "9.10.2.21", "cxxStandard": "C++17",
      "uncertain": ["cudaVariants:cu129", "cudaToolkitPip"],
      "notes": "cu129 known from third-party data only"
    },
    {
      "torch": "2.9.1", "date": "2025-11-12",
      "torchvision": "0.24.1", "torchaudio": "2.9.1",
      "triton": {"specifier": "==3.5.1"},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu128", "cudaVariants": ["cu126", "cu128", "cu129", "cu130"], "rocmVariants": ["rocm6.3", "rocm6.4"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.8.90", "cudnn": "9.10.2.21", "cxxStandard": "C++17",
      "uncertain": ["cudaVariants:cu129", "cudaToolkitPip"],
      "notes": "cu129 known from third-party data only"
    },
    {
      "torch": "2.10.0", "date": "2026-01-21",
      "torchvision": "0.25.0", "torchaudio": "2.10.0",
      "triton": {"specifier": "==3.6.0"},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu128", "cudaVariants": ["cu126", "cu128", "cu129", "cu130"], "rocmVariants": ["rocm7.0", "rocm7.1"], "xpu": true,
      "cudaToolkitPip": "nvidia-cuda-runtime-cu12==12.8.90", "cudnn": "9.10.2.21", "cxxStandard": "C++17",
      "uncertain": ["cudaVariants:cu129", "cudaToolkitPip"],
      "notes": "cu129 known from third-party data only; also requires cuda-bindings==12.9.4; last torchaudio that pins torch exactly"
    },
    {
      "torch": "2.11.0", "date": "2026-03-23",
      "torchvision": "0.26.0", "torchaudio": "2.11.0",
      "torchaudioNote": "torchaudio 2.11.0 declares no torch requirement",
      "triton": {"specifier": "==3.6.0"},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu130", "cudaVariants": ["cu126", "cu128", "cu129", "cu130"], "rocmVariants": ["rocm7.1", "rocm7.2"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.0.2", "cudnn": "9.19.0.56", "cxxStandard": "C++17",
      "uncertain": ["cudaVariants:cu129"],
      "notes": "last torch on cu128; no cu132; cu129 known from third-party data only; RELEASE.md lists cuDNN 9.17.1.4 but the wheel pins 9.19.0.56"
    },
    {
      "torch": "2.12.0", "date": "2026-05-13",
      "torchvision": "0.27.0", "torchaudioNewestUsable": "2.11.0",
      "triton": {"specifier": "==3.7.0"},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu130", "cudaVariants": ["cu126", "cu130", "cu132"], "rocmVariants": ["rocm7.1", "rocm7.2"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.0.2", "cudnn": "9.20.0.48", "cxxStandard": "C++17",
      "notes": "also pins nvidia-cublas>=13.1.0.3,<=13.1.1.3"
    },
    {
      "torch": "2.12.1", "date": "2026-06-17",
      "torchvision": "0.27.1", "torchaudioNewestUsable": "2.11.0",
      "torchaudioNote": "test-infra release/release_versions.sh pairs torch 2.12.1 with torchaudio 2.11.0",
      "triton": {"specifier": "==3.7.1"},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu130", "cudaVariants": ["cu126", "cu129", "cu130", "cu132"], "rocmVariants": ["rocm7.1", "rocm7.2"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.0.2", "cudnn": "9.20.0.48", "cxxStandard": "C++17",
      "uncertain": ["cudaVariants:cu129"],
      "notes": "cp313t dropped; cu129 known from third-party data only"
    },
    {
      "torch": "2.13.0", "date": "2026-07-08",
      "torchvision": "0.28.0", "torchaudioNewestUsable": "2.11.0",
      "triton": {"specifier": "==3.7.1", "marker": "python_version<\"3.15\""},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu130", "cudaVariants": ["cu126", "cu129", "cu130", "cu132"], "rocmVariants": ["rocm7.1", "rocm7.2"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.0.3", "cudnn": "9.20.0.48", "cxxStandard": "C++20",
      "uncertain": ["cudaVariants:cu129"],
      "notes": "last torch on cu129 (known from third-party data only); C++20 from this release; RELEASE.md lists Python 3.15 but no cp315 wheels exist"
    },
    {
      "torch": "2.14.0", "date": "2026-09-02",
      "torchvision": "0.29.0", "torchaudioNewestUsable": "2.11.0",
      "triton": {"specifier": "~=3.8.0", "marker": "python_version<\"3.15\""},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu130", "cudaVariants": ["cu126", "cu130", "cu132"], "rocmVariants": ["rocm7.2", "rocm7.14"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.0.3", "cudnn": "9.24.0.43", "cxxStandard": "C++20",
      "uncertain": ["rocmVariants:rocm7.14"],
      "notes": "rocm7.1 has no 2.14 wheels; RELEASE.md's ROCm cell reads \"7.14\" (possibly a typo)"
    },
    {
      "torch": "2.14.1", "date": "2026-09-30",
      "torchvision": "0.29.1", "torchaudioNewestUsable": "2.11.0",
      "torchvisionNote": "torchvision 0.29.1 declares torch>=2.14.0; the pairing is inferred from upload timing",
      "triton": {"specifier": "~=3.8.0", "marker": "python_version<\"3.15\""},
      "python": ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t"], "requiresPython": ">=3.10",
      "pypiCUDA": "cu130", "cudaVariants": ["cu126", "cu130", "cu132"], "rocmVariants": ["rocm7.2", "rocm7.14"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.0.3", "cudnn": "9.24.0.43", "cxxStandard": "C++20",
      "uncertain": ["torchvision", "rocmVariants:rocm7.14"],
      "notes": "rocm7.1 has no 2.14 wheels; RELEASE.md's ROCm cell reads \"7.14\" (possibly a typo)"
    },
    {
      "torch": "2.15.0", "date": "2026-10-28",
      "torchvision": "0.29.2", "torchaudioNewestUsable": "2.11.1",
      "torchvisionNote": "no torchvision 0.30 on PyPI; 0.29.2 (py3-none, torch>=2.14.0) was uploaded the same day",
      "torchaudioNote": "torchaudio 2.11.1 is a py3-none wheel requiring torch>=2.11",
      "triton": {"specifier": "~=3.9.0", "marker": "python_version<\"3.16\""},
      "python": ["3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t"], "requiresPython": ">=3.11",
      "pypiCUDA": "cu132", "cudaVariants": ["cu126", "cu130", "cu132"], "testOnlyVariants": ["cu134"],
      "rocmVariants": ["rocm7.2", "rocm7.14"], "xpu": true,
      "cudaToolkitPip": "cuda-toolkit==13.2.2", "cudnn": "9.26.0.51",
      "uncertain": ["torchvision", "cudaVariants", "rocmVariants", "xpu", "testOnlyVariants"],
      "notes": "sub-indexes unknown; best known list from test-infra (Aug 2026): release CUDA 12.6/13.0/13.2, test and nightly add 13.4 (no Windows); ROCm test/nightly 7.2 and 7.14; a claim that cu126 disappears in 2.15 is unverified"
    }
  ],
  "cuda": [
    {"version": "11.7", "minDriverLinux": "450.80.02", "minDriverWindows": "452.39",
     "notes": "patch levels and SM targets are not in the reference"},
    {"version": "11.8", "latestPatch": "11.8.0", "patches": ["11.8.0"],
     "sm": ["3.5", "3.7", "5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "smDeprecated": ["3.5", "3.7"], "minDriverLinux": "450.80.02", "minDriverWindows": "452.39"},
    {"version": "12.0", "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33"},
    {"version": "12.1", "latestPatch": "12.1.1", "patches": ["12.1.0", "12.1.1"],
     "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33"},
    {"version": "12.2", "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33"},
    {"version": "12.3", "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33"},
    {"version": "12.4", "latestPatch": "12.4.1", "patches": ["12.4.0", "12.4.1"],
     "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33",
     "notes": "12.4.1 is the common Dockerfile default"},
    {"version": "12.5", "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33"},
    {"version": "12.6", "latestPatch": "12.6.3", "patches": ["12.6.3"],
     "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33",
     "notes": "RELEASE.md's support matrix for 2.12-2.14 lists 12.6.3"},
    {"version": "12.8", "latestPatch": "12.8.1", "patches": ["12.8.0", "12.8.1"],
     "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0", "10.0", "10.1", "12.0"],
     "smDeprecated": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33",
     "notes": "12.8.1 is common in release images"},
    {"version": "12.9", "latestPatch": "12.9.1", "patches": ["12.9.0", "12.9.1"],
     "sm": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9", "9.0", "10.0", "10.1", "10.3", "12.0", "12.1"],
     "smDeprecated": ["5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0"],
     "minDriverLinux": "525.60.13", "minDriverWindows": "528.33",
     "notes": "last toolkit with Maxwell, Pascal and Volta"},
    {"version": "13.0", "latestPatch": "13.0.2", "patches": ["13.0.1", "13.0.2"],
     "sm": ["7.5", "8.0", "8.6", "8.7", "8.8", "8.9", "9.0", "10.0", "10.3", "11.0", "12.0", "12.1"],
     "smRenamed": {"10.1": "11.0"},
     "minDriverLinux": "580", "minDriverWindows": "580",
     "notes": "RELEASE.md lists 13.0.2; torch 2.13/2.14 pin pip cuda-toolkit==13.0.3, whether a 13.0.3 container tag exists is uncertain"},
    {"version": "13.1",
     "sm": ["7.5", "8.0", "8.6", "8.7", "8.8", "8.9", "9.0", "10.0", "10.3", "11.0", "12.0", "12.1"],
     "smRenamed": {"10.1": "11.0"},
     "minDriverLinux": "580", "minDriverWindows": "580",
     "uncertain": ["sm"], "notes": "SM targets assumed the same as 13.0"},
    {"version": "13.2", "latestPatch": "13.2.1", "patches": ["13.2.1"],
     "sm": ["7.5", "8.0", "8.6", "8.7", "8.8", "8.9", "9.0", "10.0", "10.3", "11.0", "12.0", "12.1"],
     "smRenamed": {"10.1": "11.0"},
     "minDriverLinux": "580", "minDriverWindows": "580",
     "uncertain": ["sm"], "notes": "SM targets assumed the same as 13.0; RELEASE.md lists 13.2.1; torch 2.15 pins pip cuda-toolkit==13.2.2"},
    {"version": "13.4", "smRenamed": {"10.1": "11.0"},
     "notes": "test and nightly channels only (torch 2.15, per test-infra); patch levels, SM targets and driver floor are not in the reference"}
  ],
  "cudaImages": [
    {"os": "ubuntu18.04", "through": "12.0", "glibc": "2.27",
     "notes": "NVIDIA supported-tags.md lists ubuntu18.04 images up to 12.0.1"},
    {"os": "ubuntu20.04", "from": "11.0", "through": "12.9", "glibc": "2.31",
     "notes": "supported-tags.md lists ubuntu20.04 images from 11.0.3 to 12.9.1 and none for CUDA 13 (also vllm-project/vllm#35386: no CUDA 13.x devel images for Ubuntu 20.04)"},
    {"os": "ubuntu22.04", "from": "11.7", "glibc": "2.35",
     "notes": "supported-tags.md lists ubuntu22.04 images from 11.7.1 to 13.0.2 (newest in the snapshot); later minors assumed"},
    {"os": "ubuntu24.04", "from": "12.5", "glibc": "2.39",
     "notes": "CUDA 12.5.1 brought Ubuntu 24.04 images (container-images README); supported-tags.md lists them up to 13.0.2 (newest in the snapshot); later minors assumed"}
  ],
  "wheelArchLists": [
    {"from": "2.0", "through": "2.0", "variant": "cu117", "archList": "3.7;5.0;6.0;7.0;7.5;8.0;8.6"},
    {"from": "2.0", "through": "2.0", "variant": "cu118", "archList": "3.7;5.0;6.0;7.0;7.5;8.0;8.6;9.0"},
    {"from": "2.1", "through": "2.6", "variant": "cu118", "archList": "3.7;5.0;6.0;7.0;7.5;8.0;8.6;9.0"},
    {"from": "2.7", "through": "2.7", "variant": "cu118", "archList": "3.7;5.0;6.0;7.0;7.5;8.0;8.6;9.0",
     "uncertain": true, "notes": "\"as 2.6 (likely)\""},
    {"from": "2.1", "through": "2.5", "variant": "cu121", "archList": "5.0;6.0;7.0;7.5;8.0;8.6;9.0"},
    {"from": "2.4", "through": "2.5", "variant": "cu124", "archList": "5.0;6.0;7.0;7.5;8.0;8.6;9.0"},
    {"from": "2.6", "through": "2.6", "variant": "cu124", "archList": "5.0;6.0;7.0;7.5;8.0;8.6;9.0",
     "uncertain": true, "notes": "\"as 2.5 (inferred)\""},
    {"from": "2.6", "through": "2.14", "variant": "cu126", "archList": "5.0;6.0;7.0;7.5;8.0;8.6;9.0",
     "notes": "2.6/2.7 rows rely on third-party fixtures plus corroborating reports"},
    {"from": "2.7", "through": "2.7", "variant": "cu128", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX",
     "notes": "no sm_70; 2.6/2.7 rows rely on third-party fixtures plus corroborating reports"},
    {"from": "2.8", "through": "2.10", "variant": "cu128", "archList": "7.0;7.5;8.0;8.6;9.0;10.0;12.0",
     "notes": "sm_70 back (pytorch/pytorch#157517)"},
    {"from": "2.11", "through": "2.11", "variant": "cu128", "archList": "7.5;8.0;8.6;9.0;10.0;12.0",
     "notes": "sm_70 dropped (RFC pytorch/pytorch#172352)"},
    {"from": "2.8", "through": "2.10", "variant": "cu129", "archList": "7.0;7.5;8.0;8.6;9.0;10.0;12.0+PTX"},
    {"from": "2.11", "through": "2.11", "variant": "cu129", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX",
     "notes": "the reference elides the middle of this list (\"7.5;...;12.0+PTX\")"},
    {"from": "2.12", "through": "2.14", "variant": "cu129", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX",
     "uncertain": true, "notes": "\"as 2.11 (uncertain)\""},
    {"from": "2.9", "through": "2.10", "variant": "cu130", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX"},
    {"from": "2.11", "through": "2.11", "variant": "cu130", "archList": "7.5;8.0;8.6;9.0;10.0;12.0",
     "uncertain": true, "notes": "RELEASE.md says +PTX"},
    {"from": "2.12", "through": "2.12", "variant": "cu130", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX"},
    {"from": "2.12", "through": "2.12", "variant": "cu132", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX"},
    {"from": "2.13", "through": "2.14", "variant": "cu130", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX",
     "uncertain": true, "notes": "whether 2.13/2.14 release builds drop +PTX is disputed; check torch.cuda.get_arch_list() for compute_120"},
    {"from": "2.13", "through": "2.14", "variant": "cu132", "archList": "7.5;8.0;8.6;9.0;10.0;12.0+PTX",
     "uncertain": true, "notes": "whether 2.13/2.14 release builds drop +PTX is disputed; check torch.cuda.get_arch_list() for compute_120"}
  ],
  "extensions": {
    "xformers": [
      {"version": "0.0.27", "torch": "==2.3.1"},
      {"version": "0.0.27.post1", "torch": "==2.4.0"},
      {"version": "0.0.27.post2", "torch": "==2.4.0"},
      {"version": "0.0.28", "torch": "==2.4.1"},
      {"version": "0.0.28.post1", "torch": "==2.4.1"},
      {"version": "0.0.28.post2", "torch": "==2.5.0"},
      {"version": "0.0.28.post3", "torch": "==2.5.1"},
      {"version": "0.0.29", "torch": "==2.5.1"},
      {"version": "0.0.29.post1", "torch": "==2.5.1"},
      {"version": "0.0.29.post2", "torch": "==2.6.0", "variants": ["cu118", "cu124", "cu126"], "pypiVariant": "cu124"},
      {"version": "0.0.29.post3", "torch": "==2.6.0", "variants": ["cu118", "cu124", "cu126"], "pypiVariant": "cu124"},
      {"version": "0.0.30", "torch": "==2.7.0", "variants": ["cu118", "cu126", "cu128"], "pypiVariant": "cu126"},
      {"version": "0.0.31", "torch": "==2.7.1", "variants": ["cu118", "cu126", "cu128"], "pypiVariant": "cu126"},
      {"version": "0.0.31.post1", "torch": "==2.7.1", "variants": ["cu118", "cu126", "cu128"], "pypiVariant": "cu126"},
      {"version": "0.0.32.post1", "torch": "==2.8.0", "variants": ["cu126", "cu128", "cu129"], "pypiVariant": "cu128"},
      {"version": "0.0.32.post2", "torch": "==2.8.0", "variants": ["cu126", "cu128", "cu129"], "pypiVariant": "cu128"},
      {"version": "0.0.33", "torch": "==2.9.0", "variants": ["cu126", "cu128", "cu130"], "pypiVariant": "cu130",
       "notes": "the PyPI upload was filtered to cu130; .post1 fixed it"},
      {"version": "0.0.33.post1", "torch": "==2.9.0", "variants": ["cu126", "cu128", "cu130"],
       "notes": "fixed the 0.0.33 PyPI upload; its PyPI CUDA flavour is not in the reference"},
      {"version": "0.0.33.post2", "torch": "==2.9.1", "variants": ["cu126", "cu128", "cu130"], "pypiVariant": "cu128"},
      {"version": "0.0.34", "torch": "==2.10.0", "variants": ["cu126", "cu128", "cu130"], "pypiVariant": "cu128",
       "notes": "CHANGELOG says torch 2.10 \"and later\", metadata pins ==2.10.0"},
      {"version": "0.0.35", "torch": ">=2.10", "variants": ["cu126", "cu128", "cu130"], "pypiVariant": "cu128",
       "notes": "built on torch's stable ABI; py39-none wheels"}
    ],
    "torchao": [
      {"version": "0.14.1", "torch": "==2.9.0", "notes": "torchao/__init__.py compatibility table (pytorch/ao#3455)"},
      {"version": "0.15.0", "torch": "==2.9.1", "notes": "torchao/__init__.py compatibility table (pytorch/ao#3455)"},
      {"version": "0.18.0", "torch": "==2.11.*", "notes": "targets torch 2.11"}
    ],
    "torchcodec": [
      {"version": "0.0.3", "torch": "==2.4.*"},
      {"version": "0.1", "torch": "==2.5.*", "uncertain": true, "notes": "unverified"},
      {"version": "0.2", "torch": "==2.6.*", "uncertain": true, "notes": "unverified"},
      {"version": "0.3", "torch": "==2.7.*"},
      {"version": "0.4", "torch": "==2.7.*"},
      {"version": "0.5", "torch": "==2.7.*"},
      {"version": "0.6", "torch": "==2.8.*"},
      {"version": "0.7", "torch": "==2.8.*"},
      {"version": "0.8", "torch": "==2.9.*"},
      {"version": "0.9", "torch": "==2.9.*"},
      {"version": "0.10", "torch": "==2.10.*"},
      {"version": "0.11", "torch": "==2.11.*"},
      {"version": "0.12", "torch": ">=2.11", "notes": "0.12 and later require torch >=2.11"}
    ],
    "flashinfer": [
      {"fromTag": "v0.2.0", "throughTag": "v0.2.0", "builds": [
        {"torch": "2.2", "variants": ["cu118", "cu121"]},
        {"torch": "2.3", "variants": ["cu118", "cu121"]},
        {"torch": "2.4", "variants": ["cu118", "cu121", "cu124"]}],
       "notes": "arch list 7.5 8.0 8.9 9.0+PTX"},
      {"fromTag": "v0.2.1.post2", "throughTag": "v0.2.3", "builds": [
        {"torch": "2.4", "variants": ["cu118", "cu121", "cu124"]},
        {"torch": "2.5", "variants": ["cu118", "cu121", "cu124"]},
        {"torch": "2.6", "variants": ["cu118", "cu121", "cu124"]}]},
      {"fromTag": "v0.2.5", "throughTag": "v0.2.5", "builds": [
        {"torch": "2.4", "variants": ["cu118", "cu121", "cu124"]},
        {"torch": "2.5", "variants": ["cu118", "cu121", "cu124"]},
        {"torch": "2.6", "variants": ["cu118", "cu124", "cu126"]}]},
      {"fromTag": "v0.2.6.post1", "throughTag": "v0.3.1", "builds": [
        {"torch": "2.5", "variants": ["cu118", "cu121", "cu124"]},
        {"torch": "2.6", "variants": ["cu118", "cu124", "cu126"]},
        {"torch": "2.7", "variants": ["cu118", "cu126", "cu128"]}],
       "uncertain": true, "notes": "from 0.2.6 the x86_64 wheel workflow is manually dispatched: probe whether each cell was published"}
    ]
  }
}
"""#
}
