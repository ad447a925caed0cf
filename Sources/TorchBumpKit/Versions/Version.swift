import Foundation

/// A PEP 440 version, parsed, normalised and ordered exactly like pypa `packaging`'s `Version`.
///
/// Equality and hashing follow the ordering (`1.0 == 1.0.0`, `1.0+01 == 1.0+1`); `description` keeps the
/// release segment as written (`1.0.0` stays `1.0.0`) but normalises everything else.
public struct Version: Sendable {
    /// The pre-release kind; `alpha`, `beta`, `c`, `pre` and `preview` are spellings of these.
    public enum PreKind: String, Sendable, Codable, CaseIterable, Comparable {
        case a, b, rc

        private var rank: Int { self == .a ? 0 : self == .b ? 1 : 2 }
        public static func < (l: PreKind, r: PreKind) -> Bool { l.rank < r.rank }
    }

    /// The numbers and label of a version that does not fit the inline form: more than four release numbers, a
    /// number of 2³² or more (besides the dev number), or a local label longer than 16 bytes.
    final class Spill: Sendable {
        let epoch: Int
        let release: [Int]
        let preNumber: Int
        let post: Int
        let dev: Int
        /// Local segments joined with `.`; empty when there is no local label.
        let localText: String

        init(epoch: Int, release: [Int], preNumber: Int, post: Int, dev: Int, localText: String) {
            self.epoch = epoch
            self.release = release
            self.preNumber = preNumber
            self.post = post
            self.dev = dev
            self.localText = localText
        }
    }

    // Storage: 64 bytes, declared in layout order. Nearly every real version (`2.9.0`, `2.9.0.dev20250801+cu128`,
    // `0.0.33.post1`, `2.7.0+rocm6.2.4`) fits the inline form, which holds no reference but a nil `spill`: copying,
    // comparing and sorting 100,000 of them touches no reference count and half the memory of a field-per-part
    // layout. Release numbers past `releaseCount` are 0, so inline releases compare as four numbers.
    private let r0: UInt32, r1: UInt32, r2: UInt32, r3: UInt32
    private let epochValue: UInt32
    private let preValue: UInt32
    private let postValue: UInt32
    /// Release numbers written (1...4); for a spilled version, `spill.release.count` counts.
    private let inlineCount: UInt8
    /// 0 none, 1 a, 2 b, 3 rc.
    private let preCode: UInt8
    /// 1: has post, 2: has dev.
    private let flags: UInt8
    /// Bytes of the inline local label (0: none).
    private let labelCount: UInt8
    private let devValue: UInt64
    /// The normalised local label, big-endian: byte 0 is the top byte of `labelHi`, byte 8 the top of `labelLo`.
    private let labelHi: UInt64, labelLo: UInt64
    private let spill: Spill?

    /// Release numbers as written (trailing zeros kept, leading zeros of each number dropped).
    public var release: [Int] {
        if let spill { return spill.release }
        return [Int(r0), Int(r1), Int(r2), Int(r3)].prefix(Int(inlineCount)).map { $0 }
    }

    public var epoch: Int { spill?.epoch ?? Int(epochValue) }
    public var post: Int? { flags & 1 == 0 ? nil : spill?.post ?? Int(postValue) }
    public var dev: Int? { flags & 2 == 0 ? nil : spill?.dev ?? Int(devValue) }
    private var preKind: PreKind? { preCode == 0 ? nil : preCode == 1 ? .a : preCode == 2 ? .b : .rc }
    private var preNumber: Int { spill?.preNumber ?? Int(preValue) }
    private var releaseCount: Int { spill?.release.count ?? Int(inlineCount) }

    /// Local segments, lowercased; purely numeric segments lose leading zeros (`["cu128"]`, `["ubuntu", "1"]`).
    public var local: [String] {
        let text = localText
        return text.isEmpty ? [] : text.split(separator: ".").map(String.init)
    }

