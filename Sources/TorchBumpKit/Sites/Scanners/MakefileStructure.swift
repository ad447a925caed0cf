/// A Makefile read the way GNU make reads it, down to what can hold pin sites: variable assignments (every operator,
/// `export`/`override`/`private`, target-specific ones), recipe lines (the shell text make hands to the shell, with
/// the `@`/`-`/`+` prefixes dropped), `define … endef` bodies (read as recipe text) and `#` comments.
///
/// Make references are put in shell form on the way (`$(VAR)` → `${VAR}`, `$$` → `$`), byte for byte mapped to the
/// file, so the shell and value logic read them as the computed values they are. Conditionals are not evaluated:
/// every branch is read.
struct MakefileStructure {
    /// `NAME op value`, at top level or for a target (`test: CUDA_TAG := cu126`).
    struct Assignment {
        var name: String
        /// `=`, `:=`, `::=`, `:::=`, `?=`, `+=` or `!=`.
        var op: String
        /// `export`, `override`, `private`, as written.
        var modifiers: [String]
        /// The targets of a target-specific assignment.
        var targets: String?
        /// The value as make reads it (comment cut, continuations joined, blanks around it dropped), in shell form.
        var value: MappedText
    }

    /// Shell text make runs: a recipe line (continuations included), an inline recipe after `;`, or a line of a
    /// `define` body. The lines of one rule (or one `define`) share a `group`.
    struct ShellText {
        var text: MappedText
        var group: Int
    }

    var assignments: [Assignment] = []
    var shellTexts: [ShellText] = []
    /// Make comments: the text after `#` (comments in recipe lines are the shell's and stay in the shell text).
    var comments: [MappedText] = []

    init(parsing file: SourceFile) {
        var parser = MakefileParser(file: file)
        parser.run()
        self = parser.structure
    }

    fileprivate init() {}

    /// Make references in shell form: `$(VAR)` and substitution references `$(VAR:a=b)` become `${VAR}` /
    /// `${VAR:a=b}` (a variable the value logic follows); function calls (`$(shell …)`, `$(subst .,,$(CUDA_VERSION))`)
    /// keep their `$(…)`, which reads as a command substitution of what it names. `$$` becomes `$` where a word starts
    /// (so the default of `$${CUDA_VERSION:-12.8}` is a site) and stays inside a word (`cu$${V//./}` keeps one span).
    static func shellForm(_ text: MappedText) -> MappedText {
        let c = text.bytes
        var out = MappedText()
        var closers: [UInt8] = []  // per open bracket inside a reference: the byte that closes it in the output
        var i = 0
        while i < c.count {
            let x = c[i]
            if x == 0x24, i + 1 < c.count {
                let n = c[i + 1]
                if n == 0x24 {
                    // Inside a word the shell logic reads `$$X` as it reads `$X`, and dropping a byte would break the
                    // word's span; where a word starts, the dropped byte lies before any span.
                    if let last = out.bytes.last, ASCII.isAlnum(last) || Array("/._-:@+%,~".utf8).contains(last) {
                        out.append(0x24, from: text.fileOffset(i))
                    }
                    out.append(0x24, from: text.fileOffset(i + 1))
                    i += 2
                    continue
                }
                if n == 0x28 || n == 0x7B {
                    let variable = n == 0x28 && isVariableReference(c, open: i + 1)
                    out.append(0x24, from: text.fileOffset(i))
                    out.append(variable ? 0x7B : n, from: text.fileOffset(i + 1))
                    closers.append(variable || n == 0x7B ? 0x7D : 0x29)
                    i += 2
                    continue
                }
            }
            if !closers.isEmpty {
                if x == 0x28 { closers.append(0x29) } else if x == 0x7B { closers.append(0x7D) }
                else if x == 0x29 || x == 0x7D {
                    out.append(closers.removeLast(), from: text.fileOffset(i))
                    i += 1
                    continue
                }
            }
            out.append(x, from: text.fileOffset(i))
            i += 1
        }
        out.endOffset = text.endOffset
        return out
    }

