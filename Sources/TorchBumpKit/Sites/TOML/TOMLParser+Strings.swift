/// The four TOML string forms: basic and literal, single- and multi-line.
extension TOMLParser {
    mutating func parseSingleLineString(quote: UInt8) -> TOMLString? {
        let open = i
        i += 1
        let contentStart = i
        var out: [UInt8] = []
        var verbatim = true
        while i < n {
            let c = b[i]
            if c == quote {
                let span = Span(contentStart, i)
                i += 1
                return TOMLString(value: String(decoding: out, as: UTF8.self), span: span,
                                  style: quote == UInt8(ascii: "'") ? .literal : .basic, isVerbatim: verbatim)
            }
            if isEOL(i) { break }
            if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                verbatim = false
                readEscape(into: &out)
            } else {
                out.append(c)
                i += 1
            }
        }
        addError(.unterminatedString, line: line(open))
        return nil
    }

    mutating func parseMultiLineString(quote: UInt8) -> TOMLString? {
        let open = i
        i += 3
        if isEOL(i) { i += peek() == 0x0D ? 2 : 1 }
        let contentStart = i
        var out: [UInt8] = []
        var verbatim = true
        let basic = quote == UInt8(ascii: "\"")
        while i < n {
            let c = b[i]
            if c == quote && peek(1) == quote && peek(2) == quote {
                var extra = 0
                while extra < 2 && at(i + 3 + extra) == quote { extra += 1 }
                out += Array(repeating: quote, count: extra)
                let span = Span(contentStart, i + extra)
                i += 3 + extra
                return TOMLString(value: String(decoding: out, as: UTF8.self), span: span,
                                  style: basic ? .multiLineBasic : .multiLineLiteral, isVerbatim: verbatim)
            }
            if basic && c == UInt8(ascii: "\\") {
                verbatim = false
                var k = i + 1
                while let d = at(k), Self.isSpace(d) { k += 1 }
                if isEOL(k) {
                    i = k
                    while let d = peek(), Self.isSpace(d) || d == 0x0A || d == 0x0D { i += 1 }
                    continue
                }
                readEscape(into: &out)
            } else {
                out.append(c)
                i += 1
            }
        }
        addError(.unterminatedMultiLineString, line: line(open))
        return nil
    }

    /// Reads the escape at `i` (a backslash) into `out`.
    private mutating func readEscape(into out: inout [UInt8]) {
        let start = i
        i += 1
        guard let e = peek() else { return }
        i += 1
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = e == UInt8(ascii: "u") ? 4 : 8
            let end = min(i + count, n)
            let hex = String(decoding: b[i..<end], as: UTF8.self)
            if hex.utf8.count == count, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                out += Array(String(Character(scalar)).utf8)
                i = end
            } else {
                addError(.badEscape(String(decoding: b[start..<end], as: UTF8.self)), line: line(start))
            }
        default:
            addError(.badEscape(String(decoding: b[start..<i], as: UTF8.self)), line: line(start))
        }
    }
}