    /// Local segments joined with `.`; empty when there is no local label.
    var localText: String {
        if let spill { return spill.localText }
        return labelCount == 0 ? "" : withLocalBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the normalised local label's bytes (empty when there is none).
    @inline(__always) func withLocalBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let spill {
            var text = spill.localText
            return text.withUTF8 { body($0) }
        }
        let packed = (labelHi.bigEndian, labelLo.bigEndian)
        return withUnsafeBytes(of: packed) { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<Int(labelCount)]))
        }
    }

    /// Release number `i` (0-based), 0 beyond the written ones.
    @inline(__always) func releaseNumber(_ i: Int) -> Int {
        if let spill { return i < spill.release.count ? spill.release[i] : 0 }
        switch i {
        case 0: return Int(r0)
        case 1: return Int(r1)
        case 2: return Int(r2)
        case 3: return Int(r3)
        default: return 0
        }
    }

    /// The pre-release segment (`rc1` → `(.rc, 1)`).
    public var pre: (kind: PreKind, number: Int)? { preKind.map { ($0, preNumber) } }

    /// Builds a version from its parts. Negative numbers are clamped to 0, an empty release becomes `[0]`,
    /// and local segments are normalised like parsed ones (invalid characters dropped, empty segments removed).
    public init(
        epoch: Int = 0, release: [Int], pre: (kind: PreKind, number: Int)? = nil, post: Int? = nil,
        dev: Int? = nil, local: [String] = []
    ) {
        let n = release.isEmpty ? [0] : release.map { max(0, $0) }
        let label = Version.normalizedLocal(local).joined(separator: ".")
        self.init(validEpoch: max(0, epoch), inline: (n[0], n.count > 1 ? n[1] : 0, n.count > 2 ? n[2] : 0, n.count > 3 ? n[3] : 0),
                  count: n.count, tail: n.count > 4 ? Array(n[4...]) : nil, preKind: pre?.kind,
                  preNumber: max(0, pre?.number ?? 0), post: post.map { max(0, $0) }, dev: dev.map { max(0, $0) },
                  label: LocalLabel(label))
    }

    /// A normalised local label as the parser or `init` produce it: up to 16 bytes packed, longer ones as text.
    enum LocalLabel {
        case none
        case packed(hi: UInt64, lo: UInt64, count: UInt8)
        case text(String)

        init(_ text: String) {
            var copy = text
            self = copy.withUTF8 { bytes in
                if bytes.isEmpty { return .none }
                var builder = PackedLabelBuilder()
                for b in bytes where !builder.append(b) { return .text(text) }
                return builder.label
            }
        }
    }

    /// Packs up to 16 label bytes big-endian into two words.
    struct PackedLabelBuilder {
        var hi: UInt64 = 0, lo: UInt64 = 0, count: UInt8 = 0

        /// Appends `byte`; false (nothing appended) when 16 bytes are already packed.
        @inline(__always) mutating func append(_ byte: UInt8) -> Bool {
            switch count {
            case 0..<8: hi |= UInt64(byte) << (56 - 8 * UInt64(count))
            case 8..<16: lo |= UInt64(byte) << (56 - 8 * UInt64(count - 8))
            default: return false
            }
            count += 1
            return true
        }

        var label: LocalLabel { count == 0 ? .none : .packed(hi: hi, lo: lo, count: count) }
    }

    /// The one place a version is stored: valid, normalised parts (the first four release numbers in `inline`, any
    /// beyond in `tail`), kept inline when they fit and in a `Spill` otherwise.
    init(validEpoch epoch: Int, inline numbers: (Int, Int, Int, Int), count: Int, tail: [Int]?, preKind: PreKind?,
         preNumber: Int, post: Int?, dev: Int?, label: LocalLabel) {
        let limit = Int(UInt32.max)
        let count = max(1, count)
        preCode = preKind == nil ? 0 : preKind == .a ? 1 : preKind == .b ? 2 : 3
        flags = (post == nil ? 0 : 1) | (dev == nil ? 0 : 2)
        var inlineLabel: (UInt64, UInt64, UInt8)?
        switch label {
        case .none: inlineLabel = (0, 0, 0)
        case let .packed(hi, lo, n): inlineLabel = (hi, lo, n)
        case .text: inlineLabel = nil
        }
        if count <= 4, tail == nil, epoch <= limit, numbers.0 <= limit, numbers.1 <= limit, numbers.2 <= limit,
           numbers.3 <= limit, preNumber <= limit, (post ?? 0) <= limit, let inlineLabel {
            (r0, r1, r2, r3) = (UInt32(numbers.0), UInt32(numbers.1), UInt32(numbers.2), UInt32(numbers.3))
            epochValue = UInt32(epoch)
            preValue = UInt32(preNumber)
            postValue = UInt32(post ?? 0)
            inlineCount = UInt8(count)
            devValue = UInt64(dev ?? 0)
            (labelHi, labelLo, labelCount) = inlineLabel
            spill = nil
        } else {
            (r0, r1, r2, r3) = (0, 0, 0, 0)
            (epochValue, preValue, postValue, inlineCount, devValue) = (0, 0, 0, 0, 0)
            (labelHi, labelLo, labelCount) = (0, 0, 0)
            var release = Array([numbers.0, numbers.1, numbers.2, numbers.3].prefix(min(count, 4)))
            if let tail { release += tail }
            let text: String
            switch label {
            case .none: text = ""
            case let .packed(hi, lo, n):
                text = withUnsafeBytes(of: (hi.bigEndian, lo.bigEndian)) { String(decoding: $0.prefix(Int(n)), as: UTF8.self) }
            case let .text(t): text = t
            }
            spill = Spill(epoch: epoch, release: release, preNumber: preNumber, post: post ?? 0, dev: dev ?? 0,
                          localText: text)
        }
    }

    /// Parses `text` per PEP 440 (case-insensitive, surrounding whitespace and a `v` prefix allowed); nil if invalid.
    public init?(_ text: String) {
        guard let v = VersionParser.parse(text) else { return nil }
        self = v
    }

    /// Parses `text`, throwing `VersionError.invalid(text)` when it is not a PEP 440 version.
    public static func parse(_ text: String) throws -> Version {
        guard let v = Version(text) else { throw VersionError.invalid(text) }
        return v
    }

    // MARK: Properties

    public var major: Int { releaseNumber(0) }
    public var minor: Int { releaseNumber(1) }
    public var micro: Int { releaseNumber(2) }

    /// True for pre-releases and dev releases (what installers exclude by default).
    public var isPrerelease: Bool { preKind != nil || dev != nil }
    public var isDevrelease: Bool { dev != nil }
    public var isPostrelease: Bool { post != nil }

    /// Epoch and release only (`1!2.0rc1.post2+cu128` → `1!2.0`).
    public var baseVersion: Version { Version(epoch: epoch, release: release) }

    /// Everything but the local label.
    public var publicVersion: Version { withLocal(nil) }

    /// The local label joined with `.` (`cu128`, `5d4b92a5.d20251029`), nil when there is none.
    public var localLabel: String? {
        let text = localText
        return text.isEmpty ? nil : text
    }

    /// This version with another local label (`cu128`, `+cpu`, `cpu.cxx11.abi`); nil or an empty label removes it.
    /// Separators `-`, `_` and `.` are accepted; characters outside `[a-z0-9]` are dropped.
    public func withLocal(_ label: String?) -> Version {
        var raw = label ?? ""
        if raw.hasPrefix("+") { raw.removeFirst() }
        let segments = raw.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map(String.init)
        return Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: segments)
    }

    /// The release padded with zeros (or cut) to `count` numbers.
    public func release(padded count: Int) -> [Int] {
        (0..<max(0, count)).map { releaseNumber($0) }
    }

    // MARK: Normalisation helpers

    static func normalizedLocal(_ segments: [String]) -> [String] {
        segments.compactMap { raw -> String? in
            let s = String(String.UnicodeScalarView(raw.lowercased().unicodeScalars.filter {
                ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9")
            }))
            guard !s.isEmpty else { return nil }
            return normalizedLocalSegment(s)
        }
    }

    /// A lowercased `[a-z0-9]+` segment; numeric segments lose leading zeros (`"007"` → `"7"`).
    static func normalizedLocalSegment(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return s }
        let trimmed = s.drop(while: { $0 == "0" })
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// Release without trailing zeros, keeping at least one number (`1.0.0` → `[1]`).
    var trimmedRelease: [Int] {
        var r = release
        while r.count > 1, r.last == 0 { r.removeLast() }
        return r
    }
}

