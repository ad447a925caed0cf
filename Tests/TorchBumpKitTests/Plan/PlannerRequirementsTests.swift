import Foundation
import Testing
@testable import TorchBumpKit

@Suite("Planner: requirements, pyproject, CMake, constants")
struct PlannerRequirementsTests {
    static let cudaRepo: [String: String] = [
        "requirements/cuda.txt": """
            -r common.txt
            torch == 2.6.0
            torchaudio==2.6.0
            torchvision==0.21.0  # must move with torch
            xformers==0.0.29.post2; platform_system == 'Linux'  # Requires PyTorch 2.6.0

            """,
        "requirements/common.txt": "numpy\n",
        "requirements/build.txt": "cmake>=3.26\ntorch==2.6.0\n",
        "pyproject.toml": """
            [build-system]
            requires = [
                "setuptools>=77",
                'torch == 2.6.0',  # keep in sync
            ]
            build-backend = "setuptools.build_meta"

            """,
        "CMakeLists.txt": """
            set(TORCH_SUPPORTED_VERSION_CUDA "2.6.0")
            set(TORCH_SUPPORTED_VERSION_ROCM "2.6.0")

            """,
        "setup.py": "MAIN_CUDA_VERSION = \"12.4\"\n",
        "requirements/cpu.txt": """
            --extra-index-url https://download.pytorch.org/whl/cpu
            torch==2.5.1+cpu; platform_machine == "x86_64"  # 2.6 regresses throughput, see https://github.com/o/r/issues/9
            triton==3.1.0; platform_machine == "x86_64"
            torch==2.6.0; platform_system == "Darwin"

            """,
    ]

