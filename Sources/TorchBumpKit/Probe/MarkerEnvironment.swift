import Foundation

/// The PEP 508 marker variables of one target interpreter and platform, with a small evaluator for the markers
/// found in wheel metadata (`platform_system == "Linux" and python_version < "3.13"`).
///
/// Evaluation is deliberately permissive: a variable the environment does not define, or text that does not parse,
/// counts as satisfied, so the probe checks a dependency rather than silently skipping it. `extra` is always empty,
/// so `extra == "opt"` requirements never apply.
public struct MarkerEnvironment: Hashable, Sendable {
    public var values: [String: String]

    public init(values: [String: String]) { self.values = values }

    /// CPython `python` (`3.12`, `3.13t`) on Linux `arch` (`x86_64`, `aarch64`).
    public static func linux(python: String, arch: String) -> MarkerEnvironment {
        var version = python.lowercased()
        if version.hasSuffix("t") { version.removeLast() }
        if version.hasPrefix("cp"), version.count >= 3 {
            let digits = version.dropFirst(2)
            version = "\(digits.prefix(1)).\(digits.dropFirst())"
        }
        let machine: String
        switch arch.lowercased() {
        case "amd64", "x64": machine = "x86_64"
        case "arm64": machine = "aarch64"
        default: machine = arch.lowercased()
        }
        return MarkerEnvironment(values: [
            "python_version": version, "python_full_version": version + ".0", "platform_system": "Linux",
            "sys_platform": "linux", "platform_machine": machine, "os_name": "posix", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "implementation_version": version + ".0", "extra": "",
        ])
    }

    /// Evaluates a marker expression.
    public func evaluate(_ marker: String) -> Bool {
        var parser = MarkerParser(tokens: MarkerParser.tokenize(marker), environment: self)
        guard let value = parser.parseOr(), parser.atEnd else { return true }
        return value
    }

    static let versionVariables: Set<String> = ["python_version", "python_full_version", "implementation_version"]
}

/// Recursive-descent evaluation over marker tokens; nil means "could not parse".
private struct MarkerParser {
    enum Token: Equatable {
        case name(String), string(String), op(String), open, close, and, or
    }

    var tokens: [Token]
    var position = 0
    let environment: MarkerEnvironment

    init(tokens: [Token], environment: MarkerEnvironment) {
        self.tokens = tokens
        self.environment = environment
    }

    var atEnd: Bool { position >= tokens.count }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(.open); i += 1; continue }
            if c == ")" { tokens.append(.close); i += 1; continue }
            if c == "\"" || c == "'" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                tokens.append(.string(String(chars[min(i + 1, chars.count)..<min(j, chars.count)])))
                i = j + 1
                continue
            }
            if "=!<>~".contains(c) {
                var j = i
                while j < chars.count, "=!<>~".contains(chars[j]) { j += 1 }
                tokens.append(.op(String(chars[i..<j])))
                i = j
                continue
            }
            var j = i
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
            if j == i { return [] }  // a character no marker uses: give up (counts as satisfied)
            let word = String(chars[i..<j])
            switch word {
            case "and": tokens.append(.and)
            case "or": tokens.append(.or)
            case "in": tokens.append(.op("in"))
            case "not":
                tokens.append(.op("not in"))
                // `not in`: skip the following `in`.
                var k = j
                while k < chars.count, chars[k].isWhitespace { k += 1 }
                if k + 1 < chars.count, chars[k] == "i", chars[k + 1] == "n" { j = k + 2 }
            default: tokens.append(.name(word))
            }
            i = j
        }
        return tokens
    }

    mutating func next() -> Token? {
        guard position < tokens.count else { return nil }
        defer { position += 1 }
        return tokens[position]
    }

    func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

    mutating func parseOr() -> Bool? {
        guard var value = parseAnd() else { return nil }
        while peek() == .or {
            position += 1
            guard let rhs = parseAnd() else { return nil }
            value = value || rhs
        }
        return value
    }

    mutating func parseAnd() -> Bool? {
        guard var value = parseAtom() else { return nil }
        while peek() == .and {
            position += 1
            guard let rhs = parseAtom() else { return nil }
            value = value && rhs
        }
        return value
    }

    mutating func parseAtom() -> Bool? {
        if peek() == .open {
            position += 1
            let value = parseOr()
            guard next() == .close else { return nil }
            return value
        }
        guard let lhs = next(), case .op(let op)? = next(), let rhs = next() else { return nil }
        return compare(lhs, op, rhs)
    }

    func compare(_ lhs: Token, _ op: String, _ rhs: Token) -> Bool? {
        func resolve(_ t: Token) -> (value: String?, variable: String?)? {
            switch t {
            case .string(let s): return (s, nil)
            case .name(let n): return (environment.values[n], n)
            default: return nil
            }
        }
        guard let l = resolve(lhs), let r = resolve(rhs) else { return nil }
        guard let a = l.value, let b = r.value else { return true }  // unknown variable: permissive
        let variable = l.variable ?? r.variable
        switch op {
        case "in": return b.contains(a)
        case "not in": return !b.contains(a)
        default: break
        }
        if let variable, MarkerEnvironment.versionVariables.contains(variable),
           let operatorValue = Specifier.Operator(rawValue: op) {
            // Version comparison; the specifier is always built from the right-hand side.
            if let version = Version(a), let spec = try? Specifier(operatorValue, b) {
                return spec.contains(version, prereleases: true)
            }
        }
        switch op {
        case "==", "===": return a == b
        case "!=": return a != b
        case "<": return a < b
        case "<=": return a <= b
        case ">": return a > b
        case ">=": return a >= b
        default: return nil
        }
    }
}
