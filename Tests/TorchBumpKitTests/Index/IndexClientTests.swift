import Foundation
import Testing
@testable import TorchBumpKit

/// End-to-end client behaviour over real HTTP on 127.0.0.1 (FlyingFox), with URLSession as the transport.
@Suite struct IndexClientTests {
    // MARK: - Pages and negotiation

    @Test func pytorchShapedPageOverHTTP() async throws {
        try await withLoopback { server, h in
            let links = await server.servePyTorchPage("/whl/cu128/torch/", links: SyntheticIndexPage.links(count: 40))
            let client = h.client()
            let page = try await client.page(project: "Torch", index: server.url("/whl/cu128"))
            #expect(page.format == .html, "PyTorch-shaped pages are HTML even when JSON is asked for")
            #expect(page.files.count == 40)
            #expect(page.files.map(\.filename) == links.map(\.filename))
            #expect(page.files[0].url.absoluteString == server.baseURL.absoluteString + links[0].href)
            let request = try #require(await server.requests(to: "/whl/cu128/torch/").first)
            #expect(request.headers["accept"] == IndexClient.acceptHeader)
        }
    }

    @Test func rootProjectList() async throws {
        try await withLoopback { server, h in
            await server.serve("/whl/", body: """
                <!DOCTYPE html>
                <html><body>
                <a href="/whl/torch/">torch</a><br/>
                <a href="/whl/torchvision/">torchvision</a><br/>
                </body></html>
                <!--TIMESTAMP 1745000000-->
                """)
            let list = try await h.client().projects(index: server.url("/whl"))
            #expect(list.names == ["torch", "torchvision"])
        }
    }

    @Test func pep691JSONIndexAndVerifiedMetadata() async throws {
        try await withLoopback { server, h in
            let metadata = "Metadata-Version: 2.1\nName: xformers\nVersion: 0.0.30\nRequires-Dist: torch==2.7.0\n"
            await server.servePyPIProject(name: "xformers", files: [
                ("xformers-0.0.30-cp39-abi3-manylinux_2_28_x86_64.whl", metadata),
                ("xformers-0.0.30.tar.gz", nil),
            ], requiresPython: ">=3.9")
            let client = h.client()
            let page = try await client.page(project: "xformers", index: server.url("/simple/"))
            #expect(page.format == .json)
            #expect(page.apiVersion == "1.1")
            #expect(page.files.map(\.filename) == ["xformers-0.0.30-cp39-abi3-manylinux_2_28_x86_64.whl", "xformers-0.0.30.tar.gz"])
            #expect(page.files[0].url.absoluteString == server.baseURL.absoluteString + "/simple/files/xformers-0.0.30-cp39-abi3-manylinux_2_28_x86_64.whl")
            #expect(page.files[0].requiresPython == ">=3.9")
            let meta = try #require(try await client.metadata(for: page.files[0]))
            #expect(meta.name == "xformers")
            #expect(meta.requiresDist == ["torch==2.7.0"])
            #expect(try await client.metadata(for: page.files[1]) == nil, "no sidecar advertised: no request")
            #expect(await server.count("/simple/files/xformers-0.0.30.tar.gz.metadata") == 0)
        }
    }

