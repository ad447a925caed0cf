import Foundation

/// Regenerates lock files with the command recorded in their header (updated by the plan), using the real `uv`
/// (or `pip-compile`) binary when it is installed; never edits a lock as text.
public enum LockRegeneration {
    public struct Result: Sendable, Codable, Hashable {
        public enum Status: String, Sendable, Codable { case regenerated, skipped, failed }
        public var path: String
        public var command: String
        public var status: Status
        /// Why it was skipped, or the tool's error output.
        public var detail: String?
    }

    /// Runs each lock's command in `root`. A missing tool is reported as `skipped` with the command to run by hand.
    public static func run(_ locks: [LockAction], root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> [Result] {
        locks.map { lock in
            let words = lock.command.split(separator: " ").map(String.init)
            guard let tool = words.first else {
                return Result(path: lock.path, command: lock.command, status: .failed, detail: "empty command")
            }
            guard let executable = findExecutable(tool, environment: environment) else {
                return Result(path: lock.path, command: lock.command, status: .skipped,
                              detail: "\(tool) is not installed; run the command by hand")
            }
            let process = Process()
            process.executableURL = executable
            process.arguments = Array(words.dropFirst())
            process.currentDirectoryURL = root
            let errPipe = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errPipe
            do { try process.run() } catch {
                return Result(path: lock.path, command: lock.command, status: .failed, detail: error.localizedDescription)
            }
            let err = errPipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 0 {
                return Result(path: lock.path, command: lock.command, status: .regenerated, detail: nil)
            }
            let text = String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return Result(path: lock.path, command: lock.command, status: .failed,
                          detail: String(text.suffix(2000)))
        }
    }

    static func findExecutable(_ name: String, environment: [String: String]) -> URL? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
        }
        return nil
    }
}
