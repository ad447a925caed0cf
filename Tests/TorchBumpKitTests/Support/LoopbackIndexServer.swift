import FlyingFox
import Foundation
import TorchBumpKit

/// A real HTTP server on 127.0.0.1 (FlyingFox, free port) for index tests: serves pages in
/// download.pytorch.org's shape and a PEP 691 JSON index, plays scripted status sequences and delays,
/// answers conditional requests, and logs every request with its headers.
///
/// Unknown paths answer 403 under `/whl/` (like PyTorch's S3/CloudFront) and 404 elsewhere.
final class LoopbackIndexServer: Sendable {
    /// One scripted reply.
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        /// Seconds to wait before answering (to provoke client timeouts).
        var delay: TimeInterval

        init(status: Int = 200, headers: [String: String] = [:], body: Data = Data(), delay: TimeInterval = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }

        init(status: Int = 200, headers: [String: String] = [:], text: String, delay: TimeInterval = 0) {
            self.init(status: status, headers: headers, body: Data(text.utf8), delay: delay)
        }

        static func html(_ text: String, headers: [String: String] = [:]) -> Reply {
            Reply(headers: ["Content-Type": "text/html"].merging(headers) { $1 }, text: text)
        }

        static func status(_ code: Int, delay: TimeInterval = 0) -> Reply {
            Reply(status: code, text: "status \(code)", delay: delay)
        }
    }

    /// A request as the server received it.
    struct LoggedRequest: Sendable {
        var method: String
        /// Percent-decoded path.
        var path: String
        /// Header names lower-cased.
        var headers: [String: String]
    }

    let baseURL: URL
    private let server: HTTPServer
    private let runTask: Task<Void, any Error>
    private let state: State

    private init(server: HTTPServer, runTask: Task<Void, any Error>, state: State, port: UInt16) {
        self.server = server
        self.runTask = runTask
        self.state = state
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Starts a server on a free port of 127.0.0.1.
    static func start() async throws -> LoopbackIndexServer {
        let state = State()
        let handler = ClosureHTTPHandler { request in try await state.respond(to: request) }
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled, handler: handler)
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 120)
        let address = await server.listeningAddress
        guard case .ip4(_, let port)? = address else {
            await server.stop()
            throw CancellationError()
        }
        return LoopbackIndexServer(server: server, runTask: task, state: state, port: port)
    }

    func stop() async {
        await server.stop(timeout: 0)
        runTask.cancel()
    }

    /// `baseURL` + path (path starts with `/`), optionally with user info.
    func url(_ path: String, user: String? = nil, password: String? = nil) -> URL {
        var prefix = baseURL.absoluteString
        if let user {
            prefix = prefix.replacingOccurrences(of: "://", with: "://\(user)\(password.map { ":" + $0 } ?? "")@")
        }
        return URL(string: prefix + path)!
    }

    // MARK: - Scripting

    /// Answers `path` with `replies` in order; the last one repeats.
    func script(_ path: String, _ replies: [Reply]) async { await state.set(path, .sequence(replies)) }

    /// Serves a static body; with an ETag or Last-Modified, answers matching conditional requests with 304.
    func serve(
        _ path: String, body: String, contentType: String = "text/html", etag: String? = nil,
        lastModified: String? = nil, headers: [String: String] = [:]
    ) async {
        var h = headers
        h["Content-Type"] = contentType
        if let etag { h["ETag"] = etag }
        if let lastModified { h["Last-Modified"] = lastModified }
        await state.set(path, .resource(Reply(headers: h, text: body), etag: etag, lastModified: lastModified))
    }

    /// A PEP 503 page at `path` (e.g. `/whl/cu128/torch/`) in PyTorch's shape, plus a `.metadata` sidecar for
    /// every link that advertises one (body from `metadata`, else a generated Name/Version document; the
    /// page's `data-core-metadata` hash is the sidecar's real SHA-256). Returns the links as served.
    @discardableResult
    func servePyTorchPage(
        _ path: String, links: [SyntheticIndexPage.Link], package: String = "torch",
        metadata: [String: String] = [:], headers: [String: String] = ["Cache-Control": "max-age=600, public, must-revalidate"]
    ) async -> [SyntheticIndexPage.Link] {
        var served: [SyntheticIndexPage.Link] = []
        for var link in links {
            if link.metadataSHA256 != nil {
                let body = metadata[link.filename] ?? Self.metadata(for: link.filename)
                link.metadataSHA256 = SHA256.hex(Array(body.utf8))
                await state.set(link.href + ".metadata", .sequence([Reply(
                    headers: ["Content-Type": "binary/octet-stream"], text: body)]))
            }
            served.append(link)
        }
        await serve(path, body: SyntheticIndexPage.html(served, package: package), headers: headers)
        return served
    }

    /// A PyPI-like PEP 691 project page at `<prefix>/<name>/` with `.metadata` sidecars under `<prefix>/files/`.
    /// Returns the sidecar bodies by filename.
    @discardableResult
    func servePyPIProject(
        prefix: String = "/simple", name: String, files: [(filename: String, metadata: String?)],
        requiresPython: String? = nil
    ) async -> [String: String] {
        var entries: [[String: Any]] = []
        var sidecars: [String: String] = [:]
        for file in files {
            var entry: [String: Any] = [
                "filename": file.filename, "url": "../files/\(file.filename)",
                "hashes": ["sha256": SyntheticIndexPage.fakeDigest(file.filename)],
                "upload-time": "2025-01-01T00:00:00.000000Z",
            ]
            if let requiresPython { entry["requires-python"] = requiresPython }
            if let meta = file.metadata {
                entry["core-metadata"] = ["sha256": SHA256.hex(Array(meta.utf8))]
                sidecars[file.filename] = meta
                await state.set("\(prefix)/files/\(file.filename).metadata", .sequence([Reply(text: meta)]))
            } else {
                entry["core-metadata"] = false
            }
            entries.append(entry)
        }
        let doc: [String: Any] = ["meta": ["api-version": "1.1"], "name": name, "files": entries]
        let json = String(decoding: try! JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys]), as: UTF8.self)
        await serve("\(prefix)/\(name)/", body: json, contentType: "application/vnd.pypi.simple.v1+json")
        return sidecars
    }

    /// A minimal core-metadata document for a wheel filename.
    static func metadata(for filename: String) -> String {
        let parts = filename.split(separator: "-")
        let name = parts.first.map(String.init) ?? "pkg"
        let version = parts.count > 1 ? String(parts[1]) : "0"
        return "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\nRequires-Python: >=3.9\n"
            + "Requires-Dist: filelock\nRequires-Dist: typing-extensions>=4.10.0\n\nDescription body.\n"
    }

    // MARK: - Log

    func requests() async -> [LoggedRequest] { await state.log }

    func requests(to path: String) async -> [LoggedRequest] {
        let p = path.removingPercentEncoding ?? path
        return await state.log.filter { $0.path == p }
    }

    func count(_ path: String) async -> Int { await requests(to: path).count }

    // MARK: - State

    private enum Route: Sendable {
        case sequence([Reply])
        case resource(Reply, etag: String?, lastModified: String?)
    }

    private actor State {
        var routes: [String: Route] = [:]
        var served: [String: Int] = [:]
        var log: [LoggedRequest] = []

        func set(_ path: String, _ route: Route) {
            let key = path.removingPercentEncoding ?? path
            routes[key] = route
            served[key] = 0
        }

        func respond(to request: HTTPRequest) async throws -> FlyingFox.HTTPResponse {
            let path = request.target.path(percentEncoded: false)
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            log.append(LoggedRequest(method: request.method.rawValue, path: path, headers: headers))
            let reply = nextReply(path, headers)
            if reply.delay > 0 { try await Task.sleep(nanoseconds: UInt64(reply.delay * 1_000_000_000)) }
            var h = HTTPHeaders()
            for (name, value) in reply.headers { h[HTTPHeader(name)] = value }
            let body = request.method == .HEAD ? Data() : reply.body
            return FlyingFox.HTTPResponse(
                statusCode: HTTPStatusCode(reply.status, phrase: "Status \(reply.status)"), headers: h, body: body)
        }

        private func nextReply(_ path: String, _ headers: [String: String]) -> Reply {
            guard let route = routes[path] else {
                return path.hasPrefix("/whl/")
                    ? Reply(status: 403, headers: ["Content-Type": "application/xml"],
                            text: "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>")
                    : Reply(status: 404, text: "Not Found")
            }
            let n = served[path, default: 0]
            served[path] = n + 1
            switch route {
            case .sequence(let replies):
                return replies.isEmpty ? Reply(status: 500) : replies[min(n, replies.count - 1)]
            case let .resource(reply, etag, lastModified):
                let etagMatches = etag != nil && headers["if-none-match"] == etag
                let dateMatches = etag == nil && lastModified != nil && headers["if-modified-since"] == lastModified
                if etagMatches || dateMatches {
                    var notModified = reply.headers
                    notModified["Content-Type"] = nil
                    return Reply(status: 304, headers: notModified)
                }
                return reply
            }
        }
    }
}
