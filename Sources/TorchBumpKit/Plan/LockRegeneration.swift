import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Regenerates lock files with the command recorded in their header (updated by the plan), using the real `uv`
/// (or `pip-compile`) binary when it is installed; never edits a lock as text.
///
/// A header is untrusted input from the repository, so the command is split like a shell would split simple
/// quoting but never run through a shell, only `uv pip compile`, `uv lock`, `uv export` and `pip-compile` are run,
/// and a command whose output file is not the lock itself (or lies outside the repository) is refused.
public enum LockRegeneration {
    /// What happened to one lock file.
    public struct Result: Sendable, Codable, Hashable {
        public enum Status: String, Sendable, Codable { case regenerated, skipped, failed }
        public var path: String
        public var command: String
        public var status: Status
        /// Why it was skipped or refused, the tool's error output, or notes about a successful run.
        public var detail: String?
        /// The tool's own `--version` line (e.g. `uv 0.8.4`), when it was run.
        public var toolVersion: String?

        public init(path: String, command: String, status: Status, detail: String? = nil, toolVersion: String? = nil) {
            self.path = path
            self.command = command
            self.status = status
            self.detail = detail
            self.toolVersion = toolVersion
        }
    }

    /// Why a lock command was not run (or did not succeed); all wording is here.
    public enum Refusal: Error, LocalizedError, Hashable, Sendable {
        /// The header has no command.
        case emptyCommand
        /// A quote is never closed.
        case unbalancedQuote
        /// The command needs a shell (`;`, `&&`, `|`, redirection, `$…` expansion, backquotes).
        case shellSyntax(String)
        /// The command runs something other than the allowed lock tools.
        case notALockTool(String)
        /// A path the command writes (or a project it works on) resolves outside the repository.
        case outsideRepository(String)
        /// The command writes another file than the lock it was found in.
        case otherOutput(writes: String, lock: String)
        /// A whole-file lock of a tool torchbump does not run (`poetry.lock`, `pdm.lock`).
        case foreignLock(tool: String)
        /// The tool is not on PATH.
        case toolMissing(tool: String, command: String, directory: String)
        /// The process could not be started.
        case launch(String)
        /// The tool ran longer than the limit and was stopped.
        case timedOut(TimeInterval)
        /// The tool exited with a nonzero status; `output` is the tail of its stderr.
        case exitStatus(Int32, output: String)
        /// The tool succeeded but the lock file is not there.
        case noOutput(String)
        /// The lock printed on stdout could not be written.
        case write(String, String)

        public var errorDescription: String? {
            switch self {
            case .emptyCommand:
                return "refused: the lock header records no command"
            case .unbalancedQuote:
                return "refused: the header command has an unclosed quote"
            case let .shellSyntax(token):
                let shown = token == "`" ? "`` ` ``" : "`\(token)`"
                return "refused: the header command uses shell syntax (\(shown)); torchbump runs lock tools directly, never through a shell"
            case let .notALockTool(program):
                return "refused: `\(program)` is not a lock tool; torchbump only runs `uv pip compile`, `uv lock`, `uv export` or `pip-compile` from a lock header"
            case let .outsideRepository(path):
                return "refused: the header command reaches `\(path)`, outside the repository"
            case let .otherOutput(writes, lock):
                return "refused: the header command writes `\(writes)`, not this lock (`\(lock)`); fix the header, or run the command by hand if that is intended"
            case let .foreignLock(tool):
                return tool == "poetry lock"
                    ? "run `poetry lock` by hand (poetry 1.x: `poetry lock --no-update`, so other pins stay); torchbump runs only uv and pip-compile"
                    : "run `\(tool)` by hand; torchbump runs only uv and pip-compile"
            case let .toolMissing(tool, command, directory):
                let place = directory.isEmpty ? "the repository root" : "`\(directory)/`"
                return "\(tool) is not installed (not on PATH); run it by hand from \(place): \(command)"
            case let .launch(reason):
                return "could not start the tool: \(reason)"
            case let .timedOut(seconds):
                return "stopped after \(Int(seconds)) s without finishing (timeout)"
            case let .exitStatus(status, output):
                return "exit status \(status)" + (output.isEmpty ? "" : ":\n\(output)")
            case let .noOutput(path):
                return "the tool exited successfully but `\(path)` does not exist"
            case let .write(path, reason):
                return "cannot write \(path): \(reason)"
            }
        }

