import Foundation
import Testing
@testable import TorchBumpKit

@Suite("Planner: PyTorch-index triton builds")
struct PyTorchTritonPlanTests {
    /// A release ROCm/XPU torch requires the plain version of its triton build; nightly git-hash pins are not moved.
    @Test func releaseTritonBuildsFollowTorchsTriton() throws {
        let fixture = try PlanFixture([
            "requirements/rocm.txt": """
                --extra-index-url https://download.pytorch.org/whl/rocm6.3
                torch==2.8.0
                pytorch-triton-rocm==3.4.0
                pytorch-triton-rocm==3.4.0+gitf7888497; sys_platform == "win32"

                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        let lines = files["requirements/rocm.txt"]?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.contains("pytorch-triton-rocm==3.5.0"))
        #expect(lines.contains("pytorch-triton-rocm==3.4.0+gitf7888497; sys_platform == \"win32\""))
        #expect(plan.notes.contains { $0.message.contains("git-hash version") && $0.location?.line == 4 })
    }
}

@Suite("Planner: platforms held by a vendor extension")
struct VendorHeldPlatformTests {
    /// A platform whose every torch pin waits for IPEX says so (and that IPEX has stopped), not "no pin matches".
    @Test func xpuWaitsForIPEX() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.8.0\n",
            "requirements/xpu.txt": """
                --extra-index-url=https://download.pytorch.org/whl/xpu
                torch==2.8.0+xpu
                intel-extension-for-pytorch==2.8.10+xpu

                """,
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0"))
        let xpu = try #require(plan.deferrals.first { $0.platform == .xpu })
        #expect(xpu.reason.contains("intel-extension-for-pytorch 2.8.10+xpu (requirements/xpu.txt:3) will have no release for torch 2.9.0"))
        #expect(!xpu.reason.contains("no torch pin of its own"))
    }
}

@Suite("Planner: cold compile cache")
struct ColdCacheNoteTests {
    @Test(arguments: [
        (["requirements.txt": "torch==2.8.0\n"], false),
        (["requirements.txt": "torch==2.8.0\n", "CMakeLists.txt": "set(TORCH_SUPPORTED_VERSION \"2.8.0\")\n"], true),
        (["requirements.txt": "torch==2.8.0\n",
          "setup.py": "from torch.utils.cpp_extension import BuildExtension, CUDAExtension\nMAIN_CUDA_VERSION = \"12.8\"\n"], true),
    ])
    func onlyWhereSomethingCompiles(files: [String: String], noted: Bool) throws {
        let plan = try PlanFixture(files).plan(UpgradeTarget(torch: "2.9.0"))
        #expect(plan.notes.contains { $0.message.hasPrefix("cold compile cache") } == noted)
    }
}

@Suite("Planner: lower bounds")
struct LowerBoundPlanTests {
    /// A patch release keeps a lower bound of its series (`>=2.9.0` admits 2.9.1); a minor release moves it.
    @Test(arguments: [("2.9.1", "torch>=2.9.0,<2.10"), ("2.10.0", "torch>=2.10.0,<2.11")])
    func boundsFollowMinorsOnly(target: String, expected: String) throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.9.0\n",
            "pyproject.toml": "[project]\nname = \"lib\"\nversion = \"1\"\ndependencies = [\"torch>=2.9.0,<2.10\"]\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: target))
        let pyproject = files["pyproject.toml"] ?? "dependencies = [\"torch>=2.9.0,<2.10\"]"
        #expect(pyproject.contains("\"\(expected)\""), "\(pyproject)")
        #expect(files["requirements/cuda.txt"] == "torch==\(target)\n")
    }
}

@Suite("Planner: the project's own wheel labels")
struct WheelLabelPlanTests {
    static let files: [String: String] = [
        "python/pyproject.toml": "[project]\nname = \"quillkern\"\nversion = \"0.4.2\"\ndependencies = [\"torch>=2.8.0,<2.9\"]\n",
        "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
        "scripts/publish.sh": """
            #!/bin/bash
            for whl in dist/quillkern-*.whl; do
              if [[ $whl == *"+cu128torch2.8"* ]]; then cp "$whl" flat/; fi
            done
            twine upload dist/quillkern-*+cu128torch2.8-*.whl
            cp dist/flashinfer-*+cu128torch2.8*.whl vendor/ || true

            """,
        "scripts/vendor.sh": "#!/bin/bash\ncp dist/flashinfer-*+cu128torch2.8*.whl vendor/\n",
    ]

    /// Globs and patterns of the project's own wheels follow torch (and the default CUDA); another project's wheel
    /// label in a file that does not name the project stays.
    @Test(arguments: [(nil as String?, "+cu128torch2.9"), ("13.0", "+cu130torch2.9")])
    func ownLabelsFollow(cuda: String?, label: String) throws {
        let (_, files) = try PlanFixture(Self.files).result(UpgradeTarget(torch: "2.9.0", cuda: cuda))
        let publish = try #require(files["scripts/publish.sh"])
        #expect(publish.contains("*\"\(label)\"*"))
        #expect(publish.contains("twine upload dist/quillkern-*\(label)-*.whl"))
        #expect(files["scripts/vendor.sh"] == nil)
    }
}

@Suite("Planner: follow-up runs")
struct FollowUpPlanTests {
    /// A `--platform cpu` follow-up does not list the CUDA platform, already on the target, as left behind.
    @Test func platformsAlreadyOnTheTargetAreNotDeferred() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.9.1\n",
            "requirements/cpu.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.9.0+cpu\n",
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.1", platforms: [.cpu]))
        #expect(!plan.deferrals.contains { $0.platform == .cuda || $0.platform == .all }, "\(plan.deferrals)")
        #expect(plan.edits.map(\.path) == ["requirements/cpu.txt"])
    }
}

@Suite("Planner: ROCm targets")
struct ROCmTargetPlanTests {
    /// A minor release moves ROCm to the newest verified ROCm (never an unverified cell), and the literal label after a
    /// computed torch version moves with it.
    @Test func newestVerifiedROCmAndComputedLabels() throws {
        let fixture = try PlanFixture([
            "requirements/rocm.txt": "--extra-index-url https://download.pytorch.org/whl/rocm7.1\ntorch==2.13.0+rocm7.1\n",
            "docker/Dockerfile.rocm": "ARG TORCH_VERSION=2.13.0\nRUN pip install torch==${TORCH_VERSION}+rocm7.1 --index-url https://download.pytorch.org/whl/rocm7.1\n",
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.14.0"))
        #expect(files["requirements/rocm.txt"] == "--extra-index-url https://download.pytorch.org/whl/rocm7.2\ntorch==2.14.0+rocm7.2\n")
        #expect(files["docker/Dockerfile.rocm"]?.contains("torch==${TORCH_VERSION}+rocm7.2 --index-url https://download.pytorch.org/whl/rocm7.2") == true)
        #expect(!plan.notes.contains { $0.message.contains("rocm7.14") })
    }
}

@Suite("Planner: cuDNN pins")
struct CuDNNPlanTests {
    /// torch's PyPI wheels pin cuDNN exactly; a project pin of the same CUDA major follows it.
    @Test func cudnnFollowsTorchsPin() throws {
        let fixture = try PlanFixture(["requirements/cuda.txt": "torch==2.13.0\nnvidia-cudnn-cu13==9.20.0.48\n"])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.14.0"))
        #expect(files["requirements/cuda.txt"] == "torch==2.14.0\nnvidia-cudnn-cu13==9.24.0.43\n")
    }
}

@Suite("Planner: PyPI's default CUDA")
struct PyPIDefaultPlanTests {
    /// A main CUDA that was PyPI's default, when PyPI's default changes with the release: the plan says so loudly.
    @Test func changeOfPyPIsDefaultIsNamed() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.13.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=13.0.2\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu24.04\n",
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.15.0"))
        #expect(plan.notes.contains { $0.kind == .attention && $0.message.hasPrefix("PyPI's torch 2.15.0 is the cu132 build") })
        let same = try fixture.plan(UpgradeTarget(torch: "2.14.0"))
        #expect(!same.notes.contains { $0.message.hasPrefix("PyPI's torch") })
    }
}

@Suite("Planner: release-candidate indexes")
struct ReleaseCandidateIndexPlanTests {
    /// An extension's own `/whl/cu130` index does not serve torch: the file still gets the test index for the RC.
    @Test func extensionIndexIsNotAPyTorchIndex() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.13.0\n--extra-index-url https://flashinfer.ai/whl/cu130\nflashinfer-jit-cache==0.6.14+cu130\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=13.0.2\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu24.04\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.14.0", channel: .test))
        #expect(files["requirements/cuda.txt"]?.hasPrefix("--extra-index-url https://download.pytorch.org/whl/test/cu130  # release candidate; remove at GA\ntorch==2.14.0\n") == true)
    }
}

@Suite("Planner: extension index names")
struct ExtensionIndexNamePlanTests {
    /// A uv index named after an extension's CUDA build (`flashinfer-cu130` → flashinfer.ai/whl/cu130) keeps its name
    /// and URL on a CUDA move; PyTorch's own index renames with its URL.
    @Test func extensionIndexKeepsItsName() throws {
        let fixture = try PlanFixture([
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu24.04\n",
            "pyproject.toml": """
                [project]
                name = "demo"
                version = "1"
                dependencies = ["torch==2.9.0", "flashinfer-jit-cache==0.5.2"]

                [tool.uv.sources]
                torch = { index = "pytorch-cu128" }
                flashinfer-jit-cache = { index = "flashinfer-cu128" }

                [[tool.uv.index]]
                name = "pytorch-cu128"
                url = "https://download.pytorch.org/whl/cu128"
                explicit = true

                [[tool.uv.index]]
                name = "flashinfer-cu128"
                url = "https://flashinfer.ai/whl/cu128"
                explicit = true

                """,
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let out = try #require(files["pyproject.toml"])
        #expect(out.contains("torch = { index = \"pytorch-cu130\" }") && out.contains("url = \"https://download.pytorch.org/whl/cu130\""))
        #expect(out.contains("flashinfer-jit-cache = { index = \"flashinfer-cu128\" }"))
        #expect(out.contains("name = \"flashinfer-cu128\"\nurl = \"https://flashinfer.ai/whl/cu128\""))
    }
}

@Suite("Planner: tags of images built here")
struct BuiltImageTagPlanTests {
    /// `docker build -t …-rocm7.1` names the image this repository builds: its ROCm follows the plan.
    @Test func builtImageTagFollowsROCm() throws {
        let fixture = try PlanFixture([
            "requirements/rocm.txt": "--extra-index-url https://download.pytorch.org/whl/rocm7.1\ntorch==2.13.0+rocm7.1\n",
            "scripts/release.sh": "#!/bin/bash\ndocker build -f docker/Dockerfile.rocm --build-arg ROCM_VERSION=7.1 -t \"$REGISTRY:$VERSION-rocm7.1\" .\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.14.0"))
        #expect(files["scripts/release.sh"]?.contains("--build-arg ROCM_VERSION=7.2 -t \"$REGISTRY:$VERSION-rocm7.2\"") == true)
    }
}

@Suite("Planner: the frozen torchaudio line")
struct FrozenTorchaudioPlanTests {
    /// After torchaudio's freeze, a pin already on the frozen 2.11 line stays (it works with any newer torch); an
    /// older pin moves to the newest usable release of that line.
    @Test(arguments: [("2.11.0", "2.11.0"), ("2.10.0", "2.11.1")])
    func frozenLineStays(current: String, expected: String) throws {
        let fixture = try PlanFixture(["requirements/cuda.txt": "torch==2.14.0\ntorchaudio==\(current)\n"])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.15.0", cuda: "13.2"))
        let text = files["requirements/cuda.txt"] ?? ""
        #expect(text.contains("torchaudio==\(expected)\n"), "\(text)")
    }
}

@Suite("Planner: unverified companions")
struct UnverifiedCompanionPlanTests {
    /// A companion the matrix marks unverified is written, with a note to probe first.
    @Test func unverifiedCompanionIsNamed() throws {
        let fixture = try PlanFixture(["requirements/cuda.txt": "torch==2.14.0\ntorchvision==0.29.0\n"])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.15.0", cuda: "13.2"))
        #expect(plan.notes.contains { $0.message.hasPrefix("the release matrix marks torchvision 0.29.2 for torch 2.15.0 as unverified") })
        let verified = try PlanFixture(["requirements/cuda.txt": "torch==2.13.0\ntorchvision==0.28.0\n"]).plan(UpgradeTarget(torch: "2.14.0"))
        #expect(!verified.notes.contains { $0.message.hasPrefix("the release matrix marks torchvision") })
    }
}

@Suite("Planner: a patch release through one project pin")
struct SharedProjectPinPatchTests {
    /// `dependencies = ["torch==2.14.0"]` reaches every platform: a patch release moves their own files too.
    @Test(arguments: [true, false])
    func patchFollowsTheSharedPin(shared: Bool) throws {
        var files = [
            "requirements/cpu.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.14.0+cpu\n",
            "requirements/cuda.txt": "torch==2.14.0\n",
        ]
        if shared {
            files["pyproject.toml"] = "[project]\nname = \"demo\"\nversion = \"1\"\ndependencies = [\"torch==2.14.0\"]\n"
        }
        let (_, out) = try PlanFixture(files).result(UpgradeTarget(torch: "2.14.1"))
        #expect((out["requirements/cpu.txt"]?.contains("torch==2.14.1+cpu") == true) == shared)
    }
}
