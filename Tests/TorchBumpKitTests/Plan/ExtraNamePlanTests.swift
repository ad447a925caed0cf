import Foundation
import Testing
@testable import TorchBumpKit

/// Backends as extras of one pyproject.toml: variant-named extras are renamed everywhere or nowhere, and a patch
/// release moves the backends that share one resolution together.
@Suite("Planner: backend extras of one pyproject")
struct ExtraNamePlanTests {
    static let pyproject = """
        [project]
        name = "demo"
        dependencies = ["numpy"]

        [project.optional-dependencies]
        # Pick one: `uv sync --extra cu128`
        cu128 = ["torch==2.8.0", "torchvision==0.23.0"]
        cu126 = ["torch==2.8.0", "torchvision==0.23.0"]
        cpu = ["torch==2.8.0", "torchvision==0.23.0"]
        audio = ["torchaudio==2.8.0"]

        [tool.uv]
        conflicts = [[{ extra = "cu128" }, { extra = "cu126" }, { extra = "cpu" }]]

        [tool.uv.sources]
        torch = [
            { index = "pytorch-cu128", extra = "cu128" },
            { index = "pytorch-cu126", extra = "cu126" },
            { index = "pytorch-cpu", extra = "cpu" },
        ]

        [[tool.uv.index]]
        name = "pytorch-cu128"
        url = "https://download.pytorch.org/whl/cu128"
        explicit = true

        [[tool.uv.index]]
        name = "pytorch-cu126"
        url = "https://download.pytorch.org/whl/cu126"
        explicit = true

        [[tool.uv.index]]
        name = "pytorch-cpu"
        url = "https://download.pytorch.org/whl/cpu"
        explicit = true

        """
    static let files: [String: String] = [
        "pyproject.toml": pyproject,
        "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
        "Makefile": "install:\n\tuv sync --extra cu128 --extra audio\ninstall-cpu:\n\tuv sync --extra cpu\n",
        "README.md": """
            | backend | extra | torch |
            |---|---|---|
            | CUDA 12.8 | `cu128` | 2.8.0 |
            | CPU | `cpu` | 2.8.0 |

            Run `uv sync --extra cu128`.

            """,
        ".github/workflows/ci.yml": """
            jobs:
              test:
                strategy:
                  matrix:
                    include:
                      - cuda: "12.8"
                        extra: cu128
                steps:
                  - run: uv sync --extra ${{ matrix.extra }}

            """,
    ]

    static func line(_ text: String, _ n: Int) -> String { text.components(separatedBy: "\n")[n - 1] }

    @Test func cudaMoveRenamesTheExtraEverywhere() throws {
        let (plan, files) = try PlanFixture(Self.files).result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(plan.problems.isEmpty)
        let py = try #require(files["pyproject.toml"])
        #expect(Self.line(py, 6) == "# Pick one: `uv sync --extra cu130`")
        #expect(Self.line(py, 7) == "cu130 = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
        #expect(Self.line(py, 8) == "cu126 = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
        #expect(Self.line(py, 13) == "conflicts = [[{ extra = \"cu130\" }, { extra = \"cu126\" }, { extra = \"cpu\" }]]")
        #expect(Self.line(py, 17) == "    { index = \"pytorch-cu130\", extra = \"cu130\" },")
        #expect(Self.line(py, 18) == "    { index = \"pytorch-cu126\", extra = \"cu126\" },")
        #expect(Self.line(try #require(files["Makefile"]), 2) == "\tuv sync --extra cu130 --extra audio")
        let readme = try #require(files["README.md"])
        #expect(Self.line(readme, 3) == "| CUDA 13.0 | `cu130` | 2.9.0 |")
        #expect(Self.line(readme, 6) == "Run `uv sync --extra cu130`.")
        #expect(Self.line(try #require(files[".github/workflows/ci.yml"]), 7) == "            extra: cu130")
        #expect(plan.edits.contains { $0.path == "pyproject.toml" && $0.line == 7 && $0.reason.contains("renamed with its 7 references") })
    }

