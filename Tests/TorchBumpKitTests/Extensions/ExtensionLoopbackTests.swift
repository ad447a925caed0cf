import Foundation
import Testing
@testable import TorchBumpKit

/// The online planner through the real index client over HTTP on 127.0.0.1: PEP 691 JSON "PyPI" with metadata
/// sidecars, a PyTorch-shaped variant index (403 for unknown keys), and GitHub-like asset URLs answering HEAD.
@Suite struct ExtensionLoopbackTests {
    /// The bundled catalogue with mamba-ssm's and causal-conv1d's asset directories moved onto the server.
    static func catalog(assetsAt base: URL) -> ExtensionCatalog {
        var catalog = Fixtures.catalog
        for i in catalog.entries.indices where ["mamba-ssm", "causal-conv1d"].contains(catalog.entries[i].name) {
            for e in catalog.entries[i].eras.indices {
                for l in catalog.entries[i].eras[e].locations.indices where catalog.entries[i].eras[e].locations[l].kind == .githubAsset {
                    let repo = catalog.entries[i].name
                    catalog.entries[i].eras[e].locations[l].url = base.absoluteString + "/\(repo)/releases/download/v{version}/"
                }
            }
        }
        return catalog
    }

    @Test func probesPyPIThePyTorchIndexAndAssetsOverHTTP() async throws {
        try await withLoopback { server, _ in
            let xformersWheel = "xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl"
            let metadata = "Metadata-Version: 2.1\nName: xformers\nVersion: 0.0.32.post2\nRequires-Dist: numpy\n"
                + "Requires-Dist: torch==2.8.0\n"
            // PyPI: the wheel is there, but it is PyPI's cu128 build.
            await server.servePyPIProject(name: "xformers", files: [(xformersWheel, metadata)])
            // The cu126 variant index has it (the cu128 one would 403 like S3).
            await server.servePyTorchPage(
                "/whl/cu126/xformers/",
                links: [SyntheticIndexPage.Link(filename: xformersWheel, href: "/whl/cu126/\(xformersWheel)",
                                                sha256: SyntheticIndexPage.fakeDigest(xformersWheel),
                                                metadataSHA256: "pending")],
                package: "xformers", metadata: [xformersWheel: metadata])
            // mamba-ssm: sdists on PyPI, no asset (404) → recipe.
            await server.servePyPIProject(name: "mamba-ssm", files: [("mamba_ssm-2.3.2.post1.tar.gz", nil)])
            // causal-conv1d: the computed asset exists.
            let asset = "/causal-conv1d/releases/download/v1.5.2/causal_conv1d-1.5.2+cu12torch2.8cxx11abiTRUE-cp312-cp312-linux_x86_64.whl"
            await server.serve(asset, body: "wheel bytes", contentType: "application/octet-stream")

            let client = IndexClient(
                transport: URLSessionTransport(timeout: 30),
                options: .init(retry: .init(attempts: 1), pytorchBases: [server.url("/whl").absoluteString]))
            let target = Fixtures.target(torch: "2.8.0", variant: Fixtures.cuda("12.6"), offline: false,
                                         pypi: server.url("/simple").absoluteString,
                                         pytorchBase: server.url("/whl").absoluteString)
            let planner = ExtensionPlanner(catalog: Self.catalog(assetsAt: server.baseURL), matrix: Fixtures.matrix)
            let sites = [Sites.requirement("xformers", "0.0.31"), Sites.requirement("mamba-ssm", "2.2.4"),
                         Sites.requirement("causal-conv1d", "1.5.2")]
            let plan = await planner.plan(sites: sites, target: target, locator: client)

            let byName = Dictionary(uniqueKeysWithValues: plan.decisions.map { ($0.name, $0) })
            let xformers = try #require(byName["xformers"])
            #expect(xformers.outcome == .wheel)
            #expect(xformers.probes.map(\.status) == [.absent, .present])
            #expect(xformers.release?.basis.hasPrefix("Requires-Dist: torch==2.8.0") == true)
            #expect(xformers.wheel?.label == ExpandedLocation.shortLabel(server.url("/whl/cu126").absoluteString))

            let mamba = try #require(byName["mamba-ssm"])
            #expect(mamba.outcome == .sourceBuild)
            #expect(mamba.probes.map(\.status) == [.absent, .absent])
            #expect(mamba.recipe?.version == "2.3.2.post1")
            let head = await server.requests(to: "/mamba-ssm/releases/download/v2.3.2.post1/mamba_ssm-2.3.2.post1+cu12torch2.8cxx11abiTRUE-cp312-cp312-linux_x86_64.whl")
            #expect(head.first?.method == "HEAD")

            let conv = try #require(byName["causal-conv1d"])
            #expect(conv.outcome == .wheel)
            #expect(conv.wheel?.verified == true)

            #expect(plan.exitStatus == 1)
            #expect(!plan.networkFailed)
        }
    }

    @Test func refusedConnectionIsANetworkFailure() async throws {
        // A server that has just stopped leaves a port nobody listens on: connection refused.
        let server = try await LoopbackIndexServer.start()
        let base = server.baseURL.absoluteString
        await server.stop()
        let client = IndexClient(transport: URLSessionTransport(timeout: 30), options: .init(retry: .init(attempts: 1)))
        let target = Fixtures.target(torch: "2.8.0", variant: Fixtures.cuda("12.8"), offline: false,
                                     pypi: base + "/simple", pytorchBase: base + "/whl")
        let plan = await Fixtures.planner.plan(sites: [Sites.requirement("xformers", "0.0.31")], target: target,
                                               locator: client)
        #expect(plan.decisions.first?.probes.first?.status == .failed)
        #expect(plan.exitStatus == 3)
    }
}
