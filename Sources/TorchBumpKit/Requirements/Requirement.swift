import Foundation

/// A PEP 508 requirement (`torch[extra]==2.6.0+cu124; platform_machine == "x86_64"`, `pkg @ git+https://…@v1`)
/// with the byte span of every part, so a plan can rewrite one version token and nothing else.
public struct Requirement: Hashable, Sendable {
    /// The name as written.
    public var name: String
    public var nameSpan: Span
    public var extras: [String]
    /// Span of `[…]`, brackets included.
    public var extrasSpan: Span?
    /// The version specifiers in order; parenthesised forms (`name (>=1.0)`) are unwrapped.
    public var specifiers: [SpecifierToken]
    /// The URL of a `name @ url` requirement.
    public var url: String?
    public var urlSpan: Span?
    /// The marker text after `;`, trimmed.
    public var marker: String?
    public var markerSpan: Span?
    /// The whole requirement (no comment, no per-requirement options like `--hash`).
    public var span: Span

    public init(
        name: String, nameSpan: Span, extras: [String] = [], extrasSpan: Span? = nil, specifiers: [SpecifierToken] = [],
        url: String? = nil, urlSpan: Span? = nil, marker: String? = nil, markerSpan: Span? = nil, span: Span
    ) {
        self.name = name
        self.nameSpan = nameSpan
        self.extras = extras
        self.extrasSpan = extrasSpan
        self.specifiers = specifiers
        self.url = url
        self.urlSpan = urlSpan
        self.marker = marker
        self.markerSpan = markerSpan
        self.span = span
    }

    /// PEP 503 normalised name (`Flash_Attn` → `flash-attn`).
    public var normalizedName: String { normalizePackageName(name) }

    /// Parses one PEP 508 requirement with packaging's grammar. `offset` is the byte offset of `text`'s first
    /// byte in its file, so spans are file offsets. `allowEnvironmentVariables` accepts `${VAR}` version tokens
    /// (pip expands them in requirements files).
    public static func parse(_ text: String, offset: Int = 0, allowEnvironmentVariables: Bool = false) throws -> Requirement {
        let logical = LogicalText(text, offset: offset)
        var p = RequirementParser(text: logical, start: 0, end: logical.count, allowEnv: allowEnvironmentVariables)
        return try p.parse()
    }

    /// The specifiers as a `SpecifierSet`; nil when a token holds an environment variable.
    public var specifierSet: SpecifierSet? {
        var specs: [Specifier] = []
        for token in specifiers {
            guard let s = token.specifier else { return nil }
            specs.append(s)
        }
        return SpecifierSet(specs)
    }

    /// The version of a single `==X` / `===X` pin without wildcard (local label included), else nil.
    public var pinnedVersion: Version? {
        guard specifiers.count == 1, let s = specifiers.first?.specifier, s.isPinned else { return nil }
        return s.parsedVersion ?? Version(s.version)
    }

    /// The parsed marker; nil without a marker.
    public var parsedMarker: Marker? { marker.flatMap { try? Marker(parsing: $0) } }

    /// Platform facts from the marker; nil without a marker.
    public var markerHints: MarkerHints? { parsedMarker.map(MarkerHints.init) }
}

/// One `op version` of a requirement with the spans of both parts (`==` and `2.6.0+cu124` in `torch == 2.6.0+cu124`).
public struct SpecifierToken: Hashable, Sendable {
    public var op: Specifier.Operator
    public var opSpan: Span
    /// The version text as written, with any local label or wildcard (`2.6.0+cu124`, `2.7.*`, `${TORCH_VERSION}`).
    public var version: String
    public var versionSpan: Span

    public init(op: Specifier.Operator, opSpan: Span, version: String, versionSpan: Span) {
        self.op = op
        self.opSpan = opSpan
        self.version = version
        self.versionSpan = versionSpan
    }

    /// The specifier; nil when the version is not valid for the operator (e.g. `${TORCH_VERSION}`).
    public var specifier: Specifier? { try? Specifier(op, version) }

    /// True when the version token contains a `${VAR}` reference.
    public var hasEnvironmentVariable: Bool { version.contains("${") }
}

/// packaging's requirement grammar over a range of a `LogicalText`.
struct RequirementParser {
    let t: LogicalText
    let start: Int
    let end: Int
    let allowEnv: Bool
    var pos: Int

    init(text: LogicalText, start: Int, end: Int, allowEnv: Bool) {
        self.t = text
        self.start = start
        self.end = min(end, text.count)
        self.allowEnv = allowEnv
        self.pos = start
    }

    private var peek: UInt8? { pos < end ? t.bytes[pos] : nil }
    private func isWS(_ k: Int) -> Bool { k < end && (t.bytes[k] == 0x20 || t.bytes[k] == 0x09) }
    private mutating func skipWS() { while isWS(pos) { pos += 1 } }