        /// Refusals that are not the repository's or the tool's fault are reported as skipped.
        var status: Result.Status {
            switch self {
            case .foreignLock, .toolMissing: return .skipped
            default: return .failed
            }
        }
    }

    /// How one lock command will be run: which tool, with which arguments, from which directory.
    struct Invocation: Hashable, Sendable {
        /// `uv` or `pip-compile`, looked up on PATH only.
        var tool: String
        var arguments: [String]
        /// Repository-relative directory to run in; empty for the repository root.
        var directory: String
        /// The command prints the lock on stdout (no `-o`): torchbump writes it to the lock.
        var captureStdout: Bool
        /// The command as the user would type it.
        var display: String
    }

    /// Default limit for one lock command.
    public static let defaultTimeout: TimeInterval = 600

    /// Runs each lock's command (from the repository root unless the header's paths are relative to the lock's own
    /// folder). A missing tool is reported as `skipped` with the command to run by hand; a refused command is
    /// never started.
    public static func run(_ locks: [LockAction], root: URL,
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           timeout: TimeInterval = defaultTimeout) -> [Result] {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
        var versions: [String: String?] = [:]
        return locks.map { lock in
            let invocation: Invocation
            do throws(Refusal) { invocation = try plan(lock, root: root) } catch {
                return Result(path: lock.path, command: lock.command, status: error.status, detail: error.localizedDescription)
            }
            guard let executable = findExecutable(invocation.tool, environment: environment) else {
                let missing = Refusal.toolMissing(tool: invocation.tool, command: invocation.display, directory: invocation.directory)
                return Result(path: lock.path, command: invocation.display, status: .skipped, detail: missing.localizedDescription)
            }
            let env = toolEnvironment(environment)
            if versions[executable.path] == nil {
                versions[executable.path] = version(of: executable, environment: env)
            }
            let toolVersion = versions[executable.path] ?? nil
            let directory = invocation.directory.isEmpty ? root : root.appendingPathComponent(invocation.directory)
            var notes: [String] = []
            if let toolVersion { notes.append("with \(toolVersion)") }
            if !invocation.directory.isEmpty {
                notes.append("ran in `\(invocation.directory)/`: the header's paths are relative to it")
            }
            func failed(_ refusal: Refusal) -> Result {
                Result(path: lock.path, command: invocation.display, status: .failed,
                       detail: (notes + [refusal.localizedDescription]).joined(separator: "; "), toolVersion: toolVersion)
            }
            let execution: Execution
            do {
                execution = try execute(executable, invocation.arguments, in: directory, environment: env, timeout: timeout)
            } catch {
                return failed(.launch(error.localizedDescription))
            }
            if execution.timedOut { return failed(.timedOut(timeout)) }
            guard execution.status == 0 else { return failed(.exitStatus(execution.status, output: tail(execution.stderr))) }
            let lockURL = root.appendingPathComponent(lock.path)
            if invocation.captureStdout {
                do { try execution.stdout.write(to: lockURL, options: .atomic) } catch {
                    return failed(.write(lock.path, error.localizedDescription))
                }
            }
            guard FileManager.default.fileExists(atPath: lockURL.path) else { return failed(.noOutput(lock.path)) }
            return Result(path: lock.path, command: invocation.display, status: .regenerated,
                          detail: notes.isEmpty ? nil : notes.joined(separator: "; "), toolVersion: toolVersion)
        }
    }

    // MARK: - Deciding what to run (pure)

    /// Whole-file locks carry no command: the planner records their kind, which maps to the regenerating command.
    static let wholeFileLocks: [String: String] = ["uv.lock": "uv lock", "poetry.lock": "poetry lock", "pdm.lock": "pdm lock"]

