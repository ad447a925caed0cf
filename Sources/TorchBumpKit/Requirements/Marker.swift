import Foundation

/// A PEP 508 environment marker (`platform_machine == "x86_64" and python_version >= "3.10"`), parsed with
/// packaging's grammar so invalid markers are caught, and evaluable against a partial environment.
public struct Marker: Hashable, Sendable, CustomStringConvertible {
    /// One side of a comparison: an environment variable (names normalised, `sys.platform` → `sys_platform`)
    /// or a quoted literal.
    public enum Value: Hashable, Sendable {
        case variable(String)
        case literal(String)
    }

    /// The expression tree.
    public indirect enum Node: Hashable, Sendable {
        case compare(Value, String, Value)
        case and(Node, Node)
        case or(Node, Node)
    }

    /// The marker text as written (trimmed).
    public let text: String
    public let root: Node

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        var p = MarkerParser(bytes: Array(trimmed.utf8))
        self.text = trimmed
        self.root = try p.parseWhole(original: text)
    }

    public var description: String { text }

    /// Every `variable op value` comparison in the tree, left to right.
    public var comparisons: [(lhs: Value, op: String, rhs: Value)] {
        var out: [(Value, String, Value)] = []
        func walk(_ n: Node) {
            switch n {
            case let .compare(l, op, r): out.append((l, op, r))
            case let .and(a, b), let .or(a, b): walk(a); walk(b)
            }
        }
        walk(root)
        return out
    }

    /// Evaluates the marker like packaging 26 does (`python_version` & co. compare as versions when the other side
    /// is a valid specifier version; other variables compare as strings, where `<`/`>` are false and `<=`/`>=` mean
    /// equality; `in` tests substrings; undefined comparisons give nil). Variables missing from
    /// `environment` make a comparison unknown; `and`/`or` use three-valued logic, so
    /// `platform_machine == "x86_64" and python_version >= "3.9"` is definitely false for `aarch64` alone.
    public func evaluate(_ environment: [String: String]) -> Bool? {
        Self.evaluate(root, environment)
    }

    private static func evaluate(_ node: Node, _ env: [String: String]) -> Bool? {
        switch node {
        case let .and(a, b):
            let (x, y) = (evaluate(a, env), evaluate(b, env))
            if x == false || y == false { return false }
            return x == nil || y == nil ? nil : true
        case let .or(a, b):
            let (x, y) = (evaluate(a, env), evaluate(b, env))
            if x == true || y == true { return true }
            return x == nil || y == nil ? nil : false
        case let .compare(l, op, r):
            // Like packaging: the environment supplies the left variable (or the right one when the left side is a
            // literal); a variable on the right of a variable is read as its own name; two literals cannot be compared.
            var lhs: String, rhs: String, key: String
            switch (l, r) {
            case let (.variable(v), .literal(s)), let (.variable(v), .variable(s)):
                guard let value = env[v] else { return nil }
                (lhs, rhs, key) = (value, s, v)
            case let (.literal(s), .variable(v)):
                guard let value = env[v] else { return nil }
                (lhs, rhs, key) = (s, value, v)
            case (.literal, .literal):
                return nil
            }
            if key == "extra" {
                lhs = normalizePackageName(lhs)
                rhs = normalizePackageName(rhs)
            }
            return compare(lhs, op, rhs, key: key)
        }
    }

    /// Variables compared as versions when the other side is a valid specifier version (packaging 26).
    static let versionVariables: Set<String> = ["implementation_version", "platform_release", "python_full_version", "python_version"]

    private static func compare(_ lhs: String, _ op: String, _ rhs: String, key: String) -> Bool? {
        if versionVariables.contains(key), let specOp = Specifier.Operator(rawValue: op),
           let spec = try? Specifier(specOp, rhs) {
            // A valid specifier decides; a left side that is not a version matches only `===` textually.
            guard let v = Version(lhs) else { return op == "===" && lhs.lowercased() == rhs.lowercased() }
            return spec.contains(v, prereleases: true)
        }
        // Other variables compare as plain strings, and ordering operators degrade like packaging's.
        switch op {
        case "in": return rhs.contains(lhs)
        case "not in": return !rhs.contains(lhs)
        case "==", "<=", ">=": return lhs == rhs
        case "!=": return lhs != rhs
        case "<", ">": return false
        default: return nil   // `~=` / `===` on strings: packaging raises UndefinedComparison
        }
    }

    /// Platform facts the marker states.
    public var hints: MarkerHints { MarkerHints(self) }
}

/// What a marker says about the platform: `platform_machine`, `sys_platform` and `platform_system` values it
/// requires (`==`, `in`-free equalities) or excludes (`!=`), e.g. `platform_machine == "ppc64le"` or
/// `sys_platform != "darwin"`. `and`/`or` structure is not kept: these are hints for guessing a line's platform.
public struct MarkerHints: Hashable, Sendable {
    /// One `variable op "literal"` comparison (variable on either side in the source).
    public struct Clause: Hashable, Sendable {
        public var variable: String
        public var op: String
        public var value: String
    }

    public var clauses: [Clause]

