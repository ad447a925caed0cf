import Foundation

/// Errors of the Versions module: versions, specifiers and wheel filenames that do not parse.
public enum VersionError: Error, Equatable, Sendable, LocalizedError {
    /// Not a PEP 440 version.
    case invalid(String)
    /// Not a PEP 440 version specifier (`>=2.6`, `==2.7.*`, `~=3.8.0`); `reason` says what is wrong.
    case invalidSpecifier(String, reason: String)
    /// Not a PEP 427 wheel filename.
    case invalidWheelFilename(String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .invalid(text):
            return "invalid version '\(text)' (not PEP 440)"
        case let .invalidSpecifier(text, reason):
            return "invalid version specifier '\(text)': \(reason)"
        case let .invalidWheelFilename(text, reason):
            return "invalid wheel filename '\(text)': \(reason)"
        }
    }
}
