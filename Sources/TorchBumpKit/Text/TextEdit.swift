/// Replace the bytes of `span` in the original text with `replacement`.
/// A plan is a list of these per file; they are applied back to front so earlier spans stay valid.
public struct TextEdit: Hashable, Sendable, Codable {
    public var span: Span
    public var replacement: String

    public init(span: Span, replacement: String) {
        self.span = span
        self.replacement = replacement
    }

    public static func insert(_ text: String, at offset: Int) -> TextEdit {
        TextEdit(span: Span(offset, offset), replacement: text)
    }

    public enum ApplyError: Error, Equatable, CustomStringConvertible {
        case overlap(TextEdit, TextEdit)
        case outOfBounds(TextEdit, size: Int)

        public var description: String {
            switch self {
            case let .overlap(a, b):
                return "overlapping edits at \(a.span) and \(b.span)"
            case let .outOfBounds(e, size):
                return "edit \(e.span) outside the file (\(size) bytes)"
            }
        }
    }

    /// Applies `edits` to `bytes`. Identical duplicate edits are applied once; any other overlap throws.
    public static func apply(_ edits: [TextEdit], to bytes: [UInt8]) throws -> [UInt8] {
        var unique: [TextEdit] = []
        for e in edits where !unique.contains(e) { unique.append(e) }
        let sorted = unique.sorted { $0.span < $1.span }
        for e in sorted where e.span.start < 0 || e.span.end > bytes.count {
            throw ApplyError.outOfBounds(e, size: bytes.count)
        }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.span.overlaps(b.span) {
            throw ApplyError.overlap(a, b)
        }
        var out = bytes
        for e in sorted.reversed() {
            out.replaceSubrange(e.span.start..<e.span.end, with: Array(e.replacement.utf8))
        }
        return out
    }
}
