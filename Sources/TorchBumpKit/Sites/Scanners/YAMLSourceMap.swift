import Yams

/// Maps Yams scalar nodes back to exact file bytes. Yams gives only a start mark (line, column in Unicode scalars);
/// the decoded value is aligned with the source text from that mark according to the scalar's style (plain,
/// single-/double-quoted, literal `|`, folded `>`), so every decoded byte knows its file offset.
struct YAMLSourceMap {
    let file: SourceFile
    /// Source byte ranges of every mapped scalar (quotes and block bodies included), to tell comments from content.
    private(set) var scalarRanges: [Range<Int>] = []

    init(file: SourceFile) { self.file = file }

    /// File offset of a mark (1-based line; column counted in Unicode scalars, BOM excluded).
    func offset(of mark: Mark) -> Int? {
        guard mark.line >= 1, mark.line <= file.lineCount else { return nil }
        var j = mark.line == 1 ? file.contentStart : file.lineStarts[mark.line - 1]
        var remaining = mark.column - 1
        let b = file.bytes
        while remaining > 0 && j < b.count {
            j += 1
            while j < b.count && b[j] & 0xC0 == 0x80 { j += 1 }
            remaining -= 1
        }
        return j
    }

    /// The decoded value of `scalar` with its file offsets, or nil when it cannot be aligned with its source.
    mutating func map(_ scalar: Node.Scalar) -> MappedText? {
        guard let mark = scalar.mark, var j = offset(of: mark) else { return nil }
        let b = file.bytes
        // Node properties (`&anchor`, `!tag`) come before the value.
        while j < b.count && (b[j] == 0x26 || b[j] == 0x21) {
            while j < b.count && !ASCII.isSpace(b[j]) { j += 1 }
            while j < b.count && ASCII.isBlank(b[j]) { j += 1 }
        }
        let start = j
        switch scalar.style {
        case .singleQuoted, .doubleQuoted:
            j += 1
        case .literal, .folded:
            while j < b.count && b[j] != 0x0A { j += 1 }
            j += 1
        default:
            break
        }
        let value = Array(scalar.string.utf8)
        guard let mapped = align(value, from: j, style: scalar.style) else { return nil }
        var end = mapped.offsets.last.map { $0 + 1 } ?? j
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { end = min(b.count, max(end, j) + 1) }
        scalarRanges.append(start..<max(start, end))
        return mapped
    }

    private func align(_ v: [UInt8], from j0: Int, style: Node.Scalar.Style) -> MappedText? {
        let s = file.bytes
        var out = MappedText()
        out.endOffset = j0
        var i = 0, j = j0
        func ws(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        while i < v.count {
            guard j < s.count else {
                // A block scalar's final line break at the end of the file.
                guard v[i...].allSatisfy(ws), !s.isEmpty else { return nil }
                while i < v.count { out.append(v[i], from: s.count - 1); i += 1 }
                break
            }
            let c = s[j]
            if style == .doubleQuoted && c == 0x5C, j + 1 < s.count {
                let n = s[j + 1]
                if n == 0x0A || n == 0x0D {  // escaped line break: joins lines
                    j += n == 0x0D && j + 2 < s.count && s[j + 2] == 0x0A ? 3 : 2
                    while j < s.count && ASCII.isBlank(s[j]) { j += 1 }
                    continue
                }
                guard let (decoded, length) = Self.escape(s, at: j), i + decoded.count <= v.count,
                      Array(v[i..<(i + decoded.count)]) == decoded else { return nil }
                for byte in decoded { out.append(byte, from: j) }
                i += decoded.count
                j += length
                continue
            }
            if style == .singleQuoted && c == 0x27 && j + 1 < s.count && s[j + 1] == 0x27 {
                guard v[i] == 0x27 else { return nil }
                out.append(0x27, from: j)
                i += 1
                j += 2
                continue
            }
            if c == v[i] {
                out.append(v[i], from: j)
                i += 1
                j += 1
                continue
            }
            if ws(c) {
                if ws(v[i]) {
                    // Folding and indentation: a run of source whitespace stands for a run of value whitespace.
                    let run = j
                    while j < s.count && ws(s[j]) { j += 1 }
                    var k = run
                    while i < v.count && ws(v[i]) { out.append(v[i], from: min(k, j - 1)); k += 1; i += 1 }
                } else {
                    j += 1  // indentation or trailing blanks that the value drops
                }
                continue
            }
            return nil
        }
        return out
    }

    /// A YAML double-quoted escape at `j`: its UTF-8 bytes and source length.
    static func escape(_ s: [UInt8], at j: Int) -> ([UInt8], Int)? {
        guard j + 1 < s.count else { return nil }
        let simple: [UInt8: UInt8] = [0x30: 0, 0x61: 7, 0x62: 8, 0x74: 9, 0x09: 9, 0x6E: 10, 0x76: 11, 0x66: 12,
                                      0x72: 13, 0x65: 27, 0x20: 32, 0x22: 34, 0x2F: 47, 0x5C: 92]
        let n = s[j + 1]
        if let byte = simple[n] { return ([byte], 2) }
        let hexCount: Int? = n == 0x78 ? 2 : n == 0x75 ? 4 : n == 0x55 ? 8 : n == 0x4E ? 0 : n == 0x5F ? 0 : n == 0x4C ? 0 : n == 0x50 ? 0 : nil
        guard let count = hexCount else { return nil }
        let scalarValue: UInt32
        if count == 0 {
            scalarValue = n == 0x4E ? 0x85 : n == 0x5F ? 0xA0 : n == 0x4C ? 0x2028 : 0x2029
        } else {
            guard j + 2 + count <= s.count,
                  let v = UInt32(String(decoding: s[(j + 2)..<(j + 2 + count)], as: UTF8.self), radix: 16) else { return nil }
            scalarValue = v
        }
        guard let u = Unicode.Scalar(scalarValue) else { return nil }
        return (Array(String(Character(u)).utf8), 2 + count)
    }

    /// `#` comments outside every mapped scalar: their text after `#`, mapped to the file.
    func comments() -> [MappedText] {
        let b = file.bytes
        var out: [MappedText] = []
        let ranges = scalarRanges.sorted { $0.lowerBound < $1.lowerBound }
        for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
            let line = file.lineSpan(n)
            var j = line.start
            var quote: UInt8?
            while j < line.end {
                let c = b[j]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == 0x23, j == line.start || ASCII.isBlank(b[j - 1]) {
                    if !ranges.contains(where: { $0.contains(j) }) {
                        out.append(MappedText(file: file, span: Span(j + 1, line.end)))
                    }
                    break
                } else if (c == 0x22 || c == 0x27), !ranges.contains(where: { $0.contains(j) }),
                          j == line.start || [0x20, 0x09, 0x3A, 0x2C, 0x5B, 0x7B, 0x2D].contains(b[j - 1]) {
                    quote = c  // a quoted scalar the tree did not show us (e.g. an unmapped key)
                }
                j += 1
            }
        }
        return out
    }
}
