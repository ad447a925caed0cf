import Foundation
import Testing
@testable import TorchBumpKit

@Suite("Planner: Python constants")
struct PythonConstantsPlanTests {
    static let requirements = "torch==2.8.0\ntorchvision==0.23.0\n"

    /// Constants named for torch and its companions follow the plan; floors stay, ceilings the target passes are
    /// reported.
    @Test(arguments: [
        ("TORCH_VERSION = \"2.8.0\"\n", "TORCH_VERSION = \"2.9.0\"\n"),
        ("TORCHVISION_VERSION = \"0.23.0\"\n", "TORCHVISION_VERSION = \"0.24.0\"\n"),
        ("TESTED_TORCH = \"2.8.0\"\nTESTED_TORCHVISION = \"0.23.0\"\n", "TESTED_TORCH = \"2.9.0\"\nTESTED_TORCHVISION = \"0.24.0\"\n"),
        ("MIN_TORCH = \"2.8.0\"\n", "MIN_TORCH = \"2.8.0\"\n"),
        ("MINIMUM_TORCH_VERSION = \"2.8\"\n", "MINIMUM_TORCH_VERSION = \"2.8\"\n"),
        ("TORCH_MAX_VERSION = \"2.8\"\n", "TORCH_MAX_VERSION = \"2.8\"\n"),
    ])
    func constantsFollowTorch(_ before: String, _ after: String) throws {
        let fixture = try PlanFixture(["requirements.txt": Self.requirements, "noxfile.py": before])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect((files["noxfile.py"] ?? before) == after)
    }

    @Test func floorIsLeftWithAReasonAndCeilingIsReported() throws {
        let fixture = try PlanFixture([
            "requirements.txt": Self.requirements,
            "pkg/_compat.py": "MIN_TORCH = \"2.8.0\"\nMAX_TORCH = \"2.8\"\n",
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0"))
        #expect(plan.notes.contains { $0.kind == .unchanged && $0.location?.line == 1 && $0.message.contains("lower bound") })
        #expect(plan.notes.contains { $0.kind == .attention && $0.location?.line == 2 && $0.message.contains("upper bound") })
    }
}

@Suite("Planner: index URLs, variants and CUDA assertions in Python")
struct PythonValuesPlanTests {
    static let noxfile = """
        TORCH_INDEX = "https://download.pytorch.org/whl"
        BACKENDS = {
            "cu126": "cu126",
            "rocm": "rocm6.3",
        }
        def smoke(session):
            session.install("torch==2.8.0", "--index-url", "https://download.pytorch.org/whl/cu126")
            session.run("python", "-c", "import torch; assert torch.version.cuda == '12.6', torch.version.cuda")

        """
    static let files = [
        "requirements/cuda.txt": "--index-url https://download.pytorch.org/whl/cu126\ntorch==2.8.0\n",
        "requirements/rocm.txt": "--index-url https://download.pytorch.org/whl/rocm6.3\ntorch==2.8.0\n",
        "noxfile.py": noxfile,
    ]

    /// A CUDA move renames the backend values, the index and the assertion; the key callers select stays.
    @Test func cudaMoveKeepsTheKey() throws {
        let (plan, files) = try PlanFixture(Self.files).result(UpgradeTarget(torch: "2.9.0", cuda: "12.8"))
        let nox = try #require(files["noxfile.py"])
        #expect(nox.contains(#""cu126": "cu128","#))
        #expect(nox.contains(#""torch==2.9.0", "--index-url", "https://download.pytorch.org/whl/cu128""#))
        #expect(nox.contains("torch.version.cuda == '12.8'"))
        #expect(nox.contains(#"TORCH_INDEX = "https://download.pytorch.org/whl""#))
        #expect(plan.notes.contains { $0.kind == .attention && $0.location?.line == 3 && $0.message.contains("key \"cu126\"") })
    }

    /// A release candidate moves the base URL constant and the URL argument to the test channel.
    @Test func releaseCandidateUsesTheTestIndex() throws {
        let (_, files) = try PlanFixture(Self.files).result(UpgradeTarget(torch: "2.9.0", channel: .test))
        let nox = try #require(files["noxfile.py"])
        #expect(nox.contains(#"TORCH_INDEX = "https://download.pytorch.org/whl/test""#))
        #expect(nox.contains("https://download.pytorch.org/whl/test/cu126"))
        #expect(nox.contains("torch.version.cuda == '12.6'"))
    }

    /// Intersphinx links follow torch and torchvision at their minor; a patch release changes nothing.
    @Test(arguments: [("2.9.0", "docs/2.9/", "vision/0.24/"), ("2.8.1", "docs/2.8/", "vision/0.23/")])
    func intersphinxFollowsTheMinor(_ torch: String, _ docs: String, _ vision: String) throws {
        let conf = """
            intersphinx_mapping = {
                "torch": ("https://docs.pytorch.org/docs/2.8/", None),
                "torchvision": ("https://docs.pytorch.org/vision/0.23/", None),
            }

            """
        let (_, files) = try PlanFixture(["requirements.txt": "torch==2.8.0\ntorchvision==0.23.0\n", "docs/conf.py": conf])
            .result(UpgradeTarget(torch: torch))
        let out = files["docs/conf.py"] ?? conf
        #expect(out.contains(docs) && out.contains(vision))
    }
}
