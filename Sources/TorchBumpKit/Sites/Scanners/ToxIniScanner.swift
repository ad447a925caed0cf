import Foundation

/// Finds pins in `tox.ini`: the requirement lines and index options of each test environment's `deps` (following
/// `-r`/`-c` includes the repository walk would not read), `set_env`/`setenv` values (`PIP_EXTRA_INDEX_URL=…/whl/cpu`,
/// `TORCH_CUDA_ARCH_LIST=…`), `commands`/`install_command` lines read as shell, `base_python`, and the Python
/// factors of `env_list` (`py39`, `py{39,310}`) as Python version sites, so a torch that drops a Python is flagged.
public struct ToxIniScanner: SiteScanner {
    public var fileKind: FileKind { .tox }

    public init() {}

    public func accepts(path: String) -> Bool { PathName.last(path) == "tox.ini" }

    public func prefilter(context: ScanContext) -> [String]? {
        ["torch", "env_list", "envlist", "/whl", "base_python", "basepython", "CUDA"]
    }

    /// Test environment keys whose lines are shell commands.
    static let commandKeys: Set<String> = [
        "commands", "commands_pre", "commands_post", "install_command", "list_dependencies_command",
    ]

    /// Index options of a `deps` line.
    static let indexOptions = ["--extra-index-url", "--index-url", "-i", "--find-links", "-f"]

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let ini = INIEntries(file)
        let filePlatform = PlatformInference.platform(forPath: file.path)
        var rec = SiteCollector(file: file, fileKind: .tox, platform: filePlatform)
        var included = ScanResult()
        for entry in ini.entries {
            let section = entry.section
            if section == "tox" || section == "tox:tox" {
                if entry.key == "env_list" || entry.key == "envlist" {
                    for line in entry.lines { ToxEnvFactors.recordPythons(in: line, into: &rec) }
                }
                continue
            }
            guard section == "testenv" || section.hasPrefix("testenv:") else { continue }
            // `[testenv:cpu]`, `[testenv:py312-cuda]`: the environment's name may say its platform.
            let envName = section.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            var platform = filePlatform
            if platform == .all { platform = PlatformInference.platform(forPath: envName) }
            switch entry.key {
            case "deps":
                for line in entry.lines {
                    deps(line, platform: platform, file: file, context: context, into: &rec, included: &included)
                }
            case "set_env", "setenv":
                for line in entry.lines {
                    guard let eq = line.firstIndex(of: "=") else { continue }
                    let name = line[0..<eq].trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty, !name.contains(" "), !name.contains("|") else { continue }
                    ValueClassifier.assignment(name: name, value: line.slice((eq + 1)..<line.count), platform: platform,
                                               constants: context.config.constants, into: &rec)
                }
            case "base_python", "basepython":
                for line in entry.lines {
                    for word in ValueClassifier.splitWhitespace(line) { ToxEnvFactors.recordBasePython(word, into: &rec) }
                }
            case _ where Self.commandKeys.contains(entry.key):
                var sites = ShellScriptSites(options: .init(role: .pin, constants: context.config.constants))
                for line in entry.lines {
                    // A leading `-` (ignore the exit code) or `!` (invert it) is tox's, not the shell's.
                    var command = line
                    if let first = command.bytes.first, first == 0x2D || first == 0x21,
                       command.count > 1, ASCII.isBlank(command.bytes[1]) {
                        command = command.slice(1..<command.count).trimmed
                    }
                    sites.record(ShellWords.parse(command), platform: platform, into: &rec)
                }
            default:
                break
            }
        }
        HoldComments(file: file).apply(to: &rec, comments: ini.comments)
        rec.sites.sort { $0.span < $1.span }
        var result = rec.result
        result.append(included)
        return result
    }

    /// One `deps` line: an index option, an include, an editable or local install, or a requirement.
    private func deps(_ line: MappedText, platform: Platform, file: SourceFile, context: ScanContext,
                      into rec: inout SiteCollector, included: inout ScanResult) {
        let text = line.string
        for option in Self.indexOptions where text.hasPrefix(option + " ") || text.hasPrefix(option + "=") {
            var k = option.utf8.count
            while k < line.count, line.bytes[k] == 0x20 || line.bytes[k] == 0x09 || line.bytes[k] == 0x3D { k += 1 }
            ValueClassifier.indexURL(line.slice(k..<line.count).trimmed, name: option, role: .pin, platform: platform,
                                     into: &rec)
            return
        }
        for option in ["--requirement", "--constraint", "-r", "-c"] where text.hasPrefix(option) {
            let path = text.dropFirst(option.count).trimmingCharacters(in: CharacterSet(charactersIn: " \t="))
            include(path, line: line, file: file, context: context, into: &included)
            return
        }
        guard let first = line.bytes.first, ASCII.isAlnum(first) else { return }  // `-e .`, `.[test]`, `{[base]deps}`
        InlineRequirementSites.record(line, role: .pin, platform: platform, into: &rec)
    }

    /// `-r docs/requirements.txt`: checks the file exists and scans it when the repository walk would not.
    private func include(_ raw: String, line: MappedText, file: SourceFile, context: ScanContext,
                         into result: inout ScanResult) {
        guard let readFile = context.readFile, !raw.isEmpty, !raw.contains("://"), !raw.contains("{env:") else { return }
        var path = raw
        for prefix in ["{toxinidir}/", "{tox_root}/"] where path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        guard !path.contains("{") else { return }
        let location = file.location(of: line.fileOffset(0))
        guard let resolved = RequirementsScanner.resolve(path, relativeTo: file.path) else {
            result.diagnostics.append(RequirementsScanProblem.includeOutsideRepository(path).diagnostic(at: location))
            return
        }
        guard let target = readFile(resolved) else {
            result.diagnostics.append(RequirementsScanProblem.missingInclude(resolved).diagnostic(at: location))
            return
        }
        let requirements = RequirementsScanner()
        guard !requirements.accepts(path: resolved) else { return }
        result.append(requirements.scan(target, context: context))
    }
}

