import Foundation

/// The index settings of a uv configuration file (`uv.toml`): `[[index]]` tables (or an inline `index = [...]`
/// array), the deprecated `index-url`/`extra-index-url`, and the same keys under `[pip]`.
public struct UVConfigFile: Hashable, Sendable {
    /// One `[[index]]` entry.
    public struct Index: Hashable, Sendable {
        public var name: String?
        public var url: String
        public var isDefault: Bool
        public var explicit: Bool
    }

    public var indexes: [Index] = []
    public var indexURL: String?
    public var extraIndexURLs: [String] = []
    public var pipIndexURL: String?
    public var pipExtraIndexURLs: [String] = []

    /// Reads the subset of TOML these keys need; anything else is skipped, malformed lines are ignored.
    public static func parse(_ text: String) -> UVConfigFile {
        var config = UVConfigFile()
        for (table, isArrayTable, key, value) in MiniTOML.entries(text) where !isArrayTable {
            switch (table, key) {
            case ([], ["index-url"]): config.indexURL = value.string
            case ([], ["extra-index-url"]): config.extraIndexURLs += value.strings
            case (["pip"], ["index-url"]): config.pipIndexURL = value.string
            case (["pip"], ["extra-index-url"]): config.pipExtraIndexURLs += value.strings
            case ([], ["index"]):
                for item in value.array { if let index = Index(item) { config.indexes.append(index) } }
            default: break
            }
        }
        for table in MiniTOML.arrayTables(text, named: ["index"]) {
            if let index = Index(.table(table)) { config.indexes.append(index) }
        }
        return config
    }

    /// The `default = true` index, else `index-url`, else `[pip] index-url`.
    public var defaultIndex: (url: String, key: String)? {
        if let d = indexes.last(where: \.isDefault) { return (d.url, "[[index]] default = true") }
        if let u = indexURL { return (u, "index-url") }
        if let u = pipIndexURL { return (u, "[pip] index-url") }
        return nil
    }
}

extension UVConfigFile.Index {
    init?(_ value: MiniTOML.Value) {
        guard case .table(let t) = value, let url = t["url"]?.string else { return nil }
        self.init(name: t["name"]?.string, url: url, isDefault: t["default"]?.bool ?? false,
                  explicit: t["explicit"]?.bool ?? false)
    }
}

/// A deliberately small TOML reader: strings (all four kinds), booleans, arrays, inline tables, `[table]` and
/// `[[array-table]]` headers, dotted and quoted keys, comments. Numbers and dates are read as `.other`.
enum MiniTOML {
    indirect enum Value: Hashable {
        case string(String), bool(Bool), array([Value]), table([String: Value]), other

        var string: String? { if case .string(let s) = self { return s } else { return nil } }
        var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
        var array: [Value] { if case .array(let a) = self { return a } else { return [] } }
        /// A string, or the strings of an array.
        var strings: [String] {
            switch self {
            case .string(let s): return [s]
            case .array(let a): return a.compactMap(\.string)
            default: return []
            }
        }
    }

    /// Every `key = value` with the table header it appears under.
    static func entries(_ text: String) -> [(table: [String], isArrayTable: Bool, key: [String], value: Value)] {
        var p = Parser(Array(text.unicodeScalars))
        var out: [(table: [String], isArrayTable: Bool, key: [String], value: Value)] = []
        var table: [String] = []
        var isArray = false
        while let item = p.nextItem() {
            switch item {
            case .header(let path, let array): table = path; isArray = array
            case .pair(let key, let value): out.append((table, isArray, key, value))
            }
        }
        return out
    }

    /// The tables of every `[[name]]` header, in order.
    static func arrayTables(_ text: String, named name: [String]) -> [[String: Value]] {
        var tables: [[String: Value]] = []
        var inside = false
        var p = Parser(Array(text.unicodeScalars))
        while let item = p.nextItem() {
            switch item {
            case .header(let path, let array):
                inside = array && path == name
                if inside { tables.append([:]) }
            case .pair(let key, let value):
                if inside, key.count == 1, !tables.isEmpty { tables[tables.count - 1][key[0]] = value }
            }
        }
        return tables
    }

