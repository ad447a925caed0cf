/// A package-installer invocation found in shell text (`pip install`, `python -m pip install`, `uv pip install`,
/// `uv pip compile`, `uv add`, `uv sync`, `pip-compile`) with its arguments sorted by meaning and mapped to the
/// file, so scanners can report its pins and a planner can add flags to it.
public struct InstallCommand: Sendable, Hashable {
    /// Which installer and subcommand.
    public enum Tool: String, Sendable, Codable, CaseIterable {
        case pipInstall = "pip install", pipDownload = "pip download", pipWheel = "pip wheel"
        case uvPipInstall = "uv pip install", uvPipCompile = "uv pip compile", uvPipSync = "uv pip sync"
        case uvAdd = "uv add", uvSync = "uv sync", pipCompile = "pip-compile"

        public var isUV: Bool { rawValue.hasPrefix("uv ") }
        /// Compilers and syncers take requirement files as positional arguments.
        public var takesFilesAsArguments: Bool { [.uvPipCompile, .uvPipSync, .pipCompile].contains(self) }
    }

    /// One argument: the option as written (nil for a positional argument) and its value.
    public struct Argument: Sendable, Hashable {
        public var option: String?
        public var value: MappedText
        /// Index in `words` of the word holding the value.
        public var wordIndex: Int

        public var string: String { value.string }
        /// The value's exact span, when the value is contiguous in the file.
        public var span: Span? { value.fileSpan }
    }

    public var tool: Tool
    /// Every word of the simple command, including prefixes such as `sudo` or `VAR=value`.
    public var words: [ShellToken]
    /// Indices of the words that name the tool (`python3 -m pip install` → 4 words).
    public var toolWords: Range<Int>
    /// From the first tool word to the end of the last word.
    public var span: Span
    /// Positional requirement arguments (`torch==2.6.0`, URLs, paths) and `-e` values.
    public var requirements: [Argument] = []
    /// `-r`/`--requirement` values, and the input files of compile/sync commands.
    public var requirementFiles: [Argument] = []
    /// `-c`/`--constraint`/`--override` values.
    public var constraintFiles: [Argument] = []
    /// `--index-url`, `-i`, `--extra-index-url`, `--index`, `--default-index`, `-f`/`--find-links`.
    public var indexURLs: [Argument] = []
    public var indexStrategy: Argument?
    public var torchBackend: Argument?
    /// `-o`/`--output-file`.
    public var outputFile: Argument?
    /// `VAR=value` assignments before the command (`UV_INDEX_STRATEGY=… uv pip install`); option = the name.
    public var environment: [Argument] = []
    /// Every option seen, with its value when it takes one.
    public var options: [Argument] = []

    /// `--index-strategy …` on the command line or a `UV_INDEX_STRATEGY=…` prefix.
    public var hasIndexStrategy: Bool {
        indexStrategy != nil || environment.contains { $0.option == "UV_INDEX_STRATEGY" }
    }
    /// `--pre` or `--prerelease allow`.
    public var allowsPrereleases: Bool {
        options.contains { $0.option == "--pre" || ($0.option == "--prerelease" && $0.string == "allow") }
    }

    /// The first installer command in `command`, or nil.
    public static func recognise(_ command: ShellCommand) -> InstallCommand? {
        InstallCommandParser.recognise(command.words)
    }

    /// Every installer command in `script`.
    public static func find(in script: ShellScript) -> [InstallCommand] {
        script.commands.compactMap(recognise)
    }
}

enum InstallCommandParser {
    static let longValueOptions: Set<String> = [
        "--requirement", "--requirements", "--constraint", "--constraints", "--editable", "--index-url",
        "--extra-index-url", "--index", "--default-index", "--find-links", "--index-strategy", "--torch-backend",
        "--target", "--prefix", "--root", "--python", "--output-file", "--python-platform", "--python-version",
        "--platform", "--implementation", "--abi", "--only-binary", "--no-binary", "--progress-bar", "--src",
        "--upgrade-strategy", "--cache-dir", "--log", "--trusted-host", "--config-settings", "--config-setting",
        "--global-option", "--install-option", "--extra", "--group", "--prerelease", "--resolution",
        "--exclude-newer", "--link-mode", "--keyring-provider", "--override", "--overrides", "--build-constraint",
        "--build-constraints", "--timeout", "--retries", "--proxy", "--cert", "--client-cert", "--exists-action",
        "--report", "--hash", "--refresh-package", "--upgrade-package", "--reinstall-package",
        "--no-build-isolation-package", "--annotation-style", "--custom-compile-command", "--color", "--directory",
        "--project", "--config-file", "--package", "--only-group", "--no-group", "--with", "--optional", "--branch",
        "--tag", "--rev", "--marker", "--pip-args", "--allow-insecure-host", "--no-emit-package", "--unsafe-package",
        "--python-preference", "--fork-strategy", "--max-rounds", "--root-user-action", "--dependency-metadata",
        "--no-binary-package", "--only-binary-package", "--index-name",
    ]
    static let shortValueOptions: Set<UInt8> = Set("rcefiotpPCb".utf8)
    static let prefixWords: Set<String> = ["sudo", "env", "time", "exec", "command", "nohup", "then", "do", "else",
                                           "{", "!", "nice", "stdbuf", "eval", "RUN"]

