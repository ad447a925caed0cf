/// The command invocations of a CMake file (`name(arg arg "quoted arg")`), with the span of every argument.
/// Comments (`# …`, `#[[ … ]]`) are skipped; an unterminated quote or parenthesis is reported with its line.
struct CMakeCommands {
    struct Argument: Hashable {
        /// The argument as written, without quotes or brackets.
        var text: String
        /// Span of `text`.
        var span: Span
        var quoted: Bool
    }

    struct Command: Hashable {
        /// Lower-cased command name (`set`, `if`, `fetchcontent_declare`).
        var name: String
        var arguments: [Argument]
        var line: Int
    }

    enum Problem: Hashable {
        case unterminatedQuote(line: Int)
        case unterminatedCommand(name: String, line: Int)
    }

    var commands: [Command] = []
    var problems: [Problem] = []

    init(_ file: SourceFile) {
        let b = file.bytes
        let n = b.count
        var i = file.contentStart
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        func isIdentStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F }
        func isIdent(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) }
        /// Length of a bracket opener `[==[` at `k`, with its `=` count.
        func bracketOpen(_ k: Int) -> (length: Int, level: Int)? {
            guard k < n, b[k] == UInt8(ascii: "[") else { return nil }
            var m = k + 1
            while m < n, b[m] == UInt8(ascii: "=") { m += 1 }
            guard m < n, b[m] == UInt8(ascii: "[") else { return nil }
            return (m - k + 1, m - k - 1)
        }
        /// Index just past the bracket closer `]==]` of `level`, searching from `k`; nil if none.
        func bracketClose(from k: Int, level: Int) -> (contentEnd: Int, end: Int)? {
            var m = k
            while m < n {
                if b[m] == UInt8(ascii: "]") {
                    var e = m + 1
                    while e < n, b[e] == UInt8(ascii: "="), e - m - 1 < level { e += 1 }
                    if e - m - 1 == level, e < n, b[e] == UInt8(ascii: "]") { return (m, e + 1) }
                }
                m += 1
            }
            return nil
        }
        func skipComment(_ k: inout Int) {
            // At `#`.
            if let open = bracketOpen(k + 1), let close = bracketClose(from: k + 1 + open.length, level: open.level) {
                k = close.end
                return
            }
            while k < n, b[k] != 0x0A { k += 1 }
        }

        while i < n {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            if c == UInt8(ascii: "#") { skipComment(&i); continue }
            guard isIdentStart(c) else {
                while i < n, b[i] != 0x0A { i += 1 }
                continue
            }
            let nameStart = i
            while i < n, isIdent(b[i]) { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
            var k = i
            while k < n, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
            guard k < n, b[k] == UInt8(ascii: "(") else {
                while i < n, b[i] != 0x0A { i += 1 }
                continue
            }
            i = k + 1
            let line = file.lineNumber(at: nameStart)
            var args: [Argument] = []
            var depth = 0
            var closed = false
            argumentLoop: while i < n {
                let c = b[i]
                if isSpace(c) { i += 1; continue }
                switch c {
                case UInt8(ascii: "#"):
                    skipComment(&i)
                case UInt8(ascii: "("):
                    depth += 1
                    i += 1
                case UInt8(ascii: ")"):
                    i += 1
                    if depth == 0 { closed = true; break argumentLoop }
                    depth -= 1
                case UInt8(ascii: "\""):
                    let start = i + 1
                    var m = start
                    while m < n, b[m] != UInt8(ascii: "\"") { m += b[m] == UInt8(ascii: "\\") ? 2 : 1 }
                    guard m < n else {
                        problems.append(.unterminatedQuote(line: file.lineNumber(at: i)))
                        i = n
                        closed = true  // reported already
                        break argumentLoop
                    }
                    args.append(Argument(text: String(decoding: b[start..<m], as: UTF8.self), span: Span(start, m), quoted: true))
                    i = m + 1
                default:
                    if let open = bracketOpen(i), let close = bracketClose(from: i + open.length, level: open.level) {
                        let start = i + open.length
                        args.append(Argument(text: String(decoding: b[start..<close.contentEnd], as: UTF8.self),
                                             span: Span(start, close.contentEnd), quoted: true))
                        i = close.end
                        continue
                    }
                    let start = i
                    var m = i
                    var braces = 0
                    while m < n {
                        let d = b[m]
                        if d == UInt8(ascii: "{") { braces += 1 }
                        if d == UInt8(ascii: "}") { braces = max(0, braces - 1) }
                        if braces == 0 && (isSpace(d) || d == UInt8(ascii: "(") || d == UInt8(ascii: ")")
                            || d == UInt8(ascii: "#") || d == UInt8(ascii: "\"")) { break }
                        m += d == UInt8(ascii: "\\") ? 2 : 1
                    }
                    m = min(m, n)
                    args.append(Argument(text: String(decoding: b[start..<m], as: UTF8.self), span: Span(start, m), quoted: false))
                    i = max(m, start + 1)
                }
            }
            if !closed { problems.append(.unterminatedCommand(name: name, line: line)) }
            commands.append(Command(name: name, arguments: args, line: line))
        }
    }
}
