import Foundation
import Testing
@testable import TorchBumpKit

struct RequirementsScannerTests {
    static let cases: [(String, String, [String])] = [
        ("requirements/cuda.txt", """
            # Common dependencies
            -r common.txt
            torch==2.8.0
            torchvision == 0.23.0  # must move together with torch
            torchaudio
            xformers==0.0.32.post1; sys_platform == "linux"  # needs PyTorch >= 2.8
            numpy<2.0
            flashinfer-python==0.3.1
            """, [
                "3 requirement pin torch 2.8.0 cuda op===",
                "4 requirement pin torchvision 0.23.0 cuda op===",
                "6 requirement pin xformers 0.0.32.post1 cuda op===",
                "6 version comment torch 2.8 cuda note=comment",
                "8 requirement pin flashinfer-python 0.3.1 cuda op===",
            ]),
        ("requirements/cuda-extensions.txt", """
            # https://github.com/facebookresearch/xformers/releases/tag/v0.0.32.post1
            xformers==0.0.32.post1
            # flash-attn wheels: https://github.com/Dao-AILab/flash-attention/releases/download/v2.7.4.post1/
            flash-attn==2.7.4.post1
            # https://example.com/mamba/releases/v10.0.32.post1 (another release)

            mamba-ssm==0.0.32.post1
            # see https://example.com/causal-conv1d/1.5.0.2/notes
            causal-conv1d==1.5.0
            """, [
                "1 version comment xformers 0.0.32.post1 cuda note=release link of the pin below",
                "2 requirement pin xformers 0.0.32.post1 cuda op===",
                "3 version comment flash-attn 2.7.4.post1 cuda note=release link of the pin below",
                "4 requirement pin flash-attn 2.7.4.post1 cuda op===",
                "7 requirement pin mamba-ssm 0.0.32.post1 cuda op===",
                "9 requirement pin causal-conv1d 1.5.0 cuda op===",
            ]),
        ("requirements/cpu.txt", """
            --extra-index-url https://download.pytorch.org/whl/cpu
            torch==2.6.0+cpu; platform_machine == "x86_64"  # newer CPU builds regress performance, see https://example.com/issues/1
            torch==2.8.0; platform_system == "Darwin"
            torch==2.8.0; platform_machine == "ppc64le" or platform_machine == "aarch64"
            torch==2.8.0; platform_machine == "aarch64"
            # Hold: intel extension has no build for newer torch yet
            intel-extension-for-pytorch==2.6.0
            """, [
                "1 index-url pin - https://download.pytorch.org/whl/cpu cpu name=--extra-index-url variant=cpu channel=release",
                "2 requirement pin torch 2.6.0+cpu cpu op=== variant=cpu held",
                "3 requirement pin torch 2.8.0 cpu op===",
                "4 requirement pin torch 2.8.0 cpu op===",
                "5 requirement pin torch 2.8.0 arm op===",
                "7 requirement pin intel-extension-for-pytorch 2.6.0 cpu op=== held",
            ]),
        ("requirements-rocm.txt", """
            --extra-index-url=https://download.pytorch.org/whl/rocm6.3
            --index-url https://download.pytorch.org/whl/test/rocm6.3
            -i https://pypi.org/simple
            -f https://flashinfer.ai/whl/cu128/torch2.8/
            torch>=2.7,<2.9
            pytorch-triton-rocm==3.3.0
            """, [
                "1 index-url pin - https://download.pytorch.org/whl/rocm6.3 rocm name=--extra-index-url variant=rocm6.3 channel=release",
                "2 index-url pin - https://download.pytorch.org/whl/test/rocm6.3 rocm name=--index-url variant=rocm6.3 channel=test",
                "3 index-url pin - https://pypi.org/simple rocm name=-i",
                "4 index-url pin flashinfer-python https://flashinfer.ai/whl/cu128/torch2.8/ cuda name=-f variant=cu128 channel=release",
                "5 requirement pin torch 2.7 rocm op=>=",
                "5 requirement pin torch 2.9 rocm op=<",
                "6 requirement pin pytorch-triton-rocm 3.3.0 rocm op===",
            ]),
        ("requirements/xpu.txt", """
            torch==2.8.0+xpu
            --extra-index-url https://pytorch-extension.intel.com/release-whl/stable/xpu/us/
            intel_extension_for_pytorch==2.8.10+xpu
            # xformers==0.0.32.post1  # re-enable when a wheel for torch 2.9 exists
            # TODO: move to 2.9 once the extension publishes a build for it
            oneccl_bind_pt==2.8.0+xpu
            """, [
                "1 requirement pin torch 2.8.0+xpu xpu op=== variant=xpu",
                "2 index-url pin intel-extension-for-pytorch https://pytorch-extension.intel.com/release-whl/stable/xpu/us/ xpu name=--extra-index-url variant=xpu",
                "3 requirement pin intel-extension-for-pytorch 2.8.10+xpu xpu op=== variant=xpu",
                "4 requirement disabled xformers 0.0.32.post1 xpu op===",
                "4 version comment torch 2.9 xpu note=comment",
                "6 requirement pin oneccl-bind-pt 2.8.0+xpu xpu op=== variant=xpu held",
            ]),
        ("requirements/build.txt", """
            torch @ https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl
            causal-conv1d @ git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2
            git+https://github.com/facebookresearch/xformers.git@v0.0.30#egg=xformers
            git+https://github.com/Dao-AILab/flash-attention@v2.8.3
            https://download.pytorch.org/whl/cu128/torchvision-0.23.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl
            torch==2.9.0.dev20250801+cu128
            requests @ git+https://github.com/psf/requests@v2.0
            """, [
                "1 wheel-url pin torch https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl cuda variant=cu128 note=version 2.8.0+cu128",
                "2 git-ref pin causal-conv1d v1.5.2 all",
                "3 git-ref pin xformers v0.0.30 all",
                "4 git-ref pin flash-attn v2.8.3 all",
                "5 wheel-url pin torchvision https://download.pytorch.org/whl/cu128/torchvision-0.23.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl cuda variant=cu128 note=version 0.23.0+cu128",
                "6 requirement pin torch 2.9.0.dev20250801+cu128 nightly op=== variant=cu128",
            ]),
        // CRLF, BOM, tabs, continuation lines, odd spacing.
        ("requirements/test.in", "\u{FEFF}torch\t==\t2.8.0\r\ntorchvision==\\\r\n    0.23.0\r\n  triton  ==  3.4.0  \r\n", [
                "1 requirement pin torch 2.8.0 all op===",
                "3 requirement pin torchvision 0.23.0 all op===",
                "4 requirement pin triton 3.4.0 all op===",
            ]),
        // Comments naming CUDA versions and variants; BOM, CRLF, no final newline.
        ("requirements-dev.txt", "\u{FEFF}# Install with uv sync\r\n# Linux + CUDA 12.6\r\n--extra-index-url https://download.pytorch.org/whl/cu126\r\n\r\ntorch==2.7.1\r\ntorchaudio==2.7.1  # audio collator tests, see cu126 notes\r\nruff>=0.11", [
                "2 version comment cuda 12.6 cuda note=comment",
                "3 index-url pin - https://download.pytorch.org/whl/cu126 cuda name=--extra-index-url variant=cu126 channel=release",
                "5 requirement pin torch 2.7.1 cuda op===",
                "6 requirement pin torchaudio 2.7.1 cuda op===",
                "6 variant comment - cu126 cuda variant=cu126 note=comment",
            ]),
        // A comment on a held pin is held too.
        ("requirements/cpu.txt", "torch==2.5.1+cpu; platform_machine == \"x86_64\"  # torch 2.6 CPU builds regress, see https://github.com/x/y/issues/1\n", [
                "1 requirement pin torch 2.5.1+cpu cpu op=== variant=cpu held",
                "1 version comment torch 2.6 cpu held note=comment",
            ]),
        // A main requirements file with a CUDA index takes the index's platform.
        ("requirements.txt", "--extra-index-url https://download.pytorch.org/whl/nightly/cu128\n--pre\ntorch\ntorchao==0.13.0.dev20250901\n", [
                "1 index-url pin - https://download.pytorch.org/whl/nightly/cu128 nightly name=--extra-index-url variant=cu128 channel=nightly",
                "4 requirement pin torchao 0.13.0.dev20250901 nightly op===",
            ]),
    ]

