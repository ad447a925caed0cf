/// One word of a shell command: its value after quote removal (with `$(…)`, backticks and `${…}` kept
/// verbatim) mapped back to the file, and the span of the word as written.
public struct ShellToken: Sendable, Hashable {
    /// The word after quote and escape removal.
    public var value: MappedText
    /// The word as written, quotes included.
    public var rawSpan: Span
    /// Whether any part of the word was quoted or escaped.
    public var isQuoted: Bool

    public init(value: MappedText, rawSpan: Span, isQuoted: Bool) {
        self.value = value
        self.rawSpan = rawSpan
        self.isQuoted = isQuoted
    }

    public var string: String { value.string }
}

/// A simple command: the words between two control operators (`;`, `&&`, `||`, `|`, `&`, `(`, `)`, newline).
public struct ShellCommand: Sendable, Hashable {
    public var words: [ShellToken]
    /// The operator that ended the command (`;`, `&&`, `|`, `\n`, …), empty at the end of the text.
    public var terminator: String

    public init(words: [ShellToken], terminator: String) {
        self.words = words
        self.terminator = terminator
    }

    /// From the first byte of the first word to the last byte of the last word.
    public var span: Span {
        guard let first = words.first, let last = words.last else { return Span(0, 0) }
        return Span(first.rawSpan.start, max(first.rawSpan.start, last.rawSpan.end))
    }
}

/// A `#` comment: its text after the `#`, mapped to the file.
public struct ShellComment: Sendable, Hashable {
    public var text: MappedText
    /// The whole comment including `#`.
    public var span: Span
}

/// The commands, comments and here-document bodies of a piece of shell text.
public struct ShellScript: Sendable, Hashable {
    public var commands: [ShellCommand] = []
    public var comments: [ShellComment] = []
    public var heredocs: [MappedText] = []
}

/// A shell tokeniser that keeps byte spans: quotes, escapes, `\`-newline continuations, `$(…)`/backticks/`${…}`
/// (kept verbatim inside words), control operators, redirections, comments and here-documents.
public enum ShellWords {
    /// Tokenises the bytes of `span` in `file` (the whole file by default).
    public static func parse(_ file: SourceFile, span: Span? = nil) -> ShellScript {
        parse(MappedText(file: file, span: span ?? Span(file.contentStart, file.bytes.count)))
    }

    /// Tokenises decoded text; every span refers to the file the text was decoded from.
    public static func parse(_ text: MappedText) -> ShellScript {
        var lexer = Lexer(text: text)
        return lexer.run()
    }

    /// The words of `text` ignoring control operators (handy for option lists and `ARG`/`ENV` arguments).
    public static func words(_ text: MappedText) -> [ShellToken] {
        parse(text).commands.flatMap(\.words)
    }
}

private struct Lexer {
    let text: MappedText
    let b: [UInt8]
    var i = 0
    var script = ShellScript()
    var words: [ShellToken] = []
    var pendingHeredocs: [(delimiter: [UInt8], stripTabs: Bool)] = []
    /// The next word is a redirection target (dropped) or a here-document delimiter.
    var redirect: Redirect = .none

    enum Redirect { case none, target, heredoc(stripTabs: Bool) }

    init(text: MappedText) {
        self.text = text
        self.b = text.bytes
    }

