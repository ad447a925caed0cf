import Foundation
import Testing

/// Runs the real `torchbump` binary (built next to the test bundle) and copies example repositories to temp dirs.
enum CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (two levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("torchbump"),
            Bundle.main.bundleURL.appendingPathComponent("torchbump"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("torchbump"),
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        // Fall back to searching the build folder.
        let build = packageRoot.appendingPathComponent(".build")
        if let e = FileManager.default.enumerator(at: build, includingPropertiesForKeys: nil) {
            while let url = e.nextObject() as? URL {
                if url.lastPathComponent == "torchbump", FileManager.default.isExecutableFile(atPath: url.path),
                   url.deletingLastPathComponent().lastPathComponent == "debug" {
                    return url
                }
            }
        }
        return candidates[0]
    }

    @discardableResult
    static func run(_ arguments: [String], cwd: URL? = nil, environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Never let a developer's cache change the answers: point the cache at an empty temp dir.
        env["XDG_CACHE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("torchbump-test-cache-\(getpid())").path
        if let environment { env.merge(environment) { _, new in new } }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently with the process so large outputs cannot block it.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Copies `Examples/<name>` to a fresh temp dir and returns the copy's URL.
    static func copyExample(_ name: String, git: Bool = false) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("torchbump-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let dest = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Examples/\(name)"), to: dest)
        if git {
            try shell(["git", "init", "-q"], in: dest)
            try shell(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A"], in: dest)
            try shell(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init"], in: dest)
        }
        return dest
    }

    static func shell(_ args: [String], in dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw CocoaError(.executableLoad) }
    }

    static func read(_ url: URL, _ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }
}
