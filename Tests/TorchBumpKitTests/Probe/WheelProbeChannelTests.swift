import Foundation
import Testing
@testable import TorchBumpKit

/// Release candidates, retries, failures and offline answers.
@Suite struct WheelProbeChannelTests {
    static let cu128 = Variant(tag: "cu128")!

    func stateFile(_ h: ClientHarness) -> RCHashStore {
        RCHashStore(file: h.cacheDirectory.appendingPathComponent("state/torchbump/rc-hashes.json"))
    }

    func serveRC(_ server: LoopbackIndexServer, sha: String?) async {
        let filename = "torch-2.8.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl"
        let link = ProbeFixture.link("torch", "2.8.0", label: "cu128", python: "cp312-cp312", channel: "/test",
                                     directory: "cu128", sha256: sha ?? SyntheticIndexPage.fakeDigest(filename))
        await server.servePyTorchPage("/whl/test/cu128/torch/", links: [link], headers: ["Cache-Control": "no-cache"])
    }

    @Test func testChannelRecordsHashesAndDetectsRespins() async throws {
        try await withScratchLoopback { server, h in
            let store = stateFile(h)
            let spec = ProbeFixture.spec(server, torch: "2.8.0", channel: .test, variants: [Self.cu128], pythons: ["3.12"],
                                         triton: false)
            let rc1 = String(repeating: "a", count: 64), rc2 = String(repeating: "b", count: 64)
            await serveRC(server, sha: rc1)
            let probe = WheelProbe(client: h.client(), hashStore: store)
            let first = await probe.run(spec)
            #expect(first.outcome == .allPresent)
            #expect(first.respins.isEmpty)
            let recorded = store.load().records
            #expect(recorded.count == 1)
            let record = try #require(recorded.values.first)
            #expect(record.sha256 == rc1)
            #expect(record.index.hasSuffix("/whl/test/cu128/"))
            #expect(record.filename == "torch-2.8.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl")

            // Same filename, new content: RC2 replaced RC1.
            await serveRC(server, sha: rc2)
            let second = await probe.run(spec)
            #expect(second.respins.count == 1)
            let respin = try #require(second.respins.first)
            #expect(respin.recordedSHA256 == rc1)
            #expect(respin.currentSHA256 == rc2)
            #expect(second.renderText().contains("re-spun"))
            #expect(store.load().records.values.first?.previous == [rc1])

            // Seen again unchanged: nothing new to report.
            let third = await probe.run(spec)
            #expect(third.respins.isEmpty)
        }
    }

    @Test func releaseChannelRecordsNothing() async throws {
        try await withScratchLoopback { server, h in
            let links = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.12"])
            await server.servePyTorchPage("/whl/cu128/torch/", links: links)
            let store = stateFile(h)
            _ = await WheelProbe(client: h.client(), hashStore: store).run(
                ProbeFixture.spec(server, variants: [Self.cu128], pythons: ["3.12"], triton: false))
            #expect(!FileManager.default.fileExists(atPath: store.file.path))
        }
    }

    @Test func serverErrorThenSuccessIsRetried() async throws {
        try await withScratchLoopback { server, h in
            let links = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.12"])
            let body = SyntheticIndexPage.html(links)
            await server.script("/whl/cu128/torch/", [.status(503), .status(502), .html(body)])
            let report = await WheelProbe(client: h.client()).run(
                ProbeFixture.spec(server, variants: [Self.cu128], pythons: ["3.12"], triton: false))
            #expect(report.outcome == .allPresent)
            #expect(await server.count("/whl/cu128/torch/") == 3)
        }
    }

    @Test func networkFailureNamesTheRedactedURL() async throws {
        try await withScratchLoopback { server, h in
            await server.script("/whl/cu128/torch/", [.status(503)])
            var spec = ProbeFixture.spec(server, variants: [Self.cu128], pythons: ["3.12"], triton: false)
            spec.pytorchBase = server.url("/whl", user: "ci", password: "s3cret").absoluteString
            let report = await WheelProbe(client: h.client()).run(spec)
            #expect(report.outcome == .indexFailure)
            let failure = try #require(report.failures.first)
            guard case .network = failure else { Issue.record("expected a network error, got \(failure)"); return }
            let message = failure.errorDescription ?? ""
            #expect(message.contains("/whl/cu128/torch/"))
            #expect(message.contains("***@127.0.0.1"))
            #expect(!message.contains("s3cret"))
            #expect(report.status("torch", Self.cu128, "3.12")?.kind == "failed")
            let text = report.renderText() + (try report.renderJSON())
            #expect(!text.contains("s3cret"))
        }
    }

