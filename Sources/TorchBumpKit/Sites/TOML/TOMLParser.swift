import Foundation

/// A forgiving TOML reader over raw bytes that keeps spans: on a syntax error it records the line and resumes at
/// the next line (or, for an array left open, at the next table header or `key =` line).
struct TOMLParser {
    let file: SourceFile
    let b: [UInt8]
    var i: Int
    var headers: [TOMLDocument.Header] = []
    var entries: [TOMLDocument.Entry] = []
    var errors: [TOMLSyntaxError] = []
    var comments: [Span] = []
    private var current: Int?
    private var arrayCounts: [[String]: Int] = [:]
    /// Set when recovery from an unterminated array left `i` at the start of a line to be parsed afresh.
    private var resumeAtLineStart = false

    init(file: SourceFile) {
        self.file = file
        self.b = file.bytes
        self.i = file.contentStart
    }

    var n: Int { b.count }
    func at(_ k: Int) -> UInt8? { k >= 0 && k < n ? b[k] : nil }
    func peek(_ k: Int = 0) -> UInt8? { at(i + k) }
    func line(_ offset: Int) -> Int { file.lineNumber(at: offset) }

    static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    func isEOL(_ k: Int) -> Bool { at(k) == 0x0A || (at(k) == 0x0D && at(k + 1) == 0x0A) }

    mutating func addError(_ problem: TOMLSyntaxError.Problem, line: Int) {
        // One error per line is enough; later ones are usually consequences of the first.
        if errors.last?.line == line { return }
        errors.append(TOMLSyntaxError(problem, line: line))
    }

    private mutating func skipSpaces() { while let c = peek(), Self.isSpace(c) { i += 1 } }

    /// Records the comment at `i` (a `#`) and moves to the end of its line.
    private mutating func skipComment() {
        let start = i
        skipToEOL()
        comments.append(Span(start, i))
    }

    /// Moves to the line terminator (not past it).
    private mutating func skipToEOL() { while i < n, !isEOL(i) { i += 1 } }

