import Foundation

/// Reads and validates a repository's torchbump configuration: `[tool.torchbump]` in the root `pyproject.toml`,
/// else the top-level keys of `torchbump.toml`. Errors name the key's `path:line`; unknown keys only warn.
public enum ConfigLoader {
    /// Loads the configuration of the repository at `root` (no configuration file is not an error).
    public static func load(root: URL) -> (TorchBumpConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let pyproject = root.appendingPathComponent("pyproject.toml")
        if FileManager.default.fileExists(atPath: pyproject.path) {
            do {
                let file = try SourceFile.read(pyproject, displayPath: "pyproject.toml")
                let doc = TOMLDocument(parsing: file)
                let prefix = ["tool", "torchbump"]
                if doc.entries.contains(where: { $0.path.starts(with: prefix) })
                    || doc.headers.contains(where: { $0.path.starts(with: prefix) }) {
                    return parse(file, document: doc, prefix: prefix)
                }
            } catch {
                diagnostics.append(ConfigError.unreadable(file: "pyproject.toml", reason: error.localizedDescription)
                    .diagnostic(path: "pyproject.toml", line: 1))
            }
        }
        let standalone = root.appendingPathComponent("torchbump.toml")
        guard FileManager.default.fileExists(atPath: standalone.path) else { return (TorchBumpConfig(), diagnostics) }
        do {
            let file = try SourceFile.read(standalone, displayPath: "torchbump.toml")
            let (config, more) = parse(file, prefix: [])
            return (config, diagnostics + more)
        } catch {
            diagnostics.append(ConfigError.unreadable(file: "torchbump.toml", reason: error.localizedDescription)
                .diagnostic(path: "torchbump.toml", line: 1))
            return (TorchBumpConfig(), diagnostics)
        }
    }

    /// Parses the configuration under `prefix` (`["tool", "torchbump"]` for pyproject.toml, `[]` for torchbump.toml).
    public static func parse(_ file: SourceFile, prefix: [String]) -> (TorchBumpConfig, [Diagnostic]) {
        parse(file, document: TOMLDocument(parsing: file), prefix: prefix)
    }

    static func parse(_ file: SourceFile, document doc: TOMLDocument, prefix: [String]) -> (TorchBumpConfig, [Diagnostic]) {
        var reader = ConfigReader(file: file, prefix: prefix)
        // Syntax errors count when they fall inside the configuration's own lines.
        let lines = configLines(doc, prefix: prefix)
        for error in doc.errors where prefix.isEmpty || lines.contains(where: { $0.contains(error.line) }) {
            reader.report(.syntax(error), line: error.line)
        }
        for entry in doc.entries where entry.path.starts(with: prefix) {
            let headerLine = entry.header.flatMap { doc.headers.indices.contains($0) ? doc.headers[$0].line : nil }
            reader.read(entry, headerLine: headerLine ?? entry.line)
        }
        reader.finish()
        return (reader.config, reader.diagnostics)
    }

    /// Line ranges of the tables under `prefix` (from their header to the next unrelated header).
    private static func configLines(_ doc: TOMLDocument, prefix: [String]) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for (k, header) in doc.headers.enumerated() where header.path.starts(with: prefix) {
            let next = doc.headers.dropFirst(k + 1).first { !$0.path.starts(with: prefix) }?.line ?? Int.max
            ranges.append(header.line...max(header.line, next - 1))
        }
        return ranges
    }
}

/// Accumulates a `TorchBumpConfig` from TOML entries, with diagnostics.
private struct ConfigReader {
    let file: SourceFile
    let prefix: [String]
    var config = TorchBumpConfig()
    var diagnostics: [Diagnostic] = []
    /// Custom sites by `[[sites]]` element index (or inline array position), with the line they start on.
    private var sites: [Int: (fields: [String: (TOMLValue, Int)], line: Int)] = [:]
    private var inlineSiteBase = 10_000

    init(file: SourceFile, prefix: [String]) {
        self.file = file
        self.prefix = prefix
    }

    mutating func report(_ error: ConfigError, line: Int) {
        diagnostics.append(error.diagnostic(path: file.path, line: line))
    }

    private func name(_ rest: [String]) -> String {
        (prefix + rest).map(TOMLDocument.quoteKey).joined(separator: ".")
    }

