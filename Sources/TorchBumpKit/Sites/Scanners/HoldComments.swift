/// Recognises comments that say a pin is held back on purpose (`# hold`, `# newer builds regress …`,
/// `# TODO: move to 2.9 once …`, `# pinned because …`, `# do not upgrade`, `# see <issue link>`, `# lags: no build
/// for CUDA 12.9 yet`) in the comment block right above a line.
struct HoldComments {
    let file: SourceFile
    var commentPrefix: String = "#"

    /// The text of the hold comment in the run of comment lines directly above `line`, if any.
    func reason(before line: Int) -> String? {
        var n = line - 1
        var texts: [String] = []
        while n >= 1 {
            let t = file.line(n).trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix(commentPrefix) else { break }
            texts.insert(String(t.dropFirst(commentPrefix.count)).trimmingCharacters(in: .whitespaces), at: 0)
            n -= 1
        }
        let joined = texts.joined(separator: " ")
        return Self.isHold(joined) ? joined : nil
    }

    /// Sets `heldReason` on pin sites (from index `from` on) that have a hold comment at the end of their line
    /// (`comments`: comment texts after the marker, mapped to the file) or in the comment block right above.
    func apply(to rec: inout SiteCollector, from: Int = 0, comments: [MappedText]) {
        var trailing: [Int: String] = [:]
        for c in comments {
            let line = file.lineNumber(at: c.fileOffset(0))
            let text = c.string.trimmingCharacters(in: .whitespaces)
            if Self.isHold(text) { trailing[line] = text }
        }
        for i in from..<rec.sites.count where rec.sites[i].role == .pin && rec.sites[i].heldReason == nil {
            let line = rec.sites[i].line
            if let reason = trailing[line] ?? reason(before: line) { rec.sites[i].heldReason = reason }
        }
    }

    /// Whether a comment text explains a deliberate hold.
    static func isHold(_ text: String) -> Bool {
        let t = text.lowercased()
        guard !t.isEmpty else { return false }
        let words = Set(t.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if !words.isDisjoint(with: ["hold", "held", "holding", "regress", "regresses", "regressed", "regression",
                                    "regressions", "lag", "lags", "lagging"]) { return true }
        let phrases = ["do not upgrade", "don't upgrade", "do not bump", "don't bump", "do not update", "don't update",
                       "pinned because", "pinned due", "pinned until", "pinned to", "no build for", "no wheel",
                       "not yet available", "not available yet", "not yet published", "keep at", "stay on", "stays on"]
        if phrases.contains(where: t.contains) { return true }
        if words.contains("todo") || words.contains("fixme"),
           ["move to", "bump", "upgrade", "once", "until", "re-enable", "reenable"].contains(where: t.contains) {
            return true
        }
        if t.contains("see "), t.contains("/issues/") || t.contains("/pull/") { return true }
        return false
    }
}
