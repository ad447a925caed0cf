/// Bytes of a logical line (physical lines joined the way pip joins them) with the file offset of every byte,
/// so that spans found in the joined text point back into the original file.
struct LogicalText: Sendable {
    var bytes: [UInt8]
    /// File offset of each byte of `bytes` (non-decreasing).
    var offsets: [Int]
    /// File offset just past the last byte.
    var end: Int

    init(bytes: [UInt8], offsets: [Int], end: Int) {
        self.bytes = bytes
        self.offsets = offsets
        self.end = end
    }

    /// Contiguous text that starts at file offset `offset`.
    init(_ text: String, offset: Int) {
        bytes = Array(text.utf8)
        offsets = bytes.indices.map { offset + $0 }
        end = offset + bytes.count
    }

    var count: Int { bytes.count }

    func byte(_ i: Int) -> UInt8? { i >= 0 && i < bytes.count ? bytes[i] : nil }

    /// File offset of logical position `i` (may be `count`).
    func fileOffset(_ i: Int) -> Int { i < offsets.count ? offsets[max(0, i)] : end }

    /// File span of logical range `[a, b)`.
    func span(_ a: Int, _ b: Int) -> Span {
        guard b > a else { let o = fileOffset(a); return Span(o, o) }
        return Span(offsets[a], max(offsets[a], offsets[b - 1] + 1))
    }

    func string(_ a: Int, _ b: Int) -> String {
        guard b > a, a >= 0, b <= bytes.count else { return "" }
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    mutating func append(_ other: LogicalText) {
        bytes += other.bytes
        offsets += other.offsets
        end = other.end
    }

    func slice(_ a: Int, _ b: Int) -> LogicalText {
        guard b > a else { return LogicalText(bytes: [], offsets: [], end: fileOffset(a)) }
        return LogicalText(bytes: Array(bytes[a..<b]), offsets: Array(offsets[a..<b]), end: offsets[b - 1] + 1)
    }

    /// `[a, b)` without Python whitespace at either end (`str.strip()`).
    func trimmed(_ a: Int, _ b: Int) -> (Int, Int) {
        var s = a, e = b
        while s < e, case let n = PythonText.whitespaceLength(bytes, at: s, limit: e), n > 0 { s += n }
        while e > s, case let n = PythonText.whitespaceLength(bytes, endingAt: e, limit: s), n > 0 { e -= n }
        return (s, e)
    }
}

/// Python's notions of whitespace and line boundaries (`str.isspace`, `str.splitlines`) on UTF-8 bytes.
enum PythonText {
    /// Length of the whitespace character starting at `i` (0 if none).
    static func whitespaceLength(_ b: [UInt8], at i: Int, limit: Int? = nil) -> Int {
        let end = min(limit ?? b.count, b.count)
        guard i >= 0, i < end else { return 0 }
        let c = b[i]
        if c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0x85 || b[i + 1] == 0xA0 { return 2 }
        guard i + 2 < end else { return 0 }
        let (c1, c2) = (b[i + 1], b[i + 2])
        switch c {
        case 0xE1: return c1 == 0x9A && c2 == 0x80 ? 3 : 0
        case 0xE2:
            if c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            return c1 == 0x81 && c2 == 0x9F ? 3 : 0
        case 0xE3: return c1 == 0x80 && c2 == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// Length of the whitespace character ending just before `e` (0 if none).
    static func whitespaceLength(_ b: [UInt8], endingAt e: Int, limit: Int = 0) -> Int {
        for n in 1...3 where e - n >= limit && e - n >= 0 {
            if whitespaceLength(b, at: e - n, limit: e) == n { return n }
        }
        return 0
    }

    /// Length of the line boundary starting at `i` (`\n`, `\r\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`, U+0085,
    /// U+2028, U+2029), 0 if none.
    static func lineBoundaryLength(_ b: [UInt8], at i: Int) -> Int {
        guard i < b.count else { return 0 }
        switch b[i] {
        case 0x0D: return i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
        case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E: return 1
        case 0xC2: return i + 1 < b.count && b[i + 1] == 0x85 ? 2 : 0
        case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The lines of `bytes[start...]` as `str.splitlines()` cuts them (terminators excluded, no trailing empty line).
    static func splitLines(_ b: [UInt8], from start: Int) -> [(start: Int, end: Int)] {
        var lines: [(Int, Int)] = []
        var lineStart = start, i = start
        while i < b.count {
            let n = lineBoundaryLength(b, at: i)
            if n > 0 {
                lines.append((lineStart, i))
                i += n
                lineStart = i
            } else {
                i += 1
            }
        }
        if lineStart < b.count { lines.append((lineStart, b.count)) }
        return lines
    }
}