    private func restOfLine(from start: Int) -> String {
        var k = start
        while k < n, !isEOL(k) { k += 1 }
        return String(decoding: b[start..<k], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    // MARK: document

    mutating func parseDocument() {
        while i < n {
            skipSpaces()
            guard let c = peek() else { break }
            if c == 0x0A { i += 1; continue }
            if c == 0x0D, peek(1) == 0x0A { i += 2; continue }
            if c == UInt8(ascii: "#") { skipComment(); continue }
            if c == UInt8(ascii: "[") { parseHeader() } else { parseKeyValueLine() }
            if resumeAtLineStart { resumeAtLineStart = false; continue }
            finishLine()
        }
    }

    private mutating func finishLine() {
        skipSpaces()
        guard i < n else { return }
        if peek() == UInt8(ascii: "#") { skipComment() }
        if isEOL(i) { i += peek() == 0x0D ? 2 : 1; return }
        guard i < n else { return }
        addError(.trailingText(restOfLine(from: i)), line: line(i))
        skipToEOL()
    }

    private mutating func parseHeader() {
        let start = i
        let ln = line(start)
        i += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { i += 1 }
        skipSpaces()
        let key = parseKey()
        skipSpaces()
        var ok = key != nil
        if ok, peek() == UInt8(ascii: "]") {
            i += 1
            if isArray { if peek() == UInt8(ascii: "]") { i += 1 } else { ok = false } }
        } else {
            ok = false
        }
        if !ok {
            addError(.badHeader(restOfLine(from: start)), line: ln)
            skipToEOL()
        }
        let path = key?.parts ?? []
        var index: Int?
        if isArray {
            index = arrayCounts[path, default: 0]
            arrayCounts[path] = (index ?? 0) + 1
        }
        headers.append(.init(path: path, isArray: isArray, arrayIndex: index, span: Span(start, max(i, start)),
                             line: ln, isValid: ok))
        current = headers.count - 1
    }

    private mutating func parseKeyValueLine() {
        let start = i
        let ln = line(start)
        guard let key = parseKey() else {
            addError(.badKey(restOfLine(from: start)), line: ln)
            skipToEOL()
            return
        }
        skipSpaces()
        guard peek() == UInt8(ascii: "=") else {
            addError(.missingEquals, line: ln)
            skipToEOL()
            return
        }
        i += 1
        skipSpaces()
        guard let value = parseValue() else {
            if !resumeAtLineStart { skipToEOL() }
            return
        }
        let header = current.flatMap { headers.indices.contains($0) ? headers[$0] : nil }
        entries.append(.init(header: current, table: header?.path ?? [], arrayIndex: header?.arrayIndex,
                             key: key.parts, keySpan: key.span, value: value, line: ln))
    }

    // MARK: keys

    private mutating func parseKey() -> (parts: [String], span: Span)? {
        let start = i
        var parts: [String] = []
        var end = i
        while true {
            skipSpaces()
            guard let part = parseSimpleKey() else { return nil }
            parts.append(part)
            end = i
            skipSpaces()
            if peek() == UInt8(ascii: ".") { i += 1; continue }
            i = end
            break
        }
        return (parts, Span(start, end))
    }

    private mutating func parseSimpleKey() -> String? {
        guard let c = peek() else { return nil }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            if peek(1) == c && peek(2) == c { return nil }  // multi-line strings are not keys
            return parseSingleLineString(quote: c)?.value
        }
        let start = i
        while let c = peek(), Self.isBareKeyByte(c) { i += 1 }
        return i > start ? String(decoding: b[start..<i], as: UTF8.self) : nil
    }

    /// End of a dotted key starting at `k`, without decoding or recording errors.
    private func keyEnd(from k: Int) -> Int? {
        var k = k
        while true {
            while let c = at(k), Self.isSpace(c) { k += 1 }
            guard let c = at(k) else { return nil }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                k += 1
                while let d = at(k), d != c, d != 0x0A { k += (d == UInt8(ascii: "\\") && c == UInt8(ascii: "\"")) ? 2 : 1 }
                guard at(k) == c else { return nil }
                k += 1
            } else {
                let s = k
                while let d = at(k), Self.isBareKeyByte(d) { k += 1 }
                if k == s { return nil }
            }
            var m = k
            while let d = at(m), Self.isSpace(d) { m += 1 }
            if at(m) == UInt8(ascii: ".") { k = m + 1; continue }
            return k
        }
    }

    /// Whether the line starting at `k` (after indentation) reads as a table header or a `key = value` line,
    /// which cannot appear inside an array: the array before it was left open.
    private func looksLikeStatement(at k: Int) -> Bool {
        guard let c = at(k) else { return false }
        if c == UInt8(ascii: "[") {
            var m = k + 1
            if at(m) == UInt8(ascii: "[") { m += 1 }
            while let d = at(m), Self.isSpace(d) { m += 1 }
            guard let first = at(m), (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) || first == 0x5F,
                  let end = keyEnd(from: m) else { return false }
            let word = String(decoding: b[m..<end], as: UTF8.self)
            if ["true", "false", "inf", "nan"].contains(word) { return false }
            var e = end
            while let d = at(e), Self.isSpace(d) { e += 1 }
            return at(e) == UInt8(ascii: "]")
        }
        guard Self.isBareKeyByte(c) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'"), let end = keyEnd(from: k)
        else { return false }
        var e = end
        while let d = at(e), Self.isSpace(d) { e += 1 }
        return at(e) == UInt8(ascii: "=") && at(e + 1) != UInt8(ascii: "=")
    }

    // MARK: values

