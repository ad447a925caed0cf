import Yams

/// Finds pin sites in CI configuration (`.buildkite/**/*.yml`, `.github/workflows/*.yml`, composite actions,
/// `.gitlab-ci.yml`): installer commands and `--build-arg`s in `command`/`commands`/`run`/`script` scalars, env
/// blocks, matrices, `with:` inputs, container images, step labels and ids/keys/`depends_on` that encode a version
/// or variant, and versions named in comments. Broken YAML gets a diagnostic and a line-based fallback scan.
public struct CIYAMLScanner: SiteScanner {
    public var fileKind: FileKind { .yaml }

    public init() {}

    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else { return false }
        let name = PathName.last(lower)
        if name.hasPrefix(".pre-commit") { return false }
        return lower.hasPrefix(".buildkite/") || lower.contains("/.buildkite/")
            || lower.hasPrefix(".github/workflows/") || lower.hasPrefix(".github/actions/")
            || name == ".gitlab-ci.yml" || lower.hasPrefix(".gitlab/ci/") || lower.hasPrefix(".circleci/")
    }

    static func fileKind(for path: String) -> FileKind {
        let lower = path.lowercased()
        if lower.hasPrefix(".buildkite/") || lower.contains("/.buildkite/") { return .buildkite }
        if lower.hasPrefix(".github/") { return .githubActions }
        return .yaml
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let platform = PlatformInference.platform(forPath: file.path)
        var walker = CIYAMLWalker(rec: SiteCollector(file: file, fileKind: Self.fileKind(for: file.path), platform: platform),
                                  map: YAMLSourceMap(file: file), constants: context.config.constants)
        switch YAMLDocuments.load(file) {
        case .documents(let nodes):
            for node in nodes { walker.walk(node, key: nil, path: []) }
            let comments = walker.map.comments()
            HoldComments(file: file).apply(to: &walker.rec, comments: comments)
            for comment in comments {
                ShellScriptSites.commentSites(comment, platform: platform, into: &walker.rec)
            }
        case .broken(let diagnostic):
            walker.rec.diagnostics.append(diagnostic)
            walker.rec.diagnostics.append(.note("scanned \(file.path) line by line for commands because its YAML does not parse; "
                                                + "structure-based sites (labels, ids, matrices) may be missing",
                                                at: diagnostic.location))
            walker.lineFallback()
        }
        return walker.rec.result
    }
}

/// Walks CI YAML nodes with the key they sit under and records sites.
struct CIYAMLWalker {
    var rec: SiteCollector
    var map: YAMLSourceMap
    var constants: [String]
    /// Whether the walk is inside one entry of a matrix `include`/`exclude` list.
    var inMatrixEntry = false

    static let commandKeys: Set<String> = ["command", "commands", "run", "script", "scripts", "before_script",
                                           "after_script", "pre_script", "entrypoint", "shell_command", "cmd"]
    static let labelKeys: Set<String> = ["label", "name", "block", "input", "title", "prompt"]
    static let idKeys: Set<String> = ["id", "key", "depends_on", "depends-on", "needs", "step_key", "job", "allow_dependency_failure"]
    static let imageKeys: Set<String> = ["image", "container", "base_image", "base-image"]

    mutating func walk(_ node: Node, key: String?, path: [String]) {
        switch node {
        case .mapping(let mapping):
            for (k, v) in mapping {
                let name = k.scalar?.string
                if case .scalar(let ks) = k { _ = map.map(ks) }  // keys: so comments after quoted keys are not misread
                walk(v, key: name, path: path + [name ?? ""])
            }
        case .sequence(let sequence):
            let entries = Self.isMatrixEntryList(key: key, path: path)
            for element in sequence {
                if entries, case .mapping = element {
                    walkMatrixEntry(element, key: key, path: path)
                } else {
                    walk(element, key: key, path: path)
                }
            }
        case .scalar(let scalar):
            self.scalar(scalar, key: key, path: path)
        case .alias:
            break
        }
    }