// MARK: - Ordering, equality, hashing (packaging's `_cmpkey`)

extension Version: Comparable, Hashable {
    /// `(pre_rank, pre_n, post_rank, post_n, dev_rank, dev_n)` exactly as packaging builds it (a tuple, so that
    /// comparing versions allocates nothing).
    private var suffixKey: (Int, Int, Int, Int, Int, Int) {
        let preRank: Int, preN: Int
        if preKind == nil && post == nil && dev != nil {
            (preRank, preN) = (-1, 0)          // 1.0.dev0 sorts before 1.0a0
        } else if let preKind {
            (preRank, preN) = (preKind == .a ? 0 : preKind == .b ? 1 : 2, preNumber)
        } else {
            (preRank, preN) = (3, 0)           // no pre-release sorts after rc
        }
        return (preRank, preN, post == nil ? 0 : 1, post ?? 0, dev == nil ? 1 : 0, dev ?? 0)
    }

    /// Three-way comparison: negative, zero or positive.
    public static func compare(_ a: Version, _ b: Version) -> Int {
        if a.spill == nil && b.spill == nil {
            // Inline: unwritten release numbers are stored as 0, so four numbers compare like packaging's padding.
            if a.epochValue != b.epochValue { return a.epochValue < b.epochValue ? -1 : 1 }
            if a.r0 != b.r0 { return a.r0 < b.r0 ? -1 : 1 }
            if a.r1 != b.r1 { return a.r1 < b.r1 ? -1 : 1 }
            if a.r2 != b.r2 { return a.r2 < b.r2 ? -1 : 1 }
            if a.r3 != b.r3 { return a.r3 < b.r3 ? -1 : 1 }
        } else {
            if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
            for i in 0..<max(a.releaseCount, b.releaseCount) {
                let x = a.releaseNumber(i), y = b.releaseNumber(i)
                if x != y { return x < y ? -1 : 1 }
            }
        }
        let sa = a.suffixKey, sb = b.suffixKey
        if sa != sb { return sa < sb ? -1 : 1 }
        if a.spill == nil && b.spill == nil {
            if a.labelCount == b.labelCount && a.labelHi == b.labelHi && a.labelLo == b.labelLo { return 0 }
            if a.labelCount == 0 || b.labelCount == 0 { return a.labelCount == 0 ? -1 : 1 }
        }
        return a.withLocalBytes { x in
            b.withLocalBytes { y in
                x.isEmpty || y.isEmpty ? (x.isEmpty == y.isEmpty ? 0 : (x.isEmpty ? -1 : 1)) : compareLocal(x, y)
            }
        }
    }

