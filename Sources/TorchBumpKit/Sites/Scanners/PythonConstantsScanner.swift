import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds version constants in `setup.py` and other Python files with cheap line checks (code is never run):
/// `MAIN_CUDA_VERSION = "12.8"`, `X: str = "12.8"`, `os.getenv("…CUDA_VERSION", "12.8")` defaults,
/// `"…CUDA_VERSION": "12.8"` dict entries, requirement strings of tracked packages (`"torch==2.8.0"` in
/// `install_requires`) and version gates (`is_torch_at_least("2.9.0.dev")`).
public struct PythonConstantsScanner: SiteScanner {
    public var fileKind: FileKind { .python }

    public init() {}

    public func accepts(path: String) -> Bool { path.hasSuffix(".py") }

    /// Substrings a line needs before any pattern is tried (upper-cased names and `torch`, CUDA variant tags,
    /// wheel index paths).
    private static let lineHints = ["CUDA", "TORCH", "ROCM", "HIP_VERSION", "CU1", "/WHL"]

    /// Case variants of the line hints, for the repository scanner's byte prefilter.
    public func prefilter(context: ScanContext) -> [String]? {
        var needles = ["cuda", "CUDA", "Cuda", "torch", "TORCH", "Torch", "rocm", "ROCM", "ROCm", "Rocm",
                       "hip_version", "HIP_VERSION", "/whl"]
        for c in context.config.constants { needles += [c, c.uppercased(), c.lowercased()] }
        return needles
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let constants = Set(context.config.constants.map { $0.uppercased() })
        guard let needles = prefilter(context: context), ByteSearch.containsAny(file.bytes, needles)
                || !constants.isEmpty && constants.contains(where: file.text.uppercased().contains) else {
            return ScanResult()
        }
        let recorder = SiteRecorder(file: file, fileKind: .python)
        var result = ScanResult()
        var openTripleQuote: String?
        let validUTF8 = file.isValidUTF8
        for number in 1...max(file.lineCount, 1) where number <= file.lineCount {
            let span = file.lineSpan(number)
            // Most lines of a large module hold nothing of interest: decide on the raw bytes first.
            if !Self.lineMayMatter(file.bytes, span, anyName: !constants.isEmpty) { continue }
            let line = (number: number, span: span, text: file[span])
            // Offsets below are computed on decoded text, which matches the bytes only for valid UTF-8.
            if !validUTF8, String(validating: file.bytes[line.span.start..<line.span.end], as: UTF8.self) == nil {
                continue
            }
            // Skip docstrings and other triple-quoted text; keep the code before an opening triple quote.
            var code = line.text
            if let quote = openTripleQuote {
                if line.text.contains(quote) { openTripleQuote = nil }
                continue
            }
            if let (quote, cut) = Self.unclosedTripleQuote(in: code) {
                openTripleQuote = quote
                code = String(code.utf8.prefix(cut)) ?? ""
            }
            code = Self.stripComment(code)
            let upper = code.uppercased()
            guard Self.lineHints.contains(where: upper.contains) || constants.contains(where: upper.contains)
                || code.contains("==") || code.contains(">=") || code.contains("~=")
            else { continue }
            var lineSites: [PinSite] = []
            let strings = PythonStringLiterals(code)
            lineSites += constantSites(code, strings: strings, lineStart: line.span.start, constants: constants,
                                       recorder: recorder)
            lineSites += urlSites(code, strings: strings, lineStart: line.span.start, recorder: recorder,
                                  taken: Set(lineSites.map(\.span)))
            lineSites += variantSites(code, strings: strings, lineStart: line.span.start, recorder: recorder,
                                      taken: Set(lineSites.map(\.span)))
            lineSites += gateSites(code, strings: strings, lineStart: line.span.start, recorder: recorder,
                                   taken: Set(lineSites.map(\.span)))
            lineSites += cudaAssertionSites(code, lineStart: line.span.start, recorder: recorder,
                                            taken: Set(lineSites.map(\.span)))
            // Requirements installed from a variant index on the same line (`session.install("torch==2.8.0",
            // "--index-url", "…/whl/cu126")`) belong to that variant's platform.
            let indexPlatform = lineSites.first { $0.kind == .indexURL && $0.variant != nil }?.platform
            lineSites += requirementSites(strings, lineStart: line.span.start, recorder: recorder,
                                          basePlatform: indexPlatform, taken: Set(lineSites.map(\.span)))
            lineSites += majorCheckSites(code, strings: strings, lineStart: line.span.start, recorder: recorder,
                                         taken: Set(lineSites.map(\.span)))
            result.sites += lineSites
        }
        return result
    }

