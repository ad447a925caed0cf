import Foundation
import Testing
@testable import TorchBumpKit

/// A CI matrix entry's CUDA, full toolkit and container tag move together (the toolkit to the newest patch the
/// release matrix knows), or all stay — together with the matrix axis value the entry extends.
@Suite("Planner: CI matrix entries")
struct PlannerMatrixEntryTests {
    static func repo(matrix: String) -> [String: String] {
        [
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04 AS build\n",
            ".github/workflows/kernels.yml": """
                name: kernels
                on: [push]
                jobs:
                  compile:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                \(matrix)
                    container:
                      image: nvidia/cuda:${{ matrix.cuda_full }}-devel-ubuntu22.04
                    steps:
                      - run: uv pip install --system "torch==2.8.0" --index-url "https://download.pytorch.org/whl/cu$(echo ${{ matrix.cuda }} | tr -d .)"

                """,
        ]
    }

    static let twoEntries = """
                cuda: ["12.6", "12.8"]
                include:
                  - cuda: "12.6"
                    cuda_full: "12.6.3"
                  - cuda: "12.8"
                    cuda_full: "12.8.1"
                    image: nvidia/cuda:12.8.1-devel-ubuntu22.04
        """

    static func lines(_ text: String?) -> [String] { (text ?? "").components(separatedBy: "\n") }

    /// The `matrix:` block of the planned workflow equals the original one.
    static func expectMatrixUnchanged(_ files: [String: String], _ matrix: String,
                                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let original = lines(repo(matrix: matrix)[".github/workflows/kernels.yml"])
        let planned = files[".github/workflows/kernels.yml"].map(lines) ?? original
        #expect(planned[7..<14] == original[7..<14], sourceLocation: sourceLocation)
    }

    /// Every include entry's full toolkit and image start with its CUDA minor.
    static func expectConsistent(_ workflow: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var cuda: String?
        for line in lines(workflow).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("- cuda: \"") { cuda = line.components(separatedBy: "\"")[1] }
            if let cuda, line.hasPrefix("cuda_full: ") || line.hasPrefix("image: nvidia/cuda:1") {
                let value = line.hasPrefix("cuda_full") ? line.components(separatedBy: "\"")[1]
                    : String(line.dropFirst("image: nvidia/cuda:".count))
                #expect(value.hasPrefix(cuda + "."), "\(line) in the entry of CUDA \(cuda)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theEntryMovesWithItsToolkitAndImageToTheNewestPatch() throws {
        let fixture = try PlanFixture(Self.repo(matrix: Self.twoEntries))
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(plan.problems.isEmpty)
        let workflow = try #require(files[".github/workflows/kernels.yml"])
        let lines = Self.lines(workflow)
        #expect(lines[7] == "        cuda: [\"12.6\", \"13.0\"]")
        #expect(lines[9...10] == ["          - cuda: \"12.6\"", "            cuda_full: \"12.6.3\""], "12.6 is still published")
        #expect(lines[11...13] == ["          - cuda: \"13.0\"", "            cuda_full: \"13.0.2\"",
                                   "            image: nvidia/cuda:13.0.2-devel-ubuntu22.04"])
        Self.expectConsistent(workflow)
        let reasons = plan.edits.filter { $0.path == ".github/workflows/kernels.yml" && $0.line == 13 }.map(\.reason)
        #expect(reasons.contains { $0.contains("matrix entry's CUDA (line 12)") && $0.contains("13.0.2 is the newest CUDA 13.0 patch") })
    }

    @Test func anEntryLeftBesideTheNewCUDAKeepsItsToolkit() throws {
        let matrix = """
                cuda: ["12.8", "12.9"]
                include:
                  - cuda: "12.8"
                    cuda_full: "12.8.1"
                  - cuda: "12.9"
                    cuda_full: "12.9.1"
        """
        let fixture = try PlanFixture(Self.repo(matrix: matrix))
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "12.9"))
        Self.expectMatrixUnchanged(files, matrix)  // 12.8 stays a tested variant, with its toolkit
        #expect(files["docker/Dockerfile"]?.hasPrefix("ARG CUDA_VERSION=12.9.1\n") == true)
        #expect(plan.notes.contains {
            $0.kind == .unchanged && $0.location?.line == 10 && $0.message.contains("cuda_full 12.8.1 stay with it")
        })
    }

    @Test func withoutAKnownPatchTheWholeEntryAndItsAxisValueStay() throws {
        let bundled = try ReleaseMatrix.bundled()
        var toolkits = bundled.cuda
        let i = try #require(toolkits.firstIndex { $0.version == "13.0" })
        toolkits[i].latestPatch = nil
        let matrix = try ReleaseMatrix(generated: bundled.generated, source: bundled.source, releases: bundled.releases,
                                       cuda: toolkits, wheelArchLists: bundled.wheelArchLists, extensions: bundled.extensions)
        let fixture = try PlanFixture(Self.repo(matrix: Self.twoEntries))
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"), matrix: matrix)
        Self.expectMatrixUnchanged(files, Self.twoEntries)  // no split: the axis, the entry and its toolkit all stay
        #expect(plan.notes.contains {
            $0.kind == .attention && $0.location?.line == 12 && $0.message.contains("knows no patch level of CUDA 13.0")
        })
        #expect(plan.notes.contains { $0.kind == .unchanged && $0.location?.line == 8 && $0.message.contains("line 12") })
    }

    @Test func anEntryThatIsAlreadySplitIsFlaggedNotEdited() throws {
        let matrix = """
                cuda: ["12.8"]
                include:
                  - cuda: "12.8"
                    cuda_full: "12.6.3"
                  - cuda: "12.6"
                    cuda_full: "12.6.3"
        """
        let fixture = try PlanFixture(Self.repo(matrix: matrix))
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        Self.expectMatrixUnchanged(files, matrix)
        #expect(plan.notes.contains { $0.kind == .attention && $0.message.contains("already pairs different CUDA versions") })
    }
}
