import Foundation
import Testing
@testable import TorchBumpKit

/// `MatrixRefresh` against the loopback server: a synthetic PyPI JSON index with `.metadata` files and
/// PyTorch-shaped HTML variant pages.
@Suite struct MatrixRefreshTests {
    func refresh(_ server: LoopbackIndexServer, _ h: ClientHarness, scope: MatrixRefresh.Scope = .recentAndUncertain)
        throws -> MatrixRefresh
    {
        MatrixRefresh(client: h.client(), pypiIndex: server.url("/simple"), pytorchBase: server.url("/whl").absoluteString,
                      bundled: try ReleaseMatrix.bundled(), scope: scope, today: "2026-12-24")
    }

    @Test func rebuildsFromTheIndexes() async throws {
        try await withScratchLoopback { server, h in
            await MatrixRefreshFixture.serve(server)
            let result = try await refresh(server, h).run()
            let m = result.matrix
            #expect(result.added == ["2.16.0"], "pre-releases, dev builds, yanked and pre-2.0 releases are skipped")
            #expect(result.refreshed == ["2.14.0", "2.15.0"])

            // A new release: live cells, the rest copied from 2.15.0 and marked uncertain.
            let new = try #require(m.release("2.16.0"))
            #expect(new.date == "2026-12-20")
            #expect(new.torchvision == "0.31.0")
            #expect(new.triton == TritonPin(specifier: "~=3.10.0", marker: "python_version<\"3.17\""))
            #expect(new.pypiCUDA == Variant(tag: "cu134"))
            #expect(new.cudaToolkitPip == "cuda-toolkit==13.4.1")
            #expect(new.cudnn == "9.30.0.1")
            #expect(new.python == ["3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t"])
            #expect(new.requiresPython == ">=3.11")
            #expect(new.cudaVariants.map(\.tag) == ["cu126", "cu130", "cu134"], "cu134 found on the root page")
            #expect(new.rocmVariants.map(\.tag) == ["rocm7.2"])
            #expect(new.xpu)
            #expect(new.torchaudio == nil)
            #expect(new.torchaudioNewestUsable == "2.11.1")
            #expect(new.uncertain == ["torchaudioNewestUsable"], "2.15.0 (the template) states no C++ standard")
            #expect(new.cxxStandard == nil)
            #expect(m.newestRelease.torch == "2.16.0")

            // A known release: live answers replace cells and clear their uncertainty.
            let r214 = try #require(m.release("2.14.0"))
            #expect(r214.rocmVariants.map(\.tag) == ["rocm7.2"])
            #expect(r214.uncertain.isEmpty)
            #expect(r214.torchvision == "0.29.0")
            // 2.15.0: torchvision 0.29.2 declares only torch>=2.14.0, so the bundled pairing stays uncertain.
            let r215 = try #require(m.release("2.15.0"))
            #expect(r215.torchvision == "0.29.2")
            #expect(r215.uncertain == ["torchvision", "testOnlyVariants"])
            #expect(r215.cudaVariants.map(\.tag) == ["cu126", "cu130", "cu132"])

            // Releases not on the index are kept exactly.
            let bundled = try ReleaseMatrix.bundled()
            #expect(m.release("2.7.0") == bundled.release("2.7.0"))
            #expect(result.diagnostics.contains { $0.message.contains("kept as bundled") && $0.message.contains("2.7.0") })

            // What changed, as `matrix --refresh` prints it.
            let paths = result.changes.map(\.path)
            #expect(paths.contains("releases[2.16.0]"))
            #expect(paths.contains("releases[2.14.0].rocmVariants"))
            #expect(paths.contains("releases[2.15.0].rocmVariants"))
            #expect(!paths.contains { $0.hasPrefix("releases[2.7.0]") })
            #expect(result.changes == bundled.diff(against: m))
        }
    }

