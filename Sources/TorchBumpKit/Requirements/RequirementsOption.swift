import Foundation

/// One option of a requirements file (`--extra-index-url URL`, `-r common.txt`, `--pre`, `--hash=sha256:…`) with
/// the spans of its name and value.
public struct RequirementsOption: Hashable, Sendable {
    /// What the option means to pip; abbreviations (`--extra-index`) resolve like pip's optparse does.
    public enum Kind: Hashable, Sendable {
        case indexURL, extraIndexURL, noIndex, findLinks, requirement, constraint, editable, pre, trustedHost,
             noBinary, onlyBinary, preferBinary, requireHashes, useFeature, hash, configSettings, globalOption
        /// An option pip does not accept in requirements files, kept with its name as written.
        case other(String)
    }

    public var kind: Kind
    /// The name as written: `-i`, `--extra-index-url`.
    public var name: String
    public var nameSpan: Span
    /// The value with shell quoting removed (`${VAR}` kept verbatim); nil for flags.
    public var value: String?
    /// Span of the value text in the file (inside quotes when the whole value is quoted).
    public var valueSpan: Span?

    public init(kind: Kind, name: String, nameSpan: Span, value: String? = nil, valueSpan: Span? = nil) {
        self.kind = kind
        self.name = name
        self.nameSpan = nameSpan
        self.value = value
        self.valueSpan = valueSpan
    }

    /// True for options that name a package index (`-i`, `--index-url`, `--extra-index-url`, `-f`, `--find-links`).
    public var isIndex: Bool { [.indexURL, .extraIndexURL, .findLinks].contains(kind) }

    /// The options pip's requirements-file parser knows: long names, short name, whether a value follows.
    static let known: [(kind: Kind, long: String, short: String?, takesValue: Bool)] = [
        (.indexURL, "--index-url", "-i", true), (.extraIndexURL, "--extra-index-url", nil, true),
        (.noIndex, "--no-index", nil, false), (.constraint, "--constraint", "-c", true),
        (.requirement, "--requirement", "-r", true), (.editable, "--editable", "-e", true),
        (.findLinks, "--find-links", "-f", true), (.noBinary, "--no-binary", nil, true),
        (.onlyBinary, "--only-binary", nil, true), (.preferBinary, "--prefer-binary", nil, false),
        (.requireHashes, "--require-hashes", nil, false), (.pre, "--pre", nil, false),
        (.trustedHost, "--trusted-host", nil, true), (.useFeature, "--use-feature", nil, true),
        (.globalOption, "--global-option", nil, true), (.hash, "--hash", nil, true),
        (.configSettings, "--config-settings", nil, true),
    ]
}

/// A shell word of an option string (shlex-style, POSIX quoting) with its logical range and decoded value.
struct ShellWord {
    var start: Int
    var end: Int
    var value: String
    /// Logical range of the value when it can be pointed at exactly (unquoted, or one quoted string).
    var valueRange: (Int, Int)

    /// Splits `t[a..<b]` into words the way `shlex.split` does; unterminated quotes end at `b`.
    static func split(_ t: LogicalText, _ a: Int, _ b: Int) -> [ShellWord] {
        var words: [ShellWord] = []
        var i = a
        while i < b {
            while i < b, t.bytes[i] == 0x20 || t.bytes[i] == 0x09 || t.bytes[i] == 0x0A || t.bytes[i] == 0x0D { i += 1 }
            guard i < b else { break }
            let start = i
            var out: [UInt8] = []
            var quotedWhole: (Int, Int)?
            var plain = true
            while i < b, !(t.bytes[i] == 0x20 || t.bytes[i] == 0x09) {
                let c = t.bytes[i]
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    let q = c
                    let open = i
                    i += 1
                    while i < b, t.bytes[i] != q {
                        if q == UInt8(ascii: "\""), t.bytes[i] == UInt8(ascii: "\\"), i + 1 < b,
                           [UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "`")].contains(t.bytes[i + 1]) {
                            i += 1
                            plain = false
                        }
                        out.append(t.bytes[i])
                        i += 1
                    }
                    if open == start { quotedWhole = (open + 1, i) }
                    if i < b { i += 1 }
                    if i < b, !(t.bytes[i] == 0x20 || t.bytes[i] == 0x09) { quotedWhole = nil }
                    plain = false
                } else if c == UInt8(ascii: "\\"), i + 1 < b {
                    out.append(t.bytes[i + 1])
                    i += 2
                    plain = false
                } else {
                    out.append(c)
                    i += 1
                }
            }
            let range = plain ? (start, i) : (quotedWhole ?? (start, i))
            words.append(ShellWord(start: start, end: i, value: String(decoding: out, as: UTF8.self), valueRange: range))
        }
        return words
    }
}