    @Test(arguments: cases)
    func findsSites(_ path: String, _ text: String, _ expected: [String]) {
        let result = scanFixture(RequirementsScanner(), path: path, text)
        #expect(result.sites.map(describe) == expected)
        #expect(result.diagnostics == [])
    }

    @Test func heldReasonIsTheCommentText() {
        let result = scanFixture(RequirementsScanner(), path: "requirements/cpu.txt", """
            torch==2.6.0+cpu  # newer CPU builds regress performance
            # pinned because 2.7 breaks the CPU attention kernels
            torchaudio==2.6.0
            # regular comment
            torchvision==0.21.0
            # do not upgrade

            torch==2.6.0
            """)
        #expect(result.sites.map(\.heldReason) == [
            "newer CPU builds regress performance", "pinned because 2.7 breaks the CPU attention kernels", nil, nil,
        ])
    }

    static let holdComments: [(String, Bool)] = [
        ("# newer builds regress performance", true), ("# regression in 2.7, see #123", true), ("# hold", true),
        ("# held back", true), ("# pinned because of a bug", true), ("# do not upgrade", true),
        ("# don't bump", true), ("# TODO: move to 2.9 once xformers publishes", true), ("# until 2.9 ships", true),
        ("# blocked on ROCm wheels", true), ("# waiting for a release", true), ("# see https://github.com/x/y/issues/1", true),
        ("# must move together with torch", false), ("# Common dependencies", false), ("# pinned", false),
        ("# threshold", false), ("# TODO: tidy up", false), ("# see pytorch/pytorch#1234", true),
        ("# Required for phi3v processor. See https://github.com/pytorch/vision?tab=readme-ov-file#installation for corresponding version", false),
    ]

    @Test(arguments: holdComments)
    func recognisesHoldComments(_ comment: String, _ held: Bool) {
        #expect((RequirementsComments.holdReason(comment) != nil) == held)
    }

    @Test func brokenLinesAreReportedAndTheRestIsScanned() {
        let result = scanFixture(RequirementsScanner(), path: "requirements/cuda.txt", """
            torch==2.8.0
            torchvision=0.23.0
            xformers=>0.0.30
            torchaudio==2.8.0
            """)
        #expect(result.sites.map(describe) == [
            "1 requirement pin torch 2.8.0 cuda op===", "4 requirement pin torchaudio 2.8.0 cuda op===",
        ])
        #expect(result.diagnostics.count == 2)
        #expect(result.diagnostics.allSatisfy { $0.hasPrefix("requirements/cuda.txt:2:") || $0.hasPrefix("requirements/cuda.txt:3:") })
    }

    @Test func environmentVariableVersionsAreNotes() {
        let result = scanFixture(RequirementsScanner(), path: "requirements.txt", "torch==${TORCH_VERSION}\ntorchvision==0.23.0\n")
        #expect(result.sites.map(describe) == ["2 requirement pin torchvision 0.23.0 all op==="])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.hasPrefix("requirements.txt:1:") == true)
        #expect(result.diagnostics.first?.contains("note:") == true)
    }

    @Test func followsIncludes() {
        let files = [
            "requirements/cuda.txt": "-r common.txt\n-c ../constraints/torch.pins\n-r missing.txt\n-r ../../outside.txt\n",
            "requirements/common.txt": "torch==2.8.0\n",
            "constraints/torch.pins": "torch==2.8.0\ntriton==3.4.0  # see https://example.com/issues/1\n",
        ]
        let result = scanFixture(RequirementsScanner(), path: "requirements/cuda.txt", files["requirements/cuda.txt"]!,
                                 files: files)
        // common.txt is a requirements file the walk scans itself; torch.pins is not, so it is scanned here.
        #expect(result.sites.map { "\($0.path) \(describe($0))" } == [
            "constraints/torch.pins 1 requirement pin torch 2.8.0 all op===",
            "constraints/torch.pins 2 requirement pin triton 3.4.0 all op=== held",
        ])
        #expect(result.diagnostics == [
            "requirements/cuda.txt:3:1: warning: included file requirements/missing.txt does not exist",
            "requirements/cuda.txt:4:1: warning: included file ../../outside.txt is outside the repository; not scanned",
        ])
    }

    @Test func repositoryScanKeepsIncludedFilesAndDropsDuplicates() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("req-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "requirements/cuda.txt": "-r ../deps/torch.pins\n",
            "requirements/cpu.txt": "-r ../deps/torch.pins\n",
            "deps/torch.pins": "torch==2.8.0\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let inventory = RepositoryScanner(scanners: [RequirementsScanner()]).scan(root: root)
        #expect(inventory.sites.map { "\($0.path):\($0.line) \($0.value)" } == ["deps/torch.pins:1 2.8.0"])
        #expect(inventory.files["deps/torch.pins"]?.text == "torch==2.8.0\n")
        #expect(inventory.diagnostics.isEmpty)
    }

    /// Every scanner of this family survives every prefix of a fixture full of awkward bytes.
    @Test func scannersNeverCrashOnTruncatedInput() {
        let text = "\u{FEFF}# é CUDA 12.8 cu128\r\ntorch==2.8.0+cu128; sys_platform == 'linux'  # torch 2.8\r\n"
            + "--extra-index-url=https://download.pytorch.org/whl/cu128\r\n[tool.uv.sources]\r\n"
            + "torch = [{ index = \"pytorch-cu128\" }]\r\nset(TORCH_SUPPORTED_VERSION_CUDA \"2.8.0\")\r\n"
            + "MAIN_CUDA_VERSION = \"12.8\"  # é\r\n#    uv pip compile a.in --torch-backend cu128\r\n"
        let bytes = Array(text.utf8)
        let scanners: [(any SiteScanner, String)] = [
            (RequirementsScanner(), "requirements.txt"), (LockFileScanner(), "requirements/lock.txt"),
            (LockFileScanner(), "uv.lock"), (PyprojectScanner(), "pyproject.toml"),
            (PythonConstantsScanner(), "setup.py"), (CMakeScanner(), "CMakeLists.txt"),
        ]
        for cut in 0...bytes.count {
            let file = SourceFile(path: "x", bytes: Array(bytes[0..<cut]))
            for (scanner, path) in scanners {
                let named = SourceFile(path: path, bytes: file.bytes)
                for site in scanner.scan(named, context: ScanContext()).sites {
                    #expect(site.span.end <= named.bytes.count)
                }
            }
        }
    }

    static let paths: [(String, Bool)] = [
        ("requirements.txt", true), ("requirements/common.txt", true), ("reqs/test.in", true), ("docs/requirements-docs.txt", true),
        ("constraints.txt", true), ("setup.in", true), ("MANIFEST.in", false), ("include/config.h.in", false), ("CMakeLists.txt", false), ("LICENSE.txt", false), ("notes.txt", true),
        ("setup.py", false),
    ]

    @Test(arguments: paths)
    func acceptsTextFiles(_ path: String, _ accepted: Bool) {
        #expect(RequirementsScanner().accepts(path: path) == accepted)
    }

    @Test func unrelatedTextFilesGiveNothing() {
        let prose = scanFixture(RequirementsScanner(), path: "docs/notes.txt", "This project uses torch 2.8.\nSee the docs for more.\n")
        #expect(prose.sites.isEmpty)
        #expect(prose.diagnostics.isEmpty)
        let template = scanFixture(RequirementsScanner(), path: "tools/deps.in", "@TORCH@\ninclude foo bar\n")
        #expect(template.sites.isEmpty)
        #expect(template.diagnostics.isEmpty)
        let list = scanFixture(RequirementsScanner(), path: "deps.txt", "torch==2.8.0\nnumpy\n")
        #expect(list.sites.map(describe) == ["1 requirement pin torch 2.8.0 all op==="])
    }

    @Test func lockFilesAreLeftToTheLockScanner() {
        let lock = """
            # This file was autogenerated by uv via the following command:
            #    uv pip compile requirements/test.in -o requirements/test.txt
            torch==2.8.0
            """
        #expect(scanFixture(RequirementsScanner(), path: "requirements/test.txt", lock).sites.isEmpty)
    }
}