    /// Whether a line can matter, decided in place on its bytes: every site is a quoted string holding a digit
    /// (`"12.8"`, `"torch==2.8.0"`, `"2.9.0.dev"`, `"cu126"`) on a line with a hint (`cuda`, `torch`, `rocm`,
    /// `hip_version`, any case, `cu` before a digit) or a specifier operator, or a quoted wheel index path (`/whl`,
    /// also without a digit: `"https://download.pytorch.org/whl"`); a triple quote always matters (it opens or
    /// closes a docstring).
    static func lineMayMatter(_ bytes: [UInt8], _ span: Span, anyName: Bool = false) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            // Most code lines hold no quote at all: memchr rules them out at vector speed.
            guard let base = p.baseAddress, span.count > 0,
                  memchr(base + span.start, 0x22, span.count) != nil || memchr(base + span.start, 0x27, span.count) != nil
            else { return false }
            func lowerAt(_ i: Int) -> UInt8 {
                guard i < span.end else { return 0 }
                let b = p[i]
                return b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            func word(_ i: Int, _ rest: StaticString) -> Bool {
                var k = 0
                let r = rest.utf8Start
                while k < rest.utf8CodeUnitCount {
                    if lowerAt(i + k) != r[k] { return false }
                    k += 1
                }
                return true
            }
            var quote = false, digit = false, hint = anyName, index = false
            var i = span.start
            while i < span.end {
                let raw = p[i]
                switch raw {
                case 0x22, 0x27:  // " '
                    if i + 2 < span.end && p[i + 1] == raw && p[i + 2] == raw {
                        // A one-line docstring ("""…""") changes no state and holds no constant: skip over it.
                        var k = i + 3
                        while k + 2 < span.end && !(p[k] == raw && p[k + 1] == raw && p[k + 2] == raw) { k += 1 }
                        guard k + 2 < span.end else { return true }  // opens a docstring: the scanner tracks it
                        i = k + 3
                        continue
                    }
                    quote = true
                case 0x30...0x39:
                    digit = true
                case 0x3D, 0x3E, 0x7E:  // = > ~
                    if i + 1 < span.end && p[i + 1] == 0x3D { hint = true }
                case 0x2F:  // /
                    if !index, word(i + 1, "whl") { index = true }
                default:
                    if !hint {
                        switch raw | 0x20 {
                        case 0x63:  // c: `cuda`, `cu126`
                            hint = word(i + 1, "uda") || lowerAt(i + 1) == 0x75 && (0x30...0x39).contains(lowerAt(i + 2))
                        case 0x74: hint = word(i + 1, "orch")  // t
                        case 0x72: hint = word(i + 1, "ocm")  // r
                        case 0x68: hint = word(i + 1, "ip_version")  // h
                        default: break
                        }
                    }
                }
                i += 1
            }
            return quote && (digit && hint || index)
        }
    }

    // MARK: requirement strings

    /// `"torch==2.8.0"`, `'triton>=3.4,<3.5'` and other requirement strings of tracked packages with a version
    /// or URL (`install_requires`, `setup_requires`, `extras_require`, any list of requirement strings).
    private func requirementSites(_ strings: PythonStringLiterals, lineStart: Int, recorder: SiteRecorder,
                                  basePlatform: Platform? = nil, taken: Set<Span>) -> [PinSite] {
        let builder = RequirementSiteBuilder(recorder: recorder, basePlatform: basePlatform)
        var sites: [PinSite] = []
        for literal in strings.literals where !literal.isFormatted {
            let head = literal.value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            guard !head.isEmpty, TrackedPackages.contains(String(head)),
                  literal.value.contains(where: { "=<>~!@".contains($0) }),
                  let requirement = try? Requirement.parse(literal.value, offset: lineStart + literal.span.start)
            else { continue }
            sites += builder.sites(for: requirement, role: .pin).sites.filter { !taken.contains($0.span) }
        }
        return sites
    }

    // MARK: constants

    /// Names of toolkit versions (`…CUDA…`, `…TORCH_VERSION…`, `…ROCM_VERSION…`), configured constants, and names
    /// of tracked packages (`TORCHVISION_VERSION`, `TESTED_TORCH`, `MIN_TORCHAUDIO`: see `VersionConstantName`).
    private func isCandidateName(_ name: String, constants: Set<String>) -> Bool {
        let upper = name.uppercased()
        return constants.contains(upper) || upper.contains("CUDA") || upper.contains("TORCH_VERSION")
            || upper.contains("ROCM_VERSION") || VersionConstantName(name)?.package != nil
    }

    private func constantSite(name: String, literal: PythonStringLiterals.Literal, lineStart: Int,
                              recorder: SiteRecorder) -> PinSite? {
        let span = literal.span.shifted(by: lineStart)
        let upper = name.uppercased()
        if upper.contains("ARCH") {
            guard VersionText.isArchList(literal.value) else { return nil }
            return recorder.site(.archList, subject: "cuda", span: span, name: name)
        }
        let named = VersionConstantName(name)
        guard VersionText.isVersion(literal.value),
              let subject = named?.package ?? VersionText.subject(forConstantName: name, value: literal.value)
        else { return nil }
        let platform: Platform? = subject == "cuda" ? .cuda : subject == "rocm" ? .rocm : nil
        return recorder.site(.version, subject: subject, span: span, platform: platform, name: name,
                             note: named?.boundNote)
    }

    private func constantSites(_ code: String, strings: PythonStringLiterals, lineStart: Int, constants: Set<String>,
                               recorder: SiteRecorder) -> [PinSite] {
        var sites: [PinSite] = []
        var taken = Set<Span>()
        func add(_ site: PinSite?) {
            guard let site, taken.insert(site.span).inserted else { return }
            sites.append(site)
        }
        // `os.getenv("NAME", "12.8")`, `os.environ.get("NAME", "12.8")`, `environ.get('NAME', '12.8')`.
        for (k, literal) in strings.literals.enumerated() where k + 1 < strings.literals.count {
            let before = strings.code(before: literal)
            let call = before.replacingOccurrences(of: " ", with: "")
            guard call.hasSuffix("getenv(") || call.hasSuffix("environ.get(") || call.hasSuffix("setdefault(")
            else { continue }
            let next = strings.literals[k + 1]
            guard strings.code(between: literal, next).trimmingCharacters(in: .whitespaces) == "," else { continue }
            let assigned = Self.assignedName(code)
            if isCandidateName(literal.value, constants: constants) {
                add(constantSite(name: literal.value, literal: next, lineStart: lineStart, recorder: recorder))
            } else if let assigned, isCandidateName(assigned, constants: constants) {
                add(constantSite(name: assigned, literal: next, lineStart: lineStart, recorder: recorder))
            }
        }
        // `NAME = "12.8"`, `NAME: str = "12.8"`.
        if let name = Self.assignedName(code), isCandidateName(name, constants: constants),
           let first = strings.literals.first,
           Self.isDirectAssignment(strings.code(before: first)) {
            add(constantSite(name: name, literal: first, lineStart: lineStart, recorder: recorder))
        }
        // `NAMES = ["12.6", "12.8"]`, `NAMES: tuple[str, ...] = ("12.6", "12.8")`.
        if let name = Self.assignedName(code), isCandidateName(name, constants: constants),
           let first = strings.literals.first {
            let before = strings.code(before: first).trimmingCharacters(in: .whitespaces)
            if before.hasSuffix("= [") || before.hasSuffix("=[") || before.hasSuffix("= (") || before.hasSuffix("=(") {
                var previous: PythonStringLiterals.Literal?
                for literal in strings.literals {
                    if let previous, strings.code(between: previous, literal).trimmingCharacters(in: .whitespaces) != "," {
                        break
                    }
                    add(constantSite(name: name, literal: literal, lineStart: lineStart, recorder: recorder))
                    previous = literal
                }
            }
        }
        // `os.getenv("NAME", "").lower() or "12.8"`: the fallback after `or` is the default.
        for (k, literal) in strings.literals.enumerated() where k > 0 {
            let before = strings.code(before: literal).trimmingCharacters(in: .whitespaces)
            guard before.hasSuffix(" or") || before.hasSuffix(")or"),
                  let name = strings.literals[..<k].first(where: { isCandidateName($0.value, constants: constants) })?.value
            else { continue }
            add(constantSite(name: name, literal: literal, lineStart: lineStart, recorder: recorder))
        }
        // `"NAME": "12.8"` dict entries and `os.environ["NAME"] = "12.8"`.
        for (k, literal) in strings.literals.enumerated() where k + 1 < strings.literals.count {
            let next = strings.literals[k + 1]
            let between = strings.code(between: literal, next).replacingOccurrences(of: " ", with: "")
            guard between == ":" || between == "]=", isCandidateName(literal.value, constants: constants) else { continue }
            add(constantSite(name: literal.value, literal: next, lineStart: lineStart, recorder: recorder))
        }
        return sites
    }

    /// The name assigned on this line: `NAME = …`, `NAME: type = …`, `self.name = …` (last component).
    static func assignedName(_ code: String) -> String? {
        let trimmed = code.drop { $0 == " " || $0 == "\t" }
        var name = ""
        var rest = Substring(trimmed)
        while let c = rest.first, c.isLetter || c.isNumber || c == "_" || c == "." {
            name.append(c)
            rest = rest.dropFirst()
        }
        guard let first = name.first, first.isLetter || first == "_" else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix(":") {
            guard let eq = rest.firstIndex(of: "=") else { return nil }
            rest = rest[eq...]
        }
        guard rest.hasPrefix("="), !rest.hasPrefix("==") else { return nil }
        return name.split(separator: ".").last.map(String.init)
    }

    /// Whether the code before the first string literal is `NAME =` / `NAME: type =` with nothing else.
    static func isDirectAssignment(_ before: String) -> Bool {
        let trimmed = before.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix("=") && !trimmed.hasSuffix("==") && !trimmed.contains("(")
    }

    // MARK: gates

    private func gateSites(_ code: String, strings: PythonStringLiterals, lineStart: Int, recorder: SiteRecorder,
                           taken: Set<Span>) -> [PinSite] {
        var sites: [PinSite] = []
        let mentionsTorchVersion = code.contains("__version__") && code.lowercased().contains("torch")
        let asserted = mentionsTorchVersion ? Set(TorchVersionAssertion.versions(in: Array(code.utf8)).map(\.lowerBound)) : []
        for literal in strings.literals where VersionText.isVersion(literal.value) {
            let span = literal.span.shifted(by: lineStart)
            guard !taken.contains(span) else { continue }
            if asserted.contains(literal.span.start) {
                sites.append(recorder.site(.version, subject: "torch", span: span, name: "torch.__version__",
                                           note: "version assertion"))
                continue
            }
            let before = strings.code(before: literal)
            // `assert SUPPORTED_TORCH == "2.8.0"`: a test that pins the project's torch constant.
            if let name = Self.assertedName(code, before: before), name.lowercased().contains("torch"),
               !name.lowercased().contains("vision"), !name.lowercased().contains("audio") {
                sites.append(recorder.site(.version, subject: "torch", span: span, name: name, note: "version assertion"))
                continue
            }
            // `assert DEFAULT_CUDA == "13.0"`: a test of the project's CUDA constant.
            if let name = Self.assertedName(code, before: before), name.lowercased().contains("cuda"),
               !name.lowercased().contains("arch"), VersionTokens.isDotted(literal.value) {
                sites.append(recorder.site(.version, subject: "cuda", span: span, platform: .cuda, name: name,
                                           note: "version assertion"))
                continue
            }
            let function = Self.calledFunction(before)
            if let function, function.lowercased().contains("torch") {
                sites.append(recorder.site(.version, subject: "torch", span: span, name: function, note: "version gate"))
            } else if mentionsTorchVersion && !Self.setsVersionAttribute(code) {
                sites.append(recorder.site(.version, subject: "torch", span: span, name: "torch.__version__",
                                           note: "version gate"))
            } else if let function, Self.versionConstructors.contains(String(function.split(separator: ".").last ?? "")),
                      Self.comparesTorchVersion(code) {
                // `torch_version() >= Version("2.9.0.dev")`, `version.parse(torch.__version__) < version.parse("2.6")`.
                sites.append(recorder.site(.version, subject: "torch", span: span, name: function, note: "version gate"))
            }
        }
        return sites
    }

    /// Functions that turn a version string into a comparable value.
    static let versionConstructors: Set<String> = ["Version", "parse", "parse_version", "LooseVersion", "StrictVersion"]

    /// Whether the line compares something named for torch's version (`torch_version()`, `TORCH_VERSION`,
    /// `torch.__version__`) with `<`, `<=`, `>`, `>=`, `==` or `!=`.
    static func comparesTorchVersion(_ code: String) -> Bool {
        let lower = code.lowercased()
        guard lower.contains("torch") && (lower.contains("version") || lower.contains("__version__")) else { return false }
        return ["<", ">", "==", "!="].contains { code.contains($0) } && !setsVersionAttribute(code)
    }

    /// `SUPPORTED_TORCH` in `assert SUPPORTED_TORCH == "…"` (`before` is the code between the previous literal and
    /// this one); nil unless the line is such an assertion.
    static func assertedName(_ code: String, before: String) -> String? {
        guard code.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("assert ") else { return nil }
        var rest = Substring(before)
        while rest.last == " " { rest = rest.dropLast() }
        guard rest.hasSuffix("==") else { return nil }
        rest = rest.dropLast(2)
        while rest.last == " " { rest = rest.dropLast() }
        let name = String(rest.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        guard rest.dropLast(name.count).trimmingCharacters(in: .whitespaces).hasSuffix("assert"), !name.isEmpty else { return nil }
        return name
    }

    /// Whether the line gives `__version__` a value instead of testing it: a test's mock (`monkeypatch.setattr(torch,
    /// "__version__", "2.9.0.dev…")`, `mock.patch("torch.__version__", …)`, `patch.object(torch, "__version__", …)`)
    /// or an assignment (`torch.__version__ = "…"`). Its version is the scenario the test simulates, not a gate.
    static func setsVersionAttribute(_ code: String) -> Bool {
        if code.contains("\"__version__\"") || code.contains("'__version__'") { return true }
        if code.contains("setattr(") || code.contains("patch(") || code.contains("patch.object(") { return true }
        guard let range = code.range(of: "__version__") else { return false }
        let after = code[range.upperBound...].drop { $0 == " " || $0 == "\t" }
        return after.hasPrefix("=") && !after.hasPrefix("==")
    }

    /// `cuda_major == "12"`, `CUDA_MAJOR != '12'`, `torch.version.cuda.split(".")[0] == "12"`: a branch on the CUDA
    /// major version (a bare number compared with `==`/`!=` to something named for CUDA). It does not move with the
    /// toolkit, but a move to another major takes the other branch.
    private func majorCheckSites(_ code: String, strings: PythonStringLiterals, lineStart: Int, recorder: SiteRecorder,
                                 taken: Set<Span>) -> [PinSite] {
        var sites: [PinSite] = []
        for literal in strings.literals where !literal.value.isEmpty && literal.value.count <= 2
            && literal.value.allSatisfy(\.isASCIIDigit) {
            let span = literal.span.shifted(by: lineStart)
            guard !taken.contains(span) else { continue }
            let codeBytes = Array(code.utf8)
            var before = Substring(String(decoding: codeBytes[..<min(literal.outer.start, codeBytes.count)], as: UTF8.self))
            while before.last == " " { before = before.dropLast() }
            let op = before.hasSuffix("==") ? "==" : before.hasSuffix("!=") ? "!=" : nil
            guard let op else { continue }
            before = before.dropLast(2)
            while before.last == " " { before = before.dropLast() }
            // The operand right before the operator: what follows the last keyword, comma or assignment.
            var text = String(before).lowercased()
            for separator in [" or ", " and ", " not ", "if ", "while ", "return ", ", ", "= ", "lambda "] {
                if let r = text.range(of: separator, options: .backwards) { text = String(text[r.upperBound...]) }
            }
            guard text.contains("cuda"), text.contains("major") || text.contains("[0]") else { continue }
            sites.append(recorder.site(.version, subject: "cuda", span: span, platform: .cuda, op: op,
                                       note: "CUDA major check"))
        }
        return sites
    }

    /// `is_torch_at_least` when `before` ends with `is_torch_at_least(` (spaces allowed).
    static func calledFunction(_ before: String) -> String? {
        var s = Substring(before)
        while s.last == " " { s = s.dropLast() }
        guard s.last == "(" else { return nil }
        s = s.dropLast()
        var name = ""
        while let c = s.last, c.isLetter || c.isNumber || c == "_" || c == "." {
            name.insert(c, at: name.startIndex)
            s = s.dropLast()
        }
        return name.isEmpty ? nil : name
    }

    // MARK: helpers

    /// The first triple quote of `code` that is not closed on the same line, with its byte offset.
    static func unclosedTripleQuote(in code: String) -> (String, Int)? {
        let bytes = Array(code.utf8)
        var i = 0
        var open: (String, Int)?
        while i + 2 < bytes.count {
            let c = bytes[i]
            if (c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")) && bytes[i + 1] == c && bytes[i + 2] == c {
                let quote = c == UInt8(ascii: "\"") ? "\"\"\"" : "'''"
                if let current = open {
                    if current.0 == quote { open = nil }
                } else {
                    open = (quote, i)
                }
                i += 3
            } else {
                i += 1
            }
        }
        return open
    }

    /// `code` without a trailing `# comment` (a `#` inside a string literal is kept).
    static func stripComment(_ code: String) -> String {
        var quote: Character?
        var escaped = false
        var out = ""
        for ch in code {
            if let q = quote {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "#" {
                break
            }
            out.append(ch)
        }
        return out
    }
}

/// The single-line string literals of one line of Python code, with their content spans relative to the line.
struct PythonStringLiterals {
    struct Literal {
        var value: String
        /// Content span (without quotes) relative to the line start.
        var span: Span
        /// Span including prefix and quotes.
        var outer: Span
        var isFormatted: Bool
    }

    let bytes: [UInt8]
    var literals: [Literal] = []

    init(_ code: String) {
        bytes = Array(code.utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            guard c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") else { i += 1; continue }
            // String prefix letters (r, b, f, u) right before the quote.
            var p = i
            while p > 0, [UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "f"),
                          UInt8(ascii: "F"), UInt8(ascii: "u"), UInt8(ascii: "U")].contains(bytes[p - 1]), i - p < 2 { p -= 1 }
            let prefix = String(decoding: bytes[p..<i], as: UTF8.self).lowercased()
            let start = i + 1
            var k = start
            while k < n, bytes[k] != c { k += bytes[k] == UInt8(ascii: "\\") ? 2 : 1 }
            guard k < n else { break }
            let value = String(decoding: bytes[start..<k], as: UTF8.self)
            literals.append(Literal(value: value, span: Span(start, k), outer: Span(p, k + 1),
                                    isFormatted: prefix.contains("f")))
            i = k + 1
        }
    }

    /// Code text before `literal` (after the previous literal).
    func code(before literal: Literal) -> String {
        let previousEnd = literals.last { $0.outer.end <= literal.outer.start }?.outer.end ?? 0
        return String(decoding: bytes[previousEnd..<literal.outer.start], as: UTF8.self)
    }

    /// Code text between two literals.
    func code(between a: Literal, _ b: Literal) -> String {
        guard a.outer.end <= b.outer.start else { return "" }
        return String(decoding: bytes[a.outer.end..<b.outer.start], as: UTF8.self)
    }
}