    /// Checks `lock.command` and decides how to run it; throws when it must not (or cannot) be run here.
    static func plan(_ lock: LockAction, root: URL) throws(Refusal) -> Invocation {
        var command = lock.command.trimmingCharacters(in: .whitespacesAndNewlines)
        if let mapped = wholeFileLocks[command] { command = mapped }
        // `poetry lock` / `pdm lock`: their tools' behaviour differs across major versions (poetry 1.x re-resolves
        // everything unless `--no-update`), so torchbump leaves them to the user: skipped, with the command.
        if wholeFileLocks.values.contains(command), command != "uv lock" { throw .foreignLock(tool: command) }
        let words = try split(command)
        guard let program = words.first else { throw .emptyCommand }
        let isUVLock = words.starts(with: ["uv", "lock"])
        let printsWithoutOutput = words.starts(with: ["uv", "pip", "compile"]) || words.starts(with: ["uv", "export"])
        guard isUVLock || printsWithoutOutput || program == "pip-compile" else {
            throw .notALockTool(words.prefix(program == "uv" ? 2 : 1).joined(separator: " "))
        }
        for option in ["--directory", "--project"] {
            if let value = optionValue(option, short: nil, in: words), containedPath(value, in: root, from: root) == nil {
                throw .outsideRepository(value)
            }
        }
        let invocation = { (directory: String, capture: Bool) in
            Invocation(tool: program, arguments: Array(words.dropFirst()), directory: directory, captureStdout: capture,
                       display: command)
        }
        let lockDirectory = parentDirectory(lock.path)
        if isUVLock {
            let name = lock.path.split(separator: "/").last.map(String.init) ?? lock.path
            guard name == "uv.lock" else { throw .otherOutput(writes: joinPath(lockDirectory, "uv.lock"), lock: lock.path) }
            return invocation(lockDirectory, false)
        }
        // Without `-o`, uv prints the lock; pip-compile writes `X.txt` next to the first `X.in`.
        let output = optionValue("--output-file", short: "-o", in: words) ?? (printsWithoutOutput ? nil
            : words.dropFirst().first { !$0.hasPrefix("-") && $0.hasSuffix(".in") }.map { String($0.dropLast(3)) + ".txt" })
        guard let output else { return invocation("", printsWithoutOutput) }
        return invocation(try directoryWriting(output, lock: lock.path, root: root), false)
    }

    /// The directory (repository-relative) from which `output` names `lock`: the root, else the lock's folder.
    static func directoryWriting(_ output: String, lock: String, root: URL) throws(Refusal) -> String {
        if containedPath(output, in: root, from: root) == lock { return "" }
        let lockDirectory = parentDirectory(lock)
        if !lockDirectory.isEmpty,
           containedPath(output, in: root, from: root.appendingPathComponent(lockDirectory)) == lock {
            return lockDirectory
        }
        guard let inside = containedPath(output, in: root, from: root) else { throw .outsideRepository(output) }
        throw .otherOutput(writes: inside, lock: lock)
    }

    /// `path` (absolute, or relative to `base`) as a repository-relative path, or nil when it leaves `root`.
    static func containedPath(_ path: String, in root: URL, from base: URL) -> String? {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        let standardized = url.standardizedFileURL
        // Follow symlinks in the existing folders, so `reqs -> /etc` cannot lead outside.
        let parent = standardized.deletingLastPathComponent().resolvingSymlinksInPath()
        let resolved = parent.appendingPathComponent(standardized.lastPathComponent).path
        let rootPath = root.path.hasSuffix("/") ? String(root.path.dropLast()) : root.path
        guard resolved.hasPrefix(rootPath + "/") else { return nil }
        return String(resolved.dropFirst(rootPath.count + 1))
    }

    /// The value of `--long VALUE`, `--long=VALUE`, `-s VALUE`, `-s=VALUE` or `-sVALUE` (the first occurrence).
    static func optionValue(_ long: String, short: String?, in words: [String]) -> String? {
        var k = 0
        while k < words.count {
            let word = words[k]
            if word == long || word == short { return k + 1 < words.count ? words[k + 1] : nil }
            if word.hasPrefix(long + "=") { return String(word.dropFirst(long.count + 1)) }
            if let short, word.hasPrefix(short), !word.hasPrefix("--"), word.count > short.count {
                let rest = word.dropFirst(short.count)
                return String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
            }
            k += 1
        }
        return nil
    }

