import Foundation
import Testing
@testable import TorchBumpKit

/// Per-test state: a cache directory and a client factory.
struct ClientHarness {
    let server: LoopbackIndexServer
    let cacheDirectory: URL

    func client(
        offline: Bool = false, netrc: Netrc? = nil, clock: TestClock? = nil, timeout: TimeInterval = 30,
        attempts: Int = 3, cache: Bool = true, pytorchBases: [String]? = nil, events: EventLog? = nil
    ) -> IndexClient {
        let bases = pytorchBases ?? [server.url("/whl").absoluteString]
        let options = IndexClient.Options(
            retry: .init(attempts: attempts, baseDelay: 0.01, maxDelay: 0.05), pytorchBases: bases, offline: offline,
            now: { clock?.now ?? Date() })
        var onEvent: (@Sendable (IndexEvent) -> Void)?
        if let events { onEvent = { events.append($0) } }
        return IndexClient(
            transport: URLSessionTransport(timeout: timeout), cache: cache ? HTTPCache(directory: cacheDirectory) : nil,
            netrc: netrc, options: options, onEvent: onEvent)
    }
}

func withLoopback(_ body: (LoopbackIndexServer, ClientHarness) async throws -> Void) async throws {
    let server = try await LoopbackIndexServer.start()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("torchbump-index-\(UUID().uuidString)")
    do {
        try await body(server, ClientHarness(server: server, cacheDirectory: dir))
    } catch {
        await server.stop()
        try? FileManager.default.removeItem(at: dir)
        throw error
    }
    await server.stop()
    try? FileManager.default.removeItem(at: dir)
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_750_000_000)
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(_ seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}

/// Collects client events.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [IndexEvent] = []
    func append(_ e: IndexEvent) { lock.lock(); events.append(e); lock.unlock() }
    var all: [IndexEvent] { lock.lock(); defer { lock.unlock() }; return events }
}
