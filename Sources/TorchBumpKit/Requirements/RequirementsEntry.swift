/// A `#` comment in a requirements file; `span` runs from the `#` to the end of the logical line.
public struct Comment: Hashable, Sendable {
    /// The comment as pip sees it, `#` included (continuation lines joined).
    public var text: String
    public var span: Span
    /// For a whole-line comment whose body is a requirement with a version or URL
    /// (`# xformers==0.0.32.post1  # re-enable …`): that requirement, with spans into the file.
    public var commentedOutRequirement: Requirement?

    public init(text: String, span: Span, commentedOutRequirement: Requirement? = nil) {
        self.text = text
        self.span = span
        self.commentedOutRequirement = commentedOutRequirement
    }

    /// The text after the leading `#`s and whitespace.
    public var body: String {
        String(text.drop(while: { $0 == "#" }).drop(while: \.isWhitespace))
    }
}

/// What one logical line of a requirements file holds.
public enum RequirementsEntry: Hashable, Sendable {
    case requirement(Requirement, comment: Comment?)
    /// An option line; further options of the same line are in `RequirementsLine.extraOptions`.
    case option(RequirementsOption, comment: Comment?)
    /// A bare URL or path (`./dist/foo.whl`, `https://…/torch-2.6.0%2Bcu124-….whl`, `git+https://…#egg=x`).
    case url(String, Span, comment: Comment?)
    /// A whole-line comment.
    case comment(Comment)
    case blank
    /// A line pip would reject (its text without the comment); a `Diagnostic.error` says why.
    case invalid(String)

    /// The comment on the line (trailing or whole-line).
    public var comment: Comment? {
        switch self {
        case let .requirement(_, c), let .option(_, c), let .url(_, _, c): return c
        case let .comment(c): return c
        case .blank, .invalid: return nil
        }
    }

    public var requirement: Requirement? {
        if case let .requirement(r, _) = self { return r }
        return nil
    }

    public var option: RequirementsOption? {
        if case let .option(o, _) = self { return o }
        return nil
    }
}

/// One logical line: its entry, where it starts and the bytes it covers (continuations included).
public struct RequirementsLine: Hashable, Sendable {
    public var entry: RequirementsEntry
    /// 1-based number of the first physical line.
    public var lineNumber: Int
    /// The logical line, from the start of its first physical line to the end of its last (no terminator).
    public var span: Span
    /// Options after the first one: per-requirement options (`--hash=…`, `--config-settings …`) on a requirement
    /// or URL line, or the second and later options of an option line.
    public var extraOptions: [RequirementsOption]
    /// The marker of a requirement or URL line (pip's split: `;` for requirements, `; ` for bare URLs).
    public var marker: String?
    public var markerSpan: Span?

    public init(
        entry: RequirementsEntry, lineNumber: Int, span: Span, extraOptions: [RequirementsOption] = [],
        marker: String? = nil, markerSpan: Span? = nil
    ) {
        self.entry = entry
        self.lineNumber = lineNumber
        self.span = span
        self.extraOptions = extraOptions
        self.marker = marker
        self.markerSpan = markerSpan
    }

    /// Every option on the line: the entry's option (if any) followed by `extraOptions`.
    public var options: [RequirementsOption] { (entry.option.map { [$0] } ?? []) + extraOptions }

    /// Platform facts from the line's marker.
    public var markerHints: MarkerHints? { marker.flatMap { MarkerHints($0) } }
}
