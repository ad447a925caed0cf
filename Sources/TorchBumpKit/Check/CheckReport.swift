import Foundation

/// Renders consistency findings as text, as the documented JSON document, or as GitHub workflow annotations.
///
/// JSON (`torchbump check --format json`, schema 1):
/// `{"schema": 1, "findings": [{"rule", "severity", "message", "path", "line", "column",
///   "related": [{"path", "line"}]}], "diagnostics": [{"severity", "message", "location": {"path", "line", "column"}}]}`
public enum CheckReport {
    /// JSON schema version of `torchbump check --format json`.
    public static let schema = 1

    /// `path:line: severity: message [rule]` per finding (sorted by path and line), then a summary line.
    public static func text(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings.sorted(by: ConsistencyChecker.order) {
            out += "\(f.primary.short): \(f.severity.rawValue): \(f.message) [\(f.rule)]\n"
        }
        return out + summary(findings) + "\n"
    }

    /// `3 findings (2 errors, 1 warning); 1 note` or `no inconsistencies found`.
    public static func summary(_ findings: [Finding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.filter { $0.severity == .note }.count
        let noteText = notes == 0 ? "" : "; \(notes) \(notes == 1 ? "note" : "notes")"
        guard errors + warnings > 0 else { return "no inconsistencies found" + noteText }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) \(errors == 1 ? "error" : "errors")") }
        if warnings > 0 { parts.append("\(warnings) \(warnings == 1 ? "warning" : "warnings")") }
        let n = errors + warnings
        return "\(n) \(n == 1 ? "finding" : "findings") (\(parts.joined(separator: ", ")))" + noteText
    }

    /// One `::error file=…,line=…,col=…::message [rule]` line per finding and per diagnostic, then the summary.
    public static func github(_ findings: [Finding], diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics where d.severity != .note { out += d.githubAnnotation + "\n" }
        for f in findings.sorted(by: ConsistencyChecker.order) { out += f.diagnostic.githubAnnotation + "\n" }
        return out + summary(findings) + "\n"
    }

    struct Related: Codable {
        var path: String
        var line: Int
    }

    struct Entry: Codable {
        var rule: String
        var severity: Diagnostic.Severity
        var message: String
        var path: String
        var line: Int
        var column: Int
        var related: [Related]
    }

    struct Document: Codable {
        var schema: Int
        var findings: [Entry]
        var diagnostics: [Diagnostic]
    }

    public static func json(_ findings: [Finding], diagnostics: [Diagnostic]) throws -> String {
        let entries = findings.sorted(by: ConsistencyChecker.order).map { f in
            Entry(rule: f.rule, severity: f.severity, message: f.message, path: f.primary.path, line: f.primary.line,
                  column: f.primary.column, related: f.related.map { Related(path: $0.path, line: $0.line) })
        }
        return try InventoryReport.encodeJSON(Document(schema: schema, findings: entries, diagnostics: diagnostics))
    }
}
