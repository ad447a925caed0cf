import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct CheckReportTests {
    let findings = [
        Finding(rule: "lock-stale", severity: .error, message: "lock b.txt:3 is stale against a.in:2",
                primary: SourceLocation(path: "b.txt", line: 3, column: 1),
                related: [SourceLocation(path: "a.in", line: 2, column: 8)]),
        Finding(rule: "torch-pins-disagree", severity: .note, message: "held a.txt:9 vs a.txt:1",
                primary: SourceLocation(path: "a.txt", line: 9, column: 8), related: []),
        Finding(rule: "test-index-in-release", severity: .warning, message: "RC index left behind: a.txt:2 vs c.txt:1",
                primary: SourceLocation(path: "a.txt", line: 2, column: 19), related: []),
    ]

    @Test func textIsSortedWithSummary() {
        #expect(CheckReport.text(findings) == """
            a.txt:2: warning: RC index left behind: a.txt:2 vs c.txt:1 [test-index-in-release]
            a.txt:9: note: held a.txt:9 vs a.txt:1 [torch-pins-disagree]
            b.txt:3: error: lock b.txt:3 is stale against a.in:2 [lock-stale]
            2 findings (1 error, 1 warning); 1 note

            """)
        #expect(CheckReport.text([]) == "no inconsistencies found\n")
        #expect(CheckReport.summary([findings[1]]) == "no inconsistencies found; 1 note")
        #expect(CheckReport.summary([findings[0]]) == "1 finding (1 error)")
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let diagnostic = Diagnostic.warning("cannot parse", at: SourceLocation(path: "x.toml", line: 4))
        let text = try CheckReport.json(findings, diagnostics: [diagnostic])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        let entries = try #require(object["findings"] as? [[String: Any]])
        #expect(entries.count == 3)
        let last = entries[2]
        #expect(Set(last.keys) == ["rule", "severity", "message", "path", "line", "column", "related"])
        #expect(last["rule"] as? String == "lock-stale")
        #expect(last["severity"] as? String == "error")
        #expect(last["path"] as? String == "b.txt" && last["line"] as? Int == 3 && last["column"] as? Int == 1)
        let related = try #require(last["related"] as? [[String: Any]])
        #expect(related.count == 1 && related[0]["path"] as? String == "a.in" && related[0]["line"] as? Int == 2)
        #expect((object["diagnostics"] as? [Any])?.count == 1)
    }

    @Test func githubAnnotations() {
        let out = CheckReport.github(findings, diagnostics: [.error("unreadable", at: SourceLocation(path: "z", line: 1))])
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines == [
            "::error file=z,line=1,col=1::unreadable",
            "::warning file=a.txt,line=2,col=19::RC index left behind: a.txt:2 vs c.txt:1 [test-index-in-release]",
            "::notice file=a.txt,line=9,col=8::held a.txt:9 vs a.txt:1 [torch-pins-disagree]",
            "::error file=b.txt,line=3,col=1::lock b.txt:3 is stale against a.in:2 [lock-stale]",
            "2 findings (1 error, 1 warning); 1 note",
        ])
    }

    @Test func ruleIdsAreStable() {
        #expect(ConsistencyRule.allCases.map(\.rawValue) == [
            "torch-pins-disagree", "companion-mismatch", "index-variant-mismatch", "cmake-vs-build", "lock-stale",
            "test-index-in-release", "rc-index-without-strategy", "invalid-local-label-range", "generated-stale",
        ])
    }
}