/// Python versions named by tox: the `py39`/`py3.10`/`py{39,310}` factors of environment names and
/// `base_python = python3.9`.
enum ToxEnvFactors {
    /// Records the Python version of every `py` factor in an `env_list` line (`py{39,310}-cpu, py312, docs`).
    /// The span covers the digits (`39`), which `PinSite.pythonMinor` reads as 3.9.
    static func recordPythons(in line: MappedText, into rec: inout SiteCollector) {
        let b = line.bytes
        var i = 0
        while i + 2 < b.count {
            let boundary = i == 0 || [0x2D, 0x7B, 0x2C, 0x20, 0x09].contains(b[i - 1])
            guard boundary, b[i] == 0x70, b[i + 1] == 0x79 else { i += 1; continue }  // `py`
            var j = i + 2
            if b[j] == 0x7B {  // `py{39,310}`
                j += 1
                while j < b.count, b[j] != 0x7D {
                    var end = j
                    while end < b.count, b[end] != 0x2C, b[end] != 0x7D { end += 1 }
                    record(line.slice(j..<end).trimmed, into: &rec)
                    j = end < b.count && b[end] == 0x2C ? end + 1 : end
                }
            } else {
                var end = j
                while end < b.count, ASCII.isDigit(b[end]) || b[end] == 0x2E { end += 1 }
                if end < b.count, ASCII.isAlnum(b[end]) { i = end; continue }  // `py39abc` is not a factor
                record(line.slice(j..<end), into: &rec)
                j = end
            }
            i = max(j, i + 1)
        }
    }

    /// `python3.9` / `py39` / `3.9` in `base_python`.
    static func recordBasePython(_ word: MappedText, into rec: inout SiteCollector) {
        let s = word.string
        for prefix in ["python", "py"] where s.hasPrefix(prefix) {
            record(word.slice(prefix.utf8.count..<word.count), into: &rec)
            return
        }
    }

    /// `39`, `310`, `3.9`: a Python site when it names a minor release of Python 3.
    private static func record(_ digits: MappedText, into rec: inout SiteCollector) {
        guard PythonVersionText.minor(digits.string) != nil, let span = digits.fileSpan else { return }
        rec.add(.version, subject: "python", span: span, name: "tox env factor",
                note: digits.string.contains(".") ? nil : "tox factor py\(digits.string)")
    }
}

/// Python versions as tools write them: dotted (`3.9`, `3.12.4`) or compact as in tox factors and wheel tags
/// (`39`, `312`).
public enum PythonVersionText {
    /// `X.Y` of a Python 3 version in either form; nil when it is not one.
    public static func minor(_ text: String) -> String? {
        if text.contains(".") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
            return "\(parts[0]).\(parts[1])"
        }
        guard text.count >= 2, text.count <= 3, text.first == "3", text.allSatisfy(\.isASCIIDigit) else { return nil }
        return "3.\(text.dropFirst())"
    }
}

extension PinSite {
    /// For a `python` site: its `X.Y`, from `3.9`, `3.9.18`, or a tox factor's compact `39`.
    public var pythonMinor: String? { subject == "python" ? PythonVersionText.minor(value) : nil }
}
