/// A TOML file read for its positions: every key/value with the exact byte spans of keys and values,
/// table headers, and syntax errors with line numbers. Comments and formatting are never lost because
/// nothing is re-serialised; scanners only read spans.
public struct TOMLDocument: Sendable {
    /// A `[table]` or `[[array.of.tables]]` header.
    public struct Header: Sendable, Hashable {
        public var path: [String]
        public var isArray: Bool
        /// For `[[x]]`: which element of the array this header opens (0-based).
        public var arrayIndex: Int?
        /// Span of the whole header, brackets included.
        public var span: Span
        public var line: Int
        /// False when the header could not be parsed completely (path is best effort).
        public var isValid: Bool
    }

    /// One `key = value` line (at any table level).
    public struct Entry: Sendable, Hashable {
        /// Index into `headers` of the table this entry belongs to; nil for the root table.
        public var header: Int?
        /// The table's path (empty for the root table).
        public var table: [String]
        /// For entries under `[[x]]`: the element index.
        public var arrayIndex: Int?
        /// The (possibly dotted) key as written, decoded.
        public var key: [String]
        public var keySpan: Span
        public var value: TOMLValue
        public var line: Int

        /// `table + key`.
        public var path: [String] { table + key }
    }

    public var headers: [Header] = []
    public var entries: [Entry] = []
    public var errors: [TOMLSyntaxError] = []
    /// Every `# comment`, from the `#` to the end of its line.
    public var comments: [Span] = []

    public init(parsing file: SourceFile) {
        var parser = TOMLParser(file: file)
        parser.parseDocument()
        headers = parser.headers
        entries = parser.entries
        errors = parser.errors
        comments = parser.comments
    }

    /// Entries whose full path equals `path`.
    public func entries(at path: [String]) -> [Entry] { entries.filter { $0.path == path } }

    /// Entries whose table is `table` (any key).
    public func entries(inTable table: [String]) -> [Entry] { entries.filter { $0.table == table } }

    /// The first value at `path`.
    public func value(at path: [String]) -> TOMLValue? { entries(at: path).first?.value }

    /// Every scalar and string leaf with a readable path (`tool.uv.index[0].url`, `project.dependencies[2]`).
    public var leaves: [(path: String, value: TOMLValue)] {
        var out: [(String, TOMLValue)] = []
        for entry in entries {
            var prefix = entry.table.map(TOMLDocument.quoteKey).joined(separator: ".")
            if let index = entry.arrayIndex { prefix += "[\(index)]" }
            let key = entry.key.map(TOMLDocument.quoteKey).joined(separator: ".")
            TOMLDocument.collect(entry.value, path: prefix.isEmpty ? key : prefix + "." + key, into: &out)
        }
        return out
    }

    private static func collect(_ value: TOMLValue, path: String, into out: inout [(String, TOMLValue)]) {
        switch value {
        case .string, .scalar:
            out.append((path, value))
        case let .array(items, _):
            for (i, item) in items.enumerated() { collect(item, path: "\(path)[\(i)]", into: &out) }
        case let .table(pairs, _):
            for pair in pairs {
                collect(pair.value, path: path + "." + pair.key.map(quoteKey).joined(separator: "."), into: &out)
            }
        }
    }

    static func quoteKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.utf8.allSatisfy(TOMLParser.isBareKeyByte)
        return bare ? key : "\"" + key + "\""
    }
}

/// A TOML value with the span of its text in the file.
public indirect enum TOMLValue: Sendable, Hashable {
    case string(TOMLString)
    /// Integer, float, boolean or date-time, as written.
    case scalar(String, Span)
    /// An array; the span covers the brackets.
    case array([TOMLValue], Span)
    /// An inline table; the span covers the braces.
    case table([TOMLKeyValue], Span)

    /// Span of the value (for strings: the content between the quotes).
    public var span: Span {
        switch self {
        case let .string(s): return s.span
        case let .scalar(_, span), let .array(_, span), let .table(_, span): return span
        }
    }

    public var string: TOMLString? { if case let .string(s) = self { return s } else { return nil } }
    public var stringValue: String? { string?.value }
    public var arrayItems: [TOMLValue]? { if case let .array(items, _) = self { return items } else { return nil } }
    public var tablePairs: [TOMLKeyValue]? { if case let .table(pairs, _) = self { return pairs } else { return nil } }

    /// For an inline table: the value of `key` (a single, undotted key).
    public subscript(key: String) -> TOMLValue? {
        tablePairs?.first { $0.key == [key] }?.value
    }

    /// Every string inside this value, depth first (the value itself if it is a string).
    public var allStrings: [TOMLString] {
        switch self {
        case let .string(s): return [s]
        case .scalar: return []
        case let .array(items, _): return items.flatMap(\.allStrings)
        case let .table(pairs, _): return pairs.flatMap(\.value.allStrings)
        }
    }
}

/// A `key = value` pair inside an inline table.
public struct TOMLKeyValue: Sendable, Hashable {
    public var key: [String]
    public var keySpan: Span
    public var value: TOMLValue
}

/// A string value: the decoded text, and the span of its raw content between the delimiters.
public struct TOMLString: Sendable, Hashable {
    public enum Style: String, Sendable, Hashable { case basic, literal, multiLineBasic, multiLineLiteral }
    /// The decoded value (escapes processed, a newline right after `"""` dropped).
    public var value: String
    /// The raw content between the quotes; equals `value` when the string has no escapes.
    public var span: Span
    public var style: Style
    /// Whether the raw text equals the decoded value (no escapes), so `span` can be rewritten with plain text.
    public var isVerbatim: Bool
}