    @Test func takenNameKeepsTheOldNameEverywhere() throws {
        var texts = Self.files
        texts["pyproject.toml"] = Self.pyproject.replacingOccurrences(of: "audio = [", with: "cu130 = [\"torch==2.8.0\"]\naudio = [")
        let (plan, files) = try PlanFixture(texts).result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let py = try #require(files["pyproject.toml"])
        #expect(Self.line(py, 7) == "cu128 = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
        #expect(py.contains("{ extra = \"cu128\" }"))
        #expect(py.contains("{ index = \"pytorch-cu130\", extra = \"cu128\" }"))
        #expect(files["Makefile"] == nil, "the Makefile keeps naming the extra that exists")
        #expect(Self.line(try #require(files[".github/workflows/ci.yml"]), 7) == "            extra: cu128")
        #expect(Self.line(try #require(files["README.md"]), 3) == "| CUDA 13.0 | `cu128` | 2.9.0 |")
        #expect(plan.notes.contains {
            $0.kind == .attention && $0.location?.short == "pyproject.toml:7" && $0.message.contains("an extra named cu130 is already defined")
        })
    }

    @Test func referencesWithoutADefinitionAreNotRenamed() throws {
        var texts = Self.files
        texts["pyproject.toml"] = "[project]\nname = \"demo\"\ndependencies = [\"torch==2.8.0\"]\n"
        let (plan, files) = try PlanFixture(texts).result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(files["Makefile"] == nil)
        #expect(Self.line(try #require(files[".github/workflows/ci.yml"]), 6) == "          - cuda: \"13.0\"")
        #expect(Self.line(try #require(files[".github/workflows/ci.yml"]), 7) == "            extra: cu128")
        #expect(plan.notes.contains { $0.kind == .unchanged && $0.location?.short == "Makefile:2" && $0.message.contains("no scanned pyproject.toml defines the extra cu128") })
    }

    /// The default moves onto the cu126 secondary: the project's names swap with its index names, so each name keeps
    /// selecting the same build; a README row that swaps its CUDA follows, a bare command stays and is flagged.
    @Test func defaultMovingOntoASecondaryExtraSwapsNamesOnlyWhereTheirNeighboursSwap() throws {
        var texts = Self.files
        texts["Makefile"] = Self.files["Makefile"]! + "install-cu126:\n\tuv sync --extra cu126\n"
        let (plan, files) = try PlanFixture(texts).result(UpgradeTarget(torch: "2.9.0", cuda: "12.6"))
        #expect(plan.problems.isEmpty)
        let py = try #require(files["pyproject.toml"])
        #expect(Self.line(py, 7) == "cu126 = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
        #expect(Self.line(py, 8) == "cu128 = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
        #expect(Self.line(py, 17) == "    { index = \"pytorch-cu126\", extra = \"cu126\" },")
        #expect(Self.line(py, 18) == "    { index = \"pytorch-cu128\", extra = \"cu128\" },")
        #expect(py.contains("name = \"pytorch-cu126\"\nurl = \"https://download.pytorch.org/whl/cu126\""))
        #expect(Self.line(py, 6) == "# Pick one: `uv sync --extra cu128`", "a comment with nothing beside it keeps its build")
        #expect(files["Makefile"] == nil, "install-cu126 keeps installing cu126")
        #expect(files[".github/workflows/ci.yml"].map { Self.line($0, 7) } ?? "            extra: cu128" == "            extra: cu128")
        #expect(Self.line(try #require(files["README.md"]), 3) == "| CUDA 12.6 | `cu126` | 2.9.0 |", "the row swaps as a whole")
        #expect(plan.notes.contains {
            $0.kind == .attention && $0.location?.short == "Makefile:2" && $0.message.hasPrefix("the default build moves from the cu128 extra to cu126")
        })
        #expect(!plan.notes.contains { $0.kind == .attention && $0.location?.short == "Makefile:6" })
    }

    @Test func minorReleaseWithoutCUDAMoveKeepsNames() throws {
        let (_, files) = try PlanFixture(Self.files).result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["Makefile"] == nil)
        #expect(files[".github/workflows/ci.yml"] == nil)
        #expect(Self.line(try #require(files["pyproject.toml"]), 7) == "cu128 = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
    }

    // MARK: patch releases

    static var onNine: [String: String] {
        var texts = files
        texts["pyproject.toml"] = pyproject.replacingOccurrences(of: "2.8.0", with: "2.9.0").replacingOccurrences(of: "0.23.0", with: "0.24.0")
        texts["README.md"] = files["README.md"]!.replacingOccurrences(of: "2.8.0", with: "2.9.0")
        return texts
    }

    @Test func patchReleaseMovesEveryBackendOfOneProject() throws {
        let fixture = try PlanFixture(Self.onNine)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.1"))
        #expect(plan.platforms.contains(.cpu))
        let py = try #require(files["pyproject.toml"])
        for n in 7...9 { #expect(Self.line(py, n).hasSuffix("= [\"torch==2.9.1\", \"torchvision==0.24.1\"]"), "line \(n)") }
        #expect(Self.line(py, 10) == "audio = [\"torchaudio==2.9.1\"]")
        #expect(Self.line(try #require(files["README.md"]), 4) == "| CPU | `cpu` | 2.9.1 |")
        #expect(plan.notes.contains { $0.kind == .info && $0.message.hasPrefix("the cpu backend moves with this patch release") })
        #expect(!plan.notes.contains { $0.message.contains("one resolution (`uv lock`) cannot satisfy both") })
        #expect(plan.deferrals.isEmpty)
    }

    @Test func backendsLeftBehindFlagTheSharedPinAndKeepTheirReadmeRows() throws {
        let (plan, files) = try PlanFixture(Self.onNine).result(UpgradeTarget(torch: "2.9.1", platforms: [.cuda]))
        let py = try #require(files["pyproject.toml"])
        #expect(Self.line(py, 9) == "cpu = [\"torch==2.9.0\", \"torchvision==0.24.0\"]")
        let readme = try #require(files["README.md"])
        #expect(Self.line(readme, 3) == "| CUDA 12.8 | `cu128` | 2.9.1 |")
        #expect(Self.line(readme, 4) == "| CPU | `cpu` | 2.9.0 |", "the cpu row follows the cpu extra")
        #expect(plan.notes.contains {
            $0.kind == .attention && $0.location?.short == "pyproject.toml:10"
                && $0.message.contains("torchaudio==2.9.1 is installed with every backend of pyproject.toml")
        })
    }

    @Test func separateFilesStillMoveOnlyTheCUDAPlatformAndStayIdempotent() throws {
        let texts = [
            "requirements/cuda.txt": "torch==2.9.1\ntorchaudio==2.9.1\n",
            "requirements/cpu.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.9.0+cpu\n",
        ]
        let plan = try PlanFixture(texts).plan(UpgradeTarget(torch: "2.9.1"))
        #expect(plan.edits.isEmpty, "\(plan.edits.map(\.reason))")
        #expect(plan.deferrals.contains { $0.platform == .cpu && $0.reason.hasPrefix("patch release") })
    }
}
