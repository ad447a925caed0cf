import Foundation

/// Problems the requirements, lock, pyproject, Python and CMake scanners report about their input.
public enum RequirementsScanProblem: Error, Sendable, Hashable, LocalizedError {
    /// A line (or a TOML/Python string) that should be a requirement but does not parse.
    case unparsableRequirement(String)
    /// A requirements option line that does not parse (`--extra-index-url` without a URL).
    case badOption(String)
    /// `-r`/`-c` names a file that does not exist.
    case missingInclude(String)
    /// `-r`/`-c` names a file outside the repository; not followed.
    case includeOutsideRepository(String)
    /// A tracked package pinned through an environment variable (`torch==${TORCH_VERSION}`).
    case interpolatedVersion(package: String, text: String)
    /// A CMake quoted argument that is never closed.
    case cmakeUnterminatedQuote
    /// A CMake command whose `(` is never closed.
    case cmakeUnterminatedCommand(String)

    public var errorDescription: String? {
        switch self {
        case let .unparsableRequirement(reason):
            return "cannot parse requirement: \(reason)"
        case let .badOption(reason):
            return "cannot parse option: \(reason)"
        case let .missingInclude(path):
            return "included file \(path) does not exist"
        case let .includeOutsideRepository(path):
            return "included file \(path) is outside the repository; not scanned"
        case let .interpolatedVersion(package, text):
            return "\(package) is pinned through an environment variable (\(text)); the real pin is wherever it is set"
        case .cmakeUnterminatedQuote:
            return "unterminated quoted argument; the rest of the file was not scanned"
        case let .cmakeUnterminatedCommand(name):
            return "`\(name)(` is never closed"
        }
    }

    var message: String { errorDescription ?? "scan problem" }

    /// The problem as a diagnostic at `location`: variable pins are notes, everything else warns.
    func diagnostic(at location: SourceLocation) -> Diagnostic {
        if case .interpolatedVersion = self { return .note(message, at: location) }
        return .warning(message, at: location)
    }
}