    @Test func pytorchMetadataSidecarAndHashMismatch() async throws {
        try await withLoopback { server, h in
            let links = SyntheticIndexPage.links(count: 8)
            let served = await server.servePyTorchPage("/whl/cu128/torch/", links: links)
            let client = h.client()
            let page = try await client.page(project: "torch", index: server.url("/whl/cu128/"))
            let meta = try #require(try await client.metadata(for: page.files[0]))
            #expect(meta.name == "torch")
            #expect(meta.version == "2.0.0+cpu")
            // A respun file whose sidecar no longer matches the hash on the page.
            await server.script(served[1].href + ".metadata", [.init(text: "Name: torch\nVersion: 9.9.9\n")])
            await #expect {
                try await client.metadata(for: page.files[1])
            } throws: { error in
                guard case .hashMismatch(let url, _, _)? = error as? IndexError else { return false }
                return url.hasSuffix(".whl.metadata")
            }
        }
    }

    @Test func missingSidecarIsNil() async throws {
        try await withLoopback { server, h in
            let file = IndexFile(filename: "torch-2.7.0-cp312-cp312-linux_x86_64.whl",
                                 url: server.url("/whl/cu128/torch-2.7.0-cp312-cp312-linux_x86_64.whl"),
                                 coreMetadata: .available(sha256: nil))
            let meta = try await h.client().metadata(for: file)
            #expect(meta == nil, "403 from the PyTorch index means absent")
        }
    }

    // MARK: - Status semantics

    @Test func forbiddenOnPyTorchIndexIsNotFound() async throws {
        try await withLoopback { server, h in
            await #expect {
                try await h.client().page(project: "no-such-package", index: server.url("/whl/cu128"))
            } throws: { ($0 as? IndexError)?.isNotFound == true }
        }
    }

    @Test func forbiddenElsewhereIsAnAuthError() async throws {
        try await withLoopback { server, h in
            await server.script("/private/torch/", [.status(403)])
            let client = h.client(pytorchBases: [])
            await #expect {
                try await client.page(project: "torch", index: server.url("/private"))
            } throws: { error in
                guard case .unauthorized(_, 403, false)? = error as? IndexError else { return false }
                return true
            }
            #expect(await server.count("/private/torch/") == 1, "auth errors are not retried")
        }
    }

    @Test func notFoundIsNotFound() async throws {
        try await withLoopback { server, h in
            await #expect {
                try await h.client().page(project: "nope", index: server.url("/simple"))
            } throws: { ($0 as? IndexError) == .notFound(url: server.url("/simple/nope/").absoluteString) }
        }
    }

    @Test func serverErrorsAreRetriedThenSucceed() async throws {
        try await withLoopback { server, h in
            let html = SyntheticIndexPage.html(SyntheticIndexPage.links(count: 3))
            await server.script("/whl/cu128/torch/", [.status(503), .status(502), .html(html)])
            let events = EventLog()
            let page = try await h.client(events: events).page(project: "torch", index: server.url("/whl/cu128"))
            #expect(page.files.count == 3)
            #expect(await server.count("/whl/cu128/torch/") == 3)
            #expect(events.all.filter { if case .retry = $0 { true } else { false } }.count == 2)
        }
    }

    @Test func exhaustedRetriesAreANetworkErrorNamingTheURL() async throws {
        try await withLoopback { server, h in
            await server.script("/whl/cu128/torch/", [.status(503)])
            let client = h.client()
            await #expect {
                try await client.page(project: "torch", index: server.url("/whl/cu128"))
            } throws: { error in
                guard let e = error as? IndexError, case .network(let url, let reason, 3) = e else { return false }
                return url == server.url("/whl/cu128/torch/").absoluteString && reason == "HTTP 503"
                    && e.localizedDescription.contains(url)
            }
            #expect(await server.count("/whl/cu128/torch/") == 3)
        }
    }

    @Test func tooManyRequestsIsRetried() async throws {
        try await withLoopback { server, h in
            await server.script("/simple/torch/", [.init(status: 429, headers: ["Retry-After": "0"], text: "slow down"),
                                                   .html("<a href=\"/f/torch-1.0.tar.gz\">torch-1.0.tar.gz</a>")])
            let page = try await h.client().page(project: "torch", index: server.url("/simple"))
            #expect(page.files.map(\.filename) == ["torch-1.0.tar.gz"])
        }
    }

    @Test func timeoutIsANetworkErrorNotAbsence() async throws {
        try await withLoopback { server, h in
            await server.script("/whl/cu128/torch/", [.status(200, delay: 3)])
            let client = h.client(timeout: 1, attempts: 2)
            await #expect {
                try await client.page(project: "torch", index: server.url("/whl/cu128"))
            } throws: { error in
                guard case .network(_, let reason, 2)? = error as? IndexError else { return false }
                return reason == "timed out"
            }
            // The error says 2 attempts; the server may see the last one late (or not at all, when a loaded machine
            // lets the client give up before the server reads it), never a third.
            var seen = await server.count("/whl/cu128/torch/")
            for _ in 0..<50 where seen < 2 {
                try await Task.sleep(nanoseconds: 100_000_000)
                seen = await server.count("/whl/cu128/torch/")
            }
            #expect((1...2).contains(seen), "requests seen: \(seen)")
        }
    }

    @Test func connectionRefusedIsANetworkError() async throws {
        let server = try await LoopbackIndexServer.start()
        let url = server.url("/simple")
        await server.stop()
        let client = IndexClient(transport: URLSessionTransport(timeout: 2), options: .init(retry: .init(attempts: 2, baseDelay: 0.01)))
        await #expect {
            try await client.page(project: "torch", index: url)
        } throws: { error in
            guard case .network(_, _, 2)? = error as? IndexError else { return false }
            return true
        }
    }

    // MARK: - Credentials

    @Test func urlCredentialsAreSentAndRedactedInErrors() async throws {
        try await withLoopback { server, h in
            await server.script("/private/torch/", [.status(401)])
            let index = server.url("/private", user: "alice", password: "hunter2")
            await #expect {
                try await h.client().page(project: "torch", index: index)
            } throws: { error in
                guard let e = error as? IndexError, case .unauthorized(_, 401, true) = e else { return false }
                let text = e.localizedDescription
                return !text.contains("hunter2") && text.contains("http://***@127.0.0.1:")
            }
            let request = try #require(await server.requests(to: "/private/torch/").first)
            #expect(request.headers["authorization"] == BasicCredentials(username: "alice", password: "hunter2").authorizationHeader)
        }
    }

    @Test func netrcCredentialsAreSentAsBasicAuth() async throws {
        try await withLoopback { server, h in
            await server.servePyPIProject(name: "torch", files: [("torch-1.0.tar.gz", nil)])
            let netrc = Netrc.parse("machine 127.0.0.1 login ci-bot password s3cret")
            _ = try await h.client(netrc: netrc).page(project: "torch", index: server.url("/simple"))
            let request = try #require(await server.requests(to: "/simple/torch/").first)
            #expect(request.headers["authorization"] == "Basic " + Data("ci-bot:s3cret".utf8).base64EncodedString())
        }
    }

    @Test func pageCredentialsAreReusedForItsFilesWithoutLeakingIntoURLs() async throws {
        try await withLoopback { server, h in
            await server.servePyPIProject(name: "torch", files: [("torch-1.0-py3-none-any.whl", "Name: torch\nVersion: 1.0\n")])
            let client = h.client()
            let page = try await client.page(project: "torch", index: server.url("/simple", user: "u", password: "pw"))
            #expect(!page.files[0].url.absoluteString.contains("pw"))
            #expect(!page.url.absoluteString.contains("pw"))
            _ = try await client.metadata(for: page.files[0])
            let request = try #require(await server.requests(to: "/simple/files/torch-1.0-py3-none-any.whl.metadata").first)
            #expect(request.headers["authorization"] == BasicCredentials(username: "u", password: "pw").authorizationHeader)
        }
    }

    @Test func redirectedPagesResolveLinksAgainstTheFinalURL() async throws {
        try await withLoopback { server, h in
            await server.script("/simple/Torch/", [.init(status: 301, headers: ["Location": "/elsewhere/torch/"])])
            await server.script("/elsewhere/torch/", [.html(#"<a href="torch-1.0.tar.gz">torch-1.0.tar.gz</a>"#)])
            let page = try await h.client().page(at: server.url("/simple/Torch/"))
            #expect(page.url == server.url("/elsewhere/torch/"))
            #expect(page.files.first?.url == server.url("/elsewhere/torch/torch-1.0.tar.gz"))
            // The cached copy remembers where it came from.
            let offline = try await h.client(offline: true).page(at: server.url("/simple/Torch/"))
            #expect(offline.files.first?.url == server.url("/elsewhere/torch/torch-1.0.tar.gz"))
        }
    }

    @Test func authorizationFollowsSameOriginRedirectsOnly() async throws {
        try await withLoopback { server, h in
            let other = try await LoopbackIndexServer.start()
            await server.script("/simple/a/", [.init(status: 302, headers: ["Location": "/simple/a-moved/"])])
            await server.script("/simple/a-moved/", [.html("")])
            await server.script("/simple/b/", [.init(status: 307, headers: ["Location": other.url("/b/").absoluteString])])
            await other.script("/b/", [.html("")])
            let client = h.client()
            _ = try await client.page(at: server.url("/simple/a/", user: "u", password: "pw"))
            _ = try await client.page(at: server.url("/simple/b/", user: "u", password: "pw"))
            #expect(await server.requests(to: "/simple/a-moved/").first?.headers["authorization"] != nil)
            let foreign = await other.requests(to: "/b/")
            await other.stop()
            #expect(foreign.count == 1)
            #expect(foreign.first?.headers["authorization"] == nil, "credentials must not leak to another host")
        }
    }

    // MARK: - exists

    @Test func existsFollowsRedirectsAndReadsStatuses() async throws {
        try await withLoopback { server, h in
            await server.script("/releases/download/v1/asset.whl", [.init(status: 302, headers: ["Location": "/objects/asset.whl"])])
            await server.script("/objects/asset.whl", [.init(status: 200)])
            await server.script("/head-not-allowed", [.status(405), .init(status: 206)])
            let client = h.client()
            let redirected = try await client.exists(server.url("/releases/download/v1/asset.whl"))
            #expect(redirected)
            #expect(await server.requests(to: "/objects/asset.whl").first?.method == "HEAD")
            let missing = try await client.exists(server.url("/releases/download/v1/missing.whl"))
            #expect(!missing)
            let forbidden = try await client.exists(server.url("/whl/cu999/torch-9.whl"))
            #expect(!forbidden, "403 on the PyTorch index")
            let viaGet = try await client.exists(server.url("/head-not-allowed"))
            #expect(viaGet)
            #expect(await server.requests(to: "/head-not-allowed").last?.headers["range"] == "bytes=0-0")
        }
    }

    // MARK: - Concurrency

    @Test func boundedConcurrentPagesKeepOrder() async throws {
        try await withLoopback { server, h in
            for name in ["torch", "torchvision", "torchaudio"] {
                await server.servePyTorchPage("/whl/cu128/\(name)/", links: SyntheticIndexPage.links(count: 2, package: name), package: name)
            }
            let index = server.url("/whl/cu128")
            let names = ["torch", "torchvision", "missing", "torchaudio"]
            let results = await h.client().pages(names.map { .init(project: $0, index: index) }, maxConcurrent: 2)
            #expect(results.count == 4)
            #expect((try? results[0].get())?.name == "torch")
            #expect((try? results[1].get())?.name == "torchvision")
            #expect((try? results[3].get())?.name == "torchaudio")
            guard case .failure(let error) = results[2] else { Issue.record("missing page should fail"); return }
            #expect(error.isNotFound)
        }
    }
}

/// The client's pure decisions, without a server.
@Suite struct IndexClientPolicyTests {
    let client = IndexClient(
        transport: URLSessionTransport(), options: .init(pytorchBases: ["https://download.pytorch.org/whl", "http://mirror.example:8080/pt/whl/"]))

    @Test(arguments: [
        ("https://download.pytorch.org/whl/cu128/torch/", true),
        ("https://download.pytorch.org/libtorch/x.zip", true),
        ("https://DOWNLOAD.PYTORCH.ORG/whl/", true),
        ("http://mirror.example:8080/pt/whl/test/cu128/torch/", true),
        ("http://user:pw@mirror.example:8080/pt/whl/cpu/", true),
        ("http://mirror.example:8080/pt/whlx/cpu/", false),
        ("http://mirror.example:8080/other/", false),
        ("https://pytorch.example/whl/cu128/", false),
        ("https://download.pytorch.org.evil.example/whl/", false),
    ])
    func forbiddenMeansAbsentOn(_ url: String, _ expected: Bool) {
        #expect(client.isPyTorchIndex(URL(string: url)!) == expected)
    }

    @Test(arguments: [
        ("https://download.pytorch.org/whl/test/cu128/torch/", true),
        ("https://download.pytorch.org/whl/nightly/cpu/torch/", true),
        ("https://download.pytorch.org/whl/cu128/torch/", false),
        ("https://other-mirror.example/whl/nightly/cu126/torch/", true),
        ("http://mirror.example:8080/pt/whl/test/xpu/torch/", true),
        ("https://files.example/simple/test/", false),
    ])
    func alwaysRevalidated(_ url: String, _ expected: Bool) {
        #expect(client.alwaysRevalidates(URL(string: url)!) == expected)
    }

    @Test(arguments: [
        ("https://download.pytorch.org/whl/cu128", "Torch", "https://download.pytorch.org/whl/cu128/torch/"),
        ("https://download.pytorch.org/whl/cu128///", "flash_attn", "https://download.pytorch.org/whl/cu128/flash-attn/"),
        ("https://u:p@mirror.example/simple/", "Jinja2", "https://u:p@mirror.example/simple/jinja2/"),
    ])
    func pageURLs(_ index: String, _ project: String, _ expected: String) {
        #expect(IndexClient.pageURL(project: project, index: URL(string: index)!).absoluteString == expected)
    }

    @Test func backoffDoublesAndIsBounded() {
        let policy = IndexClient.RetryPolicy(attempts: 5, baseDelay: 0.2, maxDelay: 1)
        #expect(policy.delay(afterAttempt: 1) == 0.2)
        #expect(policy.delay(afterAttempt: 2) == 0.4)
        #expect(policy.delay(afterAttempt: 3) == 0.8)
        #expect(policy.delay(afterAttempt: 4) == 1)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 120) == 1, "Retry-After is capped")
        #expect(IndexClient.RetryPolicy(attempts: 0).attempts == 1)
    }

    @Test func nonHTTPURLsAreRejected() async {
        await #expect {
            try await client.page(at: URL(string: "file:///etc/passwd")!)
        } throws: { ($0 as? IndexError) == .invalidURL("file:///etc/passwd") }
    }

    @Test func pipQueryWithoutPythonIsNil() {
        #expect(PipDefaultIndex.query(environment: ["PATH": "/nonexistent"]) == nil)
    }
}
