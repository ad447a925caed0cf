import Foundation
import Testing
@testable import TorchBumpKit

/// `torchbump probe` through the real binary against the loopback server (this target has FlyingFox; the CLI test
/// target does not).
@Suite struct ProbeCLITests {
    /// The `torchbump` executable next to the test bundle (SwiftPM builds every product for `swift test`).
    static var binary: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("torchbump"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("torchbump"),
        ]
        for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug", ".build/aarch64-unknown-linux-gnu/debug"] {
            candidates.append(root.appendingPathComponent(dir).appendingPathComponent("torchbump"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A fresh directory for a child's cache and output, on tmpfs when there is one: the child's cache writes
    /// fsync, and on a busy disk those fsyncs slowed the test process's own (which run on the 2 cooperative
    /// threads), stalling every loopback test for seconds.
    static func scratchDirectory() throws -> URL {
        let shm = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        let root = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let dir = root.appendingPathComponent("torchbump-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary in an empty directory with its own cache. Nothing blocks a thread while it runs: output goes
    /// to files and the exit arrives through `terminationHandler` (blocking GCD worker threads here starved the
    /// other tests' loopback servers and URLSessions on a 2-core machine).
    static func run(_ args: [String], cache: URL) async throws -> Output {
        guard let binary else { throw CocoaError(.executableNotLoadable) }
        let cwd = cache.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        let id = UUID().uuidString
        let outFile = cache.appendingPathComponent("stdout-\(id)"), errFile = cache.appendingPathComponent("stderr-\(id)")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
        defer {
            try? out.close()
            try? err.close()
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_CACHE_HOME"] = cache.path
        for key in env.keys where key.hasPrefix("UV_") || key.hasPrefix("PIP_") { env[key] = nil }
        env["PIP_CONFIG_FILE"] = "/dev/null"
        env["UV_CONFIG_FILE"] = "/dev/null"
        process.environment = env
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Output(status: status, stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    static func serve(_ server: LoopbackIndexServer) async {
        let torch = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.12"])
        await server.servePyTorchPage("/whl/cu128/torch/", links: torch, metadata: ProbeFixture.metadata(
            for: torch, body: ProbeFixture.torchMetadata("2.7.0+cu128", requires: [ProbeFixture.tritonLinux])))
        await server.servePyTorchPage("/whl/cu128/torchvision/", links: ProbeFixture.links(
            "torchvision", "0.22.0", variant: "cu128", pythons: ["3.12"]), package: "torchvision")
        await server.servePyTorchPage("/whl/cu128/torchaudio/", links: ProbeFixture.links(
            "torchaudio", "2.7.0", variant: "cu128", pythons: ["3.12"]), package: "torchaudio")
        await server.servePyPIProject(name: "triton", files: [("triton-3.3.0-cp312-cp312-manylinux_2_28_x86_64.whl", nil)])
    }

    func flags(_ server: LoopbackIndexServer) -> [String] {
        ["--index-base", server.url("/whl").absoluteString, "--index-url", server.url("/simple").absoluteString]
    }

    @Test(.enabled(if: ProbeCLITests.binary != nil)) func exitCodesThroughTheBinary() async throws {
        try await withScratchLoopback { server, _ in
            await Self.serve(server)
            let cache = try Self.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: cache) }
            let ok = try await Self.run(["probe", "--torch", "2.7.0", "--variant", "cu128", "--python", "3.12"] + flags(server),
                                  cache: cache)
            #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
            #expect(ok.stdout.contains("torch 2.7.0"))
            #expect(ok.stdout.contains("triton ==3.3.0"))
            #expect(ok.stdout.contains("all 4 requested wheels are present"))

            let missing = try await Self.run(["probe", "--torch", "2.7.0", "--variant", "cu128,rocm6.3", "--python", "3.12"]
                                       + flags(server), cache: cache)
            #expect(missing.status == 1)
            #expect(missing.stdout.contains("missing"))

            let json = try await Self.run(["probe", "--torch", "2.7.0", "--variant", "cu128", "--python", "3.12", "--format", "json"]
                                    + flags(server), cache: cache)
            #expect(json.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(object?["outcome"] as? String == "all-present")
            #expect((object?["rows"] as? [[String: Any]])?.count == 4)

            // Offline: the cu128 pages are cached, rocm6.3 never was.
            let offline = try await Self.run(["probe", "--torch", "2.7.0", "--variant", "cu128,xpu", "--python", "3.12", "--offline"]
                                       + flags(server), cache: cache)
            #expect(offline.status == 1)
            #expect(offline.stdout.contains("nothing was fetched"))
            #expect(offline.stdout.contains("unknown"))
        }
    }

    @Test(.enabled(if: ProbeCLITests.binary != nil)) func networkFailureExitsThree() async throws {
        try await withScratchLoopback { server, _ in
            await server.script("/whl/cu128/torch/", [.status(503)])
            let cache = try Self.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: cache) }
            let base = server.url("/whl", user: "ci", password: "hunter2").absoluteString
            let out = try await Self.run(["probe", "--torch", "2.7.0", "--variant", "cu128", "--python", "3.12",
                                    "--index-base", base, "--index-url", server.url("/simple").absoluteString],
                                   cache: cache)
            #expect(out.status == 3, "\(out.stdout)\(out.stderr)")
            #expect(out.stderr.contains("/whl/cu128/torch/"))
            #expect(!(out.stdout + out.stderr).contains("hunter2"))
        }
    }

    @Test(.enabled(if: ProbeCLITests.binary != nil)) func usageErrorsExitTwo() async throws {
        let cache = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        for args in [["probe"], ["probe", "--torch", "2.7.0", "--variant", "cu12x"],
                     ["probe", "--torch", "2.7.0", "--python", "three", "--offline"],
                     ["probe", "--torch", "2.7.0", "--format", "diff"]] {
            let out = try await Self.run(args, cache: cache)
            #expect(out.status == 2, "\(args): \(out.stderr)")
            #expect(!out.stderr.isEmpty)
        }
    }
}