    /// No label < any label; alphanumeric segments sort before numeric ones, numeric ones compare as numbers,
    /// and a label that is a prefix of another sorts first. Labels are `.`-joined normalised segments.
    static func compareLocal(_ xa: UnsafeBufferPointer<UInt8>, _ yb: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0, j = 0
        while i < xa.count && j < yb.count {
            var ie = i, je = j
            while ie < xa.count && xa[ie] != 0x2E { ie += 1 }
            while je < yb.count && yb[je] != 0x2E { je += 1 }
            let c = compareLocalSegment(UnsafeBufferPointer(rebasing: xa[i..<ie]), UnsafeBufferPointer(rebasing: yb[j..<je]))
            if c != 0 { return c }
            i = ie + 1
            j = je + 1
        }
        let xDone = i >= xa.count, yDone = j >= yb.count
        return xDone == yDone ? 0 : (xDone ? -1 : 1)
    }

    private static func compareLocalSegment(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let xNum = x.allSatisfy { $0 >= 48 && $0 <= 57 }
        let yNum = y.allSatisfy { $0 >= 48 && $0 <= 57 }
        switch (xNum, yNum) {
        case (true, false): return 1
        case (false, true): return -1
        case (true, true):
            // Leading zeros are already stripped, so length then digits orders numbers of any size.
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            fallthrough
        case (false, false):
            if x.elementsEqual(y) { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        }
    }

    public static func < (a: Version, b: Version) -> Bool { compare(a, b) < 0 }
    public static func == (a: Version, b: Version) -> Bool { compare(a, b) == 0 }

    public func hash(into hasher: inout Hasher) {
        // The same parts for equal versions whatever their storage: trailing zeros and the storage form ignored.
        hasher.combine(epoch)
        var n = releaseCount
        while n > 1, releaseNumber(n - 1) == 0 { n -= 1 }
        hasher.combine(n)
        for i in 0..<n { hasher.combine(releaseNumber(i)) }
        let k = suffixKey
        for part in [k.0, k.1, k.2, k.3, k.4, k.5] { hasher.combine(part) }
        withLocalBytes { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}

// MARK: - Text

extension Version: CustomStringConvertible, Codable {
    /// The normalised form: `1!2.0.0rc1.post2.dev3+cu128`.
    public var description: String {
        var s = epoch != 0 ? "\(epoch)!" : ""
        s += release.map(String.init).joined(separator: ".")
        if let preKind { s += "\(preKind.rawValue)\(preNumber)" }
        if let post { s += ".post\(post)" }
        if let dev { s += ".dev\(dev)" }
        if let localLabel { s += "+\(localLabel)" }
        return s
    }

    /// `description` with trailing zeros of the release removed (packaging's `canonicalize_version`).
    public var canonicalDescription: String {
        Version(epoch: epoch, release: trimmedRelease, pre: pre, post: post, dev: dev, local: local).description
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = Version(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: VersionError.invalid(s).localizedDescription)
        }
        self = v
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

// MARK: - Sorting many versions

extension Version.LocalLabel {
    /// Calls `body` with the label's bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case .none: return body(UnsafeBufferPointer(start: nil, count: 0))
        case let .packed(hi, lo, count):
            return withUnsafeBytes(of: (hi.bigEndian, lo.bigEndian)) { raw in
                body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<Int(count)]))
            }
        case let .text(text):
            var copy = text
            return copy.withUTF8 { body($0) }
        }
    }
}

