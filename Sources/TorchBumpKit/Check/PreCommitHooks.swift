import Yams

/// The hooks of a `.pre-commit-config.yaml` with their argument lists and locations.
struct PreCommitHook: Sendable {
    var repo: String
    var id: String
    var entry: String?
    var location: SourceLocation
    /// Each argument with its location (an argument holding several blank-separated words is split).
    var args: [CommandToken]

    /// Whether the hook runs uv (`astral-sh/uv-pre-commit`, or an `entry` starting with `uv `).
    var runsUV: Bool {
        repo.contains("uv-pre-commit") || (entry.map { $0.hasPrefix("uv ") || $0.contains("/uv ") } ?? false)
    }

    var arguments: CommandArguments { CommandArguments(args) }

    /// Every hook of the file; empty when the YAML does not parse.
    static func hooks(in file: SourceFile) -> [PreCommitHook] {
        guard let root = try? Yams.compose(yaml: file.text), let repos = root["repos"]?.sequence else { return [] }
        var out: [PreCommitHook] = []
        for repoNode in repos {
            let repo = repoNode["repo"]?.string ?? ""
            guard let hooks = repoNode["hooks"]?.sequence else { continue }
            for hook in hooks {
                let idNode = hook["id"]
                let id = idNode?.string ?? ""
                var args: [CommandToken] = []
                for arg in hook["args"]?.sequence.map(Array.init) ?? [] {
                    guard let text = arg.string else { continue }
                    let mark = arg.mark
                    var location = SourceLocation(path: file.path, line: mark?.line ?? 1, column: mark?.column ?? 1)
                    // Marks of quoted scalars point at the quote.
                    if let line = mark?.line, line >= 1, line <= file.lineCount {
                        let lineText = Array(file.line(line).utf8)
                        let at = location.column - 1
                        if at >= 0, at < lineText.count, lineText[at] == 0x22 || lineText[at] == 0x27 { location.column += 1 }
                    }
                    args += CommandToken.split(text, at: location)
                }
                let mark = (idNode ?? hook).mark
                out.append(PreCommitHook(
                    repo: repo, id: id, entry: hook["entry"]?.string,
                    location: SourceLocation(path: file.path, line: mark?.line ?? 1, column: mark?.column ?? 1),
                    args: args))
            }
        }
        return out
    }
}