/// Parses the options part of a logical line the way pip's optparse-based parser reads it.
struct OptionLineParser {
    let t: LogicalText

    struct Result {
        var options: [RequirementsOption] = []
        var problems: [RequirementError] = []
        var ignored: [String] = []
    }

    func parse(_ a: Int, _ b: Int) -> Result {
        var result = Result()
        let words = ShellWord.split(t, a, b)
        var i = 0
        while i < words.count {
            let w = words[i]
            i += 1
            guard w.value.hasPrefix("-"), w.value != "-" else {
                result.ignored.append(w.value)
                continue
            }
            let isLong = w.value.hasPrefix("--")
            var name = w.value
            var inlineValue: (String, Int, Int)?
            if isLong, let eq = w.value.firstIndex(of: "=") {
                name = String(w.value[..<eq])
                // The value starts after `=` in the raw text (quotes inside it are stripped when they wrap it).
                let rawEq = (w.start..<w.end).first { t.bytes[$0] == UInt8(ascii: "=") } ?? w.end
                var (vs, ve) = (rawEq + 1, w.end)
                if ve - vs >= 2, let f = t.byte(vs), f == UInt8(ascii: "\"") || f == UInt8(ascii: "'"), t.byte(ve - 1) == f {
                    vs += 1
                    ve -= 1
                }
                inlineValue = (String(w.value[w.value.index(after: eq)...]), vs, ve)
            } else if !isLong, w.value.utf8.count > 2 {
                name = String(w.value.prefix(2))
                let n = name.utf8.count
                inlineValue = (String(w.value.dropFirst(2)), w.start + n, w.end)
            }
            let nameSpan = t.span(w.start, w.start + name.utf8.count)
            let matches = RequirementsOption.known.filter { isLong ? $0.long.hasPrefix(name) : $0.short == name }
            let exact = RequirementsOption.known.first { isLong ? $0.long == name : $0.short == name }
            guard let spec = exact ?? (matches.count == 1 ? matches.first : nil) else {
                if matches.count > 1 {
                    result.problems.append(.invalidOption(name, reason: "ambiguous abbreviation of " +
                        matches.map(\.long).joined(separator: ", ")))
                } else {
                    result.problems.append(.unknownOption(name))
                }
                var option = RequirementsOption(kind: .other(name), name: name, nameSpan: nameSpan)
                if let (v, vs, ve) = inlineValue {
                    option.value = v
                    option.valueSpan = t.span(vs, ve)
                } else if i < words.count, !words[i].value.hasPrefix("-") {
                    option.value = words[i].value
                    option.valueSpan = t.span(words[i].valueRange.0, words[i].valueRange.1)
                    i += 1
                }
                result.options.append(option)
                continue
            }
            var option = RequirementsOption(kind: spec.kind, name: name, nameSpan: nameSpan)
            if spec.takesValue {
                if let (v, vs, ve) = inlineValue {
                    option.value = v
                    option.valueSpan = t.span(vs, ve)
                } else if i < words.count {
                    option.value = words[i].value
                    option.valueSpan = t.span(words[i].valueRange.0, words[i].valueRange.1)
                    i += 1
                } else {
                    result.problems.append(.invalidOption(name, reason: "\(spec.long) needs a value"))
                }
            } else if inlineValue != nil {
                result.problems.append(.invalidOption(w.value, reason: "\(spec.long) takes no value"))
            }
            result.options.append(option)
        }
        return result
    }
}
