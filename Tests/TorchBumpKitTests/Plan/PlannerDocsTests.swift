import Foundation
import Testing
@testable import TorchBumpKit

/// Docs that tie the default build to PyPI's torch: the versions follow the plan; the PyPI claim is flagged when it
/// stops being true.
@Suite("Planner: docs that name PyPI's CUDA")
struct PlannerDocsTests {
    static let repo: [String: String] = [
        "requirements/cuda.txt": "torch==2.8.0\n",
        "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04 AS build\n",
        "docs/install.md": """
            # Install

            `pip install engine` installs the default build, compiled with CUDA 12.8 and PyTorch 2.8.0 — the same CUDA as the `torch` wheel on PyPI.

            | wheel | CUDA | PyTorch | torch index |
            |-------|------|---------|-------------|
            | default | 12.8 | 2.8.0 | PyPI, or `https://download.pytorch.org/whl/cu128` |

            """,
    ]

    @Test func aCUDAMoveAwayFromPyPIsBuildUpdatesTheLineAndFlagsTheClaim() throws {
        let fixture = try PlanFixture(Self.repo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "12.9"))
        let lines = try #require(files["docs/install.md"]).components(separatedBy: "\n")
        #expect(lines[2].contains("compiled with CUDA 12.9 and PyTorch 2.9.0 — the same CUDA"))
        #expect(lines[6] == "| default | 12.9 | 2.9.0 | PyPI, or `https://download.pytorch.org/whl/cu129` |")
        let flagged = plan.notes.filter { $0.kind == .attention && $0.message.contains("PyPI's torch 2.9.0 is the cu128 build") }
        #expect(flagged.compactMap(\.location?.line).sorted() == [3, 7])
        #expect(flagged.allSatisfy { $0.message.contains("moves to CUDA 12.9") })
    }

    @Test func theClaimStaysTrueWhenTheCUDAStaysOnPyPIsBuild() throws {
        let fixture = try PlanFixture(Self.repo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        let lines = try #require(files["docs/install.md"]).components(separatedBy: "\n")
        #expect(lines[2].contains("compiled with CUDA 12.8 and PyTorch 2.9.0"))
        #expect(lines[6] == "| default | 12.8 | 2.9.0 | PyPI, or `https://download.pytorch.org/whl/cu128` |")
        #expect(!plan.notes.contains { $0.message.contains("PyPI claim") })
    }

    @Test func aTorchMoveAloneCanFalsifyTheClaim() throws {
        // torch 2.11 moved PyPI to cu130; a repository that stays on CUDA 12.8 no longer matches it.
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.10.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\n",
            "docs/install.md": "Built with CUDA 12.8, the CUDA of the torch wheels on PyPI.\n",
        ])
        let (plan, _) = try fixture.result(UpgradeTarget(torch: "2.11.0"))
        #expect(plan.notes.contains {
            $0.kind == .attention && $0.location?.line == 1 && $0.message.contains("stays on CUDA 12.8")
                && $0.message.contains("cu130")
        })
    }

    @Test func aSentenceAboutPyPIsOwnBuildIsLeftWholeAndFlagged() throws {
        // Here the CUDA names PyPI's wheel: "12.8" would be false about PyPI's torch 2.7.0 (cu126).
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.6.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.4.1\n",
            "docs/install.md": """
                Wheels are compiled with CUDA 12.4 and PyTorch 2.6.0. Installing them pulls in
                `torch==2.6.0` from PyPI, which on Linux x86_64 is the CUDA 12.4 build as well.

                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.7.0", cuda: "12.8"))
        #expect(files["docs/install.md"] == """
            Wheels are compiled with CUDA 12.8 and PyTorch 2.7.0. Installing them pulls in
            `torch==2.6.0` from PyPI, which on Linux x86_64 is the CUDA 12.4 build as well.

            """)
        #expect(plan.notes.contains {
            $0.kind == .attention && $0.location?.line == 2 && $0.message.contains("cu126 build: rewrite the sentence (left as is)")
        })
    }

    @Test func gpuAndDriverFloorsAreCheckedAgainstTheNewDefault() throws {
        let repo = [
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\n",
            "docs/install.md": """
                # Requirements (CUDA wheels)

                - GPU: compute capability 7.0 or higher
                - Driver: R525 or newer

                """,
        ]
        let (cuda13, _) = try PlanFixture(repo).result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let flagged = cuda13.notes.filter { $0.kind == .attention && $0.location?.path == "docs/install.md" }
        #expect(flagged.contains { $0.location?.line == 3 && $0.message.contains("cu130 wheels start at compute capability 7.5")
            && $0.message.contains("cu126") })
        #expect(flagged.contains { $0.location?.line == 4 && $0.message.contains("driver 580 or newer") })
        let (cuda129, _) = try PlanFixture(repo).result(UpgradeTarget(torch: "2.9.0", cuda: "12.9"))
        #expect(!cuda129.notes.contains { $0.location?.path == "docs/install.md" }, "cu129 keeps sm_70 and R525")
    }
}
