import Foundation

/// The request machinery of `IndexClient`: credentials, the cache protocol, retries and status classification.
extension IndexClient {
    /// A body ready to parse, with the URL to resolve links against.
    struct Fetched: Sendable {
        var body: Data
        var contentType: String?
        var url: URL
    }

    /// GET through the cache. `accept` nil sends no `Accept` header (metadata files).
    func fetch(_ url: URL, accept: String?) async throws -> Fetched {
        let display = redact(url.absoluteString)
        let (bare, credentials) = try prepare(url)
        let key = bare.absoluteString
        let acceptKey = accept ?? ""

        var cached: HTTPCache.Entry?
        if let cache {
            switch cache.load(url: key, accept: acceptKey) {
            case .hit(let entry): cached = entry
            case .discarded(let reason): emit(.cacheDiscarded(url: key, reason: reason))
            case .miss: break
            }
        }
        if options.offline {
            guard let cached else { throw IndexError.offline(url: display) }
            emit(.servedFromCache(url: key, revalidated: false))
            return Fetched(body: cached.body, contentType: cached.contentType, url: cachedLocation(cached, bare))
        }
        if let cached, !alwaysRevalidates(bare), cached.isFresh(at: options.now()) {
            emit(.servedFromCache(url: key, revalidated: false))
            return Fetched(body: cached.body, contentType: cached.contentType, url: cachedLocation(cached, bare))
        }

        var headers: [String: String] = [:]
        if let accept { headers["Accept"] = accept }
        if let credentials { headers["Authorization"] = credentials.authorizationHeader }
        if let cached {
            if let etag = cached.etag { headers["If-None-Match"] = etag }
            if let lastModified = cached.lastModified { headers["If-Modified-Since"] = lastModified }
        }
        let response = try await send(head: false, bare, headers: headers, display: display)

        if response.status == 304 {
            guard var entry = cached else {
                throw IndexError.malformedResponse(url: display, reason: "304 Not Modified without a cached copy")
            }
            entry.storedAt = options.now()
            if let control = response.header("cache-control") { entry.maxAge = CacheControl(control).freshLifetime }
            if let etag = response.header("etag") { entry.etag = etag }
            if let lastModified = response.header("last-modified") { entry.lastModified = lastModified }
            write(entry)
            emit(.servedFromCache(url: key, revalidated: true))
            return Fetched(body: entry.body, contentType: entry.contentType, url: cachedLocation(entry, bare))
        }
        guard (200..<300).contains(response.status) else {
            throw classify(response, requested: bare, display: display, sentCredentials: credentials != nil)
        }
        let location = Self.stripCredentials(response.url)
        if cache != nil {
            // Stored even under `no-store`: offline mode needs it, and such pages are revalidated on every use.
            var entry = HTTPCache.Entry(
                url: key, accept: acceptKey, etag: response.header("etag"),
                lastModified: response.header("last-modified"), contentType: response.header("content-type"),
                storedAt: options.now(), maxAge: CacheControl(response.header("cache-control")).freshLifetime,
                body: response.body)
            entry.location = location.absoluteString == key ? nil : location.absoluteString
            write(entry)
        }
        return Fetched(body: response.body, contentType: response.header("content-type"), url: location)
    }

    private func cachedLocation(_ entry: HTTPCache.Entry, _ fallback: URL) -> URL {
        entry.location.flatMap { URL(string: $0) } ?? fallback
    }

    private func write(_ entry: HTTPCache.Entry) {
        guard let cache else { return }
        do {
            try cache.store(entry)
        } catch {
            emit(.cacheWriteFailed(url: entry.url, reason: error.localizedDescription))
        }
    }

    /// Sends one request with bounded retries on 429, 5xx, timeouts and connection errors.
    func send(head: Bool, _ url: URL, headers: [String: String], display: String) async throws -> HTTPResponse {
        let method = head ? "HEAD" : "GET"
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            emit(.request(method: method, url: display, attempt: attempt))
            let reason: String
            var retryAfter: TimeInterval?
            do {
                let response = head
                    ? try await transport.head(url, headers: headers)
                    : try await transport.get(url, headers: headers)
                guard response.status == 429 || (500...599).contains(response.status) else { return response }
                reason = "HTTP \(response.status)"
                retryAfter = response.header("retry-after").flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
            } catch let error as CancellationError {
                throw error
            } catch let error as HTTPTransportError {
                reason = error.description
            } catch {
                if Task.isCancelled { throw CancellationError() }
                reason = redactCredentials(in: String(describing: error))
            }
            guard attempt < options.retry.attempts else {
                throw IndexError.network(url: display, reason: reason, attempts: attempt)
            }
            let delay = options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
            emit(.retry(url: display, reason: reason, delay: delay))
            if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
        }
    }

    /// The error for a non-2xx, non-retryable status.
    func classify(_ response: HTTPResponse, requested: URL, display: String, sentCredentials: Bool) -> IndexError {
        switch response.status {
        case 404, 410:
            return .notFound(url: display)
        case 403 where isPyTorchIndex(requested) || isPyTorchIndex(response.url):
            return .notFound(url: display)
        case 401, 403, 407:
            return .unauthorized(url: display, status: response.status, sentCredentials: sentCredentials)
        default:
            return .unexpectedStatus(url: display, status: response.status)
        }
    }

    /// Splits a URL into the URL without user info and the credentials to send: the URL's own user info,
    /// else credentials seen earlier for the same host and port, else the netrc entry for the host.
    func prepare(_ url: URL) throws -> (URL, BasicCredentials?) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw IndexError.invalidURL(redact(url.absoluteString))
        }
        let bare = Self.stripCredentials(url)
        let realm = CredentialRealms.realm(of: url)
        if let components = URLComponents(url: url, resolvingAgainstBaseURL: true), let user = components.user {
            let password = components.password
            if let password {
                let credentials = BasicCredentials(username: user, password: password)
                realms.remember(credentials, for: realm)
                return (bare, credentials)
            }
            // A user name alone: take the password from netrc when it names the same login (or none).
            if let fromNetrc = url.host.flatMap({ netrc?.credentials(forHost: $0) }),
               fromNetrc.username.isEmpty || fromNetrc.username == user {
                return (bare, BasicCredentials(username: user, password: fromNetrc.password))
            }
            return (bare, BasicCredentials(username: user, password: ""))
        }
        if let remembered = realms.credentials(for: realm) { return (bare, remembered) }
        return (bare, url.host.flatMap { netrc?.credentials(forHost: $0) })
    }

    /// The URL without user name and password.
    static func stripCredentials(_ url: URL) -> URL {
        guard url.user != nil || url.password != nil,
              var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url }
        components.user = nil
        components.password = nil
        return components.url ?? url
    }

    func emit(_ event: IndexEvent) { onEvent?(event) }
}

/// Credentials taken from URL user info, remembered per scheme, host and port so that files linked from a
/// page (which carry no user info) can be fetched with the page's credentials.
final class CredentialRealms: @unchecked Sendable {
    private let lock = NSLock()
    private var byRealm: [String: BasicCredentials] = [:]

    static func realm(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    func remember(_ credentials: BasicCredentials, for realm: String) {
        lock.lock(); defer { lock.unlock() }
        byRealm[realm] = credentials
    }

    func credentials(for realm: String) -> BasicCredentials? {
        lock.lock(); defer { lock.unlock() }
        return byRealm[realm]
    }
}
