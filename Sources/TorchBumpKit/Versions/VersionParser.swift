import Foundation

/// A hand-written matcher for packaging's `VERSION_PATTERN` (anchored, case-insensitive, whitespace-trimmed).
///
/// The regex is greedy with possessive separators, so a single left-to-right pass decides every choice:
/// a separator before a pre/post/dev word is taken only when the word follows; a separator after the word
/// is always taken (`1.0a-` is `1.0a0`, as in packaging).
enum VersionParser {
    static let preWords: [(String, Version.PreKind)] = [
        ("alpha", .a), ("a", .a), ("beta", .b), ("b", .b), ("preview", .rc), ("pre", .rc), ("c", .rc), ("rc", .rc),
    ]
    static let postWords = ["post", "rev", "r"]

    static func parse(_ text: String) -> Version? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes = Array(trimmed.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        for k in bytes.indices where bytes[k] >= 65 && bytes[k] <= 90 { bytes[k] += 32 }
        var c = Cursor(bytes: bytes)
        guard let v = c.version(allowLocal: true), c.atEnd, !c.overflowed else { return nil }
        return v
    }

    /// A position in lowercased ASCII bytes.
    struct Cursor {
        let bytes: [UInt8]
        var pos = 0
        var overflowed = false

        init(bytes: [UInt8], pos: Int = 0) {
            self.bytes = bytes
            self.pos = pos
        }

        var atEnd: Bool { pos >= bytes.count }
        func byte(_ k: Int) -> UInt8? { k >= 0 && k < bytes.count ? bytes[k] : nil }
        func isDigit(_ k: Int) -> Bool { byte(k).map { $0 >= 48 && $0 <= 57 } ?? false }
        func isSep(_ k: Int) -> Bool { byte(k).map { $0 == 46 || $0 == 45 || $0 == 95 } ?? false }
        func isAlnum(_ k: Int) -> Bool { byte(k).map { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) } ?? false }

        func hasWord(_ w: String, at k: Int) -> Bool {
            let u = Array(w.utf8)
            guard k >= 0, k + u.count <= bytes.count else { return false }
            return bytes[k..<(k + u.count)].elementsEqual(u)
        }

        /// Consumes `[0-9]+`; nil (nothing consumed) when no digit is here.
        mutating func number() -> Int? {
            guard isDigit(pos) else { return nil }
            var value = 0
            while isDigit(pos), let d = byte(pos) {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int(d - 48))
                if o1 || o2 { overflowed = true }
                value = s
                pos += 1
            }
            return overflowed ? 0 : value
        }

        /// Matches a version at `pos` and advances past it; nil (position unspecified) when none starts here.
        mutating func version(allowLocal: Bool) -> Version? {
            if byte(pos) == UInt8(ascii: "v") { pos += 1 }
            guard let first = number() else { return nil }
            var epoch = 0
            var release = [first]
            if byte(pos) == UInt8(ascii: "!") {
                pos += 1
                guard let r0 = number() else { return nil }
                epoch = first
                release = [r0]
            }
            while byte(pos) == UInt8(ascii: "."), isDigit(pos + 1) {
                pos += 1
                if let n = number() { release.append(n) }
            }
            let pre = preRelease()
            let post = postRelease()
            let dev = devRelease()
            var local: [String] = []
            if allowLocal, byte(pos) == UInt8(ascii: "+") {
                pos += 1
                guard let segments = localSegments() else { return nil }
                local = segments
            }
            return Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
        }

        /// `[._-]? word [._-]? [0-9]*` for the first word in `words` that matches; returns the word's index.
        mutating func lettered(_ words: [String]) -> (index: Int, number: Int)? {
            var k = pos
            if isSep(k) { k += 1 }
            guard let idx = words.firstIndex(where: { hasWord($0, at: k) }) else { return nil }
            pos = k + words[idx].utf8.count
            if isSep(pos) { pos += 1 }
            return (idx, number() ?? 0)
        }

        mutating func preRelease() -> (kind: Version.PreKind, number: Int)? {
            guard let m = lettered(VersionParser.preWords.map(\.0)) else { return nil }
            return (VersionParser.preWords[m.index].1, m.number)
        }

        mutating func postRelease() -> Int? {
            if byte(pos) == UInt8(ascii: "-"), isDigit(pos + 1) {
                pos += 1
                return number()
            }
            return lettered(VersionParser.postWords)?.number
        }

        mutating func devRelease() -> Int? { lettered(["dev"])?.number }

        /// `[a-z0-9]+([._-][a-z0-9]+)*`, normalised; nil when no segment starts here.
        mutating func localSegments() -> [String]? {
            var segments: [String] = []
            func segment(_ c: inout Cursor) -> String? {
                let start = c.pos
                while c.isAlnum(c.pos) { c.pos += 1 }
                guard c.pos > start else { return nil }
                return String(decoding: c.bytes[start..<c.pos], as: UTF8.self)
            }
            guard let first = segment(&self) else { return nil }
            segments.append(first)
            while isSep(pos), isAlnum(pos + 1) {
                pos += 1
                if let s = segment(&self) { segments.append(s) }
            }
            return segments.map(Version.normalizedLocalSegment)
        }
    }
}
