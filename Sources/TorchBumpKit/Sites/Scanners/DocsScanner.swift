/// Finds pin sites in documentation (`*.md`, `*.mdx`, `*.rst`), all with role `doc`: installer commands in code
/// blocks and inline code (requirements, index URLs), requirement lines and index options in code blocks, and
/// prose naming versions ("CUDA 12.8", "PyTorch 2.8.0", "torch 2.8"), variants and PyTorch index URLs.
/// Changelogs, release notes and `EXPECTED.md` are skipped: history must not be rewritten.
public struct DocsScanner: SiteScanner {
    public var fileKind: FileKind { .doc }

    public init() {}

    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".md") || lower.hasSuffix(".mdx") || lower.hasSuffix(".rst") else { return false }
        let parts = lower.split(separator: "/").map(String.init)
        let name = parts.last ?? lower
        if name == "expected.md" || name.hasPrefix("news.") { return false }
        let historyWords = ["changelog", "changes", "history", "release-notes", "release_notes", "releasenotes", "releases"]
        for part in parts {
            let stem = part.split(separator: ".").first.map(String.init) ?? part
            if historyWords.contains(where: { stem == $0 || stem.hasPrefix($0 + "-") || stem.hasPrefix($0 + "_") || stem.hasSuffix("-" + $0) }) {
                return false
            }
            if stem.hasPrefix("changelog") || stem.hasPrefix("release-notes") || stem.hasPrefix("release_notes") { return false }
        }
        return true
    }

    /// A document without any of these holds no site (install commands name torch or an index; prose names CUDA,
    /// ROCm, PyTorch or a variant).
    public func prefilter(context: ScanContext) -> [String]? {
        ["torch", "Torch", "TORCH", "cuda", "CUDA", "Cuda", "rocm", "ROCm", "ROCM", "xpu", "XPU", "/whl", "triton",
         "xformers", "flashinfer", "FlashInfer", "xFormers", "cu1", "cu9", "cu8"] + context.config.constants
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        // Every doc site is a URL, an installer command, or a line with a digit and a toolkit word: a document with
        // none of these is skipped before it is parsed into blocks.
        if context.config.constants.isEmpty, !ByteSearch.containsAny(file.bytes, ["://", "pip ", "pip3 ", "--index", "--extra-index"]),
           !(1...max(file.lineCount, 1)).contains(where: { n in
               guard n <= file.lineCount else { return false }
               let span = file.lineSpan(n)
               let line = file.bytes[span.start..<span.end]
               return line.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
                   && (Self.namesAToolkit(Array(line)) || DocFloorSites.namesAFloor(Array(line)))
           }) {
            return ScanResult()
        }
        var rec = SiteCollector(file: file, fileKind: .doc, platform: PlatformInference.platform(forPath: file.path))
        let blocks = DocumentBlocks(file: file, restructuredText: file.path.lowercased().hasSuffix(".rst"))
        let constants = context.config.constants
        for block in blocks.code {
            codeSites(block.text, constants: constants, into: &rec)
        }
        var table = MarkdownTable()
        for line in blocks.prose {
            for range in line.inlineCode {
                codeSites(line.text.slice(range), constants: constants, into: &rec)
            }
            table.read(line.text, into: &rec)
            proseSites(line, into: &rec)
        }
        rec.sites.sort { $0.span < $1.span }
        return rec.result
    }

    /// Shell in a code block or inline code: installers anywhere in a command (`RUN pip install`, `!pip install`,
    /// `- run: pip install`), assignments, requirement lines, index options of a requirements-file example.
    private func codeSites(_ text: MappedText, constants: [String], into rec: inout SiteCollector) {
        let script = ShellWords.parse(text)
        let platform = rec.platform
        var sites = ShellScriptSites(options: .init(role: .doc, looseTokens: true, comments: true, constants: constants))
        sites.record(script, platform: platform, into: &rec)
        for command in script.commands where InstallCommandParser.recognise(command.words) == nil {
            let words = command.words
            if let k = words.indices.dropFirst().first(where: { InstallCommandParser.recognise(Array(words[$0...])) != nil }),
               let cmd = InstallCommandParser.recognise(Array(words[k...])) {
                InstallCommandSites.record(cmd, role: .doc, platform: platform, constants: constants, into: &rec)
                continue
            }
            guard let first = words.first else { continue }
            let s = first.string
            for option in ["--extra-index-url", "--index-url", "-i", "--find-links", "-f"] {
                if s == option, words.count >= 2 {
                    ValueClassifier.indexURL(words[1].value, name: option, role: .doc, platform: platform, into: &rec)
                } else if s.hasPrefix(option + "=") {
                    let value = first.value.slice((option.utf8.count + 1)..<first.value.count)
                    ValueClassifier.indexURL(value, name: option, role: .doc, platform: platform, into: &rec)
                }
            }
            // Image references (`ghcr.io/example/app:torch2.8.0-cu128`, `docker pull pytorch/pytorch:2.8.0-…`).
            for word in words where Self.looksLikeImageReference(word.string) {
                ValueClassifier.image(word.value, name: nil, role: .doc, platform: platform, into: &rec)
            }
            // A requirements-file example: `torch==2.8.0` alone on a line.
            if words.count == 1, s.contains("=") || s.contains(">") || s.contains("<") || s.contains("@") {
                InlineRequirementSites.record(first.value, role: .doc, platform: platform, into: &rec)
            }
        }
    }

    /// Prose: PyTorch index and wheel URLs, then "CUDA 12.8" / "PyTorch 2.8.0" mentions and variant tags.
    private func proseSites(_ line: DocumentBlocks.Prose, into rec: inout SiteCollector) {
        let text = line.text
        let b = text.bytes
        if b.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), DocFloorSites.namesAFloor(b) { DocFloorSites.record(text, into: &rec) }
        // Every prose site holds a digit (a version, a `cu128` tag) or is a URL: most prose lines hold neither.
        guard ByteSearch.containsAny(b, ["://"])
                || b.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) && Self.namesAToolkit(b) else { return }
        let platform = rec.platform
        func inCode(_ r: Range<Int>) -> Bool { line.inlineCode.contains { $0.overlaps(r) } }
        var i = 0
        while let start = nextURL(b, from: i) {
            var e = start
            while e < b.count && !ASCII.isSpace(b[e]) && ![0x29, 0x3E, 0x5D, 0x22, 0x27, 0x60, 0x7C].contains(b[e]) { e += 1 }
            while e > start && [0x2E, 0x2C, 0x3B, 0x3A].contains(b[e - 1]) { e -= 1 }
            let url = text.slice(start..<e)
            if !inCode(start..<e) {
                if !ValueClassifier.wheelURL(url, role: .doc, platform: platform, into: &rec),
                   ValueClassifier.looksLikeIndexURL(url.string) {
                    ValueClassifier.indexURL(url, name: "link", role: .doc, platform: platform, into: &rec)
                }
            }
            i = max(e, start + 1)
        }
        for m in VersionTokens.mentions(in: b) where !inCode(m.range) {
            guard let subject = m.subject, let span = text.fileSpan(m.range) else { continue }
            let evidence: Platform? = subject == "cuda" ? .cuda : subject == "rocm" ? .rocm : nil
            rec.add(.version, role: .doc, subject: subject, span: span,
                    platform: PlatformRefinement.refine(platform, with: evidence))
        }
        for m in VersionTokens.variants(in: b) where !inCode(m.range) {
            guard let v = m.variant, let span = text.fileSpan(m.range) else { continue }
            rec.add(.variant, role: .doc, span: span, platform: PlatformRefinement.refine(platform, with: v.platform),
                    variant: v)
        }
    }

    /// Whether a line names torch, CUDA, ROCm or a variant tag anywhere (ASCII case-insensitive), which every
    /// version mention and variant tag needs.
    /// `registry/path/name:tag` with a version or variant in the tag; not a URL, option, path or requirement.
    static func looksLikeImageReference(_ s: String) -> Bool {
        guard !s.contains("://"), !s.hasPrefix("-"), !s.hasPrefix("/"), !s.hasPrefix("."), s.contains("/"),
              !s.contains("=="), !s.contains(">="), let colon = s.lastIndex(of: ":"),
              !s[colon...].contains("/") else { return false }
        let tag = s[s.index(after: colon)...].lowercased()
        return tag.contains("torch") || tag.contains("cu1") || tag.contains("cuda") || tag.contains("rocm")
    }

    static func namesAToolkit(_ b: [UInt8]) -> Bool {
        let words: [[UInt8]] = [Array("torch".utf8), Array("cuda".utf8), Array("rocm".utf8), Array("cu1".utf8),
                                Array("cu9".utf8), Array("cu8".utf8)]
        return b.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let c = p[i] | 0x20
                if c == 0x74 || c == 0x63 || c == 0x72 {  // t c r
                    for w in words where w[0] == c && i + w.count <= p.count {
                        var k = 1
                        while k < w.count {
                            let x = p[i + k]
                            if (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) != w[k] { break }
                            k += 1
                        }
                        if k == w.count { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

    private func nextURL(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 8 <= b.count {
            if VersionTokens.hasWord(b, "https://", at: i) || VersionTokens.hasWord(b, "http://", at: i) { return i }
            i += 1
        }
        return nil
    }
}

/// Follows a Markdown table: the header row names what each column holds (`CUDA`, `PyTorch`, `torchvision`), and
/// versions in body cells of those columns become doc sites.
struct MarkdownTable {
    private var previousRow: [MappedText]?
    private var columns: [String?]?

    mutating func read(_ line: MappedText, into rec: inout SiteCollector) {
        let trimmed = line.trimmed
        guard trimmed.bytes.first == 0x7C else { previousRow = nil; columns = nil; return }
        let cells = Self.cells(trimmed)
        if cells.allSatisfy({ $0.bytes.allSatisfy { [0x2D, 0x3A, 0x20, 0x09].contains($0) } && !$0.isEmpty }) {
            columns = previousRow.map { $0.map(Self.subject) }
            return
        }
        previousRow = cells
        guard let columns else { return }
        // The row's platform: a `+cpu`/`+xpu`/`+cu128` label in a version cell, else the words of its other cells
        // (`AMD, ROCm 6.3`, `Intel XPU`, `NVIDIA, CUDA 12.6`).
        let rowText = cells.map(\.string).joined(separator: " | ").lowercased()
        var rowPlatform: Platform?
        for token in rowText.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "." }) where token.contains("+") {
            if let v = Variant(localLabel: String(token.split(separator: "+").last ?? "")) { rowPlatform = v.platform; break }
        }
        if rowPlatform == nil {
            let words: [(String, Platform)] = [("rocm", .rocm), ("xpu", .xpu), ("cpu", .cpu), ("cuda", .cuda), ("nvidia", .cuda)]
            let named = Set(words.filter { rowText.contains($0.0) }.map(\.1))
            if named.count == 1 { rowPlatform = named.first }
        }
        for (cell, columnSubject) in zip(cells, columns) {
            guard var subject = columnSubject else { continue }
            // A `CUDA / ROCm` column: the cell says which toolkit it names.
            let cellText = cell.string.lowercased()
            if subject == "cuda", cellText.contains("rocm") { subject = "rocm" }
            if subject == "rocm", cellText.contains("cuda") { subject = "cuda" }
            let b = cell.bytes
            var i = 0
            while i < b.count {
                if ASCII.isDigit(b[i]), VersionTokens.boundaryBefore(b, i) {
                    let n = ["cuda", "rocm"].contains(subject) ? VersionTokens.dottedLength(b, at: i)
                        : VersionTokens.versionLength(b, at: i, minParts: 2)
                    if n > 0, VersionTokens.boundaryAfter(b, i + n), let span = cell.fileSpan(i..<(i + n)) {
                        let evidence: Platform? = subject == "cuda" ? .cuda : subject == "rocm" ? .rocm : rowPlatform
                        rec.add(.version, role: .doc, subject: subject, span: span,
                                platform: PlatformRefinement.refine(rec.platform, with: evidence), name: "table")
                        i += n
                        continue
                    }
                }
                i += 1
            }
        }
    }

    /// `| a | b |` → [a, b] (trimmed, mapped).
    static func cells(_ row: MappedText) -> [MappedText] {
        var out: [MappedText] = []
        var start = 1
        let b = row.bytes
        var i = 1
        while i < b.count {
            if b[i] == 0x5C { i += 2; continue }
            if b[i] == 0x7C { out.append(row.slice(start..<i).trimmed); start = i + 1 }
            i += 1
        }
        if start < b.count { out.append(row.slice(start..<b.count).trimmed) }
        return out
    }

    static func subject(_ header: MappedText) -> String? {
        let text = header.string.lowercased()
        let normalized = PackageAliases.normalize(text.trimmingCharacters(in: .whitespaces))
        if PackageAliases.isTracked(normalized) { return normalized }
        let words = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if words.contains("cuda") { return "cuda" }
        if words.contains("rocm") { return "rocm" }
        if words.contains("pytorch") || words.contains("torch") { return "torch" }
        return nil
    }
}