    /// Whether the `(` at `open` starts a plain variable reference (`$(NAME)`) or a substitution reference
    /// (`$(NAME:.o=.c)`) rather than a function call.
    private static func isVariableReference(_ c: [UInt8], open: Int) -> Bool {
        var k = open + 1
        while k < c.count && ASCII.isNameByte(c[k]) { k += 1 }
        guard k > open + 1, k < c.count else { return false }
        if c[k] == 0x29 { return true }
        guard c[k] == 0x3A else { return false }
        var depth = 1, sawEquals = false
        while k < c.count {
            if c[k] == 0x28 { depth += 1 } else if c[k] == 0x29 {
                depth -= 1
                if depth == 0 { return sawEquals }
            } else if c[k] == 0x3D && depth == 1 { sawEquals = true }
            k += 1
        }
        return false
    }
}

/// Reads a Makefile logical line by logical line (GNU make's `read.c`, minus evaluation).
private struct MakefileParser {
    let file: SourceFile
    let b: [UInt8]
    var structure = MakefileStructure()
    /// `.RECIPEPREFIX` (a tab unless the file sets another).
    var recipePrefix: UInt8 = 0x09
    /// Whether a rule line was read and no assignment, `define` or `include` has ended it since.
    var inRule = false
    var group = 0
    var defineDepth = 0

    init(file: SourceFile) {
        self.file = file
        self.b = file.bytes
    }

    static let modifiers: Set<String> = ["export", "override", "private", "unexport"]

    mutating func run() {
        var start = file.contentStart
        while start < b.count {
            let (end, next) = logicalLine(from: start)
            line(start, end)
            start = next
        }
    }

