import Foundation
import Testing
@testable import TorchBumpKit

/// A shell `case` on the CUDA version maps each toolkit to its variant: a CUDA move adds a branch for the new toolkit
/// and leaves the old branches alone (a `--build-arg CUDA_VERSION=12.8.1` build must still get cu128).
@Suite("Planner: CUDA `case` branches")
struct CaseBranchPlanTests {
    static let dockerfile = """
        ARG CUDA_VERSION=12.8.1
        FROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04
        RUN case "${CUDA_VERSION}" in \\
              12.6.*) CUDA_TAG=cu126 ;; \\
              12.8.*) CUDA_TAG=cu128 ;; \\
              *) exit 1 ;; \\
            esac && \\
            pip install torch==2.8.0 --index-url https://download.pytorch.org/whl/${CUDA_TAG}

        """

    @Test func aBranchIsAddedForTheNewCUDA() throws {
        let fixture = try PlanFixture(["docker/Dockerfile": Self.dockerfile])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let lines = (files["docker/Dockerfile"] ?? "").components(separatedBy: "\n")
        #expect(lines[0] == "ARG CUDA_VERSION=13.0.2")
        #expect(Array(lines[3...5]) == ["      12.6.*) CUDA_TAG=cu126 ;; \\", "      12.8.*) CUDA_TAG=cu128 ;; \\",
                                         "      13.0.*) CUDA_TAG=cu130 ;; \\"])
        #expect(lines[6] == "      *) exit 1 ;; \\")
    }

    @Test func anExistingBranchForTheNewCUDAIsKept() throws {
        let text = Self.dockerfile.replacingOccurrences(of: "      *) exit 1", with: "      12.9*|13.*) CUDA_TAG=cu130 ;; \\\n      *) exit 1")
        let fixture = try PlanFixture(["docker/Dockerfile": text])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(files["docker/Dockerfile"]?.contains("12.8.*) CUDA_TAG=cu128 ;;") == true)
        #expect(files["docker/Dockerfile"]?.components(separatedBy: "cu130").count == 2)
        #expect(plan.notes.contains { $0.message.contains("already maps CUDA 13.0") })
    }

    @Test func aCaseWithoutAVariantIsFlagged() throws {
        let fixture = try PlanFixture([
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
            "tools/archs.sh": "#!/bin/bash\ncase \"$CUDA_VERSION\" in\n  12.8*) ARCHS=\"8.0 9.0\" ;;\nesac\n",
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(files["tools/archs.sh"] == nil)
        #expect(plan.notes.contains { $0.location?.short == "tools/archs.sh:3" && $0.message.contains("matches no branch") })
    }

    @Test(arguments: [("12.8.*", "12.8", true), ("12.*", "12.8", true), ("12.8*", "12.8", true), ("12.6.*", "12.8", false),
                      ("13.0", "13.0", true), ("12.8", "12.9", false), ("1*", "12.8", true)])
    func patternCoverage(pattern: String, minor: String, covers: Bool) {
        #expect(PlanBuilder.casePattern(pattern, covers: minor) == covers)
    }

    /// A `[[ $CUDA_VERSION == 12.8 ]]` test is flagged when the new CUDA takes the other branch.
    @Test func versionComparisonIsFlagged() throws {
        let fixture = try PlanFixture([
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
            "build.sh": "#!/bin/bash\nif [[ \"$CUDA_VERSION\" == 12.8 || \"$CUDA_VERSION\" == 12.9 ]]; then\n  ARCHS=\"9.0a\"\nfi\n",
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(plan.notes.contains { $0.location?.short == "build.sh:2" && $0.message.contains("CUDA 13.0 takes the other branch") })
        #expect(plan.edits.allSatisfy { $0.path != "build.sh" })
    }

    /// A nightly job's container toolkit stays with its nightly torch index.
    @Test func nightlyJobKeepsItsToolkit() throws {
        let workflow = """
            name: test
            on: [push]
            jobs:
              unit:
                runs-on: [self-hosted, gpu]
                container: nvidia/cuda:12.8.1-devel-ubuntu22.04
                steps:
                  - run: pip install torch==2.8.0 --index-url https://download.pytorch.org/whl/cu128
              canary:
                runs-on: [self-hosted, gpu]
                container: nvidia/cuda:12.8.1-devel-ubuntu22.04
                steps:
                  - run: pip install --pre torch --index-url https://download.pytorch.org/whl/nightly/cu128

            """
        let fixture = try PlanFixture([".github/workflows/test.yml": workflow, "requirements.txt": "torch==2.8.0\n"])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let lines = (files[".github/workflows/test.yml"] ?? workflow).components(separatedBy: "\n")
        #expect(lines[5].contains("nvidia/cuda:13.0."), "\(lines[5])")
        #expect(lines[10] == "    container: nvidia/cuda:12.8.1-devel-ubuntu22.04")
    }

    /// A CUDA library soname (`libcudart.so.12`) is flagged on a move to another CUDA major, and only then.
    @Test(arguments: [("13.0", true), ("12.9", false)])
    func runtimeSonameFollowsTheMajor(cuda: String, flagged: Bool) throws {
        let fixture = try PlanFixture([
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
            "build.sh": "#!/bin/bash\nauditwheel repair dist/*.whl --exclude libcudart.so.12 --exclude libtorch.so\n",
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0", cuda: cuda))
        #expect(plan.notes.contains { $0.location?.short == "build.sh:2" && $0.message.contains("runtime library") } == flagged)
    }
}
