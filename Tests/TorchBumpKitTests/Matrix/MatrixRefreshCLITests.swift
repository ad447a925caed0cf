import Foundation
import Testing
@testable import TorchBumpKit

/// `torchbump matrix --refresh` through the real binary against the loopback server.
@Suite struct MatrixRefreshCLITests {
    func flags(_ server: LoopbackIndexServer) -> [String] {
        ["--index-base", server.url("/whl").absoluteString, "--index-url", server.url("/simple").absoluteString]
    }

    @Test(.enabled(if: ProbeCLITests.binary != nil)) func refreshWritesTheCacheAndPrintsChanges() async throws {
        try await withScratchLoopback { server, _ in
            await MatrixRefreshFixture.serve(server)
            let cache = try ProbeCLITests.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: cache) }
            let out = try await ProbeCLITests.run(["matrix", "--refresh"] + flags(server), cache: cache)
            #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
            let file = ReleaseMatrix.cacheFile(in: cache)
            #expect(out.stdout.contains(file.path))
            #expect(out.stdout.contains("+ releases[2.16.0]"))
            #expect(out.stdout.contains("~ releases[2.14.0].rocmVariants"))
            #expect(FileManager.default.fileExists(atPath: file.path))

            // The refreshed data now answers `matrix`.
            let show = try await ProbeCLITests.run(["matrix", "2.16.0"], cache: cache)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("0.31.0"))

            let json = try await ProbeCLITests.run(["matrix", "--refresh", "--format", "json"] + flags(server),
                                                   cache: cache)
            #expect(json.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect((object?["added"] as? [String]) == ["2.16.0"])
            #expect((object?["changes"] as? [[String: Any]])?.isEmpty == false)
        }
    }

    @Test(.enabled(if: ProbeCLITests.binary != nil)) func networkFailureExitsThree() async throws {
        try await withScratchLoopback { server, _ in
            await server.script("/simple/torch/", [.status(503)])
            let cache = try ProbeCLITests.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: cache) }
            let out = try await ProbeCLITests.run(["matrix", "--refresh"] + flags(server), cache: cache)
            #expect(out.status == 3, "\(out.stdout)\(out.stderr)")
            #expect(out.stderr.contains("/simple/torch/"))
            #expect(!FileManager.default.fileExists(atPath: ReleaseMatrix.cacheFile(in: cache).path))
        }
    }

    @Test(.enabled(if: ProbeCLITests.binary != nil)) func refreshRefusesOffline() async throws {
        let cache = try ProbeCLITests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let out = try await ProbeCLITests.run(["matrix", "--refresh", "--offline"], cache: cache)
        #expect(out.status == 2)
    }
}
