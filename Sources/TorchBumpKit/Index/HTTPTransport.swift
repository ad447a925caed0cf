import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A finished HTTP exchange: status, headers (names lower-cased), body, and the URL after redirects.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lower-cased; repeated headers joined with `, `.
    public var headers: [String: String]
    public var body: Data
    /// The URL that answered (after following redirects).
    public var url: URL

    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), url: URL) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, b in a + ", " + b })
        self.body = body
        self.url = url
    }

    /// A header value by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a request produced no response at all.
public enum HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case timedOut
    /// Refused, reset, DNS failure, TLS failure…; the text is the system's, credentials redacted.
    case connectionFailed(String)

    public var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .connectionFailed(let why): return redactCredentials(in: why)
        }
    }
}

/// Sends GET and HEAD requests; the seam between the index client and the network (tests use a loopback server).
public protocol HTTPTransport: Sendable {
    /// Performs a GET, following redirects. Throws `HTTPTransportError` when no response arrived.
    func get(_ url: URL, headers: [String: String]) async throws -> HTTPResponse
    /// Performs a HEAD, following redirects. Throws `HTTPTransportError` when no response arrived.
    func head(_ url: URL, headers: [String: String]) async throws -> HTTPResponse
}

/// `HTTPTransport` over URLSession (FoundationNetworking on Linux), without URLSession's own cache or cookies.
/// Redirects are followed here rather than by URLSession: the Linux URLSession drops the trailing slash of a
/// `Location` (`/simple/torch/` became `/simple/torch`), and `Authorization` must not follow a redirect to
/// another origin.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // URLSession is thread-safe; the class only holds immutable state.
    private let session: URLSession
    private let timeout: TimeInterval
    /// Redirects followed per request before giving up.
    public static let maxRedirects = 10

    /// - Parameters:
    ///   - timeout: seconds without progress before a request fails as timed out. At least 1: the Linux
    ///     URLSession truncates the interval to whole seconds, and a sub-second value times out at once.
    ///   - userAgent: the `User-Agent` header; a torchbump one by default.
    public init(timeout requested: TimeInterval = 30, userAgent: String? = nil) {
        let timeout = max(1, requested)
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.urlCache = nil
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        config.httpAdditionalHeaders = ["User-Agent": userAgent ?? "torchbump/\(TorchBumpVersion.current)"]
        self.session = URLSession(configuration: config, delegate: RedirectRefuser(), delegateQueue: nil)
        self.timeout = timeout
    }

    deinit { session.finishTasksAndInvalidate() }

    public func get(_ url: URL, headers: [String: String]) async throws -> HTTPResponse {
        try await send("GET", url, headers)
    }

    public func head(_ url: URL, headers: [String: String]) async throws -> HTTPResponse {
        try await send("HEAD", url, headers)
    }

    private func send(_ method: String, _ url: URL, _ headers: [String: String]) async throws -> HTTPResponse {
        var method = method, url = url, headers = headers
        for _ in 0...Self.maxRedirects {
            let response = try await sendOnce(method, url, headers)
            guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("location"),
                  let next = URL(string: location, relativeTo: url)?.absoluteURL, next.scheme != nil
            else { return response }
            if response.status == 303 && method != "HEAD" { method = "GET" }
            if Self.origin(next) != Self.origin(url) {
                headers = headers.filter { $0.key.lowercased() != "authorization" }
            }
            url = next
        }
        throw HTTPTransportError.connectionFailed("more than \(Self.maxRedirects) redirects")
    }

    private static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(url.port ?? (scheme == "https" ? 443 : 80))"
    }

    private func sendOnce(_ method: String, _ url: URL, _ headers: [String: String]) async throws -> HTTPResponse {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                // The completion-handler API: URLSession's async methods are incomplete in swift-corelibs-foundation.
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.map(error))
                    } else if let http = response as? HTTPURLResponse {
                        var fields: [String: String] = [:]
                        for (key, value) in http.allHeaderFields {
                            fields[String(describing: key).lowercased()] = String(describing: value)
                        }
                        continuation.resume(returning: HTTPResponse(
                            status: http.statusCode, headers: fields, body: data ?? Data(), url: http.url ?? url))
                    } else {
                        continuation.resume(throwing: HTTPTransportError.connectionFailed("no HTTP response"))
                    }
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }

    private static func map(_ error: any Error) -> any Error {
        guard let urlError = error as? URLError else {
            return HTTPTransportError.connectionFailed(redactCredentials(in: String(describing: error)))
        }
        switch urlError.code {
        case .timedOut: return HTTPTransportError.timedOut
        case .cancelled: return CancellationError()
        default: return HTTPTransportError.connectionFailed(redactCredentials(in: urlError.localizedDescription))
        }
    }

    /// Hands every redirect back to `send`, which follows it itself.
    private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// Holds the data task so cancellation (which may arrive first) can reach it.
    private final class TaskBox: @unchecked Sendable {
        private let lock = NSLock()
        private var task: URLSessionDataTask?
        private var cancelled = false

        func start(_ task: URLSessionDataTask) {
            lock.lock()
            self.task = task
            let wasCancelled = cancelled
            lock.unlock()
            if wasCancelled { task.cancel() }
            task.resume()
        }

        func cancel() {
            lock.lock()
            cancelled = true
            let t = task
            lock.unlock()
            t?.cancel()
        }
    }
}