    @Test func onlyMetadataIsDownloaded() async throws {
        try await withScratchLoopback { server, h in
            await MatrixRefreshFixture.serve(server)
            _ = try await refresh(server, h).run()
            let paths = await server.requests().map(\.path)
            #expect(!paths.contains { $0.hasSuffix(".whl") }, "never a whole wheel")
            #expect(paths.contains { $0.hasSuffix(".whl.metadata") })
        }
    }

    @Test func garbageMetadataIsADiagnosticNamingTheURL() async throws {
        try await withScratchLoopback { server, h in
            await MatrixRefreshFixture.serve(server, torchvision0292: "\u{0}\u{7f}PK\u{3}\u{4} not metadata at all")
            let result = try await refresh(server, h).run()
            let warning = try #require(result.diagnostics.first { $0.severity == .warning })
            #expect(warning.message.contains("/simple/files/torchvision-0.29.2-py3-none-manylinux_2_28_x86_64.whl.metadata"))
            #expect(result.matrix.release("2.15.0")?.torchvision == "0.29.2", "kept as bundled")
        }
    }

    @Test func cachedFileOverridesTheBundledData() async throws {
        try await withScratchLoopback { server, h in
            await MatrixRefreshFixture.serve(server)
            let result = try await refresh(server, h).run()
            let dir = h.cacheDirectory.appendingPathComponent("xdg")
            let file = try result.write(cacheDirectory: dir)
            #expect(file == ReleaseMatrix.cacheFile(in: dir))
            let loaded = try ReleaseMatrix.load(cacheDirectory: dir)
            #expect(loaded.source == .cache(file))
            #expect(loaded.warnings.isEmpty)
            #expect(loaded.matrix.release("2.16.0")?.torchvision == "0.31.0")
        }
    }

    @Test func networkFailureThrowsWithTheRedactedURL() async throws {
        try await withScratchLoopback { server, h in
            await server.script("/simple/torch/", [.status(503)])
            let refresh = MatrixRefresh(
                client: h.client(), pypiIndex: server.url("/simple", user: "me", password: "pypi-token"),
                pytorchBase: server.url("/whl").absoluteString, bundled: try ReleaseMatrix.bundled(), today: "2026-12-24")
            await #expect {
                try await refresh.run()
            } throws: { error in
                guard case .network(let url, _, _)? = error as? IndexError else { return false }
                return url.contains("***@127.0.0.1") && url.hasSuffix("/simple/torch/") && !url.contains("pypi-token")
            }
        }
    }

    @Test func variantPageFailureIsANetworkError() async throws {
        try await withScratchLoopback { server, h in
            await MatrixRefreshFixture.serve(server)
            await server.script("/whl/cu130/torch/", [.status(500)])
            await #expect(throws: IndexError.self) { try await refresh(server, h).run() }
        }
    }

    @Test func emptyIndexChangesNothing() async throws {
        try await withScratchLoopback { server, h in
            await MatrixRefreshFixture.servePyPI(server, name: "torch", files: [])
            let result = try await refresh(server, h).run()
            #expect(result.changes.isEmpty)
            #expect(result.diagnostics.contains { $0.severity == .warning })
        }
    }

    @Test func scopeSkipsSettledOldReleases() throws {
        let bundled = try ReleaseMatrix.bundled()
        let refresh = MatrixRefresh(client: IndexClient(transport: URLSessionTransport()),
                                    pypiIndex: URL(string: "https://pypi.example/simple")!, bundled: bundled)
        func files(_ v: String) -> MatrixRefresh.ReleaseFiles {
            MatrixRefresh.ReleaseFiles(version: Version(v)!, wheels: [], allYanked: false)
        }
        #expect(!refresh.isInScope(files("2.0.0")), "2.0.0 has no uncertain cell")
        #expect(refresh.isInScope(files("2.7.0")), "2.7.0 has uncertain cells")
        #expect(refresh.isInScope(files("2.15.0")), "the newest bundled minor")
        #expect(refresh.isInScope(files("2.16.0")), "unknown to the bundled data")
        var all = refresh
        all.scope = .all
        #expect(all.isInScope(files("2.0.0")))
    }
}