    @Test func minorUpgradeMovesTorchCompanionsBuildSidesAndKeepsFormatting() throws {
        let fixture = try PlanFixture(Self.cudaRepo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.7.0", cuda: "12.8"))
        #expect(plan.problems.isEmpty)
        #expect(files["requirements/cuda.txt"] == """
            -r common.txt
            torch == 2.7.0
            torchaudio==2.7.0
            torchvision==0.22.0  # must move with torch
            xformers==0.0.30; platform_system == 'Linux'  # Requires PyTorch 2.7.0

            """)
        #expect(files["requirements/build.txt"] == "cmake>=3.26\ntorch==2.7.0\n")
        #expect(files["pyproject.toml"]?.contains("'torch == 2.7.0',  # keep in sync") == true)
        #expect(files["CMakeLists.txt"] == """
            set(TORCH_SUPPORTED_VERSION_CUDA "2.7.0")
            set(TORCH_SUPPORTED_VERSION_ROCM "2.6.0")

            """, "no ROCm platform in this repo: its CMake value stays")
        #expect(files["setup.py"] == "MAIN_CUDA_VERSION = \"12.8\"\n")
    }

    @Test func heldPinAndItsCompanionsStayAndAreReported() throws {
        let fixture = try PlanFixture(Self.cudaRepo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.7.0", cuda: "12.8"))
        let cpu = try #require(files["requirements/cpu.txt"])
        #expect(cpu.contains("torch==2.5.1+cpu; platform_machine == \"x86_64\""))
        #expect(cpu.contains("triton==3.1.0"), "triton beside the held pin stays")
        #expect(cpu.contains("torch==2.7.0; platform_system == \"Darwin\""))
        #expect(plan.deferrals.contains { $0.platform == .cpu && $0.reason.contains("held back") })
        #expect(plan.notes.contains { $0.kind == .unchanged && $0.message.contains("held back on purpose") })
    }

    @Test func includeHeldMovesTheHeldPinWithItsLabel() throws {
        let fixture = try PlanFixture(Self.cudaRepo)
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.7.0", cuda: "12.8", includeHeld: true))
        let cpu = try #require(files["requirements/cpu.txt"])
        #expect(cpu.contains("torch==2.7.0+cpu; platform_machine == \"x86_64\""))
    }

    @Test func patchReleaseMovesOnlyTheCUDAPlatform() throws {
        var repo = Self.cudaRepo
        repo["requirements/cpu.txt"] = "torch==2.7.0; platform_system == \"Darwin\"\n"
        repo["requirements/cuda.txt"] = "torch==2.7.0\ntorchvision==0.22.0\ntorchaudio==2.7.0\n"
        repo["requirements/build.txt"] = "torch==2.7.0\n"
        repo["pyproject.toml"] = "[build-system]\nrequires = [\"torch==2.7.0\"]\n"
        repo["CMakeLists.txt"] = "set(TORCH_SUPPORTED_VERSION_CUDA \"2.7.0\")\n"
        repo["setup.py"] = "MAIN_CUDA_VERSION = \"12.8\"\n"
        let fixture = try PlanFixture(repo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.7.1"))
        #expect(files["requirements/cuda.txt"] == "torch==2.7.1\ntorchvision==0.22.1\ntorchaudio==2.7.1\n")
        #expect(files["requirements/cpu.txt"] == nil, "CPU waits for --platform cpu on a patch release")
        #expect(files["setup.py"] == nil, "CUDA does not move")
        #expect(plan.deferrals.contains { $0.platform == .cpu && $0.reason.contains("patch release") })
    }

    @Test func impossibleCUDAIsABlockingProblem() throws {
        let fixture = try PlanFixture(Self.cudaRepo)
        let plan = try fixture.plan(UpgradeTarget(torch: "2.6.0", cuda: "12.8"))
        #expect(plan.isBlocked)
        #expect(plan.problems.first?.message.contains("publishes no cu128") == true)
        #expect(plan.edits.isEmpty)
    }

    @Test func droppedCUDAWithoutACUDAMoveIsBlockedWithASuggestion() throws {
        let fixture = try PlanFixture(Self.cudaRepo)
        let plan = try fixture.plan(UpgradeTarget(torch: "2.8.0"))
        #expect(plan.isBlocked)
        let message = try #require(plan.problems.first?.message)
        #expect(message.contains("cu124"))
        #expect(message.contains("--cuda 12.6"))
    }

    @Test func torchaudioIsHeldAtTheNewestUsableReleaseAfterTheFreeze() throws {
        let fixture = try PlanFixture([
            "requirements.txt": "torch==2.11.0\ntorchvision==0.26.0\ntorchaudio==2.11.0\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.12.0"))
        #expect(files["requirements.txt"] == "torch==2.12.0\ntorchvision==0.27.0\ntorchaudio==2.11.0\n")
    }

    @Test func rangesWidenOnlyWhenTheyExcludeTheTarget() throws {
        let fixture = try PlanFixture([
            "pyproject.toml": """
                [project]
                name = "p"
                dependencies = ["torch>=2.7.1,<2.8", "torchvision>=0.22.1", "numpy"]

                """,
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.8.0"))
        let text = try #require(files["pyproject.toml"])
        #expect(text.contains("\"torch>=2.8.0,<2.9\""))
    }

    @Test func releaseCandidateAddsTheTestIndexAndGAremovesIt() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.6.0\ntorchvision==0.21.0\n",
            "requirements/cpu.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.6.0+cpu\n",
            "setup.py": "MAIN_CUDA_VERSION = \"12.6\"\n",
        ])
        let (rc, files) = try fixture.result(UpgradeTarget(torch: "2.7.0", channel: .test))
        #expect(rc.problems.isEmpty)
        #expect(files["requirements/cuda.txt"] == """
            --extra-index-url https://download.pytorch.org/whl/test/cu126  # release candidate; remove at GA
            torch==2.7.0
            torchvision==0.22.0

            """)
        #expect(files["requirements/cpu.txt"] == "--extra-index-url https://download.pytorch.org/whl/test/cpu\ntorch==2.7.0+cpu\n")
        // Write the RC state, then go back to release.
        for (path, text) in files { try Data(text.utf8).write(to: fixture.root.appendingPathComponent(path)) }
        let (_, ga) = try fixture.result(UpgradeTarget(torch: "2.7.0", channel: .release))
        #expect(ga["requirements/cuda.txt"] == "torch==2.7.0\ntorchvision==0.22.0\n")
        #expect(ga["requirements/cpu.txt"] == "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.7.0+cpu\n")
    }

    @Test func planIsDeterministicAndIdempotent() throws {
        let fixture = try PlanFixture(Self.cudaRepo)
        let target = UpgradeTarget(torch: "2.7.0", cuda: "12.8")
        let a = try fixture.plan(target), b = try fixture.plan(target)
        #expect(a.edits == b.edits)
        #expect(a.notes == b.notes)
        let (_, files) = try fixture.result(target)
        for (path, text) in files { try Data(text.utf8).write(to: fixture.root.appendingPathComponent(path)) }
        let again = try fixture.plan(target)
        #expect(again.edits.isEmpty, "second run changes nothing: \(again.edits.map { "\($0.path):\($0.line) \($0.reason)" })")
    }

    @Test func companionsOfAMarkerPlatformFollowTheirFileAndHoldCommentsAboveAPinCount() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.6.0\n",
            "requirements/cpu.txt": """
                torch==2.6.0; platform_machine == "ppc64le" or platform_machine == "aarch64"
                torchaudio==2.6.0; platform_machine == "ppc64le"
                torchvision==0.21.0; platform_machine == "ppc64le"
                # cpu cannot use triton 3.3.0
                triton==3.2.0; platform_machine == "x86_64"

                """,
            "docker/Dockerfile.cpu": """
                FROM ubuntu:22.04
                ARG PIP_EXTRA_INDEX_URL="https://download.pytorch.org/whl/cpu"
                ENV UV_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}
                RUN uv pip install --system -r requirements/cpu.txt

                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.7.0"))
        let cpu = try #require(files["requirements/cpu.txt"])
        #expect(cpu.contains("torchaudio==2.7.0; platform_machine == \"ppc64le\""))
        #expect(cpu.contains("torchvision==0.22.0; platform_machine == \"ppc64le\""))
        #expect(cpu.contains("triton==3.2.0"), "held by the comment above it")
        #expect(plan.notes.contains { $0.message.contains("held back on purpose") && $0.location?.line == 5 })
    }

    @Test func labelledPinsGetTheirIndexUnlessTheImageProvidesIt() throws {
        let bare = try PlanFixture(["requirements/cpu.txt": "torch==2.6.0+cpu\n", "requirements/cuda.txt": "torch==2.6.0\n"])
        let (_, files) = try bare.result(UpgradeTarget(torch: "2.7.0"))
        #expect(files["requirements/cpu.txt"] == "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.7.0+cpu\n")
        let withImage = try PlanFixture([
            "requirements/cpu.txt": "torch==2.6.0+cpu\n", "requirements/cuda.txt": "torch==2.6.0\n",
            "docker/Dockerfile.cpu": "FROM ubuntu:22.04\nENV UV_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu\nRUN uv pip install -r requirements/cpu.txt\n",
        ])
        let (_, files2) = try withImage.result(UpgradeTarget(torch: "2.7.0"))
        #expect(files2["requirements/cpu.txt"] == "torch==2.7.0+cpu\n")
    }
}
