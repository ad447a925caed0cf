import Foundation

/// Reads requirement comments: whether one explains why a pin is held back, and which torch versions it names.
enum RequirementsComments {
    /// Phrases that explain a deliberately held pin (case-insensitive, whole words).
    static let holdPatterns: [String] = [
        #"\bregress"#,                                        // regress, regression, regresses
        #"\bhold(s|ing)?\b"#, #"\bheld\b"#,
        #"\bpin(ned)?\s+(because|due\s+to|until|for\s+now)"#,
        #"\b(do\s+not|don'?t|never)\s+(up|down)?(grade|bump|update)"#,
        #"\btodo\b.*\bonce\b"#,
        #"\buntil\b"#,
        #"\bblocked\b"#,
        #"\bwaiting\b"#, #"\bwait\s+for\b"#,
        #"\bsee\s+(https?://|#\d|\S+/(issues|pull)/)"#,
        #"\bbroken\b"#, #"\bbreaks\b"#,
    ]

    private static let holdRegex: NSRegularExpression? = try? NSRegularExpression(
        pattern: holdPatterns.map { "(?:\($0))" }.joined(separator: "|"), options: [.caseInsensitive])

    /// `PyTorch 2.6.0`, `torch>=2.8`, `torch version 2.9`, `torch==2.9.0.dev20250801`.
    private static let torchVersionRegex: NSRegularExpression? = try? NSRegularExpression(
        pattern: #"\b(?:py)?torch\s*(?:version\s*)?(?:[<>=!~]=?=?\s*)?v?(\d+\.\d+(?:\.\d+)*(?:\.?(?:dev|post|rc|a|b)\d*)?)(?![\w.])"#,
        options: [.caseInsensitive])

    /// The comment text (without `#` and surrounding spaces) when it explains a hold, else nil.
    static func holdReason(_ comment: String) -> String? {
        let text = cleaned(comment)
        guard let regex = holdRegex, !text.isEmpty,
              regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else { return nil }
        return text
    }

    /// `# hold: x` → `hold: x`.
    static func cleaned(_ comment: String) -> String {
        var s = Substring(comment)
        while let c = s.first, c == "#" || c == " " || c == "\t" { s = s.dropFirst() }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// Torch versions named in `comment`, as byte ranges relative to the start of `comment`.
    static func torchVersions(in comment: String) -> [Span] {
        guard let regex = torchVersionRegex else { return [] }
        let ns = NSRange(comment.startIndex..., in: comment)
        return regex.matches(in: comment, range: ns).compactMap { match in
            guard let range = Range(match.range(at: 1), in: comment) else { return nil }
            let start = comment.utf8.distance(from: comment.utf8.startIndex, to: range.lowerBound)
            let end = comment.utf8.distance(from: comment.utf8.startIndex, to: range.upperBound)
            return Span(start, end)
        }
    }
}