/// The pure readings of metadata and tags.
@Suite struct MatrixRefreshFactsTests {
    @Test(arguments: [
        (["nvidia-cuda-runtime-cu11==11.7.99; platform_system == \"Linux\""], "cu117", "nvidia-cuda-runtime-cu11==11.7.99"),
        (["nvidia-cuda-runtime-cu12==12.4.127"], "cu124", "nvidia-cuda-runtime-cu12==12.4.127"),
        (["nvidia-cuda-runtime-cu12==12.6.77; platform_system == \"Linux\" and platform_machine == \"x86_64\""], "cu126",
         "nvidia-cuda-runtime-cu12==12.6.77"),
        (["nvidia-cuda-runtime-cu12==12.8.90"], "cu128", "nvidia-cuda-runtime-cu12==12.8.90"),
        (["cuda-toolkit[cublas,cudart,cufft]==13.0.2; platform_system == \"Linux\"", "cuda-bindings>=13.0.3,<14"], "cu130",
         "cuda-toolkit==13.0.2"),
        (["cuda-toolkit[cublas]==13.2.2"], "cu132", "cuda-toolkit==13.2.2"),
    ])
    func cudaFromRequirements(_ lines: [String], _ variant: String, _ pip: String) throws {
        let found = try #require(MatrixRefresh.cuda(lines.compactMap(DistRequirement.init)))
        #expect(found.variant.tag == variant)
        #expect(found.pip == pip)
    }

    @Test func cpuMetadataHasNoCUDA() {
        #expect(MatrixRefresh.cuda(["filelock", "sympy>=1.13.3"].compactMap(DistRequirement.init)) == nil)
        #expect(MatrixRefresh.tritonPin(["filelock"].compactMap(DistRequirement.init)) == nil)
    }

    @Test(arguments: [
        ("platform_system == \"Linux\" and platform_machine == \"x86_64\"", nil),
        ("platform_system == \"Linux\" and platform_machine == \"x86_64\" and python_version < \"3.13\"", "python_version<\"3.13\""),
        ("python_version<'3.16' and platform_system == 'Linux'", "python_version<\"3.16\""),
        ("python_version < \"3.12\" or sys_platform == \"win32\"", "python_version < \"3.12\" or sys_platform == \"win32\""),
    ] as [(String, String?)])
    func tritonMarkerKeepsPythonClauses(_ marker: String, _ expected: String?) {
        #expect(MatrixRefresh.pythonMarker(marker) == expected)
    }

    @Test func pythonTagsFromWheelNames() throws {
        let names = [
            "torch-2.9.0-cp310-cp310-manylinux_2_28_x86_64.whl", "torch-2.9.0-cp314-cp314t-manylinux_2_28_x86_64.whl",
            "torch-2.9.0-cp313-cp313t-win_amd64.whl", "torch-2.9.0-cp39-none-macosx_11_0_arm64.whl",
            "torch-2.9.0-cp314-cp314-manylinux_2_28_aarch64.whl",
        ]
        let wheels = try names.map {
            MatrixRefresh.Wheel(file: IndexFile(filename: $0, url: URL(string: "https://x/\($0)")!),
                                name: try WheelFilename(parsing: $0))
        }
        #expect(MatrixRefresh.pythons(wheels) == ["3.9", "3.10", "3.14", "3.13t", "3.14t"])
    }

    @Test func companionTorchRequirement() {
        let exact = MatrixRefresh.torchRequirement(["numpy", "torch==2.7.0"].compactMap(DistRequirement.init))
        #expect(exact?.exact == "2.7.0")
        let range = MatrixRefresh.torchRequirement(["torch>=2.14.0"].compactMap(DistRequirement.init))
        #expect(range?.exact == nil)
        #expect(range?.range?.contains(Version("2.15.0")!) == true)
        #expect(MatrixRefresh.torchRequirement(["numpy"].compactMap(DistRequirement.init)) == nil)
    }
}
