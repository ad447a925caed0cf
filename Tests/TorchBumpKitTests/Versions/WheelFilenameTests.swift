import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct WheelFilenameTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var name: String
        var version: String
        var build: String? = nil
        var python: [String]
        var abi: [String]
        var platform: [String]
        var variant: String?
        var description: String { input }
    }

    static let cases: [Case] = [
        Case(input: "torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", name: "torch", version: "2.7.0+cu128",
             python: ["cp312"], abi: ["cp312"], platform: ["manylinux_2_28_x86_64"], variant: "cu128"),
        Case(input: "torch-2.6.0.dev20250102+cu126-cp311-cp311-manylinux_2_28_x86_64.whl", name: "torch",
             version: "2.6.0.dev20250102+cu126", python: ["cp311"], abi: ["cp311"], platform: ["manylinux_2_28_x86_64"],
             variant: "cu126"),
        Case(input: "torch-2.8.0-cp311-cp311-manylinux_2_28_x86_64.whl", name: "torch", version: "2.8.0",
             python: ["cp311"], abi: ["cp311"], platform: ["manylinux_2_28_x86_64"], variant: nil),
        Case(input: "torch-2.1.0-cp311-none-macosx_11_0_arm64.whl", name: "torch", version: "2.1.0",
             python: ["cp311"], abi: ["none"], platform: ["macosx_11_0_arm64"], variant: nil),
        Case(input: "torch-2.9.0+cu130-cp313-cp313t-manylinux_2_28_aarch64.whl", name: "torch", version: "2.9.0+cu130",
             python: ["cp313"], abi: ["cp313t"], platform: ["manylinux_2_28_aarch64"], variant: "cu130"),
        Case(input: "torch-2.2.2+rocm6.2.4-cp310-cp310-linux_x86_64.whl", name: "torch", version: "2.2.2+rocm6.2.4",
             python: ["cp310"], abi: ["cp310"], platform: ["linux_x86_64"], variant: "rocm6.2.4"),
        Case(input: "torch-2.8.0+xpu-cp312-cp312-win_amd64.whl", name: "torch", version: "2.8.0+xpu",
             python: ["cp312"], abi: ["cp312"], platform: ["win_amd64"], variant: "xpu"),
        Case(input: "torch-2.0.1+cpu.cxx11.abi-cp310-cp310-linux_x86_64.whl", name: "torch", version: "2.0.1+cpu.cxx11.abi",
             python: ["cp310"], abi: ["cp310"], platform: ["linux_x86_64"], variant: "cpu"),
        Case(input: "torchvision-0.19.0-1-cp310-cp310-manylinux1_x86_64.whl", name: "torchvision", version: "0.19.0",
             build: "1", python: ["cp310"], abi: ["cp310"], platform: ["manylinux1_x86_64"], variant: nil),
        Case(input: "flashinfer_python-0.2.1.post2+cu124torch2.6-cp38-abi3-linux_x86_64.whl", name: "flashinfer-python",
             version: "0.2.1.post2+cu124torch2.6", python: ["cp38"], abi: ["abi3"], platform: ["linux_x86_64"], variant: nil),
        Case(input: "mamba_ssm-2.2.4+cu12torch2.7cxx11abiTRUE-cp312-cp312-linux_x86_64.whl", name: "mamba-ssm",
             version: "2.2.4+cu12torch2.7cxx11abitrue", python: ["cp312"], abi: ["cp312"], platform: ["linux_x86_64"],
             variant: nil),
        Case(input: "xformers-0.0.33%2B5d4b92a5.d20251029-cp39-abi3-linux_x86_64.whl", name: "xformers",
             version: "0.0.33+5d4b92a5.d20251029", python: ["cp39"], abi: ["abi3"], platform: ["linux_x86_64"], variant: nil),
        Case(input: "xformers-0.0.30-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", name: "xformers",
             version: "0.0.30", python: ["cp310"], abi: ["cp310"],
             platform: ["manylinux_2_17_x86_64", "manylinux2014_x86_64"], variant: nil),
        Case(input: "xformers-0.0.35-py39-none-manylinux_2_28_x86_64.whl", name: "xformers", version: "0.0.35",
             python: ["py39"], abi: ["none"], platform: ["manylinux_2_28_x86_64"], variant: nil),
        Case(input: "intel_extension_for_pytorch-2.8.10.post1%2Bxpu-cp312-cp312-linux_x86_64.whl",
             name: "intel-extension-for-pytorch", version: "2.8.10.post1+xpu", python: ["cp312"], abi: ["cp312"],
             platform: ["linux_x86_64"], variant: "xpu"),
        Case(input: "bitsandbytes-0.45.3-py3-none-manylinux_2_24_aarch64.whl", name: "bitsandbytes", version: "0.45.3",
             python: ["py3"], abi: ["none"], platform: ["manylinux_2_24_aarch64"], variant: nil),
        Case(input: "flashinfer_python-0.5.0-py3-none-any.whl", name: "flashinfer-python", version: "0.5.0",
             python: ["py3"], abi: ["none"], platform: ["any"], variant: nil),
        Case(input: "six-1.16.0-py2.py3-none-any.whl", name: "six", version: "1.16.0", python: ["py2", "py3"],
             abi: ["none"], platform: ["any"], variant: nil),
        Case(input: "torchao-0.13.0.dev20250814-cp39-abi3-manylinux_2_28_x86_64.whl", name: "torchao",
             version: "0.13.0.dev20250814", python: ["cp39"], abi: ["abi3"], platform: ["manylinux_2_28_x86_64"], variant: nil),
        Case(input: "numpy-2.0.0-cp312-cp312-macosx_10_9_universal2.whl", name: "numpy", version: "2.0.0",
             python: ["cp312"], abi: ["cp312"], platform: ["macosx_10_9_universal2"], variant: nil),
        Case(input: "causal_conv1d-1.5.2+cu12torch2.7cxx11abiTRUE-cp312-cp312-linux_x86_64.whl", name: "causal-conv1d",
             version: "1.5.2+cu12torch2.7cxx11abitrue", python: ["cp312"], abi: ["cp312"], platform: ["linux_x86_64"], variant: nil),
        Case(input: "flash_attn-2.8.3+cu12torch2.8cxx11abiTRUE-cp312-cp312-linux_x86_64.whl", name: "flash-attn",
             version: "2.8.3+cu12torch2.8cxx11abitrue", python: ["cp312"], abi: ["cp312"], platform: ["linux_x86_64"], variant: nil),
        Case(input: "flashinfer_jit_cache-0.4.1+cu129-cp39-abi3-manylinux_2_28_aarch64.whl", name: "flashinfer-jit-cache",
             version: "0.4.1+cu129", python: ["cp39"], abi: ["abi3"], platform: ["manylinux_2_28_aarch64"], variant: "cu129"),
        Case(input: "fbgemm_gpu-1.2.0rc1+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", name: "fbgemm-gpu",
             version: "1.2.0rc1+cu128", python: ["cp312"], abi: ["cp312"], platform: ["manylinux_2_28_x86_64"], variant: "cu128"),
        Case(input: "pytorch_triton_rocm-3.1.0+cf34004b8a-cp312-cp312-linux_x86_64.whl", name: "pytorch-triton-rocm",
             version: "3.1.0+cf34004b8a", python: ["cp312"], abi: ["cp312"], platform: ["linux_x86_64"], variant: nil),
        Case(input: "torch-2.5.1+cu124-cp39-cp39-win_amd64.whl", name: "torch", version: "2.5.1+cu124", python: ["cp39"],
             abi: ["cp39"], platform: ["win_amd64"], variant: "cu124"),
        Case(input: "torch-2.4.0-cp38-none-macosx_11_0_arm64.macosx_14_0_arm64.whl", name: "torch", version: "2.4.0",
             python: ["cp38"], abi: ["none"], platform: ["macosx_11_0_arm64", "macosx_14_0_arm64"], variant: nil),
        // URLs: path, percent-encoding, fragment and query
        Case(input: "https://download.pytorch.org/whl/cu128/torch-2.7.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=abc123",
             name: "torch", version: "2.7.0+cu128", python: ["cp312"], abi: ["cp312"], platform: ["manylinux_2_28_x86_64"],
             variant: "cu128"),
        Case(input: "/whl/test/cu118/torch-2.1.0%2Bcu118-cp310-cp310-win_amd64.whl?token=x&y=z#frag", name: "torch",
             version: "2.1.0+cu118", python: ["cp310"], abi: ["cp310"], platform: ["win_amd64"], variant: "cu118"),
        Case(input: "./dist/Foo.Bar-1.0-py3-none-any.whl", name: "foo-bar", version: "1.0", python: ["py3"], abi: ["none"],
             platform: ["any"], variant: nil),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) throws {
        let w = try WheelFilename(parsing: c.input)
        #expect(w.name == c.name)
        #expect(w.version.description == c.version)
        #expect(w.buildTag == c.build)
        #expect(w.pythonTags == c.python && w.abiTags == c.abi && w.platformTags == c.platform)
        #expect(w.variant?.tag == c.variant)
        #expect(!w.filename.contains("/") && !w.filename.contains("%") && w.filename.hasSuffix(".whl"))
        #expect(w.description == w.filename)
    }

    @Test func keepsUnknownLocalLabels() throws {
        let w = try WheelFilename(parsing: "flashinfer_python-0.2.1.post2+cu124torch2.6-cp38-abi3-linux_x86_64.whl")
        #expect(w.variant == nil)
        #expect(w.version.localLabel == "cu124torch2.6")
        #expect(w.distribution == "flashinfer_python")
    }

    static let invalid: [String] = [
        "torch-2.7.0.tar.gz", "torch-2.7.0-cp312-cp312.whl", "torch-2.7.0-1-2-cp312-cp312-linux_x86_64.whl",
        "torch-notaversion-cp312-cp312-linux_x86_64.whl", "tor__ch-2.7.0-cp312-cp312-linux_x86_64.whl",
        "-2.7.0-cp312-cp312-linux_x86_64.whl", "torch-2.7.0-x1-cp312-cp312-linux_x86_64.whl",
        "torch-2.7.0-cp312--linux_x86_64.whl", "torch-2.7.0-cp312-cp312-linux_x86_64..manylinux1_x86_64.whl",
        "to+rch-2.7.0-cp312-cp312-linux_x86_64.whl", "", "https://example.com/simple/torch/", ".whl",
    ]

    @Test(arguments: invalid)
    func rejects(_ input: String) {
        #expect(throws: VersionError.self) { try WheelFilename(parsing: input) }
    }

    static let python: [(String, String, Bool)] = [
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "3.12", true),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "3.11", false),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "3.12t", false),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "cp312", true),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "3.12.4", true),
        ("torch-2.9.0-cp313-cp313t-manylinux_2_28_x86_64.whl", "3.13t", true),
        ("torch-2.9.0-cp313-cp313t-manylinux_2_28_x86_64.whl", "3.13", false),
        ("torch-2.9.0-cp313-cp313-manylinux_2_28_x86_64.whl", "3.13t", false),
        ("torch-2.1.0-cp311-none-macosx_11_0_arm64.whl", "3.11", true),
        ("torch-2.1.0-cp311-none-macosx_11_0_arm64.whl", "3.12", false),
        ("xformers-0.0.33+5d4b92a5.d20251029-cp39-abi3-linux_x86_64.whl", "3.9", true),
        ("xformers-0.0.33+5d4b92a5.d20251029-cp39-abi3-linux_x86_64.whl", "3.13", true),
        ("xformers-0.0.33+5d4b92a5.d20251029-cp39-abi3-linux_x86_64.whl", "3.8", false),
        ("xformers-0.0.33+5d4b92a5.d20251029-cp39-abi3-linux_x86_64.whl", "3.13t", false),
        ("flashinfer_python-0.2.1.post2+cu124torch2.6-cp38-abi3-linux_x86_64.whl", "3.12", true),
        ("xformers-0.0.35-py39-none-manylinux_2_28_x86_64.whl", "3.12", true),
        ("xformers-0.0.35-py39-none-manylinux_2_28_x86_64.whl", "3.8", false),
        ("flashinfer_python-0.5.0-py3-none-any.whl", "3.14t", true),
        ("six-1.16.0-py2.py3-none-any.whl", "3.10", true),
        ("foo-1.0-py2-none-any.whl", "3.10", false),
        ("foo-1.0-cp37-cp37m-linux_x86_64.whl", "3.7", true),
        ("foo-1.0-pp310-pypy310_pp73-linux_x86_64.whl", "3.10", false),
        ("foo-1.0-cp312-cp312-linux_x86_64.whl", "three", false),
    ]

    @Test(arguments: python)
    func supportsPython(file: String, python: String, expected: Bool) throws {
        #expect(try WheelFilename(parsing: file).supports(python: python) == expected)
    }

    static let arch: [(String, String, Bool)] = [
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "x86_64", true),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl", "aarch64", false),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_aarch64.whl", "aarch64", true),
        ("torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_aarch64.whl", "arm64", true),
        ("xformers-0.0.30-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "x86_64", true),
        ("torch-2.1.0-cp311-none-macosx_11_0_arm64.whl", "aarch64", true),
        ("torch-2.1.0-cp311-none-macosx_11_0_arm64.whl", "x86_64", false),
        ("torch-2.8.0+xpu-cp312-cp312-win_amd64.whl", "x86_64", true),
        ("numpy-2.0.0-cp312-cp312-macosx_10_9_universal2.whl", "x86_64", true),
        ("numpy-2.0.0-cp312-cp312-macosx_10_9_universal2.whl", "arm64", true),
        ("flashinfer_python-0.5.0-py3-none-any.whl", "ppc64le", true),
        ("torch-2.7.0-cp312-cp312-manylinux_2_28_ppc64le.whl", "ppc64le", true),
        ("torch-2.7.0-cp312-cp312-manylinux_2_28_s390x.whl", "x86_64", false),
    ]

    @Test(arguments: arch)
    func supportsArch(file: String, arch: String, expected: Bool) throws {
        #expect(try WheelFilename(parsing: file).supports(arch: arch) == expected)
    }

    @Test func codableAsFilename() throws {
        let w = try WheelFilename(parsing: "https://x/torch-2.7.0%2Bcu128-cp312-cp312-linux_x86_64.whl")
        let data = try JSONEncoder().encode(w)
        #expect(String(decoding: data, as: UTF8.self) == #""torch-2.7.0+cu128-cp312-cp312-linux_x86_64.whl""#)
        #expect(try JSONDecoder().decode(WheelFilename.self, from: data) == w)
    }

    static let names: [(String, String)] = [
        ("torch", "torch"), ("Flash_Attn", "flash-attn"), ("flashinfer_python", "flashinfer-python"),
        ("oslo.concurrency", "oslo-concurrency"), ("A-_.B", "a-b"), ("causal-conv1d", "causal-conv1d"),
        ("intel_extension_for_pytorch", "intel-extension-for-pytorch"), ("NVIDIA-CUDA-Runtime-CU12", "nvidia-cuda-runtime-cu12"),
    ]

    @Test(arguments: names)
    func normalisesNames(raw: String, expected: String) {
        #expect(normalizePackageName(raw) == expected)
    }
}
