import Foundation

/// A problem in a repository's `[tool.torchbump]` table or `torchbump.toml`.
public enum ConfigError: Error, Sendable, Hashable, LocalizedError {
    /// The configuration file exists but cannot be read.
    case unreadable(file: String, reason: String)
    /// TOML syntax error inside the configuration.
    case syntax(TOMLSyntaxError)
    /// `key` must be an array of strings.
    case notStringArray(key: String)
    /// `key` must be a string.
    case notString(key: String)
    /// `key` must be a table.
    case notTable(key: String)
    /// A platform name torchbump does not know.
    case unknownPlatform(key: String, value: String)
    /// A site kind torchbump does not know.
    case unknownKind(key: String, value: String)
    /// A custom-site regex that does not compile.
    case badPattern(key: String, reason: String)
    /// A custom-site regex without the `(?<value>…)` capture.
    case patternWithoutValue(key: String)
    /// A required key is missing from a table.
    case missingKey(key: String, table: String)
    /// A key torchbump does not know (probably a typo); ignored.
    case unknownKey(key: String)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(file, reason):
            return "cannot read \(file): \(reason)"
        case let .syntax(error):
            return "TOML syntax: " + (error.errorDescription ?? "syntax error")
        case let .notStringArray(key):
            return "`\(key)` must be an array of strings"
        case let .notString(key):
            return "`\(key)` must be a string"
        case let .notTable(key):
            return "`\(key)` must be a table"
        case let .unknownPlatform(key, value):
            let known = Platform.allCases.map(\.rawValue).joined(separator: ", ")
            return "`\(key)`: unknown platform `\(value)` (known: \(known))"
        case let .unknownKind(key, value):
            let known = SiteKind.allCases.map(\.rawValue).joined(separator: ", ")
            return "`\(key)`: unknown site kind `\(value)` (known: \(known))"
        case let .badPattern(key, reason):
            return "`\(key)`: regular expression does not compile: \(reason)"
        case let .patternWithoutValue(key):
            return "`\(key)`: the pattern needs a named capture `(?<value>…)` around the version"
        case let .missingKey(key, table):
            return "`\(table)` needs `\(key)`"
        case let .unknownKey(key):
            return "unknown configuration key `\(key)` (ignored)"
        }
    }

    /// Unknown keys only warn; everything else makes the configuration invalid.
    public var severity: Diagnostic.Severity {
        if case .unknownKey = self { return .warning }
        return .error
    }

    func diagnostic(path: String, line: Int) -> Diagnostic {
        Diagnostic(severity, errorDescription ?? "configuration error", at: SourceLocation(path: path, line: line))
    }
}
