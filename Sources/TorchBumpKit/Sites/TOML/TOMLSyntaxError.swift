import Foundation

/// A TOML syntax problem found while scanning, with the 1-based line where it starts.
public struct TOMLSyntaxError: Error, Sendable, Hashable, LocalizedError {
    /// What went wrong.
    public enum Problem: Sendable, Hashable {
        /// A `"…"` or `'…'` string reaches the end of its line.
        case unterminatedString
        /// A `"""…"""` or `'''…'''` string reaches the end of the file.
        case unterminatedMultiLineString
        /// An array opened on this line is never closed (or a table header / key appears inside it).
        case unterminatedArray
        /// An inline table `{ … }` is not closed on its line.
        case unterminatedInlineTable
        /// A `[table]` / `[[table]]` header that does not parse.
        case badHeader(String)
        /// A key that does not parse.
        case badKey(String)
        /// `key` without `= value`.
        case missingEquals
        /// Nothing or something unparsable after `=` (or in an array).
        case badValue(String)
        /// Array items not separated by commas.
        case missingComma
        /// Text after a complete value on the same line.
        case trailingText(String)
        /// An escape sequence TOML does not know.
        case badEscape(String)
    }

    public var problem: Problem
    public var line: Int

    public init(_ problem: Problem, line: Int) {
        self.problem = problem
        self.line = line
    }

    public var errorDescription: String? {
        switch problem {
        case .unterminatedString: return "unterminated string"
        case .unterminatedMultiLineString: return "unterminated multi-line string"
        case .unterminatedArray: return "unterminated array"
        case .unterminatedInlineTable: return "unterminated inline table (inline tables must close on the same line)"
        case let .badHeader(text): return "bad table header `\(text)`"
        case let .badKey(text): return "bad key `\(text)`"
        case .missingEquals: return "expected `=` after key"
        case let .badValue(text): return text.isEmpty ? "missing value" : "invalid value `\(text)`"
        case .missingComma: return "expected `,` or `]` between array items"
        case let .trailingText(text): return "unexpected text after value: `\(text)`"
        case let .badEscape(text): return "invalid escape sequence `\(text)`"
        }
    }

    /// The error as a diagnostic located in `path`.
    public func diagnostic(path: String, severity: Diagnostic.Severity = .warning) -> Diagnostic {
        Diagnostic(severity, "TOML syntax: " + (errorDescription ?? "syntax error"), at: SourceLocation(path: path, line: line))
    }
}
