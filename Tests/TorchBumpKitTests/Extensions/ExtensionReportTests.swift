import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct ExtensionReportTests {
    static let plan = DockerfileStanzasTests.plan

    @Test func textReportNamesEveryDecisionAndTheSummary() {
        let text = ExtensionReport.text(Self.plan)
        #expect(text.hasPrefix("torchbump deps — torch 2.10.0 · cu130 · Python 3.12 (test) · release channel · offline"))
        #expect(text.contains("arch list for CUDA builds: 7.5 8.0 8.9 9.0 10.0 11.0 12.0+PTX  [docker/Dockerfile:12 TORCH_CUDA_ARCH_LIST]"))
        #expect(text.contains("  changed: 7.0: CUDA 13.0 cannot target it"))
        #expect(text.contains("  changed: 10.1 → 11.0 (CUDA 13.0 name)"))
        #expect(text.contains("intel-extension-for-pytorch 2.8.10 — blocked on vendor release [xpu]"))
        #expect(text.hasSuffix("summary: 2 wheels · 1 no build needed · 4 source builds · 1 blocked — exit 1\n"))
    }

    @Test func jsonRoundTripsTheDecisions() throws {
        let json = try ExtensionReport.json(Self.plan)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "target", "archList", "extensions", "summary", "exitStatus", "diagnostics"])
        #expect(object["summary"] as? [String: Int] == ["wheel": 2, "no-build-needed": 1, "source-build": 4, "blocked": 1])
        let decoded = try JSONDecoder().decode(Decisions.self, from: Data(json.utf8))
        #expect(decoded.extensions == Self.plan.decisions)
    }

    private struct Decisions: Decodable { var extensions: [ExtensionDecision] }

    @Test(arguments: [
        ("7.5", "7.5"), ("7.5 8.0", "\"7.5 8.0\""), ("a\"b$c", "\"a\\\"b\\$c\""), ("", "\"\""),
        ("https://x.example/a@b", "https://x.example/a@b"),
    ])
    func shellQuoting(value: String, quoted: String) {
        #expect(BuildRecipe.shellQuote(value) == quoted)
    }
}
