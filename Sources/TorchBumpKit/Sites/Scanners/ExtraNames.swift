/// Names of uv extras and dependency groups that encode a variant (`cu128`, `torch-cu128`, `cpu`): how they are
/// recognised in text, and the notes their `extra-name` sites carry.
enum ExtraNames {
    /// `PinSite.name` of an extra-name site: which uv selector the name belongs to.
    enum Selector: String {
        case extra, group
    }

    /// `PinSite.note` of the site where the extra or group is defined (the `[project.optional-dependencies]` or
    /// `[dependency-groups]` key). Every other extra-name site is a reference.
    static let definitionNote = "definition"

    /// Byte range of the variant tag inside a name such as `cu128`, `pytorch-cu126`, `torch_rocm6.3`, `cpu`.
    static func variantToken(in name: String) -> (start: Int, end: Int)? {
        let bytes = Array(name.utf8)
        var start = 0
        for k in 0...bytes.count where k == bytes.count || bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "_") {
            let word = String(decoding: bytes[start..<k], as: UTF8.self)
            if Variant(tag: word) != nil { return (start, k) }
            start = k + 1
        }
        return nil
    }

    /// The variant a name encodes, if any.
    static func variant(in name: String) -> Variant? {
        guard let token = variantToken(in: name) else { return nil }
        let bytes = Array(name.utf8)
        return Variant(tag: String(decoding: bytes[token.start..<token.end], as: UTF8.self))
    }

    /// `name` with its variant token replaced by `variant`'s tag (case of the original kept).
    static func renamed(_ name: String, to variant: Variant) -> String {
        guard let token = variantToken(in: name) else { return name }
        let bytes = Array(name.utf8)
        let old = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        let tag = old.lowercased() == old ? variant.tag : variant.tag.uppercased()
        return String(decoding: bytes[..<token.start], as: UTF8.self) + tag
            + String(decoding: bytes[token.end...], as: UTF8.self)
    }

    /// PEP 685 normalisation (what uv compares): lower case, runs of `-`, `_`, `.` become one `-`.
    static func normalize(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for c in name.lowercased() {
            if c == "-" || c == "_" || c == "." {
                pendingDash = true
            } else {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(c)
            }
        }
        return out
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    /// A selector name found in command text, with its byte range relative to the text.
    struct Use: Equatable {
        var start: Int
        var end: Int
        var selector: Selector
        var note: String
    }

    /// Names selected in command text: `--extra cu128`, `--extra=cu128`, `--group cu128`, `--only-group cu128`,
    /// `--extras "cu128 kernels"` (Poetry), `.[cu128,kernels]` (pip), and prose that names one in backquotes
    /// (``the `cu128` extra``, ``extra `cu128` ``). Only names that encode a variant are returned.
    static func uses(in bytes: [UInt8]) -> [Use] {
        var out = prose(in: bytes)
        let flags: [(String, Selector)] = [("--extras", .extra), ("--extra", .extra), ("--only-group", .group), ("--group", .group)]
        var k = 0
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "-"), k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "-"),
               k == 0 || !isNameByte(bytes[k - 1]) {
                for (flag, selector) in flags where matches(bytes, at: k, flag) {
                    let end = k + flag.utf8.count
                    guard end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == UInt8(ascii: "=")
                    else { continue }
                    out += names(after: end, in: bytes, selector: selector, list: flag == "--extras", note: "\(flag) option")
                    break
                }
            } else if bytes[k] == UInt8(ascii: "."), k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "["),
                      k == 0 || !isNameByte(bytes[k - 1]) || bytes[k - 1] == UInt8(ascii: ".") {
                // `.[cu128,kernels]` / `..[x]`: the local project's extras.
                var j = k + 2
                var start = j
                while j < bytes.count, bytes[j] != UInt8(ascii: "]"), bytes[j] != 0x0A {
                    if bytes[j] == UInt8(ascii: ",") {
                        if let use = use(bytes, start, j, .extra, "pip install of the project's extras") { out.append(use) }
                        start = j + 1
                    }
                    j += 1
                }
                if j < bytes.count, bytes[j] == UInt8(ascii: "]"),
                   let use = use(bytes, start, j, .extra, "pip install of the project's extras") { out.append(use) }
                k = j
            }
            k += 1
        }
        return out
    }

    /// ``the `cu128` extra`` / ``dependency group `cu128` ``: a backquoted name right before or after the word.
    private static func prose(in bytes: [UInt8]) -> [Use] {
        var out: [Use] = []
        let tick = UInt8(ascii: "`")
        var k = 0
        while k < bytes.count {
            guard bytes[k] == tick else { k += 1; continue }
            var end = k + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            guard end < bytes.count, bytes[end] == tick, end > k + 1,
                  variant(in: String(decoding: bytes[(k + 1)..<end], as: UTF8.self)) != nil else { k = end; continue }
            let before = String(decoding: bytes[..<k], as: UTF8.self).lowercased()
            let after = String(decoding: bytes[(end + 1)...], as: UTF8.self).lowercased()
            let word: (String) -> ExtraNames.Selector? = { text in
                if text.hasPrefix("extra") { return .extra }
                if text.hasPrefix("group") || text.hasPrefix("dependency group") { return .group }
                return nil
            }
            let selector = word(String(after.drop { $0 == " " }))
                ?? (before.hasSuffix("extra ") || before.hasSuffix("extras ") ? .extra
                    : before.hasSuffix("group ") ? .group : nil)
            if let selector, let use = use(bytes, k + 1, end, selector, "named in prose") { out.append(use) }
            k = end + 1
        }
        return out
    }

    private static func matches(_ bytes: [UInt8], at k: Int, _ text: String) -> Bool {
        let t = Array(text.utf8)
        guard k + t.count <= bytes.count else { return false }
        return Array(bytes[k..<(k + t.count)]) == t
    }

    /// The name (or, for `--extras`, the quoted list of names) after a flag and its separator.
    private static func names(after end: Int, in bytes: [UInt8], selector: Selector, list: Bool, note: String) -> [Use] {
        var j = end
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == UInt8(ascii: "=") { j += 1 }
        var quote: UInt8?
        if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") { quote = bytes[j]; j += 1 }
        var out: [Use] = []
        repeat {
            let start = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            // `--extra ${{ matrix.extra }}` / `--extra "$EXTRA"`: a variable, not a name.
            if j < bytes.count, bytes[j] == UInt8(ascii: "$") || bytes[j] == UInt8(ascii: "{") { return out }
            if let use = use(bytes, start, j, selector, note) { out.append(use) }
            guard list, let q = quote else { break }
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == UInt8(ascii: ",") { j += 1 }
            if j >= bytes.count || bytes[j] == q || !isNameByte(bytes[j]) { break }
        } while true
        return out
    }

    private static func use(_ bytes: [UInt8], _ start: Int, _ end: Int, _ selector: Selector, _ note: String) -> Use? {
        var s = start, e = end
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        guard e > s, bytes[s..<e].allSatisfy(isNameByte) else { return nil }
        let name = String(decoding: bytes[s..<e], as: UTF8.self)
        guard variant(in: name) != nil else { return nil }
        return Use(start: s, end: e, selector: selector, note: note)
    }

    /// Drops variant sites that an extra-name site covers (a CI `extra: cu128` value, the `cu128` in a comment's
    /// `uv sync --extra cu128`): the name is planned with its definition, not as a free-standing variant tag.
    static func supersedingVariants(_ sites: [PinSite]) -> [PinSite] {
        var names: [String: [Span]] = [:]
        for site in sites where site.kind == .extraName { names[site.path, default: []].append(site.span) }
        guard !names.isEmpty else { return sites }
        return sites.filter { site in
            guard site.kind == .variant, let spans = names[site.path] else { return true }
            return !spans.contains { $0.overlaps(site.span) }
        }
    }
}