    mutating func read(_ entry: TOMLDocument.Entry, headerLine: Int) {
        let rest = Array(entry.path.dropFirst(prefix.count))
        guard let first = rest.first else { return }
        let line = entry.line
        switch first {
        case "include", "exclude", "constants":
            guard rest.count == 1, let strings = stringArray(entry.value) else {
                report(.notStringArray(key: name(rest)), line: line)
                return
            }
            if first == "include" { config.include += strings }
            if first == "exclude" { config.exclude += strings }
            if first == "constants" { config.constants += strings }
        case "platforms":
            if rest.count == 1 {
                guard let pairs = entry.value.tablePairs else { report(.notTable(key: name(rest)), line: line); return }
                for pair in pairs { addPlatform(glob: pair.key.joined(separator: "."), value: pair.value, key: rest + pair.key, line: line) }
            } else {
                addPlatform(glob: rest.dropFirst().joined(separator: "."), value: entry.value, key: rest, line: line)
            }
        case "sites":
            if rest.count == 1 {
                // `sites = [{ files = [...], pattern = '...' }, ...]`
                guard let items = entry.value.arrayItems else { report(.notTable(key: name(rest)), line: line); return }
                for item in items {
                    guard let pairs = item.tablePairs else { report(.notTable(key: name(rest)), line: line); continue }
                    var fields: [String: (TOMLValue, Int)] = [:]
                    for pair in pairs { fields[pair.key.joined(separator: ".")] = (pair.value, file.lineNumber(at: pair.keySpan.start)) }
                    sites[inlineSiteBase] = (fields, line)
                    inlineSiteBase += 1
                }
            } else {
                let index = entry.arrayIndex ?? 0
                var site = sites[index] ?? ([:], entry.arrayIndex == nil ? line : headerLine)
                site.fields[rest.dropFirst().joined(separator: ".")] = (entry.value, line)
                sites[index] = site
            }
        case "extensions":
            readExtension(Array(rest.dropFirst()), value: entry.value, line: line)
        default:
            report(.unknownKey(key: name(rest)), line: line)
        }
    }

    private mutating func addPlatform(glob: String, value: TOMLValue, key: [String], line: Int) {
        guard let text = value.stringValue else { report(.notString(key: name(key)), line: line); return }
        guard let platform = Platform(rawValue: text.lowercased()) else {
            report(.unknownPlatform(key: name(key), value: text), line: line)
            return
        }
        config.platforms.append((glob: glob, platform: platform))
    }

    private mutating func readExtension(_ rest: [String], value: TOMLValue, line: Int) {
        guard let extensionName = rest.first else {
            // `extensions = { xformers = { … } }`
            for pair in value.tablePairs ?? [] { readExtension(pair.key, value: pair.value, line: line) }
            return
        }
        let key = rest.dropFirst().joined(separator: ".")
        if key.isEmpty, let pairs = value.tablePairs {
            for pair in pairs {
                config.extensions[extensionName, default: [:]][pair.key.joined(separator: ".")] = rawText(pair.value)
            }
        } else {
            config.extensions[extensionName, default: [:]][key.isEmpty ? "value" : key] = rawText(value)
        }
    }

    private func rawText(_ value: TOMLValue) -> String {
        if let s = value.stringValue { return s }
        return file[value.span]
    }

    private func stringArray(_ value: TOMLValue) -> [String]? {
        if let s = value.stringValue { return [s] }
        guard let items = value.arrayItems else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }

    mutating func finish() {
        for index in sites.keys.sorted() {
            guard let site = sites[index] else { continue }
            if let rule = customSite(site.fields, line: site.line) { config.customSites.append(rule) }
        }
    }

    private mutating func customSite(_ fields: [String: (TOMLValue, Int)], line: Int) -> CustomSiteRule? {
        let table = name(["sites"])
        var valid = true
        func string(_ key: String) -> (String, Int)? {
            guard let (value, line) = fields[key] else { return nil }
            guard let s = value.stringValue else {
                report(.notString(key: "\(table).\(key)"), line: line)
                valid = false
                return nil
            }
            return (s, line)
        }
        for (key, (_, keyLine)) in fields where !["files", "pattern", "subject", "kind", "platform"].contains(key) {
            report(.unknownKey(key: "\(table).\(key)"), line: keyLine)
        }
        var files: [String] = []
        if let (value, filesLine) = fields["files"] {
            if let list = stringArray(value) { files = list } else {
                report(.notStringArray(key: "\(table).files"), line: filesLine)
                valid = false
            }
        } else {
            report(.missingKey(key: "files", table: table), line: line)
            valid = false
        }
        let pattern = string("pattern")
        if let (text, patternLine) = pattern {
            do {
                _ = try NSRegularExpression(pattern: text, options: [.anchorsMatchLines])
                if !text.contains("(?<value>") {
                    report(.patternWithoutValue(key: "\(table).pattern"), line: patternLine)
                    valid = false
                }
            } catch {
                report(.badPattern(key: "\(table).pattern", reason: error.localizedDescription), line: patternLine)
                valid = false
            }
        } else if fields["pattern"] == nil {
            report(.missingKey(key: "pattern", table: table), line: line)
            valid = false
        }
        let subject = string("subject")
        if subject == nil && fields["subject"] == nil {
            report(.missingKey(key: "subject", table: table), line: line)
            valid = false
        }
        var kind = SiteKind.version
        if let (text, kindLine) = string("kind") {
            if let k = SiteKind(rawValue: text) { kind = k } else {
                report(.unknownKind(key: "\(table).kind", value: text), line: kindLine)
                valid = false
            }
        }
        var platform: Platform?
        if let (text, platformLine) = string("platform") {
            if let p = Platform(rawValue: text.lowercased()) { platform = p } else {
                report(.unknownPlatform(key: "\(table).platform", value: text), line: platformLine)
                valid = false
            }
        }
        guard valid, let (patternText, _) = pattern, let (subjectText, _) = subject else { return nil }
        return CustomSiteRule(files: files, pattern: patternText, subject: normalizedSubject(subjectText),
                              kind: kind, platform: platform)
    }

    private func normalizedSubject(_ s: String) -> String {
        TrackedPackages.normalize(s)
    }
}
