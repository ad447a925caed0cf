/// A half-open byte range `[start, end)` into the UTF-8 bytes of one file.
public struct Span: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "Span start \(start) after end \(end)")
        self.start = start
        self.end = end
    }

    public init(start: Int, end: Int) { self.init(start, end) }

    public var count: Int { end - start }
    public var isEmpty: Bool { start == end }

    /// This span moved right by `delta` bytes (for spans computed on a slice of a larger text).
    public func shifted(by delta: Int) -> Span { Span(start + delta, end + delta) }

    public func overlaps(_ other: Span) -> Bool {
        // Two insertions at the same point overlap too: their order would be ambiguous.
        if isEmpty && other.isEmpty { return start == other.start }
        return start < other.end && other.start < end
    }

    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "\(start)..<\(end)" }
}

/// A position a person can read: 1-based line and column (column counts UTF-8 bytes).
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
    /// `path:line`, the short form used in findings.
    public var short: String { "\(path):\(line)" }
}
