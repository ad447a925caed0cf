/// A Dockerfile split into instructions (continuation lines joined) and build stages, enough to tell which
/// `ENV`/`ARG` values a `RUN` sees.
struct DockerfileInstructions: Sendable {
    struct Instruction: Sendable {
        /// `RUN`, `ENV`, `ARG`, `FROM`, … (upper-cased).
        var keyword: String
        /// The words after the keyword, across continuation lines, each with its location.
        var words: [CommandToken]
        /// The stage the instruction belongs to; nil before the first `FROM`.
        var stage: Int?
        var line: Int
    }

    struct Stage: Sendable {
        var name: String?
        /// The `FROM` location.
        var location: SourceLocation
        /// The earlier stage this one is built `FROM`, if any.
        var parent: Int?
        /// `ENV`/`ARG` values declared in the stage, in order (later wins).
        var variables: [String: String] = [:]
        /// Names declared with `ENV` (inherited by child stages; `ARG`s are not).
        var environment: [String: String] = [:]
        /// Where each `ENV` was set.
        var environmentLocations: [String: SourceLocation] = [:]
    }

    var instructions: [Instruction] = []
    var stages: [Stage] = []
    /// `ARG`s declared before the first `FROM`.
    var globalArgs: [String: String] = [:]

    init(_ file: SourceFile) {
        var pending: [CommandToken] = []
        var firstLine = 0
        var inContinuation = false
        for (number, _, rawText) in file.lines {
            var text = rawText
            if text.hasSuffix("\r") { text.removeLast() }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") || (trimmed.isEmpty && !inContinuation) { continue }
            if trimmed.isEmpty { continue }
            var body = text
            var continues = false
            let stripped = body.trimmingCharacters(in: .whitespaces)
            if stripped.hasSuffix("\\") {
                continues = true
                if let slash = body.lastIndex(of: "\\") { body = String(body[..<slash]) }
            }
            if !inContinuation { firstLine = number }
            pending += CommandToken.split(body, at: SourceLocation(path: file.path, line: number, column: 1))
            inContinuation = continues
            if !continues {
                add(pending, line: firstLine)
                pending = []
            }
        }
        if !pending.isEmpty { add(pending, line: firstLine) }
    }

    private mutating func add(_ tokens: [CommandToken], line: Int) {
        guard let head = tokens.first else { return }
        let keyword = head.text.uppercased()
        let words = Array(tokens.dropFirst())
        if keyword == "FROM" {
            let operands = words.filter { !$0.text.hasPrefix("--") }
            let base = operands.first?.text.lowercased() ?? ""
            var name: String?
            if operands.count >= 3, operands[1].text.uppercased() == "AS" { name = operands[2].text.lowercased() }
            let parent = stages.lastIndex { $0.name != nil && $0.name == base }
            stages.append(Stage(name: name, location: head.location, parent: parent))
        }
        let stage = stages.isEmpty ? nil : stages.count - 1
        if keyword == "ARG" || keyword == "ENV" {
            for (name, value, location) in Self.assignments(words, keyword: keyword) {
                let resolved = value.map { expand($0, stage: stage) }
                if let stage {
                    if let resolved { stages[stage].variables[name] = resolved }
                    else if stages[stage].variables[name] == nil, let global = globalArgs[name] {
                        stages[stage].variables[name] = global  // `ARG NAME` re-declares a global ARG
                    }
                    if keyword == "ENV", let resolved {
                        stages[stage].environment[name] = resolved
                        stages[stage].environmentLocations[name] = location
                    }
                } else if let resolved {
                    globalArgs[name] = resolved
                }
            }
        }
        instructions.append(Instruction(keyword: keyword, words: words, stage: stage, line: line))
    }

    /// `ARG A=1 B`, `ENV A=1 B="2"`, legacy `ENV A 1`.
    static func assignments(_ words: [CommandToken], keyword: String) -> [(String, String?, SourceLocation)] {
        if keyword == "ENV", words.count >= 2, !words[0].text.contains("=") {
            return [(words[0].text, words.dropFirst().map(\.text).joined(separator: " "), words[0].location)]
        }
        return words.map { word in
            guard let eq = word.text.firstIndex(of: "=") else { return (word.text, nil, word.location) }
            let value = String(word.text[word.text.index(after: eq)...]).trimmingCharacters(in: ["\"", "'"])
            return (String(word.text[..<eq]), value, word.location)
        }
    }