    static func isAssignment(_ w: ShellToken) -> Bool {
        let b = w.value.bytes
        guard let eq = b.firstIndex(of: 0x3D), eq > 0, let f = b.first, ASCII.isLetter(f) || f == 0x5F else { return false }
        return b[0..<eq].allSatisfy(ASCII.isNameByte)
    }

    /// The command name without its directory or a notebook `!`/`%` prefix (`/opt/venv/bin/pip3` → `pip3`).
    static func basename(_ s: String) -> String {
        var name = (s.split(separator: "/").last.map(String.init) ?? s).lowercased()
        if name.hasPrefix("!") || name.hasPrefix("%") { name.removeFirst() }
        return name
    }

    /// `pip`, `pip3`, `pip3.12`, or a variable that names a pip (`$PIP`, `${VENV_PIP}`, `${PIP_CMD}`; a Makefile's
    /// `$(PIP)` reaches here as `${PIP}`).
    static func isPip(_ s: String) -> Bool {
        if s.hasPrefix("$") { return namesTool(s) { isPip($0) } }
        guard s.hasPrefix("pip") else { return false }
        return s.dropFirst(3).allSatisfy { $0.isASCIIDigit || $0 == "." }
    }

    /// `uv`, or a variable that names it (`$UV`, `${UV_BIN}`).
    static func isUV(_ s: String) -> Bool {
        s == "uv" || s.hasPrefix("$") && namesTool(s) { $0 == "uv" }
    }