    private func fail(_ reason: String, at k: Int? = nil) -> RequirementError {
        .invalidRequirement(t.string(start, end), reason: reason, column: (k ?? pos) - start + 1)
    }

    mutating func parse() throws -> Requirement {
        skipWS()
        let nameStart = pos
        guard let nameEnd = identifierEnd(at: pos) else { throw fail("expected a package name") }
        pos = nameEnd
        var req = Requirement(name: t.string(nameStart, nameEnd), nameSpan: t.span(nameStart, nameEnd), span: t.span(start, end))
        skipWS()
        if peek == UInt8(ascii: "[") { try parseExtras(into: &req) }
        skipWS()
        if peek == UInt8(ascii: "@") {
            pos += 1
            skipWS()
            let urlStart = pos
            while pos < end, !isWS(pos) { pos += 1 }
            guard pos > urlStart else { throw fail("expected a URL after '@'") }
            req.url = t.string(urlStart, pos)
            req.urlSpan = t.span(urlStart, pos)
            skipWS()
            if pos < end { try parseMarker(into: &req, after: "URL and whitespace") }
        } else {
            let parenthesised = peek == UInt8(ascii: "(")
            if parenthesised { pos += 1 }
            skipWS()
            req.specifiers = try parseVersionMany()
            skipWS()
            if parenthesised {
                guard peek == UInt8(ascii: ")") else { throw fail("expected ')' to close the version specifier") }
                pos += 1
            }
            skipWS()
            if pos < end {
                try parseMarker(into: &req, after: req.specifiers.isEmpty ? "name and no valid version specifier" : "version specifier")
            }
        }
        let (a, b) = trimmedRange()
        req.span = t.span(a, b)
        return req
    }

    private func trimmedRange() -> (Int, Int) {
        var a = start, b = end
        while a < b, isWS(a) { a += 1 }
        while b > a, t.bytes[b - 1] == 0x20 || t.bytes[b - 1] == 0x09 { b -= 1 }
        return (a, b)
    }

    private mutating func parseExtras(into req: inout Requirement) throws {
        let open = pos
        pos += 1
        skipWS()
        if let first = identifierEnd(at: pos) {
            req.extras.append(t.string(pos, first))
            pos = first
            while true {
                skipWS()
                if identifierEnd(at: pos) != nil { throw fail("expected a comma between extra names") }
                guard peek == UInt8(ascii: ",") else { break }
                pos += 1
                skipWS()
                guard let e = identifierEnd(at: pos) else { throw fail("expected an extra name after the comma") }
                req.extras.append(t.string(pos, e))
                pos = e
            }
        }
        skipWS()
        guard peek == UInt8(ascii: "]") else { throw fail("expected ']' to close the extras") }
        pos += 1
        req.extrasSpan = t.span(open, pos)
    }

    private mutating func parseMarker(into req: inout Requirement, after: String) throws {
        guard peek == UInt8(ascii: ";") else { throw fail("expected end or semicolon (after \(after))") }
        pos += 1
        var (a, b) = (pos, end)
        while a < b, isWS(a) { a += 1 }
        while b > a, t.bytes[b - 1] == 0x20 || t.bytes[b - 1] == 0x09 { b -= 1 }
        let text = t.string(a, b)
        _ = try Marker(parsing: text)
        req.marker = text
        req.markerSpan = t.span(a, b)
        pos = end
    }

    private mutating func parseVersionMany() throws -> [SpecifierToken] {
        var tokens: [SpecifierToken] = []
        while let token = specifierToken() {
            tokens.append(token)
            if token.op == .arbitrary { tokens += try arbitraryTail() }
            if peek == UInt8(ascii: "."), pos + 1 < end, t.bytes[pos + 1] == UInt8(ascii: "*") {
                throw fail("'.*' can only be used with the == and != operators")
            }
            if peek == UInt8(ascii: "+"), pos + 1 < end, isAlnum(t.bytes[pos + 1]) {
                throw fail("a local version label can only be used with the == and != operators")
            }
            skipWS()
            guard peek == UInt8(ascii: ",") else { break }
            pos += 1
            skipWS()
        }
        return tokens
    }