    @Test func offlineAnswersFromTheCacheOnly() async throws {
        try await withScratchLoopback { server, h in
            let links = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.12"])
            await server.servePyTorchPage("/whl/cu128/torch/", links: links)
            let spec = ProbeFixture.spec(server, variants: [Self.cu128, .cpu], pythons: ["3.12"], triton: false)
            _ = await WheelProbe(client: h.client()).run(
                ProbeFixture.spec(server, variants: [Self.cu128], pythons: ["3.12"], triton: false))
            let before = await server.requests().count

            let offline = await WheelProbe(client: h.client(offline: true)).run(spec)
            #expect(await server.requests().count == before, "offline must not touch the network")
            #expect(offline.offline)
            #expect(offline.status("torch", Self.cu128, "3.12")?.isPresent == true, "served from the cache")
            guard case .unknown(let why)? = offline.status("torch", .cpu, "3.12") else {
                Issue.record("an uncached page offline is unknown"); return
            }
            #expect(why.contains("offline"))
            #expect(offline.outcome == .incomplete, "availability unproven: exit 1, not a network failure")
            #expect(offline.failures.isEmpty)
            #expect(offline.renderText().contains("nothing was fetched"))
        }
    }

    @Test func nightlyMatchesTheNewestDevBuildOfABaseVersion() async throws {
        try await withScratchLoopback { server, h in
            let links = ["20250601", "20250603"].map {
                ProbeFixture.link("torch", "2.9.0.dev\($0)", label: "cu128", python: "cp312-cp312", channel: "/nightly",
                                  directory: "cu128")
            } + [ProbeFixture.link("torch", "2.8.0", label: "cu128", python: "cp312-cp312", channel: "/nightly", directory: "cu128")]
            await server.servePyTorchPage("/whl/nightly/cu128/torch/", links: links)
            let report = await WheelProbe(client: h.client()).run(ProbeFixture.spec(
                server, torch: "2.9.0", channel: .nightly, variants: [Self.cu128], pythons: ["3.12"], triton: false))
            guard case .present(let file, _, _)? = report.status("torch", Self.cu128, "3.12") else {
                Issue.record("nightly not found"); return
            }
            #expect(file == "torch-2.9.0.dev20250603+cu128-cp312-cp312-manylinux_2_28_x86_64.whl")
        }
    }

    @Test func variantsAreDiscoveredFromTheChannelRootWhenUnknown() async throws {
        try await withScratchLoopback { server, h in
            let root = [
                ProbeFixture.link("torch", "2.16.0", label: "cu134", python: "cp312-cp312", channel: "/test", directory: "cu134"),
                ProbeFixture.link("torch", "2.16.0", label: "cpu", python: "cp312-cp312", channel: "/test", directory: "cpu"),
                ProbeFixture.link("torch", "2.15.0", label: "cu126", python: "cp312-cp312", channel: "/test", directory: "cu126"),
            ]
            await server.servePyTorchPage("/whl/test/torch/", links: root)
            await server.servePyTorchPage("/whl/test/cu134/torch/", links: [root[0]])
            await server.servePyTorchPage("/whl/test/cpu/torch/", links: [root[1]])
            let report = await WheelProbe(client: h.client()).run(ProbeFixture.spec(
                server, torch: "2.16.0", channel: .test, variants: [], pythons: ["3.12"], triton: false))
            #expect(report.variants == [.cpu, Variant(tag: "cu134")!])
            #expect(report.outcome == .allPresent, "\(report.renderText())")

            let none = await WheelProbe(client: h.client()).run(ProbeFixture.spec(
                server, torch: "2.17.0", channel: .test, variants: [], pythons: ["3.12"], triton: false))
            #expect(none.unresolved?.contains("2.17.0") == true)
            #expect(none.outcome == .incomplete)
        }
    }
}