    /// Splits `command` into words like a POSIX shell does for plain words, `'…'`, `"…"` and backslash escapes;
    /// anything that needs a real shell (operators, redirection, expansion) is refused.
    static func split(_ command: String) throws(Refusal) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var chars = Array(command)[...]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                guard let close = chars.firstIndex(of: "'") else { throw .unbalancedQuote }
                current += String(chars[chars.startIndex..<close])
                chars = chars[(close + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "$" || d == "`" { throw .shellSyntax(String(d)) }
                    if d == "\\", let next = chars.first, "\"\\$`".contains(next) {
                        current.append(next)
                        chars = chars.dropFirst()
                    } else {
                        current.append(d)
                    }
                }
                guard closed else { throw .unbalancedQuote }
            case "\\":
                inWord = true
                if let next = chars.popFirst() { current.append(next) }
            case ";", "&", "|", "<", ">", "(", ")", "$", "`", "\n", "\r":
                var token = String(c)
                if let next = chars.first, "&|>".contains(next), c == next || c == ">" { token.append(next) }
                throw .shellSyntax(token == "\n" || token == "\r" ? "newline" : token)
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    static func parentDirectory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func joinPath(_ directory: String, _ name: String) -> String { directory.isEmpty ? name : "\(directory)/\(name)" }

    // MARK: - Running (I/O)

    /// The environment lock tools run with: no progress bars, no colour, no prompts.
    static func toolEnvironment(_ base: [String: String]) -> [String: String] {
        var env = base
        env["UV_NO_PROGRESS"] = "1"
        env["NO_COLOR"] = "1"
        env["PIP_NO_INPUT"] = "1"
        env.removeValue(forKey: "FORCE_COLOR")
        env.removeValue(forKey: "CLICOLOR_FORCE")
        return env
    }

    static func findExecutable(_ name: String, environment: [String: String]) -> URL? {
        guard !name.contains("/") else { return nil }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where dir.hasPrefix("/") {
            let path = "\(dir)/\(name)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: path) {
                return URL(fileURLWithPath: path)
            }
        }
        return nil
    }

    /// The first line of `tool --version` (e.g. `uv 0.8.4`, dropping uv's build details), or nil.
    static func version(of executable: URL, environment: [String: String]) -> String? {
        guard let run = try? execute(executable, ["--version"], in: FileManager.default.temporaryDirectory,
                                     environment: environment, timeout: 30),
              !run.timedOut, run.status == 0 else { return nil }
        let line = String(decoding: run.stdout, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let short = line.split(separator: " (", maxSplits: 1).first.map(String.init) ?? line
        let trimmed = short.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    struct Execution: Sendable {
        var status: Int32
        var timedOut: Bool
        var stdout: Data
        var stderr: Data
    }

    /// Collects a pipe's bytes from a reader thread.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
        var value: Data { lock.lock(); defer { lock.unlock() }; return data }
    }

    /// Runs `executable` with no stdin, collecting stdout and stderr; stops it (TERM, then KILL) after `timeout`.
    static func execute(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
                        timeout: TimeInterval) throws -> Execution {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = environment
        environment["PWD"] = directory.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try withDefaultSignalMask { try process.run() }
        let outData = Collected(), errData = Collected()
        let readers = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async(group: readers) { sink.set(handle.readDataToEndOfFile()) }
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = finished.wait(timeout: .now() + 5)
            }
        }
        // A stray grandchild may keep the pipes open: never wait for it for long.
        _ = readers.wait(timeout: .now() + (timedOut ? 2 : 30))
        return Execution(status: timedOut ? -1 : process.terminationStatus, timedOut: timedOut,
                         stdout: outData.value, stderr: errData.value)
    }

    /// Runs `body` with no signal blocked on this thread, so a child started here can be stopped by SIGTERM or
    /// Ctrl-C: worker threads block most signals, and Foundation's `Process` on Linux passes that mask on.
    static func withDefaultSignalMask<T>(_ body: () throws -> T) rethrows -> T {
        #if canImport(Glibc)
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        #endif
        return try body()
    }

    /// The last lines of a tool's error output.
    static func tail(_ data: Data, lines: Int = 30, characters: Int = 3000) -> String {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
        return String(kept.suffix(characters))
    }
}