    public init(_ marker: Marker) {
        clauses = marker.comparisons.compactMap { c in
            switch (c.lhs, c.rhs) {
            case let (.variable(v), .literal(s)): return Clause(variable: v, op: c.op, value: s)
            case let (.literal(s), .variable(v)) where c.op == "==" || c.op == "!=": return Clause(variable: v, op: c.op, value: s)
            default: return nil
            }
        }
    }

    /// Parses `marker`; nil when it is not a valid marker.
    public init?(_ marker: String) {
        guard let m = try? Marker(parsing: marker) else { return nil }
        self.init(m)
    }

    public func values(of variable: String, op: String) -> [String] {
        var seen: [String] = []
        for c in clauses where c.variable == variable && c.op == op && !seen.contains(c.value) { seen.append(c.value) }
        return seen
    }

    public var platformMachines: [String] { values(of: "platform_machine", op: "==") }
    public var excludedPlatformMachines: [String] { values(of: "platform_machine", op: "!=") }
    public var sysPlatforms: [String] { values(of: "sys_platform", op: "==") }
    public var excludedSysPlatforms: [String] { values(of: "sys_platform", op: "!=") }
    public var platformSystems: [String] { values(of: "platform_system", op: "==") }
    public var excludedPlatformSystems: [String] { values(of: "platform_system", op: "!=") }

    /// True when the marker mentions none of the platform variables.
    public var isPlatformNeutral: Bool {
        !clauses.contains { ["platform_machine", "sys_platform", "platform_system", "os_name"].contains($0.variable) }
    }
}

/// Recursive-descent parser for packaging's marker grammar.
struct MarkerParser {
    let bytes: [UInt8]
    var pos = 0

    static let variables = [
        "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
        "platform_release", "platform_system", "platform_version", "platform.version", "platform_machine",
        "platform.machine", "platform_python_implementation", "platform.python_implementation",
        "python_implementation", "implementation_name", "implementation_version", "extras", "extra", "dependency_groups",
    ]
    static let operators = ["===", "==", "~=", "!=", "<=", ">=", "<", ">"]

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseWhole(original: String) throws -> Marker.Node {
        let node = try parseOr()
        skipWS()
        guard pos >= bytes.count else { throw fail("expected 'and', 'or' or the end of the marker") }
        return node
    }

    private func fail(_ reason: String) -> RequirementError {
        .invalidMarker(String(decoding: bytes, as: UTF8.self), reason: reason, column: pos + 1)
    }

    private func isWordByte(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }

    private mutating func skipWS() { while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 } }

    /// A keyword or variable with `\b` on both sides.
    private func word(_ w: String, at k: Int) -> Bool {
        let u = Array(w.utf8)
        guard k + u.count <= bytes.count, bytes[k..<(k + u.count)].elementsEqual(u) else { return false }
        // Every keyword and variable starts and ends with a word character, so `\b` means "no word byte around".
        let before: UInt8? = k > 0 ? bytes[k - 1] : nil
        let after: UInt8? = k + u.count < bytes.count ? bytes[k + u.count] : nil
        return !isWordByte(before) && !isWordByte(after)
    }

    private mutating func parseOr() throws -> Marker.Node {
        var node = try parseAnd()
        while true {
            skipWS()
            guard word("or", at: pos) else { return node }
            pos += 2
            node = .or(node, try parseAnd())
        }
    }

    private mutating func parseAnd() throws -> Marker.Node {
        var node = try parseAtom()
        while true {
            skipWS()
            guard word("and", at: pos) else { return node }
            pos += 3
            node = .and(node, try parseAtom())
        }
    }

    private mutating func parseAtom() throws -> Marker.Node {
        skipWS()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "(") {
            pos += 1
            let inner = try parseOr()
            skipWS()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ")") else { throw fail("expected ')' to close '('") }
            pos += 1
            return inner
        }
        let lhs = try parseValue()
        skipWS()
        let op = try parseOperator()
        skipWS()
        let rhs = try parseValue()
        return .compare(lhs, op, rhs)
    }

    private mutating func parseValue() throws -> Marker.Value {
        guard pos < bytes.count else { throw fail("expected a marker variable or quoted string") }
        let q = bytes[pos]
        if q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
            guard let close = bytes[(pos + 1)...].firstIndex(of: q) else { throw fail("unterminated quoted string") }
            let s = String(decoding: bytes[(pos + 1)..<close], as: UTF8.self)
            pos = close + 1
            return .literal(s)
        }
        // Longest variable name first (`extras` before `extra`) is handled by the \b check.
        for v in Self.variables where word(v, at: pos) {
            pos += v.utf8.count
            let name = v.replacingOccurrences(of: ".", with: "_")
            return .variable(name == "python_implementation" ? "platform_python_implementation" : name)
        }
        throw fail("expected a marker variable or quoted string")
    }

    private mutating func parseOperator() throws -> String {
        if word("in", at: pos) { pos += 2; return "in" }
        if word("not", at: pos) {
            pos += 3
            let before = pos
            skipWS()
            guard pos > before, word("in", at: pos) else { throw fail("expected 'in' after 'not'") }
            pos += 2
            return "not in"
        }
        for op in Self.operators {
            let u = Array(op.utf8)
            if pos + u.count <= bytes.count, bytes[pos..<(pos + u.count)].elementsEqual(u) {
                pos += u.count
                return op
            }
        }
        throw fail("expected a marker operator (<=, <, !=, ==, >=, >, ~=, ===, in, not in)")
    }
}
