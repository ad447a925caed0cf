import Foundation

/// Why a probe could not be set up (the user's input), as opposed to what it found on the indexes.
public enum ProbeError: Error, LocalizedError, Hashable, Sendable {
    /// The torch version is not PEP 440.
    case invalidTorchVersion(String)
    /// A `--python` value is not `3.12`, `3.13t` or `cp312`.
    case invalidPython(String)
    /// An `--arch` value is not one the probe knows (`x86_64`, `aarch64`).
    case invalidArch(String)
    /// An index URL is not an absolute http(s) URL.
    case invalidIndexURL(String)
    /// Nothing to check: no variant, Python or architecture is left after applying the defaults.
    case nothingToProbe(String)
    /// The RC hash state file could not be written.
    case stateFileUnwritable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .invalidTorchVersion(let v):
            return "'\(v)' is not a valid torch version (expected something like 2.7.0)"
        case .invalidPython(let p):
            return "'\(p)' is not a Python version (expected 3.12, 3.13t or cp312)"
        case .invalidArch(let a):
            return "'\(a)' is not a supported architecture (x86_64 or aarch64)"
        case .invalidIndexURL(let u):
            return "not an absolute http(s) index URL: \(redact(u))"
        case .nothingToProbe(let why):
            return "nothing to probe: \(why)"
        case let .stateFileUnwritable(path, reason):
            return "cannot write the release-candidate hash file \(path): \(reason)"
        }
    }
}
