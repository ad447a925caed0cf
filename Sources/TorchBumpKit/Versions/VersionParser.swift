import Foundation

/// A hand-written matcher for packaging's `VERSION_PATTERN` (anchored, case-insensitive, whitespace-trimmed).
///
/// The regex is greedy with possessive separators, so a single left-to-right pass decides every choice:
/// a separator before a pre/post/dev word is taken only when the word follows; a separator after the word
/// is always taken (`1.0a-` is `1.0a0`, as in packaging).
///
/// Works on the string's UTF-8 bytes in place (letters compared case-insensitively), without copying or
/// per-call allocations besides the parts of the result: version lists of 100,000 entries are parsed in one go.
enum VersionParser {
    static let preWords: [(String, Version.PreKind)] = [
        ("alpha", .a), ("a", .a), ("beta", .b), ("b", .b), ("preview", .rc), ("pre", .rc), ("c", .rc), ("rc", .rc),
    ]
    static let postWords = ["post", "rev", "r"]

    private static let preWordBytes: [[UInt8]] = preWords.map { Array($0.0.utf8) }
    private static let postWordBytes: [[UInt8]] = postWords.map { Array($0.utf8) }
    private static let devWordBytes: [[UInt8]] = [Array("dev".utf8)]

    static func parse(_ text: String) -> Version? {
        var copy = text
        var nonASCII = false
        let parsed = copy.withUTF8 { all -> Version? in
            var lo = 0, hi = all.count
            while lo < hi, isSpace(all[lo]) { lo += 1 }
            while hi > lo, isSpace(all[hi - 1]) { hi -= 1 }
            guard lo < hi else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: all[lo..<hi])
            for b in bytes where b >= 0x80 { nonASCII = true; return nil }
            var c = Cursor(bytes: bytes)
            guard let v = c.version(allowLocal: true), c.atEnd, !c.overflowed else { return nil }
            return v
        }
        if nonASCII {
            // Unicode whitespace around the version (packaging's `\s*`) is trimmed; anything else non-ASCII fails.
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.utf8.count < text.utf8.count ? parse(trimmed) : nil
        }
        return parsed
    }

    /// ASCII whitespace (`trimmingCharacters(in: .whitespacesAndNewlines)` for ASCII text).
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    /// A position in ASCII bytes; letters are matched case-insensitively.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var pos = 0
        var overflowed = false

        init(bytes: UnsafeBufferPointer<UInt8>, pos: Int = 0) {
            self.bytes = bytes
            self.pos = pos
        }

        var atEnd: Bool { pos >= bytes.count }
        @inline(__always) func byte(_ k: Int) -> UInt8? { k >= 0 && k < bytes.count ? lower(bytes[k]) : nil }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        @inline(__always) func isDigit(_ k: Int) -> Bool { k >= 0 && k < bytes.count && bytes[k] >= 48 && bytes[k] <= 57 }
        @inline(__always) func isSep(_ k: Int) -> Bool {
            guard k >= 0 && k < bytes.count else { return false }
            let c = bytes[k]
            return c == 46 || c == 45 || c == 95
        }
        @inline(__always) func isAlnum(_ k: Int) -> Bool {
            guard k >= 0 && k < bytes.count else { return false }
            let c = lower(bytes[k])
            return (c >= 48 && c <= 57) || (c >= 97 && c <= 122)
        }

        func hasWord(_ u: [UInt8], at k: Int) -> Bool {
            guard k >= 0, k + u.count <= bytes.count else { return false }
            for i in 0..<u.count where lower(bytes[k + i]) != u[i] { return false }
            return true
        }

        /// Consumes `[0-9]+`; nil (nothing consumed) when no digit is here.
        mutating func number() -> Int? {
            guard isDigit(pos) else { return nil }
            var value = 0
            while isDigit(pos) {
                let d = bytes[pos]
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int(d - 48))
                if o1 || o2 { overflowed = true }
                value = s
                pos += 1
            }
            return overflowed ? 0 : value
        }

        /// Matches a version at `pos` and advances past it; nil (position unspecified) when none starts here.
        /// Release numbers go inline (four) and into a tail array only beyond that.
        mutating func version(allowLocal: Bool) -> Version? {
            if byte(pos) == UInt8(ascii: "v") { pos += 1 }
            guard let first = number() else { return nil }
            var epoch = 0
            var inline = (first, 0, 0, 0)
            var count = 1
            var tail: [Int]?
            if byte(pos) == UInt8(ascii: "!") {
                pos += 1
                guard let r0 = number() else { return nil }
                epoch = first
                inline.0 = r0
            }
            while byte(pos) == UInt8(ascii: "."), isDigit(pos + 1) {
                pos += 1
                guard let n = number() else { continue }
                switch count {
                case 1: inline.1 = n
                case 2: inline.2 = n
                case 3: inline.3 = n
                default: tail = (tail ?? []) + [n]
                }
                count += 1
            }
            let pre = preRelease()
            let post = postRelease()
            let dev = devRelease()
            var local = Version.LocalLabel.none
            if allowLocal, byte(pos) == UInt8(ascii: "+") {
                pos += 1
                guard let label = localLabel() else { return nil }
                local = label
            }
            return Version(validEpoch: epoch, inline: inline, count: count, tail: tail, preKind: pre?.kind,
                           preNumber: pre?.number ?? 0, post: post, dev: dev, label: local)
        }

        /// `[._-]? word [._-]? [0-9]*` for the first word in `words` that matches; returns the word's index.
        mutating func lettered(_ words: [[UInt8]]) -> (index: Int, number: Int)? {
            var k = pos
            if isSep(k) { k += 1 }
            // Every word starts with a letter: skip the search when none is here.
            guard let first = byte(k), first >= 97, first <= 122 else { return nil }
            guard let idx = words.firstIndex(where: { $0[0] == first && hasWord($0, at: k) }) else { return nil }
            pos = k + words[idx].count
            if isSep(pos) { pos += 1 }
            return (idx, number() ?? 0)
        }

        mutating func preRelease() -> (kind: Version.PreKind, number: Int)? {
            guard let m = lettered(VersionParser.preWordBytes) else { return nil }
            return (VersionParser.preWords[m.index].1, m.number)
        }

        mutating func postRelease() -> Int? {
            if byte(pos) == UInt8(ascii: "-"), isDigit(pos + 1) {
                pos += 1
                return number()
            }
            return lettered(VersionParser.postWordBytes)?.number
        }

        mutating func devRelease() -> Int? { lettered(VersionParser.devWordBytes)?.number }

        /// `[a-z0-9]+([._-][a-z0-9]+)*` normalised like `localText()`, packed into two words when it has at most 16
        /// bytes (every label PyTorch and its extensions use) and as text otherwise; nil when no segment starts here.
        mutating func localLabel() -> Version.LocalLabel? {
            guard isAlnum(pos) else { return nil }
            let start = pos
            var packed = Version.PackedLabelBuilder()
            var fits = true
            while true {
                let segmentStart = pos
                var digitsOnly = true
                while isAlnum(pos) {
                    if bytes[pos] > 57 { digitsOnly = false }
                    pos += 1
                }
                if fits {
                    if segmentStart != start { fits = packed.append(0x2E) }
                    var k = segmentStart
                    if digitsOnly { while k < pos - 1, bytes[k] == 48 { k += 1 } }  // `007` → `7`
                    while fits, k < pos {
                        fits = packed.append(lower(bytes[k]))
                        k += 1
                    }
                }
                guard isSep(pos), isAlnum(pos + 1) else { break }
                pos += 1
            }
            if fits { return packed.label }
            pos = start
            return localText().map { .text($0) }
        }

        /// `[a-z0-9]+([._-][a-z0-9]+)*` as normalised text: segments lower-cased, numeric ones without leading
        /// zeros, joined with `.`; nil when no segment starts here. One string (inline for short labels).
        mutating func localText() -> String? {
            guard isAlnum(pos) else { return nil }
            var segments: [Range<Int>] = []
            func segment(_ c: inout Cursor) -> Range<Int> {
                let start = c.pos
                while c.isAlnum(c.pos) { c.pos += 1 }
                return start..<c.pos
            }
            segments.append(segment(&self))
            while isSep(pos), isAlnum(pos + 1) {
                pos += 1
                segments.append(segment(&self))
            }
            var length = 0
            for (k, r) in segments.enumerated() { length += r.count + (k > 0 ? 1 : 0) }
            let bytes = self.bytes
            return String(unsafeUninitializedCapacity: length) { out in
                var w = 0
                for (k, r) in segments.enumerated() {
                    if k > 0 { out[w] = 0x2E; w += 1 }
                    var start = r.lowerBound
                    if bytes[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                        while start < r.upperBound - 1, bytes[start] == 48 { start += 1 }  // `007` → `7`
                    }
                    for i in start..<r.upperBound {
                        let c = bytes[i]
                        out[w] = c >= 65 && c <= 90 ? c + 32 : c
                        w += 1
                    }
                }
                return w
            }
        }
    }
}
