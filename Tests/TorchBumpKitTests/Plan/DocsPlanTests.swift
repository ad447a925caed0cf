import Foundation
import Testing
@testable import TorchBumpKit

@Suite("Planner: documentation")
struct DocsPlanTests {
    /// Install instructions follow torch; a sentence about an extension release's builds for a torch does not.
    @Test func extensionBuildFactsStay() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docs/install.md": """
                # Install

                ```bash
                pip install torch==2.8.0
                ```

                Prebuilt flash-attn 2.8.3 wheels exist for torch 2.8 (`+cu12torch2.8cxx11abiTRUE`).

                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        let docs = files["docs/install.md"] ?? ""
        #expect(docs.contains("pip install torch==2.9.0"))
        #expect(docs.contains("Prebuilt flash-attn 2.8.3 wheels exist for torch 2.8 ("))
        #expect(plan.notes.contains { $0.message.contains("describes flash-attn 2.8.3's builds") })
    }
}
