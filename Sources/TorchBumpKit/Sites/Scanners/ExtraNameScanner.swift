import Foundation

/// Finds references to uv extras and dependency groups named after a variant outside `pyproject.toml`:
/// `uv sync --extra cu128` / `--group cu128` / `pip install -e ".[cu128]"` in docs, Makefiles, shell scripts,
/// Dockerfiles and CI files, ``the `cu128` extra`` in prose and Python comments, CI matrix values passed to `--extra ${{ matrix.<key> }}`, and the `extra` column of a
/// Markdown table. The sites say nothing about whether the extra exists: the planner renames them only together with
/// the definition (`PyprojectScanner`), so a reference never names an extra that is not defined.
public struct ExtraNameScanner: SiteScanner {
    public var fileKind: FileKind { .shell }

    public init() {}

    public func accepts(path: String) -> Bool {
        let name = (PathName.last(path)).lowercased()
        if name == "justfile" || name.hasSuffix(".py") { return true }
        return DocsScanner().accepts(path: path) || ShellScanner().accepts(path: path) || MakefileScanner().accepts(path: path)
            || CIYAMLScanner().accepts(path: path) || DockerfileScanner().accepts(path: path)
            || PreCommitScanner().accepts(path: path)
    }

    public func prefilter(context: ScanContext) -> [String]? { ["extra", "group", ".["] }

    /// The file kind recorded on a site: what the file is to the other scanners (a justfile counts as shell).
    static func fileKind(for path: String) -> FileKind {
        if DocsScanner().accepts(path: path) { return .doc }
        if MakefileScanner().accepts(path: path) { return .makefile }
        if CIYAMLScanner().accepts(path: path) { return CIYAMLScanner.fileKind(for: path) }
        if PreCommitScanner().accepts(path: path) { return .precommit }
        if DockerfileScanner().accepts(path: path) { return .dockerfile }
        if path.lowercased().hasSuffix(".py") { return .python }
        return .shell
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let kind = Self.fileKind(for: file.path)
        var rec = SiteCollector(file: file, fileKind: kind, platform: .all)
        let isDoc = kind == .doc
        let matrixKeys = kind == .githubActions ? Self.matrixKeysUsedAsExtras(file) : [:]
        var table: (column: Int, selector: ExtraNames.Selector)?
        for n in Self.candidateLines(file, all: isDoc, needles: ["extra", "group", ".["] + matrixKeys.keys.sorted()) {
            let lineSpan = file.lineSpan(n)
            let bytes = Array(file.bytes[lineSpan.start..<lineSpan.end])
            let commentStart = isDoc ? nil : Self.commentStart(bytes)
            // Python: only comments (``# the default `cu128` extra``); code that names extras is setuptools' business.
            let from = kind == .python ? commentStart : 0
            guard let from else { continue }
            func add(_ start: Int, _ end: Int, _ selector: ExtraNames.Selector, _ note: String) {
                let span = Span(lineSpan.start + start, lineSpan.start + end)
                guard let variant = ExtraNames.variant(in: file[span]) else { return }
                let role: SiteRole = isDoc ? .doc : (commentStart.map { start >= $0 } == true ? .comment : .pin)
                rec.add(.extraName, role: role, span: span, platform: variant.platform, variant: variant,
                        name: selector.rawValue, note: note)
            }
            for use in ExtraNames.uses(in: Array(bytes[from...])) {
                add(from + use.start, from + use.end, use.selector, use.note)
            }
            if isDoc {
                table = Self.tableColumn(bytes, line: n, file: file, current: table)
                if let table, let cell = Self.cell(table.column, in: bytes) {
                    add(cell.start, cell.end, table.selector, "\(table.selector) column of a table")
                }
            }
            if let key = Self.matrixKey(bytes, keys: matrixKeys) {
                for item in Self.yamlValues(bytes, after: key.end) {
                    add(item.start, item.end, key.selector, "CI matrix value passed to --\(key.selector)")
                }
            }
        }
        rec.sites.sort { $0.span < $1.span }
        return rec.result
    }

    /// Lines that can hold a reference: every line of a doc (table rows name extras without the word), else the
    /// lines containing a needle — found with memchr speed, since Python files are read for their comments.
    static func candidateLines(_ file: SourceFile, all: Bool, needles: [String]) -> [Int] {
        guard file.lineCount > 0 else { return [] }
        if all { return Array(1...file.lineCount) }
        var lines = Set<Int>()
        let count = file.bytes.count
        for needle in needles {
            var from = 0
            while from < count, let hit = ByteSearch.find(needle, in: file.bytes, range: from..<count) {
                let line = file.location(of: hit).line
                lines.insert(line)
                from = max(file.lineSpan(line).end, hit + 1)
            }
        }
        return lines.sorted()
    }

    // MARK: comments