    enum Item { case header([String], array: Bool), pair([String], Value) }

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        var atEnd: Bool { i >= s.count }
        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        mutating func skipSpaces() { while let c = peek(), c == " " || c == "\t" { i += 1 } }
        mutating func skipLine() { while let c = peek(), c != "\n" { i += 1 }; i += 1 }
        /// Spaces, newlines and comments (inside arrays).
        mutating func skipBlank() {
            while let c = peek() {
                if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
                else if c == "#" { while let d = peek(), d != "\n" { i += 1 } }
                else { break }
            }
        }

        mutating func nextItem() -> Item? {
            while !atEnd {
                skipBlank()
                guard let c = peek() else { return nil }
                if c == "[" {
                    let array = peek(1) == "["
                    i += array ? 2 : 1
                    let path = key(until: "]")
                    skipLine()
                    return .header(path, array: array)
                }
                let k = key(until: "=")
                guard peek() == "=", !k.isEmpty else { skipLine(); continue }
                i += 1
                skipSpaces()
                let v = value()
                skipLine()
                return .pair(k, v)
            }
            return nil
        }

        /// A dotted key up to `stop` (consumed when it is `]`), with quoted parts.
        mutating func key(until stop: Unicode.Scalar) -> [String] {
            var parts: [String] = []
            var current = ""
            while let c = peek(), c != stop, c != "\n" {
                if c == "\"" || c == "'" { current += quoted(c) }
                else if c == "." { parts.append(current.trimmingCharacters(in: .whitespaces)); current = ""; i += 1 }
                else { current.unicodeScalars.append(c); i += 1 }
            }
            parts.append(current.trimmingCharacters(in: .whitespaces))
            if stop == "]" { while peek() == "]" { i += 1 } }
            return parts.allSatisfy(\.isEmpty) ? [] : parts
        }

        mutating func quoted(_ q: Unicode.Scalar) -> String {
            let multi = peek(1) == q && peek(2) == q
            i += multi ? 3 : 1
            if multi, peek() == "\n" { i += 1 } else if multi, peek() == "\r", peek(1) == "\n" { i += 2 }
            var out = ""
            while let c = peek() {
                if multi ? (c == q && peek(1) == q && peek(2) == q) : (c == q) { i += multi ? 3 : 1; return out }
                if !multi, c == "\n" { return out }
                if q == "\"", c == "\\", let e = peek(1) {
                    i += 2
                    switch e {
                    case "n": out += "\n"
                    case "t": out += "\t"
                    case "\\": out += "\\"
                    case "\"": out += "\""
                    case "u", "U":
                        let n = e == "u" ? 4 : 8
                        let hex = String(String.UnicodeScalarView(s[min(i, s.count)..<min(i + n, s.count)]))
                        if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                        i = min(i + n, s.count)
                    default: out.unicodeScalars.append(e)
                    }
                    continue
                }
                out.unicodeScalars.append(c)
                i += 1
            }
            return out
        }

        mutating func value() -> Value {
            guard let c = peek() else { return .other }
            switch c {
            case "\"", "'": return .string(quoted(c))
            case "[":
                i += 1
                var items: [Value] = []
                while true {
                    skipBlank()
                    guard let d = peek() else { return .array(items) }
                    if d == "]" { i += 1; return .array(items) }
                    if d == "," { i += 1; continue }
                    let before = i
                    items.append(value())
                    if i == before { i += 1 }
                }
            case "{":
                i += 1
                var table: [String: Value] = [:]
                while true {
                    skipSpaces()
                    guard let d = peek(), d != "\n" else { return .table(table) }
                    if d == "}" { i += 1; return .table(table) }
                    if d == "," { i += 1; continue }
                    let k = key(until: "=")
                    guard peek() == "=" else { return .table(table) }
                    i += 1
                    skipSpaces()
                    let v = value()
                    if let first = k.first, k.count == 1 { table[first] = v }
                }
            default:
                var word = ""
                while let d = peek(), !(d == "," || d == "]" || d == "}" || d == "\n" || d == "#" || d == " " || d == "\r") {
                    word.unicodeScalars.append(d)
                    i += 1
                }
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                return .other
            }
        }
    }
}
