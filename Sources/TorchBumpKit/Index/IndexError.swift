import Foundation

/// Why a wheel-index request failed; every message names the URL with credentials redacted.
public enum IndexError: Error, LocalizedError, Sendable, Hashable {
    /// The page or file does not exist: 404/410, or 403 from PyTorch's index (which denies unknown keys).
    case notFound(url: String)
    /// The server wants (other) credentials: 401, or 403 from a host that is not PyTorch's index.
    case unauthorized(url: String, status: Int, sentCredentials: Bool)
    /// 429, 5xx, timeouts or connection failures persisted through every retry; says nothing about presence.
    case network(url: String, reason: String, attempts: Int)
    /// A status the client does not interpret (400, 418, a redirect that was not followed, …).
    case unexpectedStatus(url: String, status: Int)
    /// The body is not a page the client can read (bad JSON, a 304 with nothing cached, …).
    case malformedResponse(url: String, reason: String)
    /// Offline mode was requested and the cache holds no copy of the URL.
    case offline(url: String)
    /// The text is not an absolute http(s) URL.
    case invalidURL(String)
    /// The downloaded bytes do not match the SHA-256 the index advertised.
    case hashMismatch(url: String, expected: String, actual: String)

    /// Whether the error means "absent" (and only that).
    public var isNotFound: Bool { if case .notFound = self { return true } else { return false } }

    /// The URL the error is about, redacted.
    public var url: String {
        switch self {
        case .notFound(let u), .unauthorized(let u, _, _), .network(let u, _, _), .unexpectedStatus(let u, _),
             .malformedResponse(let u, _), .offline(let u), .invalidURL(let u), .hashMismatch(let u, _, _):
            return redact(u)
        }
    }

    public var errorDescription: String? {
        let u = url
        switch self {
        case .notFound:
            return "not found: \(u)"
        case .unauthorized(_, let status, let sent):
            let hint = sent
                ? "the credentials sent were refused"
                : "no credentials were sent; add them to the URL or to ~/.netrc (or $NETRC)"
            return "HTTP \(status) (authentication required) from \(u): \(hint)"
        case .network(_, let reason, let attempts):
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            return "network error for \(u) after \(tries): \(redactCredentials(in: reason))"
        case .unexpectedStatus(_, let status):
            return "unexpected HTTP \(status) from \(u)"
        case .malformedResponse(_, let reason):
            return "unreadable response from \(u): \(redactCredentials(in: reason))"
        case .offline:
            return "offline mode: no cached copy of \(u)"
        case .invalidURL:
            return "not an absolute http(s) URL: \(u)"
        case .hashMismatch(_, let expected, let actual):
            return "SHA-256 mismatch for \(u): the index says \(expected), the download has \(actual)"
        }
    }
}

/// Replaces the user-info part of a URL with `***`: `https://user:token@host/x` → `https://***@host/x`.
/// Text that is not a URL with credentials is returned unchanged.
public func redact(_ url: String) -> String {
    guard let schemeEnd = url.range(of: "://") else { return url }
    let start = schemeEnd.upperBound
    let end = url[start...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
    guard let at = url[start..<end].lastIndex(of: "@") else { return url }
    return String(url[..<start]) + "***" + String(url[at...])
}

/// Redacts the credentials of every URL found in free text (error messages, log lines, command lines).
public func redactCredentials(in text: String) -> String {
    guard text.contains("@"), text.contains("://") else { return text }
    var out = ""
    var rest = Substring(text)
    while let schemeEnd = rest.range(of: "://") {
        let start = schemeEnd.upperBound
        out += rest[..<start]
        let end = rest[start...].firstIndex { c in
            c == "/" || c == "?" || c == "#" || c.isWhitespace || c == "\"" || c == "'" || c == "<" || c == ">"
                || c == "`" || c == ")" || c == "]" || c == ","
        } ?? rest.endIndex
        if let at = rest[start..<end].lastIndex(of: "@") {
            out += "***"
            out += rest[at..<end]
        } else {
            out += rest[start..<end]
        }
        rest = rest[end...]
    }
    return out + rest
}
