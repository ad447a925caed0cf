/// Splits Markdown / reStructuredText into code blocks (fenced, `.. code-block::`, `::` literal blocks) and prose
/// lines with their inline code spans, all mapped to the file.
struct DocumentBlocks {
    struct Code {
        /// The block's lines (shell prompts `$ `/`% ` removed), newlines kept.
        var text: MappedText
        /// The info string / directive argument (`bash`, `console`, `dockerfile`), lower-cased.
        var language: String
    }

    struct Prose {
        /// The line with inline code spans blanked out of consideration (see `inlineCode`).
        var text: MappedText
        /// Ranges of `text` that are inline code (contents only).
        var inlineCode: [Range<Int>]
    }

    var code: [Code] = []
    var prose: [Prose] = []

    init(file: SourceFile, restructuredText: Bool) {
        let b = file.bytes
        let count = file.lineCount
        var n = 1
        func indent(_ span: Span) -> Int {
            var k = span.start
            while k < span.end && ASCII.isBlank(b[k]) { k += 1 }
            return k - span.start
        }
        func isBlank(_ span: Span) -> Bool { indent(span) == span.count }
        // Trimmed line text from the bytes (Foundation's trimming bridges through NSString: slow per line).
        func trimmed(_ span: Span) -> String {
            var lo = span.start, hi = span.end
            while lo < hi && ASCII.isBlank(b[lo]) { lo += 1 }
            while hi > lo && ASCII.isBlank(b[hi - 1]) { hi -= 1 }
            return String(decoding: b[lo..<hi], as: UTF8.self)
        }
        while n <= count {
            let line = file.lineSpan(n)
            let t = trimmed(line)
            if !restructuredText, let fence = Self.fence(t) {
                let language = String(t.drop { $0 == fence.char }).trimmingCharacters(in: .whitespaces)
                    .split(separator: " ").first.map { String($0).lowercased() } ?? ""
                var m = n + 1
                var body = MappedText()
                while m <= count {
                    let lt = trimmed(file.lineSpan(m))
                    if let close = Self.fence(lt), close.char == fence.char, close.count >= fence.count,
                       lt.drop(while: { $0 == fence.char }).trimmingCharacters(in: .whitespaces).isEmpty { break }
                    body.append(Self.withoutPrompt(file, line: m))
                    m += 1
                }
                code.append(Code(text: body, language: language))
                n = m + 1
                continue
            }
            let directive = t.hasPrefix("..") && t.contains("::")
            let isCodeDirective = directive && (t.hasPrefix(".. code") || t.hasPrefix(".. sourcecode") || t.hasPrefix(".. prompt"))
            if restructuredText, isCodeDirective || (!directive && t.hasSuffix("::")) {
                let language = directive ? "" : "text"
                var lang = language
                if directive, let r = t.range(of: "::") {
                    lang = t[r.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
                }
                if !directive {
                    prose.append(Self.prose(file, line: n, restructuredText: true))
                }
                let base = indent(line)
                var m = n + 1
                var body = MappedText()
                var started = false
                while m <= count {
                    let ls = file.lineSpan(m)
                    if isBlank(ls) { if started { body.append(MappedText(file: file, span: file.fullLineSpan(m))) }; m += 1; continue }
                    guard indent(ls) > base else { break }
                    let lt = trimmed(ls)
                    if !started && directive && lt.hasPrefix(":") { m += 1; continue }  // directive options
                    started = true
                    body.append(Self.withoutPrompt(file, line: m))
                    m += 1
                }
                code.append(Code(text: body, language: lang))
                n = m
                continue
            }
            prose.append(Self.prose(file, line: n, restructuredText: restructuredText))
            n += 1
        }
    }

    private static func fence(_ t: String) -> (char: Character, count: Int)? {
        guard let c = t.first, c == "`" || c == "~" else { return nil }
        let k = t.prefix { $0 == c }.count
        return k >= 3 ? (c, k) : nil
    }

    /// A code line with a leading `$ ` / `% ` prompt removed, newline included.
    private static func withoutPrompt(_ file: SourceFile, line: Int) -> MappedText {
        let b = file.bytes
        let full = file.fullLineSpan(line)
        var k = full.start
        while k < full.end && ASCII.isBlank(b[k]) { k += 1 }
        if k + 1 < full.end, b[k] == 0x24 || b[k] == 0x25, b[k + 1] == 0x20 {
            var out = MappedText(file: file, span: Span(full.start, k))
            out.append(MappedText(file: file, span: Span(k + 2, full.end)))
            return out
        }
        return MappedText(file: file, span: full)
    }

    private static func prose(_ file: SourceFile, line: Int, restructuredText: Bool) -> Prose {
        let text = MappedText(file: file, span: file.lineSpan(line))
        let b = text.bytes
        var spans: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard b[i] == 0x60 else { i += 1; continue }
            var k = i
            while k < b.count && b[k] == 0x60 { k += 1 }
            let run = k - i
            if restructuredText && run != 2 { i = k; continue }
            // Find the closing run of the same length.
            var j = k
            var close: Int?
            while j < b.count {
                if b[j] == 0x60 {
                    var e = j
                    while e < b.count && b[e] == 0x60 { e += 1 }
                    if e - j == run { close = j; break }
                    j = e
                } else { j += 1 }
            }
            guard let c = close else { i = k; continue }
            var lo = k, hi = c
            if hi - lo >= 2 && b[lo] == 0x20 && b[hi - 1] == 0x20 { lo += 1; hi -= 1 }
            spans.append(lo..<hi)
            i = c + run
        }
        return Prose(text: text, inlineCode: spans)
    }
}
