/// A JSON value with the file mapping of its strings, enough to walk a document's members and turn string values
/// into sites. A string with escapes maps its decoded bytes to the escape, so it has no contiguous span and never
/// becomes an editable site by accident.
indirect enum JSONNode {
    case object([JSONMember])
    case array([JSONNode])
    case string(MappedText)
    /// Numbers, `true`, `false`, `null`.
    case scalar(MappedText)
}

struct JSONMember {
    var key: MappedText
    var value: JSONNode
}

/// A strict, small JSON reader (RFC 8259; no comments, no trailing commas) over a `SourceFile`'s bytes.
enum JSONTree {
    /// Deeper documents are not read (no site lives that deep, and recursion stays bounded).
    static let maxDepth = 64

    /// The document, or nil when the file is not JSON.
    static func parse(_ file: SourceFile) -> JSONNode? {
        var reader = Reader(file: file, i: file.contentStart)
        guard let root = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.i == file.bytes.count ? root : nil
    }

    private struct Reader {
        let file: SourceFile
        var i: Int
        var b: [UInt8] { file.bytes }

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        }

        mutating func value(depth: Int) -> JSONNode? {
            guard depth < JSONTree.maxDepth else { return nil }
            skipSpace()
            guard i < b.count else { return nil }
            switch b[i] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22: return string().map(JSONNode.string)
            default: return scalar()
            }
        }

        mutating func object(depth: Int) -> JSONNode? {
            i += 1
            var members: [JSONMember] = []
            skipSpace()
            if i < b.count, b[i] == 0x7D { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < b.count, b[i] == 0x22, let key = string() else { return nil }
                skipSpace()
                guard i < b.count, b[i] == 0x3A else { return nil }
                i += 1
                guard let v = value(depth: depth + 1) else { return nil }
                members.append(JSONMember(key: key, value: v))
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x7D { i += 1; return .object(members) }
                return nil
            }
        }

        mutating func array(depth: Int) -> JSONNode? {
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < b.count, b[i] == 0x5D { i += 1; return .array(items) }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x5D { i += 1; return .array(items) }
                return nil
            }
        }

        /// A string at `i` (on the opening quote), decoded, each byte mapped to its file offset.
        mutating func string() -> MappedText? {
            i += 1
            var out = MappedText()
            out.endOffset = i
            while i < b.count {
                let c = b[i]
                if c == 0x22 { i += 1; return out }
                if c < 0x20 { return nil }
                if c != 0x5C { out.append(c, from: i); i += 1; continue }
                let escape = i
                guard i + 1 < b.count else { return nil }
                let e = b[i + 1]
                i += 2
                let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A,
                                              0x72: 0x0D, 0x74: 0x09]
                if let decoded = simple[e] { out.append(decoded, from: escape); continue }
                guard e == 0x75, var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar), i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 {
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                for byte in String(Character(character)).utf8 { out.append(byte, from: escape) }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16)
            else { return nil }
            i += 4
            return v
        }

        mutating func scalar() -> JSONNode? {
            let start = i
            while i < b.count, ASCII.isAlnum(b[i]) || b[i] == 0x2D || b[i] == 0x2B || b[i] == 0x2E { i += 1 }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            guard i > start, text == "true" || text == "false" || text == "null" || Double(text) != nil else { return nil }
            return .scalar(MappedText(file: file, span: Span(start, i)))
        }
    }
}