extension Version {
    /// The version's order as three words, compared in order, for the common shape (epoch and release numbers below
    /// 65,536, post below 65,534, dev below 2³² − 1); nil otherwise. The low 16 bits of the third word are left for
    /// the rank of the local label.
    fileprivate var sortKey: (UInt64, UInt64, UInt64)? {
        let epoch: Int, n: (Int, Int, Int, Int), preNumber: Int, post: Int, dev: Int
        if let spill {
            guard spill.release.count <= 4 || spill.release[4...].allSatisfy({ $0 == 0 }) else { return nil }
            (epoch, preNumber, post, dev) = (spill.epoch, spill.preNumber, spill.post, spill.dev)
            n = (releaseNumber(0), releaseNumber(1), releaseNumber(2), releaseNumber(3))
        } else {
            (epoch, preNumber, post, dev) = (Int(epochValue), Int(preValue), Int(postValue), Int(devValue))
            n = (Int(r0), Int(r1), Int(r2), Int(r3))
        }
        guard epoch < 65_536, n.0 < 65_536, n.1 < 65_536, n.2 < 65_536, n.3 < 65_536, preNumber <= Int(UInt32.max),
              post < 65_534, dev < 0xFFFF_FFFF else { return nil }
        // packaging's _cmpkey: a dev-only release sorts before any pre-release; no pre-release sorts after them all.
        let preRank: UInt64 = preCode != 0 ? UInt64(preCode) : (flags == 2 ? 0 : 4)
        let w0 = UInt64(epoch) << 48 | UInt64(n.0) << 32 | UInt64(n.1) << 16 | UInt64(n.2)
        let w1 = UInt64(n.3) << 48 | preRank << 40 | UInt64(preNumber)
        let postCode: UInt64 = flags & 1 != 0 ? UInt64(post) + 1 : 0
        let devCode: UInt64 = flags & 2 != 0 ? UInt64(dev) : 0xFFFF_FFFF
        return (w0, w1, postCode << 48 | devCode << 16)
    }

    /// The local label as the sort ranks it.
    fileprivate var sortLabel: LocalLabel {
        if let spill { return spill.localText.isEmpty ? .none : .text(spill.localText) }
        return labelCount == 0 ? .none : .packed(hi: labelHi, lo: labelLo, count: labelCount)
    }
}

/// Distinct local labels of a version list, numbered 1, 2, … as first seen: packed labels in an open-addressing
/// table (one probe per version, no string hashing), long ones in a dictionary.
private struct LocalLabelNumbering {
    private var his = [UInt64](repeating: 0, count: 64), los = [UInt64](repeating: 0, count: 64)
    private var ids = [UInt32](repeating: 0, count: 64)
    private var texts: [String: UInt32] = [:]
    private(set) var labels: [Version.LocalLabel] = []

    mutating func number(_ label: Version.LocalLabel) -> UInt32 {
        switch label {
        case .none: return 0
        case let .text(text):
            if let id = texts[text] { return id }
            labels.append(label)
            texts[text] = UInt32(labels.count)
            return UInt32(labels.count)
        case let .packed(hi, lo, _):
            let mask = ids.count - 1
            var slot = Int(truncatingIfNeeded: ((hi &* 0x9E37_79B9_7F4A_7C15) ^ (lo &* 0xC2B2_AE3D_27D4_EB4F)) >> 20) & mask
            while ids[slot] != 0 {
                if his[slot] == hi && los[slot] == lo { return ids[slot] }
                slot = (slot + 1) & mask
            }
            labels.append(label)
            let id = UInt32(labels.count)
            (his[slot], los[slot], ids[slot]) = (hi, lo, id)
            if labels.count * 2 > ids.count { grow() }
            return id
        }
    }