    private mutating func parseValue() -> TOMLValue? {
        guard let c = peek() else {
            addError(.badValue(""), line: line(max(i - 1, 0)))
            return nil
        }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            if peek(1) == c && peek(2) == c { return parseMultiLineString(quote: c).map(TOMLValue.string) }
            return parseSingleLineString(quote: c).map(TOMLValue.string)
        case UInt8(ascii: "["):
            return parseArray()
        case UInt8(ascii: "{"):
            return parseInlineTable()
        case 0x0A, 0x0D, UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            addError(.badValue(""), line: line(i))
            return nil
        default:
            return parseScalar()
        }
    }

    private mutating func parseScalar() -> TOMLValue? {
        let start = i
        func stop(_ c: UInt8) -> Bool {
            Self.isSpace(c) || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
                || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
        }
        while let c = peek(), !stop(c) { i += 1 }
        // A local date-time may use a space between date and time: `1979-05-27 07:32:00`.
        if i - start == 10, peek() == 0x20, let d = peek(1), d >= 0x30 && d <= 0x39, b[start + 4] == UInt8(ascii: "-") {
            i += 1
            while let c = peek(), !stop(c) { i += 1 }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        guard Self.isValidScalar(text) else {
            addError(.badValue(text), line: line(start))
            return nil
        }
        return .scalar(text, Span(start, i))
    }

    static func isValidScalar(_ text: String) -> Bool {
        if ["true", "false", "inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(text) { return true }
        guard let first = text.utf8.first, "+-0123456789".utf8.contains(first) else { return false }
        let allowed = Set("0123456789_.eE+-xobabcdefABCDEF:TZtz ".utf8)
        return text.utf8.allSatisfy(allowed.contains)
    }

    private mutating func parseArray() -> TOMLValue? {
        let open = i
        let openLine = line(open)
        i += 1
        var items: [TOMLValue] = []
        var expectValue = true
        while true {
            var crossedNewline = false
            var lineStart = i
            while i < n {
                if let c = peek(), Self.isSpace(c) { i += 1 }
                else if isEOL(i) { i += peek() == 0x0D ? 2 : 1; crossedNewline = true; lineStart = i }
                else if peek() == UInt8(ascii: "#") { skipComment() }
                else { break }
            }
            guard i < n else {
                addError(.unterminatedArray, line: openLine)
                return .array(items, Span(open, n))
            }
            if crossedNewline && looksLikeStatement(at: i) {
                addError(.unterminatedArray, line: openLine)
                i = lineStart
                resumeAtLineStart = true
                return .array(items, Span(open, lineStart))
            }
            let c = b[i]
            if c == UInt8(ascii: "]") {
                i += 1
                return .array(items, Span(open, i))
            }
            if c == UInt8(ascii: ",") {
                if expectValue { addError(.badValue(""), line: line(i)) }
                i += 1
                expectValue = true
                continue
            }
            if !expectValue { addError(.missingComma, line: line(i)) }
            let errorCount = errors.count
            if let value = parseValue() {
                items.append(value)
            } else if !resumeAtLineStart {
                // Skip the broken item up to the next separator on its line.
                while i < n, !isEOL(i), b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "]") { i += 1 }
            }
            if resumeAtLineStart { return .array(items, Span(open, i)) }
            expectValue = false
            if errors.count > errorCount { expectValue = true }  // do not pile a missing-comma error on top
        }
    }

    private mutating func parseInlineTable() -> TOMLValue? {
        let open = i
        i += 1
        var pairs: [TOMLKeyValue] = []
        var expectPair = true
        while true {
            skipSpaces()
            guard i < n, !isEOL(i) else {
                addError(.unterminatedInlineTable, line: line(open))
                return .table(pairs, Span(open, i))
            }
            if peek() == UInt8(ascii: "}") {
                i += 1
                return .table(pairs, Span(open, i))
            }
            if peek() == UInt8(ascii: ",") {
                if expectPair { addError(.badValue(""), line: line(i)) }
                i += 1
                expectPair = true
                continue
            }
            if !expectPair { addError(.missingComma, line: line(i)) }
            let keyStart = i
            guard let key = parseKey() else {
                addError(.badKey(restOfLine(from: keyStart)), line: line(keyStart))
                skipToEOL()
                return .table(pairs, Span(open, i))
            }
            skipSpaces()
            guard peek() == UInt8(ascii: "=") else {
                addError(.missingEquals, line: line(keyStart))
                skipToEOL()
                return .table(pairs, Span(open, i))
            }
            i += 1
            skipSpaces()
            guard let value = parseValue() else {
                if !resumeAtLineStart { skipToEOL() }
                return .table(pairs, Span(open, i))
            }
            pairs.append(TOMLKeyValue(key: key.parts, keySpan: key.span, value: value))
            if resumeAtLineStart { return .table(pairs, Span(open, i)) }
            expectPair = false
        }
    }
}