    /// Offset of a `#` that starts a comment (at the line start or after a blank), if any.
    static func commentStart(_ bytes: [UInt8]) -> Int? {
        var quote: UInt8?
        for (k, b) in bytes.enumerated() {
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "#"), k == 0 || bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 {
                return k
            }
        }
        return nil
    }

    // MARK: Markdown tables

    /// The column of a table header naming extras (`| backend | extra | … |` followed by `|---|`), kept while the
    /// rows of that table continue.
    static func tableColumn(_ bytes: [UInt8], line: Int, file: SourceFile,
                            current: (column: Int, selector: ExtraNames.Selector)?) -> (column: Int, selector: ExtraNames.Selector)? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("|") else { return nil }
        if let current, !isSeparatorRow(text) { return current }
        guard line < file.lineCount, isSeparatorRow(file.line(line + 1).trimmingCharacters(in: .whitespaces)) else {
            return current
        }
        let headers = cells(bytes).map {
            String(decoding: bytes[$0.start..<$0.end], as: UTF8.self).lowercased()
                .trimmingCharacters(in: CharacterSet(charactersIn: " `*_"))
        }
        for (column, header) in headers.enumerated() {
            switch header {
            case "extra", "extras", "uv extra", "backend extra": return (column, .extra)
            case "group", "dependency group", "uv group": return (column, .group)
            default: continue
            }
        }
        return nil
    }

    static func isSeparatorRow(_ text: String) -> Bool {
        text.hasPrefix("|") && text.contains("-") && text.allSatisfy { "|-: \t".contains($0) }
    }

    /// Byte ranges of the cells of a table row (between pipes, blanks trimmed).
    static func cells(_ bytes: [UInt8]) -> [(start: Int, end: Int)] {
        var out: [(Int, Int)] = []
        guard let first = bytes.firstIndex(of: UInt8(ascii: "|")) else { return [] }
        var start = first + 1
        for k in (first + 1)..<max(bytes.count, first + 1) where bytes[k] == UInt8(ascii: "|") {
            var s = start, e = k
            while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
            while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
            out.append((s, e))
            start = k + 1
        }
        return out
    }

    /// The name in cell `column` of a row: the whole cell, optionally in backquotes.
    static func cell(_ column: Int, in bytes: [UInt8]) -> (start: Int, end: Int)? {
        let all = cells(bytes)
        guard column < all.count else { return nil }
        var (s, e) = all[column]
        if e - s >= 2, bytes[s] == UInt8(ascii: "`"), bytes[e - 1] == UInt8(ascii: "`") { s += 1; e -= 1 }
        guard e > s, bytes[s..<e].allSatisfy(ExtraNames.isNameByte) else { return nil }
        return (s, e)
    }

    // MARK: CI matrices

    /// Matrix keys whose values are passed as extras or groups (`--extra ${{ matrix.extra }}`, `.[${{ matrix.x }}]`);
    /// a key named `extra` or `extras` counts without that evidence.
    static func matrixKeysUsedAsExtras(_ file: SourceFile) -> [String: ExtraNames.Selector] {
        var keys: [String: ExtraNames.Selector] = ["extra": .extra, "extras": .extra]
        let text = String(decoding: file.bytes, as: UTF8.self)
        let patterns: [(String, ExtraNames.Selector)] = [
            (#"--extras?[ =]+["']?\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}"#, .extra),
            (#"\.\[\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}"#, .extra),
            (#"--(?:only-)?group[ =]+["']?\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}"#, .group),
        ]
        for (pattern, selector) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(match.range(at: 1), in: text) { keys[String(text[r])] = selector }
            }
        }
        return keys
    }

    /// `key: value` / `- key: value` / `key: [a, b]` for one of `keys`: the key's end offset and selector.
    static func matrixKey(_ bytes: [UInt8], keys: [String: ExtraNames.Selector]) -> (end: Int, selector: ExtraNames.Selector)? {
        guard !keys.isEmpty else { return nil }
        var k = 0
        while k < bytes.count, bytes[k] == 0x20 { k += 1 }
        if k + 1 < bytes.count, bytes[k] == UInt8(ascii: "-"), bytes[k + 1] == 0x20 {
            k += 2
            while k < bytes.count, bytes[k] == 0x20 { k += 1 }
        }
        let start = k
        while k < bytes.count, ExtraNames.isNameByte(bytes[k]) { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: ":"),
              let selector = keys[String(decoding: bytes[start..<k], as: UTF8.self)] else { return nil }
        return (k + 1, selector)
    }

    /// The scalar or flow-list items after a YAML key (quotes dropped, comment ignored).
    static func yamlValues(_ bytes: [UInt8], after key: Int) -> [(start: Int, end: Int)] {
        var out: [(Int, Int)] = []
        var k = key
        while k < bytes.count, bytes[k] == 0x20 { k += 1 }
        let inList = k < bytes.count && bytes[k] == UInt8(ascii: "[")
        if inList { k += 1 }
        while k < bytes.count {
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == UInt8(ascii: ",") { k += 1 }
            guard k < bytes.count, bytes[k] != UInt8(ascii: "#"), bytes[k] != UInt8(ascii: "]") else { break }
            var quote: UInt8?
            if bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") { quote = bytes[k]; k += 1 }
            let start = k
            while k < bytes.count, ExtraNames.isNameByte(bytes[k]) { k += 1 }
            let end = k
            if let q = quote { guard k < bytes.count, bytes[k] == q else { break }; k += 1 }
            if end > start { out.append((start, end)) }
            guard inList else { break }
            guard k < bytes.count, bytes[k] == UInt8(ascii: ",") || bytes[k] == 0x20 || bytes[k] == UInt8(ascii: "]") else { break }
        }
        return out
    }
}
