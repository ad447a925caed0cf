import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct HTTPCacheTests {
    static let url = "https://download.pytorch.org/whl/cu128/torch/"

    func withCache(_ body: (HTTPCache, URL) throws -> Void) rethrows {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("torchbump-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(HTTPCache(directory: dir), dir)
    }

    func entry(_ body: String = "<a href=x.whl>x.whl</a>") -> HTTPCache.Entry {
        HTTPCache.Entry(url: Self.url, accept: IndexClient.acceptHeader, etag: "\"v1\"", lastModified: "Tue, 01 Jul 2025 00:00:00 GMT",
                        contentType: "text/html", storedAt: Date(timeIntervalSince1970: 1_000), maxAge: 600, body: Data(body.utf8))
    }

    func entryFile(_ dir: URL) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.count == 1, "no temporary files are left behind: \(names)")
        return dir.appendingPathComponent(try #require(names.first))
    }

    @Test func roundTrip() throws {
        try withCache { cache, dir in
            let e = entry()
            try cache.store(e)
            #expect(cache.load(url: Self.url, accept: IndexClient.acceptHeader) == .hit(e))
            #expect(cache.load(url: Self.url, accept: "text/html") == .miss, "the Accept header is part of the key")
            #expect(try entryFile(dir).lastPathComponent == HTTPCache.key(url: Self.url, accept: IndexClient.acceptHeader) + ".entry")
        }
    }

    @Test func keysIgnoreCredentials() {
        #expect(HTTPCache.key(url: "https://a:b@h/x", accept: "") == HTTPCache.key(url: "https://c:d@h/x", accept: ""))
        #expect(HTTPCache.key(url: "https://h/x", accept: "") != HTTPCache.key(url: "https://h/y", accept: ""))
    }

    /// Ways an entry on disk can be damaged; each must be discarded (and deleted), never used.
    @Test(arguments: ["truncated body", "flipped body byte", "bad magic", "garbled header", "empty file", "other URL", "extra bytes"])
    func damagedEntriesAreDiscarded(_ damage: String) throws {
        try withCache { cache, dir in
            try cache.store(entry())
            let file = try entryFile(dir)
            var data = try Data(contentsOf: file)
            switch damage {
            case "truncated body": data.removeLast(5)
            case "flipped body byte": data[data.count - 3] ^= 0x20
            case "bad magic": data[0] = UInt8(ascii: "X")
            case "garbled header": data[12] = UInt8(ascii: "}")
            case "empty file": data = Data()
            case "other URL":
                // An entry for another URL written under this key (a hash collision must not serve it).
                var other = entry()
                other.url = "https://download.pytorch.org/whl/cu126/torch/"
                data = try HTTPCache.encode(other)
            default: data.append(0x41)
            }
            try data.write(to: file)
            guard case .discarded = cache.load(url: Self.url, accept: IndexClient.acceptHeader) else {
                Issue.record("damaged entry (\(damage)) was not discarded")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func freshness() {
        var e = entry()
        #expect(e.isFresh(at: Date(timeIntervalSince1970: 1_599)))
        #expect(!e.isFresh(at: Date(timeIntervalSince1970: 1_600)))
        #expect(!e.isFresh(at: Date(timeIntervalSince1970: 999)), "a clock that went backwards is not fresh")
        e.maxAge = nil
        #expect(!e.isFresh(at: Date(timeIntervalSince1970: 1_001)))
    }

    @Test(arguments: [
        ("max-age=600, public, must-revalidate", 600 as Int?),
        ("no-cache,no-store,must-revalidate", 0),
        ("public, MAX-AGE=\"30\"", 30),
        ("", nil),
        ("max-age=abc", nil),
    ])
    func cacheControl(_ header: String, _ lifetime: Int?) {
        #expect(CacheControl(header).freshLifetime == lifetime)
    }

    @Test func defaultDirectory() {
        #expect(HTTPCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.path == "/x/torchbump/http")
        #expect(HTTPCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.path == "/h/.cache/torchbump/http")
        #expect(HTTPCache.defaultDirectory(environment: [:]) == nil)
    }
}

/// The cache protocol as the client speaks it to a real server.
@Suite struct IndexClientCacheTests {
    static let page = SyntheticIndexPage.html(SyntheticIndexPage.links(count: 5))

    @Test func etagRevalidationUses304() async throws {
        try await withLoopback { server, h in
            await server.serve("/simple/torch/", body: Self.page, etag: "\"abc\"")
            let events = EventLog()
            let client = h.client(events: events)
            let first = try await client.page(project: "torch", index: server.url("/simple"))
            let second = try await client.page(project: "torch", index: server.url("/simple"))
            #expect(first == second)
            #expect(second.files.count == 5)
            let requests = await server.requests(to: "/simple/torch/")
            #expect(requests.count == 2, "no max-age: every use revalidates")
            #expect(requests[0].headers["if-none-match"] == nil)
            #expect(requests[1].headers["if-none-match"] == "\"abc\"")
            #expect(events.all.contains(.servedFromCache(url: server.url("/simple/torch/").absoluteString, revalidated: true)))
        }
    }

    @Test func lastModifiedRevalidation() async throws {
        try await withLoopback { server, h in
            let date = "Wed, 02 Jul 2025 10:00:00 GMT"
            await server.serve("/simple/torch/", body: Self.page, lastModified: date)
            let client = h.client()
            _ = try await client.page(project: "torch", index: server.url("/simple"))
            let again = try await client.page(project: "torch", index: server.url("/simple"))
            #expect(again.files.count == 5)
            #expect(await server.requests(to: "/simple/torch/").last?.headers["if-modified-since"] == date)
        }
    }

    @Test func changedContentReplacesTheEntry() async throws {
        try await withLoopback { server, h in
            await server.serve("/simple/torch/", body: Self.page, etag: "\"v1\"")
            let client = h.client()
            _ = try await client.page(project: "torch", index: server.url("/simple"))
            let respun = SyntheticIndexPage.html(SyntheticIndexPage.links(count: 7))
            await server.serve("/simple/torch/", body: respun, etag: "\"v2\"")
            #expect(try await client.page(project: "torch", index: server.url("/simple")).files.count == 7)
            #expect(try await client.page(project: "torch", index: server.url("/simple")).files.count == 7)
            #expect(await server.requests(to: "/simple/torch/").last?.headers["if-none-match"] == "\"v2\"")
        }
    }

    @Test func stablePagesHonourMaxAge() async throws {
        try await withLoopback { server, h in
            await server.serve("/whl/cu128/torch/", body: Self.page, etag: "\"s\"",
                               headers: ["Cache-Control": "max-age=600, public, must-revalidate"])
            let clock = TestClock()
            let client = h.client(clock: clock)
            _ = try await client.page(project: "torch", index: server.url("/whl/cu128"))
            clock.advance(599)
            _ = try await client.page(project: "torch", index: server.url("/whl/cu128"))
            #expect(await server.count("/whl/cu128/torch/") == 1, "fresh within max-age: no request")
            clock.advance(2)
            _ = try await client.page(project: "torch", index: server.url("/whl/cu128"))
            let requests = await server.requests(to: "/whl/cu128/torch/")
            #expect(requests.count == 2)
            #expect(requests.last?.headers["if-none-match"] == "\"s\"")
        }
    }

    @Test(arguments: ["/whl/test/cu128/torch/", "/whl/nightly/cu128/torch/"])
    func testAndNightlyChannelsAreAlwaysRevalidated(_ path: String) async throws {
        try await withLoopback { server, h in
            // Even a (mis)configured max-age must not let a release candidate respin go unnoticed.
            await server.serve(path, body: Self.page, etag: "\"rc1\"", headers: ["Cache-Control": "max-age=600"])
            let client = h.client(clock: TestClock())
            let index = server.url(String(path.dropLast("torch/".count)))
            _ = try await client.page(project: "torch", index: index)
            _ = try await client.page(project: "torch", index: index)
            let requests = await server.requests(to: path)
            #expect(requests.count == 2)
            #expect(requests.last?.headers["if-none-match"] == "\"rc1\"")
        }
    }

    @Test func corruptEntryIsDiscardedAndRefetched() async throws {
        try await withLoopback { server, h in
            await server.serve("/simple/torch/", body: Self.page, etag: "\"abc\"")
            let events = EventLog()
            let client = h.client(events: events)
            _ = try await client.page(project: "torch", index: server.url("/simple"))
            let names = try FileManager.default.contentsOfDirectory(atPath: h.cacheDirectory.path)
            let file = h.cacheDirectory.appendingPathComponent(try #require(names.first))
            let data = try Data(contentsOf: file)
            try data.prefix(data.count / 2).write(to: file)  // a write cut short
            let page = try await client.page(project: "torch", index: server.url("/simple"))
            #expect(page.files.count == 5)
            let requests = await server.requests(to: "/simple/torch/")
            #expect(requests.count == 2)
            #expect(requests.last?.headers["if-none-match"] == nil, "the damaged entry's validator is not used")
            #expect(events.all.contains { if case .cacheDiscarded = $0 { true } else { false } })
        }
    }

    @Test func offlineModeServesOnlyFromTheCache() async throws {
        try await withLoopback { server, h in
            await server.serve("/whl/test/cu128/torch/", body: Self.page, etag: "\"x\"")
            let index = server.url("/whl/test/cu128")
            await #expect {
                try await h.client(offline: true).page(project: "torch", index: index)
            } throws: { ($0 as? IndexError) == .offline(url: server.url("/whl/test/cu128/torch/").absoluteString) }
            #expect(await server.requests().isEmpty)
            _ = try await h.client().page(project: "torch", index: index)
            let page = try await h.client(offline: true).page(project: "torch", index: index)
            #expect(page.files.count == 5)
            #expect(await server.count("/whl/test/cu128/torch/") == 1, "offline never touches the network")
            await #expect {
                try await h.client(offline: true).exists(server.url("/whl/x.whl"))
            } throws: { ($0 as? IndexError).map { if case .offline = $0 { true } else { false } } == true }
        }
    }

    @Test func failedRevalidationIsAnErrorNotStaleDataOrAbsence() async throws {
        try await withLoopback { server, h in
            await server.serve("/simple/torch/", body: Self.page, etag: "\"abc\"")
            let client = h.client(attempts: 2)
            _ = try await client.page(project: "torch", index: server.url("/simple"))
            await server.script("/simple/torch/", [.status(503)])
            await #expect {
                try await client.page(project: "torch", index: server.url("/simple"))
            } throws: { error in
                guard case .network(_, "HTTP 503", 2)? = error as? IndexError else { return false }
                return true
            }
        }
    }
}