    /// End of the logical line that starts at `start` (before its newline; a `\` before a newline continues it) and
    /// the start of the line after it.
    func logicalLine(from start: Int) -> (end: Int, next: Int) {
        var i = start
        while i < b.count {
            guard b[i] == 0x0A else { i += 1; continue }
            var contentEnd = i
            if contentEnd > start && b[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            var slashes = 0
            while contentEnd - slashes > start && b[contentEnd - slashes - 1] == 0x5C { slashes += 1 }
            if slashes % 2 == 1 { i += 1; continue }
            return (contentEnd, i + 1)
        }
        var end = b.count
        if end > start && b[end - 1] == 0x0D { end -= 1 }
        return (end, b.count)
    }

    mutating func line(_ start: Int, _ end: Int) {
        if defineDepth > 0 { defineLine(start, end); return }
        if inRule && start < end && b[start] == recipePrefix {
            shellText(from: start + 1, to: end)
            return
        }
        makeLine(start, end)
    }

    /// A recipe line (or an inline recipe, or a `define` body line) from `start`: blanks and the `@`, `-`, `+`
    /// prefixes are make's, the rest goes to the shell.
    mutating func shellText(from start: Int, to end: Int) {
        var i = start
        while i < end, ASCII.isBlank(b[i]) || b[i] == 0x40 || b[i] == 0x2D || b[i] == 0x2B { i += 1 }
        guard i < end else { return }
        let text = MakefileStructure.shellForm(MappedText(file: file, span: Span(i, end)))
        structure.shellTexts.append(.init(text: text, group: group))
    }

    /// Inside `define`: lines are body text, except a nested `define` or the closing `endef` (never after a tab).
    mutating func defineLine(_ start: Int, _ end: Int) {
        if b[start] != recipePrefix {
            let words = Self.words(Array(b[start..<end]))
            let keyword = words.first { !Self.modifiers.contains($0) }
            if keyword == "endef" { defineDepth -= 1; return }
            if keyword == "define" { defineDepth += 1; return }
        }
        shellText(from: start, to: end)
    }

    mutating func makeLine(_ start: Int, _ end: Int) {
        let (code, commentStart) = decode(start, end)
        // After an inline recipe the `#` belongs to the shell text.
        guard !directive(code, end: end), let commentStart else { return }
        structure.comments.append(MappedText(file: file, span: Span(commentStart + 1, end)))
    }

    /// Reads the code part of a make line: an assignment, a directive or a rule. Returns whether the rest of the
    /// line went to the shell as an inline recipe (`target: prerequisites ; recipe`).
    mutating func directive(_ code: MappedText, end: Int) -> Bool {
        let c = code.bytes
        var p = 0
        while p < c.count && ASCII.isBlank(c[p]) { p += 1 }
        guard p < c.count else { return false }
        // Assignments first: a variable may be called `export` or `ifdef`.
        if assign(code, from: p, modifiers: [], targets: nil) { return false }
        var modifiers: [String] = []
        var word = Self.word(c, at: p)
        while Self.modifiers.contains(word) {
            modifiers.append(word)
            p += word.utf8.count
            while p < c.count && ASCII.isBlank(c[p]) { p += 1 }
            word = Self.word(c, at: p)
        }
        if word == "define" {
            defineDepth = 1
            inRule = false
            group += 1
            return false
        }
        if !modifiers.isEmpty {
            _ = assign(code, from: p, modifiers: modifiers, targets: nil)  // else `export NAME`: nothing to read
            return false
        }
        switch word {
        case "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "vpath", "undefine", "endef":
            return false  // conditionals do not end a rule: its recipe may go on in either branch
        case "include", "-include", "sinclude":
            inRule = false
            return false
        default:
            break
        }
        guard let colon = Self.topLevel(0x3A, in: c, from: p) else { return false }
        var q = colon + 1
        if q < c.count && c[q] == 0x3A { q += 1 }  // `::`
        let targets = code.slice(p..<colon).trimmed.string
        // `target: [export] NAME := value` sets a variable for that target only.
        var r = q
        var targetModifiers: [String] = []
        while true {
            while r < c.count && ASCII.isBlank(c[r]) { r += 1 }
            let w = Self.word(c, at: r)
            guard Self.modifiers.contains(w) else { break }
            targetModifiers.append(w)
            r += w.utf8.count
        }
        if assign(code, from: r, modifiers: targetModifiers, targets: targets) { return false }
        inRule = true
        group += 1
        // `target: prerequisites ; recipe`: the rest of the line, `#` included, is the shell's.
        guard let semicolon = Self.topLevel(0x3B, in: c, from: q) else { return false }
        shellText(from: code.fileOffset(semicolon) + 1, to: end)
        return true
    }

    /// Records `NAME op value` at `from` when the text there is an assignment; ends any rule context.
    mutating func assign(_ code: MappedText, from start: Int, modifiers: [String], targets: String?) -> Bool {
        guard let (name, op, range) = Self.assignment(code.bytes, from: start) else { return false }
        let value = MakefileStructure.shellForm(code.slice(range))
        structure.assignments.append(.init(name: name, op: op, modifiers: modifiers, targets: targets, value: value))
        if name == ".RECIPEPREFIX" { recipePrefix = value.bytes.first ?? 0x09 }
        inRule = false
        return true
    }

    /// A make line as make reads it: `\`-newline continuations joined into one blank, `\#` unescaped, cut at the
    /// first `#` outside references (make 4.3+). Returns the text and the file offset of the comment's `#`.
    func decode(_ start: Int, _ end: Int) -> (MappedText, Int?) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var depth = 0
        var i = start
        while i < end {
            let x = b[i]
            if x == 0x5C, i + 1 < end {
                let n = b[i + 1]
                if n == 0x0A || (n == 0x0D && i + 2 < end && b[i + 2] == 0x0A) {
                    while let last = bytes.last, ASCII.isBlank(last) { bytes.removeLast(); offsets.removeLast() }
                    bytes.append(0x20)
                    offsets.append(i)
                    i += n == 0x0A ? 2 : 3
                    while i < end && ASCII.isBlank(b[i]) { i += 1 }
                    continue
                }
                if n == 0x23 && depth == 0 { bytes.append(0x23); offsets.append(i + 1); i += 2; continue }
                if n == 0x5C { bytes += [x, n]; offsets += [i, i + 1]; i += 2; continue }
            }
            if x == 0x23 && depth == 0 { return (Self.mapped(bytes, offsets, end: i), i) }
            if x == 0x24, i + 1 < end, b[i + 1] == 0x28 || b[i + 1] == 0x7B {
                depth += 1
                bytes += [x, b[i + 1]]
                offsets += [i, i + 1]
                i += 2
                continue
            }
            if depth > 0 {
                if x == 0x28 || x == 0x7B { depth += 1 } else if x == 0x29 || x == 0x7D { depth -= 1 }
            }
            bytes.append(x)
            offsets.append(i)
            i += 1
        }
        return (Self.mapped(bytes, offsets, end: end), nil)
    }

