/// Text decoded from a file (quotes removed, continuation lines joined, YAML indentation stripped) that
/// remembers, for every byte, the file offset it came from, so a token found in the decoded text maps back
/// to an exact file span.
public struct MappedText: Sendable, Hashable {
    /// The decoded UTF-8 bytes.
    public private(set) var bytes: [UInt8]
    /// File offset of each byte of `bytes` (same count).
    public private(set) var offsets: [Int]
    /// File offset just past the decoded text (used for empty ranges at the end).
    public var endOffset: Int

    public init() {
        bytes = []
        offsets = []
        endOffset = 0
    }

    /// The bytes of `span` in `file`, mapped one to one.
    public init(file: SourceFile, span: Span) {
        let lo = max(0, min(span.start, file.bytes.count))
        let hi = max(lo, min(span.end, file.bytes.count))
        bytes = Array(file.bytes[lo..<hi])
        offsets = Array(lo..<hi)
        endOffset = hi
    }

    /// Literal text that starts at file offset `offset` and maps one to one.
    public init(_ text: String, at offset: Int) {
        bytes = Array(text.utf8)
        offsets = Array(offset..<(offset + bytes.count))
        endOffset = offset + bytes.count
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func append(_ byte: UInt8, from offset: Int) {
        bytes.append(byte)
        offsets.append(offset)
        endOffset = offset + 1
    }

    public mutating func append(_ other: MappedText) {
        bytes += other.bytes
        offsets += other.offsets
        endOffset = other.endOffset
    }

    /// File offset of decoded byte `index` (`endOffset` for `index == count`).
    public func fileOffset(_ index: Int) -> Int {
        if index >= 0 && index < offsets.count { return offsets[index] }
        return index <= 0 ? (offsets.first ?? endOffset) : endOffset
    }

    /// The decoded text of `range` (clamped).
    public subscript(range: Range<Int>) -> String {
        let r = clamped(range)
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// The sub-text of `range` (clamped), keeping its mapping.
    public func slice(_ range: Range<Int>) -> MappedText {
        let r = clamped(range)
        var out = MappedText()
        out.bytes = Array(bytes[r])
        out.offsets = Array(offsets[r])
        out.endOffset = r.isEmpty ? fileOffset(r.lowerBound) : offsets[r.upperBound - 1] + 1
        return out
    }

    /// The file span of `range` when its bytes are contiguous in the file (so replacing the span replaces exactly
    /// this text); nil when the range crosses a removed quote, escape or line continuation.
    public func fileSpan(_ range: Range<Int>) -> Span? {
        let r = clamped(range)
        guard r == range else { return nil }
        if r.isEmpty { let o = fileOffset(r.lowerBound); return Span(o, o) }
        for i in r.lowerBound..<(r.upperBound - 1) where offsets[i + 1] != offsets[i] + 1 { return nil }
        return Span(offsets[r.lowerBound], offsets[r.upperBound - 1] + 1)
    }

    /// The file span of the whole text when contiguous.
    public var fileSpan: Span? { fileSpan(0..<count) }

    /// A span from the first to the last byte of `range`, whether or not the bytes between are contiguous.
    public func coveringSpan(_ range: Range<Int>) -> Span {
        let r = clamped(range)
        if r.isEmpty { let o = fileOffset(r.lowerBound); return Span(o, o) }
        let a = offsets[r.lowerBound], b = offsets[r.upperBound - 1] + 1
        return Span(min(a, b), max(a, b))
    }

    private func clamped(_ range: Range<Int>) -> Range<Int> {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return lo..<hi
    }

    /// Index of the decoded byte that came from file offset `offset`.
    public func index(ofFileOffset offset: Int) -> Int? {
        offsets.firstIndex(of: offset)
    }

    /// Byte offset of the first occurrence of `needle` at or after `from`.
    public func firstIndex(of needle: String, from: Int = 0) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= bytes.count else { return nil }
        var i = max(0, from)
        while i + n.count <= bytes.count {
            if bytes[i] == n[0] && Array(bytes[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    /// The text with leading and trailing ASCII whitespace removed (mapping kept).
    public var trimmed: MappedText {
        var lo = 0, hi = bytes.count
        while lo < hi && ASCII.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && ASCII.isSpace(bytes[hi - 1]) { hi -= 1 }
        return slice(lo..<hi)
    }
}

/// Byte classes used by the hand-written lexers.
enum ASCII {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    static func isNameByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }
}