    /// Whether a lone variable reference names a tool: its last `_`-word is the tool (`VENV_PIP`), or its first is and
    /// the rest only say how it is held (`PIP_CMD`, `UV_BIN`) — `PIP_ARGS`, `PIPELINE` are not tools.
    private static func namesTool(_ s: String, _ isTool: (String) -> Bool) -> Bool {
        var name = Substring(s.dropFirst())
        if name.first == "{" {
            guard name.last == "}" else { return false }
            name = name.dropFirst().dropLast()
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        let words = name.lowercased().split(separator: "_").map(String.init)
        guard let first = words.first, let last = words.last else { return false }
        let holders: Set<String> = ["bin", "cmd", "command", "exe", "executable", "path"]
        return isTool(last) || isTool(first) && words.dropFirst().allSatisfy(holders.contains)
    }

    /// `python`, `python3.12`, `py`, or a variable that names a Python (`$PYTHON`, `${PYTHON_BIN}`).
    static func isPython(_ s: String) -> Bool {
        if s == "py" { return true }
        if s.hasPrefix("python") {
            // `python3.12`, and `python${PYTHON_VERSION}` (a Dockerfile's version ARG).
            let rest = s.dropFirst(6)
            return rest.allSatisfy { $0.isASCIIDigit || $0 == "." } || Expansions.isPureReference(Array(rest.utf8))
        }
        return s.hasPrefix("$") && s.contains("python")
    }

    /// Skips options (and their values) from `j`; returns the index of the first non-option word.
    static func skipOptions(_ words: [ShellToken], from j: Int) -> Int {
        var j = j
        while j < words.count {
            let w = words[j].string
            guard w.hasPrefix("-"), w.count > 1 else { break }
            if w.hasPrefix("--") {
                j += (!w.contains("=") && longValueOptions.contains(w)) ? 2 : 1
            } else {
                j += 1
            }
        }
        return j
    }

    static func recognise(_ words: [ShellToken]) -> InstallCommand? {
        var k = 0
        var env: [InstallCommand.Argument] = []
        while k < words.count {
            let w = words[k].string
            if isAssignment(words[k]) {
                let b = words[k].value.bytes
                let eq = b.firstIndex(of: 0x3D) ?? 0
                env.append(.init(option: String(decoding: b[0..<eq], as: UTF8.self),
                                 value: words[k].value.slice((eq + 1)..<b.count), wordIndex: k))
                k += 1
            } else if prefixWords.contains(w) {
                k += 1
                while k < words.count, words[k].string.hasPrefix("-") { k += 1 }
            } else if ShellGuards.isRunFlag(w) {
                k += 1  // Dockerfile `RUN --mount=…` flags
            } else {
                break
            }
        }
        guard k < words.count else { return nil }
        let first = basename(words[k].string)
        var tool: InstallCommand.Tool?
        var end = k
        func pipSubcommand(at j: Int) {
            let s = skipOptions(words, from: j)
            guard s < words.count else { return }
            switch words[s].string {
            case "install": tool = .pipInstall
            case "download": tool = .pipDownload
            case "wheel": tool = .pipWheel
            default: return
            }
            end = s + 1
        }
        func uvSubcommand(at j: Int) {
            let s = skipOptions(words, from: j)
            guard s < words.count else { return }
            switch words[s].string {
            case "pip":
                let t = skipOptions(words, from: s + 1)
                guard t < words.count else { return }
                switch words[t].string {
                case "install": tool = .uvPipInstall
                case "compile": tool = .uvPipCompile
                case "sync": tool = .uvPipSync
                default: return
                }
                end = t + 1
            case "add": tool = .uvAdd; end = s + 1
            case "sync": tool = .uvSync; end = s + 1
            default: return
            }
        }
        if isPip(first) {
            pipSubcommand(at: k + 1)
        } else if isUV(first) {
            uvSubcommand(at: k + 1)
        } else if first == "pip-compile" {
            tool = .pipCompile
            end = k + 1
        } else if isPython(first) {
            var j = k + 1
            while j < words.count, words[j].string.hasPrefix("-"), words[j].string != "-m", !words[j].string.hasPrefix("-m") {
                j += ["-X", "-W", "-c"].contains(words[j].string) ? 2 : 1
            }
            var module: String?
            if j < words.count, words[j].string == "-m", j + 1 < words.count {
                module = words[j + 1].string; j += 2
            } else if j < words.count, words[j].string.hasPrefix("-m"), words[j].string.count > 2 {
                module = String(words[j].string.dropFirst(2)); j += 1
            }
            if let module, isPip(module) { pipSubcommand(at: j) }
            else if module == "uv" { uvSubcommand(at: j) }
            else if module == "piptools", j < words.count, words[j].string == "compile" { tool = .pipCompile; end = j + 1 }
        }
        guard let tool else { return nil }
        var cmd = InstallCommand(tool: tool, words: words, toolWords: k..<end,
                                 span: Span(words[k].rawSpan.start, max(words[k].rawSpan.start, words[words.count - 1].rawSpan.end)))
        cmd.environment = env
        parseArguments(&cmd, from: end)
        return cmd
    }

    static func parseArguments(_ cmd: inout InstallCommand, from start: Int) {
        let words = cmd.words
        var j = start
        var onlyPositional = false
        while j < words.count {
            let word = words[j]
            let w = word.string
            var option: String?
            var value: MappedText?
            var valueIndex = j
            if !onlyPositional && w == "--" { onlyPositional = true; j += 1; continue }
            if !onlyPositional && w.hasPrefix("--") {
                if let eq = word.value.bytes.firstIndex(of: 0x3D) {
                    option = String(decoding: word.value.bytes[0..<eq], as: UTF8.self)
                    value = word.value.slice((eq + 1)..<word.value.count)
                } else {
                    option = w
                    if longValueOptions.contains(w), j + 1 < words.count {
                        value = words[j + 1].value
                        valueIndex = j + 1
                        j += 1
                    }
                }
            } else if !onlyPositional && w.hasPrefix("-") && w.count > 1 {
                let b = word.value.bytes
                option = String(decoding: b[0..<2], as: UTF8.self)
                if shortValueOptions.contains(b[1]) {
                    if b.count > 2 {
                        value = word.value.slice((b[2] == 0x3D ? 3 : 2)..<b.count)
                    } else if j + 1 < words.count {
                        value = words[j + 1].value
                        valueIndex = j + 1
                        j += 1
                    }
                } else {
                    option = w
                }
            } else {
                value = word.value
            }
            j += 1
            let arg = InstallCommand.Argument(option: option, value: value ?? MappedText(), wordIndex: valueIndex)
            if option != nil { cmd.options.append(arg) }
            guard value != nil else { continue }
            switch option {
            case nil:
                if cmd.tool.takesFilesAsArguments { cmd.requirementFiles.append(arg) } else { cmd.requirements.append(arg) }
            case "-r", "--requirement", "--requirements":
                cmd.requirementFiles.append(arg)
            case "-c", "--constraint", "--constraints", "--override", "--overrides", "--build-constraint",
                 "--build-constraints":
                cmd.constraintFiles.append(arg)
            case "-e", "--editable":
                cmd.requirements.append(arg)
            case "-i", "--index-url", "--extra-index-url", "--index", "--default-index", "-f", "--find-links":
                cmd.indexURLs.append(arg)
            case "--index-strategy":
                cmd.indexStrategy = arg
            case "--torch-backend":
                cmd.torchBackend = arg
            case "-o", "--output-file":
                cmd.outputFile = arg
            default:
                break
            }
        }
    }
}