    mutating func run() -> ShellScript {
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
            if c == 0x5C, let skip = continuation(at: i) { i += skip; continue }
            if c == 0x0A {
                i += 1
                finish("\n")
                readHeredocBodies()
                continue
            }
            if c == 0x23 { comment(); continue }
            if let op = controlOperator() { finish(op); continue }
            if redirection() { continue }
            word()
        }
        finish("")
        return script
    }

    /// Length of a `\`-newline (or `\`-CRLF) continuation at `j`, if there is one.
    func continuation(at j: Int) -> Int? {
        guard j < b.count, b[j] == 0x5C else { return nil }
        if j + 1 < b.count && b[j + 1] == 0x0A { return 2 }
        if j + 2 < b.count && b[j + 1] == 0x0D && b[j + 2] == 0x0A { return 3 }
        return nil
    }

    mutating func finish(_ terminator: String) {
        if !words.isEmpty {
            script.commands.append(ShellCommand(words: words, terminator: terminator))
            words = []
        } else if let last = script.commands.indices.last, script.commands[last].terminator.isEmpty {
            script.commands[last].terminator = terminator
        }
        redirect = .none
    }

    mutating func comment() {
        let start = i
        while i < b.count && b[i] != 0x0A { i += 1 }
        var end = i
        if end > start + 1 && b[end - 1] == 0x0D { end -= 1 }
        script.comments.append(ShellComment(text: text.slice((start + 1)..<end),
                                            span: text.coveringSpan(start..<end)))
    }

    mutating func controlOperator() -> String? {
        let c = b[i]
        let next: UInt8? = i + 1 < b.count ? b[i + 1] : nil
        switch c {
        case 0x3B:  // ;
            if next == 0x3B { i += 2; return ";;" }
            if next == 0x26 { i += 2; return ";&" }
            i += 1; return ";"
        case 0x26:  // &
            if next == 0x26 { i += 2; return "&&" }
            if next == 0x3E { return nil }  // &> redirection
            i += 1; return "&"
        case 0x7C:  // |
            if next == 0x7C { i += 2; return "||" }
            if next == 0x26 { i += 2; return "|&" }
            i += 1; return "|"
        case 0x28: i += 1; return "("
        case 0x29: i += 1; return ")"
        default: return nil
        }
    }

    /// Consumes a redirection operator (`>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `&>`, …).
    mutating func redirection() -> Bool {
        let c = b[i]
        guard c == 0x3C || c == 0x3E || (c == 0x26 && i + 1 < b.count && b[i + 1] == 0x3E) else { return false }
        if c == 0x3C, i + 1 < b.count, b[i + 1] == 0x3C {
            if i + 2 < b.count, b[i + 2] == 0x3C { i += 3; redirect = .target; return true }  // <<< here-string
            let strip = i + 2 < b.count && b[i + 2] == 0x2D
            i += strip ? 3 : 2
            redirect = .heredoc(stripTabs: strip)
            return true
        }
        i += 1
        while i < b.count && (b[i] == 0x3E || b[i] == 0x26 || b[i] == 0x7C) { i += 1 }
        // `2>&1`, `>&-`: the target is glued to the operator.
        if i < b.count && (ASCII.isDigit(b[i]) || b[i] == 0x2D), i > 0, b[i - 1] == 0x26 {
            while i < b.count && (ASCII.isDigit(b[i]) || b[i] == 0x2D) { i += 1 }
            return true
        }
        redirect = .target
        return true
    }

    mutating func word() {
        let start = i
        var value = MappedText()
        value.endOffset = text.fileOffset(start)
        var quoted = false
        scan: while i < b.count {
            let c = b[i]
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x26, 0x7C, 0x28, 0x29, 0x3C, 0x3E:
                if c == 0x0D, i + 1 < b.count, b[i + 1] != 0x0A { append(&value, i); i += 1; continue }
                // `<(…)`/`>(…)` process substitution and `(` inside words are rare; treat them as operators.
                break scan
            case 0x5C:  // backslash
                if let skip = continuation(at: i) { i += skip; continue }
                quoted = true
                if i + 1 < b.count { append(&value, i + 1); i += 2 } else { append(&value, i); i += 1 }
            case 0x27:  // '
                quoted = true
                i += 1
                while i < b.count && b[i] != 0x27 { append(&value, i); i += 1 }
                i += 1
            case 0x22:  // "
                quoted = true
                i += 1
                doubleQuoted(&value)
            case 0x24:  // $
                if i + 1 < b.count && b[i + 1] == 0x28 { copyBalanced(&value, open: 0x28, close: 0x29) }
                else if i + 1 < b.count && b[i + 1] == 0x7B { copyBalanced(&value, open: 0x7B, close: 0x7D) }
                else if i + 1 < b.count && b[i + 1] == 0x27 { quoted = true; i += 2; ansiQuoted(&value) }
                else { append(&value, i); i += 1 }
            case 0x60:  // `
                copyBackticks(&value)
            default:
                append(&value, i)
                i += 1
            }
        }
        let rawSpan = text.coveringSpan(start..<i)
        // A leading file descriptor number glued to a redirection (`2>`) is not a word.
        if !quoted, i < b.count, b[i] == 0x3C || b[i] == 0x3E, value.bytes.allSatisfy(ASCII.isDigit) { return }
        switch redirect {
        case .target:
            redirect = .none
        case .heredoc(let strip):
            redirect = .none
            pendingHeredocs.append((value.bytes, strip))
        case .none:
            words.append(ShellToken(value: value, rawSpan: rawSpan, isQuoted: quoted))
        }
    }

    mutating func append(_ value: inout MappedText, _ j: Int) {
        value.append(b[j], from: text.fileOffset(j))
    }

    mutating func doubleQuoted(_ value: inout MappedText) {
        while i < b.count && b[i] != 0x22 {
            let c = b[i]
            if c == 0x5C {
                if let skip = continuation(at: i) { i += skip; continue }
                if i + 1 < b.count, [0x24, 0x60, 0x22, 0x5C].contains(b[i + 1]) {
                    append(&value, i + 1); i += 2; continue
                }
                append(&value, i); i += 1
            } else if c == 0x24, i + 1 < b.count, b[i + 1] == 0x28 {
                copyBalanced(&value, open: 0x28, close: 0x29)
            } else if c == 0x24, i + 1 < b.count, b[i + 1] == 0x7B {
                copyBalanced(&value, open: 0x7B, close: 0x7D)
            } else if c == 0x60 {
                copyBackticks(&value)
            } else {
                append(&value, i); i += 1
            }
        }
        i += 1  // closing quote
    }

    mutating func ansiQuoted(_ value: inout MappedText) {
        while i < b.count && b[i] != 0x27 {
            if b[i] == 0x5C && i + 1 < b.count { append(&value, i); append(&value, i + 1); i += 2; continue }
            append(&value, i); i += 1
        }
        i += 1
    }

    /// Copies `$(…)` or `${…}` verbatim, honouring nesting and quotes inside.
    mutating func copyBalanced(_ value: inout MappedText, open: UInt8, close: UInt8) {
        append(&value, i); append(&value, i + 1)
        i += 2
        var depth = 1
        while i < b.count && depth > 0 {
            let c = b[i]
            if c == 0x5C && i + 1 < b.count { append(&value, i); append(&value, i + 1); i += 2; continue }
            if c == 0x27 && open == 0x28 {
                append(&value, i); i += 1
                while i < b.count && b[i] != 0x27 { append(&value, i); i += 1 }
                if i < b.count { append(&value, i); i += 1 }
                continue
            }
            if c == 0x22 {
                append(&value, i); i += 1
                while i < b.count && b[i] != 0x22 {
                    if b[i] == 0x5C && i + 1 < b.count { append(&value, i); i += 1 }
                    append(&value, i); i += 1
                }
                if i < b.count { append(&value, i); i += 1 }
                continue
            }
            if c == open { depth += 1 } else if c == close { depth -= 1 }
            append(&value, i)
            i += 1
        }
    }

    mutating func copyBackticks(_ value: inout MappedText) {
        append(&value, i); i += 1
        while i < b.count && b[i] != 0x60 {
            if b[i] == 0x5C && i + 1 < b.count { append(&value, i); i += 1 }
            append(&value, i); i += 1
        }
        if i < b.count { append(&value, i); i += 1 }
    }

    /// After a newline: skips (and records) the bodies of here-documents opened on the line just ended.
    mutating func readHeredocBodies() {
        while !pendingHeredocs.isEmpty {
            let (delimiter, strip) = pendingHeredocs.removeFirst()
            let bodyStart = i
            var bodyEnd = i
            while i < b.count {
                var lineEnd = i
                while lineEnd < b.count && b[lineEnd] != 0x0A { lineEnd += 1 }
                var lo = i, hi = lineEnd
                if strip { while lo < hi && b[lo] == 0x09 { lo += 1 } }
                if hi > lo && b[hi - 1] == 0x0D { hi -= 1 }
                let isEnd = Array(b[lo..<hi]) == delimiter
                if isEnd { bodyEnd = i; i = min(lineEnd + 1, b.count); break }
                i = min(lineEnd + 1, b.count)
                bodyEnd = i
            }
            script.heredocs.append(text.slice(bodyStart..<bodyEnd))
        }
    }
}