    /// Where the ENV a stage sees for `name` was set (its own or a parent's).
    func environmentLocation(_ name: String, stage: Int?) -> SourceLocation? {
        var current = stage
        var seen = Set<Int>()
        while let s = current, s < stages.count, !seen.contains(s) {
            seen.insert(s)
            if let l = stages[s].environmentLocations[name] { return l }
            current = stages[s].parent
        }
        return nil
    }

    /// The value a stage sees for `name`: its own ENV/ARG, ENV inherited from parent stages, then global ARGs.
    func value(of name: String, stage: Int?) -> String? {
        var current = stage
        var first = true
        var seen = Set<Int>()
        while let s = current, s < stages.count, !seen.contains(s) {
            seen.insert(s)
            if first, let v = stages[s].variables[name] { return v }
            if !first, let v = stages[s].environment[name] { return v }
            first = false
            current = stages[s].parent
        }
        return globalArgs[name]
    }

    /// The ENV value a stage sees (its own or inherited), ignoring ARGs.
    func environment(_ name: String, stage: Int?) -> String? {
        var current = stage
        var seen = Set<Int>()
        while let s = current, s < stages.count, !seen.contains(s) {
            seen.insert(s)
            if let v = stages[s].environment[name] { return v }
            current = stages[s].parent
        }
        return nil
    }

    /// Replaces `${NAME}`, `${NAME:-default}` and `$NAME` with what the stage sees; unknown names stay as written.
    func expand(_ text: String, stage: Int?) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            guard ch == "$" else { out.append(ch); i = text.index(after: i); continue }
            let next = text.index(after: i)
            if next < text.endIndex, text[next] == "{", let close = text[next...].firstIndex(of: "}") {
                let inner = String(text[text.index(after: next)..<close])
                let parts = inner.components(separatedBy: ":-")
                let name = parts[0]
                if let v = value(of: name, stage: stage) ?? (parts.count > 1 ? parts[1] : nil) {
                    out += v
                } else {
                    out += text[i...close]
                }
                i = text.index(after: close)
            } else {
                var end = next
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" {
                    end = text.index(after: end)
                }
                let name = String(text[next..<end])
                if !name.isEmpty, let v = value(of: name, stage: stage) { out += v } else { out += text[i..<end] }
                i = end
            }
        }
        return out
    }

    /// The shell commands of a `RUN`, split at `&&`, `||`, `;` and `|`.
    static func commands(_ words: [CommandToken]) -> [[CommandToken]] {
        var out: [[CommandToken]] = [[]]
        for word in words {
            if ["&&", "||", ";", "|", "then", "else", "fi", "do", "done"].contains(word.text) {
                out.append([])
                continue
            }
            var w = word
            let endsCommand = w.text.hasSuffix(";") && w.text.count > 1
            if endsCommand { w.text.removeLast() }
            out[out.count - 1].append(w)
            if endsCommand { out.append([]) }
        }
        return out.filter { !$0.isEmpty }
    }

    /// The words of `command` from the `uv` that runs a resolver (`uv pip install|compile|sync`, `uv sync|lock|add`),
    /// with any inline environment assignments kept in front; nil when the command does not run uv that way.
    static func uvInvocation(_ command: [CommandToken]) -> [CommandToken]? {
        // `--mount=type=cache,target=/root/.cache/uv` ends in `/uv` too: only a word that is not a flag is the program.
        guard let at = command.firstIndex(where: { $0.text == "uv" || (!$0.text.hasPrefix("-") && $0.text.hasSuffix("/uv")) })
        else { return nil }
        let rest = command[command.index(after: at)...].map(\.text)
        let resolves: Bool
        if rest.first == "pip" { resolves = ["install", "compile", "sync"].contains(rest.dropFirst().first ?? "") }
        else { resolves = ["sync", "lock", "add"].contains(rest.first ?? "") }
        guard resolves else { return nil }
        let env = command[..<at].filter { $0.text.contains("=") && !$0.text.hasPrefix("-") }
        return env + command[at...]
    }
}