    mutating func scalar(_ scalar: Node.Scalar, key rawKey: String?, path: [String]) {
        guard let text = map.map(scalar) else {
            // Say so rather than lose sites silently (an exotic scalar the source map cannot align).
            let s = scalar.string
            if let mark = scalar.mark, s.contains("pip") || s.lowercased().contains("cuda") || s.contains("torch") {
                rec.diagnostics.append(.note("cannot map this YAML scalar back to its source text; pins inside it are not reported",
                                             at: SourceLocation(path: rec.file.path, line: mark.line, column: mark.column)))
            }
            return
        }
        guard !text.isEmpty else { return }
        var key = rawKey ?? ""
        // `inputs: { cuda-version: { default: "12.8" } }` of reusable workflows and actions.
        if key == "default", path.count >= 2 { key = path[path.count - 2] }
        let lower = key.lowercased()
        let platform = rec.platform
        if Self.commandKeys.contains(lower) {
            shell(text)
            return
        }
        // `build-args: |` blocks with one `NAME=value` per line.
        if text.bytes.contains(0x0A) {
            let lines = Self.lines(text).map(\.trimmed).filter { !$0.isEmpty }
            if !lines.isEmpty, lines.allSatisfy(Self.isAssignmentLine) {
                for line in lines { scalarLine(line, platform: platform) }
                return
            }
        }
        // `- "CUDA_VERSION=12.4"` in env lists, `--build-arg` lists of plugins.
        if let eq = text.bytes.firstIndex(of: 0x3D), eq > 0, text.bytes[0..<eq].allSatisfy(ASCII.isNameByte),
           !text.bytes[0..<eq].allSatisfy(ASCII.isDigit) {
            ValueClassifier.assignment(name: text[0..<eq], value: text.slice((eq + 1)..<text.count), platform: platform,
                                       constants: constants, into: &rec)
            return
        }
        if Self.labelKeys.contains(lower) && !path.contains("with") && !path.contains("env") {
            label(text, name: key, dashed: false)
            return
        }
        if Self.idKeys.contains(lower) {
            label(text, name: key, dashed: true)
            return
        }
        if Self.imageKeys.contains(lower) {
            // `image: "13.0.2"` in a matrix entry: the container's toolkit, grouped with the entry's `cuda`.
            if inMatrixEntry, text.bytes.filter({ $0 == 0x2E }).count == 2,
               VersionTokens.dottedLength(text.bytes, at: 0) == text.count,
               ValueClassifier.version(text, subject: "cuda", name: key, role: .pin, platform: platform, into: &rec) {
                return
            }
            ValueClassifier.image(text, name: key, role: .pin, platform: platform, into: &rec)
            return
        }
        if let subject = Self.toolkitSubject(lower) {
            ValueClassifier.version(text, subject: subject, name: key, role: .pin, platform: platform, into: &rec)
            return
        }
        // `cuda_full: "12.8.1"`, `toolkit: 12.8.1` beside an entry's `cuda: "12.8"`: the toolkit its container uses.
        if inMatrixEntry, Self.isEntryToolkitKey(lower), VersionTokens.dottedLength(text.bytes, at: 0) == text.count,
           ValueClassifier.version(text, subject: "cuda", name: key, role: .pin, platform: platform, into: &rec) {
            return
        }
        if ValueClassifier.assignment(name: key, value: text, platform: platform, constants: constants, into: &rec) {
            return
        }
        if let v = Variant(tag: text.string), let span = text.fileSpan {
            rec.add(.variant, span: span, platform: PlatformRefinement.refine(platform, with: v.platform), variant: v,
                    name: key.isEmpty ? nil : key)
            return
        }
        // Commands in places we do not know by key (a `steps:` list of strings, a plugin's `command` list).
        let s = text.string
        if s.contains("pip install") || s.contains("pip compile") || s.contains("--build-arg") || s.contains("uv add") {
            shell(text)
        }
    }

    /// `strategy.matrix.include` / `exclude` (GitHub Actions) and `parallel.matrix` (GitLab): lists whose entries
    /// name one job's values together.
    static func isMatrixEntryList(key: String?, path: [String]) -> Bool {
        guard let key = key?.lowercased() else { return false }
        if key == "matrix" { return true }
        return (key == "include" || key == "exclude") && path.dropLast().contains { $0.lowercased() == "matrix" }
    }

    /// Walks one matrix entry; its CUDA sites (the minor, the full toolkit, a container image, a `cu128` tag) get
    /// one group so a plan moves them together or not at all.
    mutating func walkMatrixEntry(_ entry: Node, key: String?, path: [String]) {
        let start = rec.sites.count
        let outer = inMatrixEntry
        inMatrixEntry = true
        walk(entry, key: key, path: path)
        inMatrixEntry = outer
        let members = (start..<rec.sites.count).filter { i in
            let site = rec.sites[i]
            guard site.role != .derived else { return false }
            return (site.kind == .version || site.kind == .image) && site.subject == "cuda"
                || site.kind == .variant && site.variant?.isCUDA == true
        }
        guard members.count >= 2, let line = entry.mark?.line ?? members.map({ rec.sites[$0].line }).min() else { return }
        for i in members { rec.sites[i].group = "matrix-entry@\(line)" }
    }

    /// Keys of a matrix entry that hold a full CUDA toolkit version (`cuda_full`, `cuda-toolkit-version`, `toolkit`,
    /// `nvcc`), not an arch list, cuDNN or driver version.
    static func isEntryToolkitKey(_ key: String) -> Bool {
        let k = key.lowercased().replacingOccurrences(of: "_", with: "-")
        let parts = k.split(separator: "-").map(String.init)
        if k.contains("arch") || parts.contains(where: { ["cudnn", "driver", "home", "path", "sm"].contains($0) }) { return false }
        return k.contains("cuda") || k.hasPrefix("toolkit") || k.hasSuffix("toolkit") || k == "nvcc" || k.hasPrefix("nvcc-")
    }

