import Foundation

/// Reads requirement comments: whether one explains why a pin is held back, and which versions and variants it names.
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
        #"\bsee\s+(\S*#\d|\S*/(issues|pull|pulls|merge_requests|browse)/)"#,  // an issue, not any link
        #"\bbroken\b"#, #"\bbreaks\b"#,
        #"\b(cannot|can'?t|must\s+not)\s+(use|run|move)\b"#,              // "cpu cannot use triton 3.3.0"
        #"\bdo(es)?\s*(not|n'?t)\s+(work|support|build)\b"#,
        #"\b(in|not\s+)compatible\b"#,
        #"\b(stay|stays|keep|kept|stuck)\s+(at|on)\b"#,
        #"\bpinned\s+(to|at)\b"#,
    ]

    private static let holdRegex: NSRegularExpression? = try? NSRegularExpression(
        pattern: holdPatterns.map { "(?:\($0))" }.joined(separator: "|"), options: [.caseInsensitive])

    /// A version or variant named in a comment.
    struct Mention: Hashable {
        /// Byte range relative to the start of the comment.
        var span: Span
        var kind: SiteKind
        var subject: String?
        var variant: Variant?
    }

    private static let versionTail = #"v?(\d+\.\d+(?:\.\d+)*(?:\.?(?:dev|post|rc|a|b)\d*)?)(?![\w+]|\.\d)"#
    private static let operatorPart = #"(?:[<>=!~]=?=?\s*)?"#

    /// `PyTorch 2.6.0`, `torch>=2.8`, `torch version 2.9`, `torch==2.9.0.dev20250801`; `CUDA 12.8`,
    /// `CUDA toolkit >= 12.4`; `ROCm 6.3`; variant tags `cu128`, `rocm6.3` (also inside URLs).
    private static let mentionRegexes: [(NSRegularExpression?, SiteKind, String?)] = [
        (try? NSRegularExpression(pattern: #"\btorchvision\s*(?:version\s*)?"# + operatorPart + versionTail,
                                  options: [.caseInsensitive]), .version, "torchvision"),
        (try? NSRegularExpression(pattern: #"\btorchaudio\s*(?:version\s*)?"# + operatorPart + versionTail,
                                  options: [.caseInsensitive]), .version, "torchaudio"),
        (try? NSRegularExpression(pattern: #"\b(?:py)?torch\s*(?:version\s*)?"# + operatorPart + versionTail,
                                  options: [.caseInsensitive]), .version, "torch"),
        (try? NSRegularExpression(pattern: #"\bCUDA\s*(?:version\s*|toolkit\s*)?"# + operatorPart + versionTail,
                                  options: [.caseInsensitive]), .version, "cuda"),
        (try? NSRegularExpression(pattern: #"\bROCm\s*"# + operatorPart + versionTail,
                                  options: [.caseInsensitive]), .version, "rocm"),
        (try? NSRegularExpression(pattern: #"(?<![\w.])((?:cu\d{3}|rocm\d+\.\d+(?:\.\d+)?))(?!\d|\.\d)"#), .variant, nil),
    ]

    /// Versions and variant tags named in `comment`, in order, without overlaps.
    static func mentions(in comment: String) -> [Mention] {
        var found: [Mention] = []
        let ns = NSRange(comment.startIndex..., in: comment)
        for (regex, kind, subject) in mentionRegexes {
            guard let regex else { continue }
            for match in regex.matches(in: comment, range: ns) {
                guard let range = Range(match.range(at: 1), in: comment) else { continue }
                let start = comment.utf8.distance(from: comment.utf8.startIndex, to: range.lowerBound)
                let end = comment.utf8.distance(from: comment.utf8.startIndex, to: range.upperBound)
                let span = Span(start, end)
                guard !found.contains(where: { $0.span.overlaps(span) }) else { continue }
                let variant = kind == .variant ? Variant(tag: String(comment[range])) : nil
                if kind == .variant && variant == nil { continue }
                found.append(Mention(span: span, kind: kind, subject: subject, variant: variant))
            }
        }
        return found.sorted { $0.span < $1.span }
    }

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
}
