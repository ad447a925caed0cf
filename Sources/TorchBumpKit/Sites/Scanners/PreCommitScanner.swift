import Yams

/// Finds pin sites in `.pre-commit-config.yaml`: the `entry:` command and `args:` list of lock hooks
/// (`uv pip compile`, `pip-compile`): `--torch-backend cu128` (list-element and `=` forms), `--index-strategy`,
/// `--extra-index-url …`, with the hook's input and output files in each site's note.
public struct PreCommitScanner: SiteScanner {
    public var fileKind: FileKind { .precommit }

    public init() {}

    public func accepts(path: String) -> Bool {
        let name = (PathName.last(path)).lowercased()
        return name == ".pre-commit-config.yaml" || name == ".pre-commit-config.yml"
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        var rec = SiteCollector(file: file, fileKind: .precommit, platform: PlatformInference.platform(forPath: file.path))
        var map = YAMLSourceMap(file: file)
        switch YAMLDocuments.load(file) {
        case .documents(let nodes):
            for node in nodes {
                for repo in node["repos"]?.sequence ?? Node.Sequence([]) {
                    let repoURL = repo["repo"]?.scalar?.string ?? ""
                    for hook in repo["hooks"]?.sequence ?? Node.Sequence([]) {
                        self.hook(hook, repo: repoURL, map: &map, into: &rec)
                    }
                }
            }
            for comment in map.comments() {
                ShellScriptSites.commentSites(comment, platform: rec.platform, into: &rec)
            }
        case .broken(let diagnostic):
            rec.diagnostics.append(diagnostic)
            rec.diagnostics.append(.note("scanned \(file.path) line by line because its YAML does not parse",
                                         at: diagnostic.location))
            var walker = CIYAMLWalker(rec: rec, map: map, constants: context.config.constants)
            walker.lineFallback()
            rec = walker.rec
        }
        return rec.result
    }

    private func hook(_ hook: Node, repo: String, map: inout YAMLSourceMap, into rec: inout SiteCollector) {
        let id = hook["id"]?.scalar?.string ?? ""
        // `additional_dependencies: [torch==2.6.0]` of type-checking hooks.
        for dependency in hook["additional_dependencies"]?.sequence ?? Node.Sequence([]) {
            guard let scalar = dependency.scalar, let text = map.map(scalar) else { continue }
            InlineRequirementSites.record(text, role: .pin, platform: rec.platform, into: &rec)
        }
        var words: [ShellToken] = []
        var entryText: MappedText?
        if let entry = hook["entry"]?.scalar, let text = map.map(entry) {
            words = ShellWords.parse(text).commands.first?.words ?? []
            entryText = text
        }
        let args: [ShellToken] = (hook["args"]?.sequence.map(Array.init) ?? []).compactMap { node in
            guard let scalar = node.scalar, let text = map.map(scalar) else { return nil }
            return ShellToken(value: text, rawSpan: text.coveringSpan(0..<text.count), isQuoted: false)
        }
        if InstallCommandParser.recognise(words) == nil {
            // uv-pre-commit's `pip-compile` hook runs `uv pip compile`; jazzband's runs `pip-compile`.
            let lockHook = ["pip-compile", "uv-pip-compile", "pip-compile-multi"].contains(id)
            guard lockHook || args.contains(where: { Self.isIndexFlag($0.string) }) else {
                // Any other entry (`bash -c '…'`, a script with flags): read it as shell.
                if let entryText {
                    var sites = ShellScriptSites(options: .init(role: .pin))
                    sites.record(ShellWords.parse(entryText), platform: rec.platform, into: &rec)
                }
                return
            }
            let tool = repo.contains("uv") || id.hasPrefix("uv") ? ["uv", "pip", "compile"] : ["pip-compile"]
            let start = args.first?.rawSpan.start ?? 0
            words = tool.map { ShellToken(value: MappedText($0, at: start), rawSpan: Span(start, start), isQuoted: false) }
        }
        guard var cmd = InstallCommandParser.recognise(words + args) else { return }
        if cmd.tool == .uvAdd || cmd.tool == .uvSync || cmd.tool == .pipInstall { cmd.requirements = [] }
        let before = rec.sites.count
        InstallCommandSites.record(cmd, role: .pin, platform: rec.platform, into: &rec)
        let inputs = cmd.requirementFiles.map(\.string).joined(separator: ", ")
        let output = cmd.outputFile?.string
        if cmd.tool.takesFilesAsArguments || output != nil {
            let note = "hook \(id.isEmpty ? cmd.tool.rawValue : id): \(inputs.isEmpty ? "?" : inputs) → \(output ?? "stdout"); "
                + "regenerate the output after changing these flags"
            for i in before..<rec.sites.count where rec.sites[i].note == nil { rec.sites[i].note = note }
            if let offset = (args.first ?? words.first)?.rawSpan.start {
                rec.note("pre-commit \(note)", at: offset)
            }
        }
    }

    static func isIndexFlag(_ s: String) -> Bool {
        ["--torch-backend", "--index-strategy", "--extra-index-url", "--index-url", "--index", "--default-index"]
            .contains { s == $0 || s.hasPrefix($0 + "=") }
    }
}
