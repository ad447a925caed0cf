import Foundation

/// Problems in PEP 508 requirements and requirements files. Parsing functions throw the first three; a
/// `RequirementsFile` turns every case into a `Diagnostic` (errors for what pip rejects, warnings for surprises).
public enum RequirementError: Error, Equatable, Sendable, LocalizedError {
    /// A requirement that does not parse; `column` is 1-based in `text`.
    case invalidRequirement(String, reason: String, column: Int)
    /// An environment marker that does not parse; `column` is 1-based in `text`.
    case invalidMarker(String, reason: String, column: Int)
    /// An option pip rejects: a missing value, a value given to a flag, an ambiguous abbreviation.
    case invalidOption(String, reason: String)
    /// An option pip does not know in requirements files (pip stops with "no such option").
    case unknownOption(String)
    /// Words after the options of an option line, which pip silently ignores.
    case ignoredArguments(String)
    /// The last line ends with a backslash: pip joins nothing and reads the line as is.
    case continuationAtEndOfFile
    /// A comment ends with a backslash, so pip treats the next line as part of the comment.
    case commentSwallowsNextLine

    public var errorDescription: String? {
        switch self {
        case let .invalidRequirement(text, reason, column):
            return "invalid requirement '\(text)': \(reason) (at column \(column))"
        case let .invalidMarker(text, reason, column):
            return "invalid environment marker '\(text)': \(reason) (at column \(column))"
        case let .invalidOption(option, reason):
            return "invalid option '\(option)': \(reason)"
        case let .unknownOption(option):
            return "pip does not accept the option '\(option)' in a requirements file"
        case let .ignoredArguments(words):
            return "pip ignores '\(words)' after the options on this line"
        case .continuationAtEndOfFile:
            return "the last line ends with a line continuation ('\\'); pip reads it as if the backslash were absent"
        case .commentSwallowsNextLine:
            return "a comment ends with '\\', so pip also treats the next line as part of the comment"
        }
    }
}