    static func lines(_ text: MappedText) -> [MappedText] {
        var out: [MappedText] = []
        var start = 0
        for (i, c) in text.bytes.enumerated() where c == 0x0A {
            out.append(text.slice(start..<i))
            start = i + 1
        }
        out.append(text.slice(start..<text.count))
        return out
    }

    static func isAssignmentLine(_ line: MappedText) -> Bool {
        guard let eq = line.bytes.firstIndex(of: 0x3D), eq > 0 else { return false }
        return line.bytes[0..<eq].allSatisfy(ASCII.isNameByte) && !line.bytes[0..<eq].allSatisfy(ASCII.isDigit)
    }

    private mutating func scalarLine(_ line: MappedText, platform: Platform) {
        guard let eq = line.bytes.firstIndex(of: 0x3D) else { return }
        ValueClassifier.assignment(name: line[0..<eq], value: line.slice((eq + 1)..<line.count), platform: platform,
                                   constants: constants, into: &rec)
    }

    /// `cuda`, `cuda-version`, `torch`, `pytorch_version`, `xformers` … as keys of `with:` inputs and matrices.
    static func toolkitSubject(_ key: String) -> String? {
        var k = PackageAliases.normalize(key)
        for suffix in ["-version", "-ver"] where k.hasSuffix(suffix) { k.removeLast(suffix.count) }
        switch k {
        case "cuda", "cuda-toolkit", "cudatoolkit", "cuda-full", "full-cuda": return "cuda"
        case "rocm": return "rocm"
        case "python", "py": return "python"
        default:
            guard key.lowercased() == key, let p = PackageAliases.package(forVariablePrefix: k) else { return nil }
            return p
        }
    }

    mutating func shell(_ text: MappedText) {
        var sites = ShellScriptSites(options: .init(role: .pin, comments: true, constants: constants))
        sites.record(ShellWords.parse(text), platform: rec.platform, into: &rec)
    }

    /// Versions and variants named in a label (`Build wheel - CUDA 12.8`) or encoded in an id (`build-wheel-cuda-12-8`,
    /// `block-build-cu128-wheel`).
    mutating func label(_ text: MappedText, name: String, dashed: Bool) {
        for m in VersionTokens.mentions(in: text.bytes, dashed: dashed) {
            guard let subject = m.subject, let span = text.fileSpan(m.range) else { continue }
            let evidence: Platform? = subject == "cuda" ? .cuda : subject == "rocm" ? .rocm : nil
            rec.add(.version, role: .label, subject: subject, span: span,
                    platform: PlatformRefinement.refine(rec.platform, with: evidence), name: name)
        }
        for m in VersionTokens.variants(in: text.bytes) {
            guard let v = m.variant, let span = text.fileSpan(m.range) else { continue }
            rec.add(.variant, role: .label, subject: v.isCUDA ? "cuda" : v.isROCm ? "rocm" : nil, span: span,
                    platform: PlatformRefinement.refine(rec.platform, with: v.platform), variant: v, name: name)
        }
    }

    /// For YAML that does not parse: every line's value after `key:` or `- ` is read as a shell command, and
    /// `KEY: value` pairs are classified by name.
    mutating func lineFallback() {
        let file = rec.file
        let b = file.bytes
        for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
            let line = file.lineSpan(n)
            var j = line.start
            while j < line.end && ASCII.isBlank(b[j]) { j += 1 }
            if j < line.end && b[j] == 0x23 {
                ShellScriptSites.commentSites(MappedText(file: file, span: Span(j + 1, line.end)), platform: rec.platform, into: &rec)
                continue
            }
            if j + 1 < line.end && b[j] == 0x2D && b[j + 1] == 0x20 { j += 2 }
            var key = ""
            var k = j
            while k < line.end && (ASCII.isNameByte(b[k]) || b[k] == 0x2D) { k += 1 }
            if k < line.end && b[k] == 0x3A && (k + 1 == line.end || ASCII.isBlank(b[k + 1])) {
                key = String(decoding: b[j..<k], as: UTF8.self)
                j = k + 1
                while j < line.end && ASCII.isBlank(b[j]) { j += 1 }
            }
            guard j < line.end else { continue }
            var value = MappedText(file: file, span: Span(j, line.end))
            if let f = value.bytes.first, f == 0x22 || f == 0x27, value.bytes.last == f, value.count >= 2 {
                value = value.slice(1..<(value.count - 1))
            }
            if !key.isEmpty, !Self.commandKeys.contains(key.lowercased()),
               ValueClassifier.assignment(name: key, value: value, platform: rec.platform, constants: constants, into: &rec) {
                continue
            }
            shell(value)
        }
    }
}