    private mutating func grow() {
        let (oldHis, oldLos, oldIDs) = (his, los, ids)
        let size = ids.count * 4, mask = size - 1
        his = [UInt64](repeating: 0, count: size)
        los = [UInt64](repeating: 0, count: size)
        ids = [UInt32](repeating: 0, count: size)
        for i in 0..<oldIDs.count where oldIDs[i] != 0 {
            let (hi, lo) = (oldHis[i], oldLos[i])
            var slot = Int(truncatingIfNeeded: ((hi &* 0x9E37_79B9_7F4A_7C15) ^ (lo &* 0xC2B2_AE3D_27D4_EB4F)) >> 20) & mask
            while ids[slot] != 0 { slot = (slot + 1) & mask }
            (his[slot], los[slot], ids[slot]) = (hi, lo, oldIDs[i])
        }
    }

    /// rank[id] for every label number (rank[0] = 0: no label sorts first), by PEP 440's local-label order.
    func ranks() -> [UInt64] {
        let order = labels.indices.sorted { a, b in
            labels[a].withBytes { x in labels[b].withBytes { y in Version.compareLocal(x, y) < 0 } }
        }
        var rank = [UInt64](repeating: 0, count: labels.count + 1)
        for (position, index) in order.enumerated() { rank[index + 1] = UInt64(position + 1) }
        return rank
    }
}

extension Array where Element == Version {
    /// The versions in ascending PEP 440 order, like `sorted()` (stable too: equal versions keep their order) but
    /// several times faster on large arrays: it radix-sorts packed integer keys, with the local label ranked once
    /// per distinct label by the full PEP 440 rules. Falls back to `sorted()` when a version does not fit the keys.
    public func sortedByPrecedence() -> [Version] {
        let n = count
        guard n > 1 else { return self }
        guard n < Int(UInt32.max) else { return sorted() }
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 3 * n)
        let indices = UnsafeMutablePointer<UInt32>.allocate(capacity: 3 * n)
        defer {
            words.deallocate()
            indices.deallocate()
        }
        let (w0, w1, w2) = (words, words + n, words + 2 * n)
        let (order, scratch, labelIDs) = (indices, indices + n, indices + 2 * n)
        var numbering = LocalLabelNumbering()
        let packed = withUnsafeBufferPointer { versions -> Bool in
            for i in 0..<n {
                guard let key = versions[i].sortKey else { return false }
                (w0[i], w1[i], w2[i]) = key
                labelIDs[i] = numbering.number(versions[i].sortLabel)
                order[i] = UInt32(i)
            }
            return true
        }
        guard packed, numbering.labels.count < 65_535 else { return sorted() }
        if !numbering.labels.isEmpty {
            let rank = numbering.ranks()
            for i in 0..<n where labelIDs[i] != 0 { w2[i] |= rank[Int(labelIDs[i])] }
        }
        // Stable LSD radix sort, 8-bit digits, least significant word and digit first; one histogram pass per word
        // counts all eight digits, and a digit with one value for every version moves nothing and is skipped.
        var from = order, to = scratch
        var histogram = [Int](repeating: 0, count: 8 * 256)
        histogram.withUnsafeMutableBufferPointer { counts in
            for word in [w2, w1, w0] {
                for i in 0..<counts.count { counts[i] = 0 }
                for i in 0..<n {
                    let k = word[i]
                    for digit in 0..<8 { counts[digit << 8 | Int(truncatingIfNeeded: (k >> (8 * UInt64(digit))) & 0xFF)] += 1 }
                }
                for digit in 0..<8 {
                    let shift = 8 * UInt64(digit), base = digit << 8
                    if counts[base | Int(truncatingIfNeeded: (word[0] >> shift) & 0xFF)] == n { continue }
                    var sum = 0
                    for b in 0..<256 {
                        let c = counts[base | b]
                        counts[base | b] = sum
                        sum += c
                    }
                    for i in 0..<n {
                        let index = from[i]
                        let bucket = base | Int(truncatingIfNeeded: (word[Int(index)] >> shift) & 0xFF)
                        to[counts[bucket]] = index
                        counts[bucket] += 1
                    }
                    swap(&from, &to)
                }
            }
        }
        return withUnsafeBufferPointer { versions in
            [Version](unsafeUninitializedCapacity: n) { out, initialized in
                for i in 0..<n { (out.baseAddress! + i).initialize(to: versions[Int(from[i])]) }
                initialized = n
            }
        }
    }
}
