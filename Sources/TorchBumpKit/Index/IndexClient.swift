import Foundation

/// Reads simple-index pages, PEP 658 metadata and release-asset existence over an `HTTPTransport`, with
/// credentials, retries, an optional on-disk cache and PyTorch's status semantics (403 there means absent).
public struct IndexClient: Sendable {
    /// The `Accept` header for project pages: PEP 691 JSON preferred, PEP 503 HTML accepted.
    public static let acceptHeader =
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01"

    /// How many times to try, and how long to wait between tries, on 429, 5xx, timeouts and connection errors.
    public struct RetryPolicy: Hashable, Sendable {
        /// Total tries, including the first (at least 1).
        public var attempts: Int
        /// Delay before the second try; doubled before each further try.
        public var baseDelay: TimeInterval
        /// Upper bound on any single delay (also caps `Retry-After`).
        public var maxDelay: TimeInterval

        public init(attempts: Int = 3, baseDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 5) {
            self.attempts = max(1, attempts)
            self.baseDelay = max(0, baseDelay)
            self.maxDelay = max(0, maxDelay)
        }

        /// The delay after failed try number `attempt` (1-based), honouring a server's `Retry-After` seconds.
        public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval? = nil) -> TimeInterval {
            let exponential = baseDelay * pow(2, Double(max(0, attempt - 1)))
            return min(maxDelay, max(exponential, retryAfter ?? 0))
        }
    }

    /// Client behaviour that is not a dependency.
    public struct Options: Sendable {
        public var retry: RetryPolicy
        /// URL prefixes of PyTorch-style indexes (besides the host download.pytorch.org): a 403 under them
        /// means "absent", and their `/test/` and `/nightly/` channels are revalidated on every use.
        public var pytorchBases: [String]
        /// Serve only from the cache; never touch the network.
        public var offline: Bool
        /// The clock used for cache freshness.
        public var now: @Sendable () -> Date

        public init(
            retry: RetryPolicy = RetryPolicy(), pytorchBases: [String] = [IndexConfiguration.defaultPyTorchBase],
            offline: Bool = false, now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.retry = retry
            self.pytorchBases = pytorchBases
            self.offline = offline
            self.now = now
        }
    }

    /// One project page to fetch with `pages(_:maxConcurrent:)`.
    public struct PageRequest: Hashable, Sendable {
        public var project: String
        public var index: URL
        public init(project: String, index: URL) { self.project = project; self.index = index }
    }

    public let transport: any HTTPTransport
    public let cache: HTTPCache?
    public let netrc: Netrc?
    public let options: Options
    /// Called for every request, retry and cache decision (URLs redacted); for verbose output.
    public let onEvent: (@Sendable (IndexEvent) -> Void)?
    let realms = CredentialRealms()

    public init(
        transport: any HTTPTransport, cache: HTTPCache? = nil, netrc: Netrc? = nil, options: Options = Options(),
        onEvent: (@Sendable (IndexEvent) -> Void)? = nil
    ) {
        self.transport = transport
        self.cache = cache
        self.netrc = netrc
        self.options = options
        self.onEvent = onEvent
    }

    /// A client for real use: URLSession, the default cache directory, netrc from the environment.
    /// - Parameters:
    ///   - pytorchBase: the PyTorch index root in use (`--index-base`); download.pytorch.org is always included.
    ///   - cacheDirectory: overrides `HTTPCache.defaultDirectory(environment:)`; without either there is no cache.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        pytorchBase: String = IndexConfiguration.defaultPyTorchBase, offline: Bool = false, timeout: TimeInterval = 30,
        cacheDirectory: URL? = nil, onEvent: (@Sendable (IndexEvent) -> Void)? = nil
    ) -> IndexClient {
        let netrc = Netrc.load(environment: environment) { try? String(contentsOfFile: $0, encoding: .utf8) }
        let cache = (cacheDirectory ?? HTTPCache.defaultDirectory(environment: environment)).map(HTTPCache.init)
        var bases = [IndexConfiguration.defaultPyTorchBase]
        if pytorchBase != IndexConfiguration.defaultPyTorchBase { bases.append(pytorchBase) }
        return IndexClient(
            transport: URLSessionTransport(timeout: timeout), cache: cache, netrc: netrc,
            options: Options(pytorchBases: bases, offline: offline), onEvent: onEvent)
    }

    // MARK: - Pages

    /// `<index>/<normalised name>/`, keeping any credentials of `index`.
    public static func pageURL(project: String, index: URL) -> URL {
        var base = index.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let name = normalizedProjectName(project)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
        return URL(string: base + "/" + encoded + "/") ?? index.appendingPathComponent(name, isDirectory: true)
    }

    /// Fetches and parses the project page of `project` on `index`. Throws `IndexError.notFound` when the
    /// index has no such project (404, or 403 from PyTorch's index).
    public func page(project: String, index: URL) async throws -> SimpleIndexPage {
        try await page(at: Self.pageURL(project: project, index: index))
    }

    /// Fetches and parses the project page at an exact URL.
    public func page(at url: URL) async throws -> SimpleIndexPage {
        let fetched = try await fetch(url, accept: Self.acceptHeader)
        return try SimpleIndexPage.parse([UInt8](fetched.body), contentType: fetched.contentType, url: fetched.url)
    }

    /// Fetches and parses an index root (`…/simple/`, `…/whl/`): the list of project names.
    public func projects(index: URL) async throws -> SimpleProjectList {
        var s = index.absoluteString
        if !s.hasSuffix("/") { s += "/" }
        let url = URL(string: s) ?? index
        let fetched = try await fetch(url, accept: Self.acceptHeader)
        return try SimpleProjectList.parse([UInt8](fetched.body), contentType: fetched.contentType, url: fetched.url)
    }

    /// Fetches several project pages with at most `maxConcurrent` requests in flight; results keep input order.
    public func pages(_ requests: [PageRequest], maxConcurrent: Int = 4) async -> [Result<SimpleIndexPage, IndexError>] {
        var results = [Result<SimpleIndexPage, IndexError>?](repeating: nil, count: requests.count)
        let limit = max(1, maxConcurrent)
        await withTaskGroup(of: (Int, Result<SimpleIndexPage, IndexError>).self) { group in
            var next = 0
            func one(_ i: Int) -> @Sendable () async -> (Int, Result<SimpleIndexPage, IndexError>) {
                let request = requests[i]
                return { [self] in
                    do {
                        return (i, .success(try await page(project: request.project, index: request.index)))
                    } catch {
                        return (i, .failure(Self.indexError(error, url: Self.pageURL(project: request.project, index: request.index))))
                    }
                }
            }
            while next < min(limit, requests.count) { group.addTask(operation: one(next)); next += 1 }
            while let (i, result) = await group.next() {
                results[i] = result
                if next < requests.count { group.addTask(operation: one(next)); next += 1 }
            }
        }
        return results.enumerated().map { i, r in
            r ?? .failure(.network(url: redact(requests[i].index.absoluteString), reason: "not attempted", attempts: 0))
        }
    }

    // MARK: - Metadata and existence

    /// The PEP 658 core metadata of a file: nil when the page advertises no sidecar or the sidecar is absent.
    /// Verifies the sidecar against the advertised SHA-256 when there is one.
    public func metadata(for file: IndexFile) async throws -> CoreMetadata? {
        guard file.coreMetadata.isAvailable else { return nil }
        let url = file.metadataURL
        let fetched: Fetched
        do {
            fetched = try await fetch(url, accept: nil)
        } catch let error as IndexError where error.isNotFound {
            return nil
        }
        if case .available(let expected?) = file.coreMetadata {
            let actual = SHA256.hex(fetched.body)
            guard actual == expected.lowercased() else {
                cache?.remove(url: Self.stripCredentials(url).absoluteString, accept: "")
                throw IndexError.hashMismatch(url: redact(url.absoluteString), expected: expected, actual: actual)
            }
        }
        guard let metadata = CoreMetadata.parse([UInt8](fetched.body)) else {
            throw IndexError.malformedResponse(url: redact(url.absoluteString), reason: "no Name and Version headers")
        }
        return metadata
    }

    /// Whether a URL exists (HEAD, following redirects; GET of one byte when HEAD is not allowed).
    /// 404/410 (and 403 on PyTorch's index) mean false; auth failures and exhausted retries throw.
    public func exists(_ url: URL) async throws -> Bool {
        let display = redact(url.absoluteString)
        if options.offline { throw IndexError.offline(url: display) }
        let (bare, credentials) = try prepare(url)
        var headers: [String: String] = [:]
        if let credentials { headers["Authorization"] = credentials.authorizationHeader }
        var response = try await send(head: true, bare, headers: headers, display: display)
        if response.status == 405 || response.status == 501 {
            headers["Range"] = "bytes=0-0"
            response = try await send(head: false, bare, headers: headers, display: display)
        }
        if (200..<300).contains(response.status) { return true }
        let error = classify(response, requested: bare, display: display, sentCredentials: credentials != nil)
        if error.isNotFound { return false }
        throw error
    }

    /// Whether 403 from this URL means "absent": download.pytorch.org, or a URL under a configured PyTorch base.
    public func isPyTorchIndex(_ url: URL) -> Bool {
        if url.host?.lowercased() == IndexConfiguration.pytorchHost { return true }
        let s = Self.stripCredentials(url).absoluteString
        return options.pytorchBases.contains { base in
            var b = redact(base)
            while b.hasSuffix("/") { b.removeLast() }
            let bare = b.replacingOccurrences(of: "***@", with: "")
            return !bare.isEmpty && (s == bare || s.hasPrefix(bare + "/"))
        }
    }

    /// Whether cached copies of this URL must be revalidated on every use (PyTorch test and nightly channels).
    public func alwaysRevalidates(_ url: URL) -> Bool {
        let s = Self.stripCredentials(url).absoluteString
        if let parsed = PyTorchIndexURL(s), parsed.channel != .release { return true }
        return options.pytorchBases.contains { base in
            var b = redact(base).replacingOccurrences(of: "***@", with: "")
            while b.hasSuffix("/") { b.removeLast() }
            return !b.isEmpty && (s.hasPrefix(b + "/test/") || s.hasPrefix(b + "/nightly/"))
        }
    }

    static func indexError(_ error: any Error, url: URL) -> IndexError {
        if let e = error as? IndexError { return e }
        let reason = error is CancellationError ? "cancelled" : redactCredentials(in: String(describing: error))
        return .network(url: redact(url.absoluteString), reason: reason, attempts: 0)
    }
}

/// Something the client did, for verbose logs; URLs are redacted.
public enum IndexEvent: Sendable, Hashable, CustomStringConvertible {
    case request(method: String, url: String, attempt: Int)
    case retry(url: String, reason: String, delay: TimeInterval)
    case servedFromCache(url: String, revalidated: Bool)
    case cacheDiscarded(url: String, reason: String)
    case cacheWriteFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case let .request(method, url, attempt):
            return "\(method) \(redact(url))" + (attempt > 1 ? " (attempt \(attempt))" : "")
        case let .retry(url, reason, delay):
            return "retrying \(redact(url)) in \(String(format: "%.2f", delay)) s: \(redactCredentials(in: reason))"
        case let .servedFromCache(url, revalidated):
            return (revalidated ? "not modified, using cache: " : "fresh in cache: ") + redact(url)
        case let .cacheDiscarded(url, reason):
            return "discarded damaged cache entry for \(redact(url)): \(reason)"
        case let .cacheWriteFailed(url, reason):
            return "could not cache \(redact(url)): \(redactCredentials(in: reason))"
        }
    }
}