    static func mapped(_ bytes: [UInt8], _ offsets: [Int], end: Int) -> MappedText {
        var text = MappedText()
        for (byte, offset) in zip(bytes, offsets) { text.append(byte, from: offset) }
        text.endOffset = end
        return text
    }

    /// `NAME op value` at `start`: the name (no blanks; references allowed), the operator and the value's range
    /// without the blanks around it.
    static func assignment(_ c: [UInt8], from start: Int) -> (name: String, op: String, value: Range<Int>)? {
        var i = start, depth = 0
        while i < c.count {
            let x = c[i]
            if x == 0x24, i + 1 < c.count, c[i + 1] == 0x28 || c[i + 1] == 0x7B { depth += 1; i += 2; continue }
            if depth > 0 {
                if x == 0x28 || x == 0x7B { depth += 1 } else if x == 0x29 || x == 0x7D { depth -= 1 }
                i += 1
                continue
            }
            if ASCII.isBlank(x) || x == 0x3D || x == 0x3A || x == 0x3F || x == 0x2B || x == 0x21 { break }
            i += 1
        }
        guard i > start else { return nil }
        let name = String(decoding: c[start..<i], as: UTF8.self)
        var j = i
        while j < c.count && ASCII.isBlank(c[j]) { j += 1 }
        for op in [":::=", "::=", ":=", "?=", "+=", "!=", "="] {
            let o = Array(op.utf8)
            guard j + o.count <= c.count, Array(c[j..<(j + o.count)]) == o else { continue }
            var v = j + o.count
            while v < c.count && ASCII.isBlank(c[v]) { v += 1 }
            var e = c.count
            while e > v && ASCII.isSpace(c[e - 1]) { e -= 1 }
            return (name, op, v..<e)
        }
        return nil
    }

    /// The first `byte` at `from` or later outside `$(…)`/`${…}` references.
    static func topLevel(_ byte: UInt8, in c: [UInt8], from: Int) -> Int? {
        var depth = 0, i = from
        while i < c.count {
            let x = c[i]
            if x == 0x24, i + 1 < c.count, c[i + 1] == 0x28 || c[i + 1] == 0x7B { depth += 1; i += 2; continue }
            if depth > 0 {
                if x == 0x28 || x == 0x7B { depth += 1 } else if x == 0x29 || x == 0x7D { depth -= 1 }
            } else if x == byte {
                return i
            }
            i += 1
        }
        return nil
    }

    /// The blank-delimited word at `i`.
    static func word(_ c: [UInt8], at i: Int) -> String {
        var k = i
        while k < c.count && !ASCII.isSpace(c[k]) { k += 1 }
        return String(decoding: c[min(i, k)..<k], as: UTF8.self)
    }

    static func words(_ c: [UInt8]) -> [String] {
        c.split(whereSeparator: ASCII.isSpace).map { String(decoding: $0, as: UTF8.self) }
    }
}
