/// A word of a command line with where it starts in the repository.
struct CommandToken: Hashable, Sendable {
    var text: String
    var location: SourceLocation

    /// Splits `text` (found at `location`) on blanks, dropping one pair of surrounding quotes from each word.
    static func split(_ text: String, at location: SourceLocation) -> [CommandToken] {
        let bytes = Array(text.utf8)
        var tokens: [CommandToken] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
            var word = String(decoding: bytes[start..<i], as: UTF8.self)
            var column = location.column + start
            for quote in ["\"", "'"] where word.count >= 2 && word.hasPrefix(quote) && word.hasSuffix(quote) {
                word = String(word.dropFirst().dropLast())
                column += 1
            }
            tokens.append(CommandToken(text: word, location: SourceLocation(path: location.path, line: location.line,
                                                                            column: column)))
        }
        return tokens
    }

    /// This token without a trailing shell separator (`;`) and without quotes left open on either side.
    var trimmed: CommandToken {
        var t = self
        while t.text.hasSuffix(";") { t.text.removeLast() }
        t.text = t.text.trimmingCharacters(in: ["\"", "'"])
        return t
    }
}

/// What a `uv pip compile`/`uv pip install`/`pip-compile` command line says about indexes, backends and files.
struct CommandArguments: Sendable {
    var torchBackend: CommandToken?
    /// `--extra-index-url` / `--index` values (indexes uv searches before PyPI).
    var extraIndexes: [CommandToken] = []
    /// `--index-url` / `-i` / `--default-index` values (replace PyPI).
    var primaryIndexes: [CommandToken] = []
    var indexStrategy: CommandToken?
    var output: CommandToken?
    /// `-r file` values.
    var requirementFiles: [CommandToken] = []
    /// Positional arguments that name input files (`reqs/test.in`, `pyproject.toml`).
    var inputs: [CommandToken] = []
    /// `--extra NAME` / `--group NAME` values and `--all-extras`, which select pyproject requirements to compile.
    var extras: [String] = []
    var groups: [String] = []
    var allExtras = false
    /// Environment assignments written before the command (`UV_INDEX_STRATEGY=unsafe-best-match uv …`).
    var environment: [String: CommandToken] = [:]

    static let valueOptions: Set<String> = [
        "-o", "--output-file", "--torch-backend", "--index-strategy", "--extra-index-url", "--index", "--index-url",
        "-i", "--default-index", "-r", "--requirement", "-c", "--constraint", "--constraints", "--override",
        "--overrides", "-f", "--find-links", "--python-platform", "--python-version", "-p", "--python", "--extra",
        "--group", "--prerelease", "--resolution", "--exclude-newer", "--cache-dir", "--config-file", "--target",
        "--prefix", "--build-constraint", "--build-constraints", "-b", "--keyring-provider", "--link-mode",
        "--annotation-style", "--custom-compile-command", "--emit-index-annotation", "-P", "--upgrade-package",
        "--no-binary", "--only-binary", "--no-build-isolation-package", "--resolver", "--pip-args",
    ]

    init(_ tokens: [CommandToken]) {
        var i = 0
        func take(_ option: String, _ token: CommandToken) -> CommandToken? {
            if token.text.hasPrefix(option + "=") {
                var value = token
                value.text = String(token.text.dropFirst(option.count + 1)).trimmingCharacters(in: ["\"", "'"])
                value.location.column += option.utf8.count + 1
                return value
            }
            return nil
        }
        var sawCommand = false
        while i < tokens.count {
            let token = tokens[i].trimmed
            let text = token.text
            if !sawCommand, let eq = text.firstIndex(of: "="), !text.hasPrefix("-"),
               text[..<eq].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                var value = token
                value.text = String(text[text.index(after: eq)...]).trimmingCharacters(in: ["\"", "'"])
                value.location.column += text.distance(from: text.startIndex, to: eq) + 1
                environment[String(text[..<eq])] = value
                i += 1
                continue
            }
            sawCommand = true
            var option = text
            var value: CommandToken?
            if text.hasPrefix("--"), let eq = text.firstIndex(of: "=") {
                option = String(text[..<eq])
                value = take(option, token)
            } else if Self.valueOptions.contains(text), i + 1 < tokens.count {
                value = tokens[i + 1].trimmed
                i += 1
            }
            if let value {
                switch option {
                case "--torch-backend": torchBackend = value
                case "--extra-index-url", "--index": extraIndexes.append(value)
                case "--index-url", "-i", "--default-index": primaryIndexes.append(value)
                case "--index-strategy": indexStrategy = value
                case "-o", "--output-file": output = value
                case "-r", "--requirement": requirementFiles.append(value)
                case "--extra": extras.append(value.text)
                case "--group": groups.append(value.text)
                default: break
                }
            } else if text == "--all-extras" {
                allExtras = true
            } else if !text.hasPrefix("-"), Self.looksLikeInputFile(text) {
                inputs.append(token)
            }
            i += 1
        }
    }

    static func looksLikeInputFile(_ text: String) -> Bool {
        let lower = text.lowercased()
        return [".in", ".txt", ".toml", ".cfg", ".py"].contains { lower.hasSuffix($0) } && !lower.contains("://")
    }

    /// Whether uv resolves across all indexes (`unsafe-best-match`), from the flag or an inline environment variable.
    var usesBestMatch: Bool {
        indexStrategy?.text == "unsafe-best-match" || environment["UV_INDEX_STRATEGY"]?.text == "unsafe-best-match"
    }
}

/// Path arithmetic for repository-relative paths written in commands and headers.
enum RepoPath {
    /// `a/./b/../c` → `a/c`; leading `./` dropped; nil when it climbs out of the repository.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `name` resolved against the repository root first, then against `base`'s directory.
    static func candidates(_ name: String, relativeTo base: String) -> [String] {
        var out: [String] = []
        if let p = normalize(name) { out.append(p) }
        let dir = directory(of: base)
        if !dir.isEmpty, let p = normalize(dir + "/" + name), !out.contains(p) { out.append(p) }
        return out
    }
}
