/// The `key = value` entries of an INI file (`setup.cfg`, `tox.ini`) read the way Python's `configparser` reads
/// them, with spans: a value continues on the following lines indented deeper than its key, whole-line `#`/`;`
/// comments inside a value are skipped, and a ` #` comment at the end of a value line is cut off (tox does so;
/// setuptools would reject such a requirement anyway).
struct INIEntries {
    /// One key of one section.
    struct Entry {
        /// Section name as written (`options.extras_require`, `testenv:export`).
        var section: String
        /// Key lowercased, `-` read as `_` (`install-requires` → `install_requires`).
        var key: String
        /// 1-based line of the key.
        var line: Int
        /// The value's lines (the text after `=` on the key line, when not blank, then each continuation line),
        /// trimmed, without comments; blank lines left out.
        var lines: [MappedText]
        /// Whether the value is written on the key line only.
        var isSingleLine: Bool
    }

    var entries: [Entry] = []
    /// Comment texts (after the `#`), mapped to the file: whole-line comments and ` #` comments after a value.
    var comments: [MappedText] = []

    init(_ file: SourceFile) {
        var section = ""
        var current: Entry?
        var keyIndent = 0
        for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
            let span = file.lineSpan(n)
            let bytes = file.bytes[span.start..<span.end]
            let indent = bytes.prefix { ASCII.isBlank($0) }.count
            let bodyStart = span.start + indent
            var bodyEnd = span.end
            while bodyEnd > bodyStart, ASCII.isSpace(file.bytes[bodyEnd - 1]) { bodyEnd -= 1 }
            guard bodyEnd > bodyStart else { continue }  // blank lines may sit inside a value
            let first = file.bytes[bodyStart]
            if first == 0x23 || first == 0x3B {  // `#` / `;` whole-line comment
                comments.append(MappedText(file: file, span: Span(bodyStart + 1, bodyEnd)))
                continue
            }
            if indent > keyIndent, current != nil {
                current!.lines.append(valueLine(file, Span(bodyStart, bodyEnd)))
                current!.isSingleLine = false
                continue
            }
            if let entry = current { entries.append(entry) }
            current = nil
            if first == 0x5B, let close = file.bytes[bodyStart..<bodyEnd].firstIndex(of: 0x5D) {  // `[section]`
                section = file[Span(bodyStart + 1, close)].trimmingCharacters(in: .whitespaces)
                continue
            }
            // `key = value` / `key: value`: the first `=` or `:` separates.
            guard let sep = file.bytes[bodyStart..<bodyEnd].firstIndex(where: { $0 == 0x3D || $0 == 0x3A }) else { continue }
            let key = file[Span(bodyStart, sep)].trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "-", with: "_")
            var entry = Entry(section: section, key: key, line: n, lines: [], isSingleLine: true)
            var valueStart = sep + 1
            while valueStart < bodyEnd, ASCII.isBlank(file.bytes[valueStart]) { valueStart += 1 }
            if valueStart < bodyEnd { entry.lines.append(valueLine(file, Span(valueStart, bodyEnd))) }
            current = entry
            keyIndent = indent
        }
        if let entry = current { entries.append(entry) }
    }

    /// The value text of one line without a trailing ` #` comment (the comment is kept in `comments`).
    private mutating func valueLine(_ file: SourceFile, _ span: Span) -> MappedText {
        let text = MappedText(file: file, span: span)
        var i = 1
        while i < text.count {
            if text.bytes[i] == 0x23, ASCII.isBlank(text.bytes[i - 1]) {
                comments.append(text.slice((i + 1)..<text.count))
                return text.slice(0..<i).trimmed
            }
            i += 1
        }
        return text
    }

    /// Entries of sections named `section`.
    func entries(in section: String) -> [Entry] { entries.filter { $0.section == section } }
}