    /// packaging's `===` token runs up to whitespace, `;` or `)`, commas included; its text is later split on
    /// commas into more specifiers. Reproduce that: `===a,>=1` is two specifiers, `===a,>= 1` is an error.
    private mutating func arbitraryTail() throws -> [SpecifierToken] {
        var runEnd = pos
        while runEnd < end, PythonText.whitespaceLength(t.bytes, at: runEnd, limit: end) == 0,
              t.bytes[runEnd] != UInt8(ascii: ";"), t.bytes[runEnd] != UInt8(ascii: ")") { runEnd += 1 }
        guard runEnd > pos else { return [] }
        var tokens: [SpecifierToken] = []
        var pieceStart = pos + 1
        for k in (pos + 1)...runEnd where k == runEnd || t.bytes[k] == UInt8(ascii: ",") {
            defer { pieceStart = k + 1 }
            guard k > pieceStart else { continue }
            let piece = t.string(pieceStart, k)
            guard let spec = try? Specifier(parsing: piece) else { throw fail("invalid specifier '\(piece)'", at: pieceStart) }
            let opEnd = pieceStart + spec.op.rawValue.utf8.count
            tokens.append(SpecifierToken(op: spec.op, opSpan: t.span(pieceStart, opEnd), version: spec.version,
                                         versionSpan: t.span(k - spec.version.utf8.count, k)))
        }
        pos = runEnd
        return tokens
    }

    private static let operators: [Specifier.Operator] = [.arbitrary, .equal, .notEqual, .compatible, .lessEqual, .greaterEqual, .less, .greater]

    /// packaging's SPECIFIER token at `pos` (operator, optional whitespace, operator-specific version syntax).
    private mutating func specifierToken() -> SpecifierToken? {
        guard let op = Self.operators.first(where: { hasLiteral($0.rawValue, at: pos) }) else { return nil }
        let opEnd = pos + op.rawValue.utf8.count
        var k = opEnd
        while k < end, PythonText.whitespaceLength(t.bytes, at: k, limit: end) == 1 { k += 1 }
        let versionStart = k
        var runEnd = k
        while runEnd < end, !isWS(runEnd), ![UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")")].contains(t.bytes[runEnd]) {
            runEnd += 1
        }
        let versionEnd: Int
        if op == .arbitrary || (allowEnv && t.string(versionStart, runEnd).contains("${")) {
            versionEnd = runEnd
        } else {
            guard let e = matchVersion(for: op, from: versionStart) else { return nil }
            versionEnd = e
        }
        let token = SpecifierToken(
            op: op, opSpan: t.span(pos, opEnd),
            version: t.string(versionStart, versionEnd), versionSpan: t.span(versionStart, versionEnd))
        pos = versionEnd
        return token
    }

    /// End of the version accepted after `op` (the operator-specific part of packaging's specifier regex).
    private func matchVersion(for op: Specifier.Operator, from k: Int) -> Int? {
        let lower = t.bytes[k..<end].map { c -> UInt8 in c >= 65 && c <= 90 ? c + 32 : (c < 0x80 ? c : 0) }
        return lower.withUnsafeBufferPointer { matchVersion(for: op, lowered: $0, from: k) }
    }

    private func matchVersion(for op: Specifier.Operator, lowered lower: UnsafeBufferPointer<UInt8>, from k: Int) -> Int? {
        var c = VersionParser.Cursor(bytes: lower)
        if c.byte(0) == UInt8(ascii: "v") { c.pos = 1 }
        guard c.number() != nil else { return nil }
        if c.byte(c.pos) == UInt8(ascii: "!") {
            c.pos += 1
            guard c.number() != nil else { return nil }
        }
        var releaseCount = 1
        while c.byte(c.pos) == UInt8(ascii: "."), c.isDigit(c.pos + 1) {
            c.pos += 1
            _ = c.number()
            releaseCount += 1
        }
        let equality = op == .equal || op == .notEqual
        if op == .compatible && releaseCount < 2 { return nil }
        if equality, c.byte(c.pos) == UInt8(ascii: "."), c.byte(c.pos + 1) == UInt8(ascii: "*") { return k + c.pos + 2 }
        _ = c.preRelease()
        _ = c.postRelease()
        _ = c.devRelease()
        if equality, c.byte(c.pos) == UInt8(ascii: "+"), c.isAlnum(c.pos + 1) {
            c.pos += 1
            _ = c.localText()
        }
        return k + c.pos
    }

    private func hasLiteral(_ s: String, at k: Int) -> Bool {
        let u = Array(s.utf8)
        return k + u.count <= end && t.bytes[k..<(k + u.count)].elementsEqual(u)
    }

    private func isAlnum(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    /// packaging's IDENTIFIER `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`, backtracking to a word boundary.
    private func identifierEnd(at p: Int) -> Int? {
        guard p < end, isAlnum(t.bytes[p]) else { return nil }
        var e = p + 1
        while e < end, isAlnum(t.bytes[e]) || t.bytes[e] == 0x2E || t.bytes[e] == 0x5F || t.bytes[e] == 0x2D { e += 1 }
        func isWord(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x5F || c >= 0x80 }
        while e > p {
            let lastIsWord = isWord(t.bytes[e - 1])
            let nextIsWord = e < end && isWord(t.bytes[e])
            if lastIsWord != nextIsWord { return e }
            e -= 1
        }
        return nil
    }
}
