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
