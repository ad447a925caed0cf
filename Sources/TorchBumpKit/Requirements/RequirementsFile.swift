import Foundation

/// A requirements file read the way pip reads it (`str.splitlines`, backslash continuations, `#` comments
/// that start a line or follow whitespace, option lines, requirement lines with per-requirement options),
/// keeping byte spans into the original file for every part. Problems become diagnostics; no line is dropped.
public struct RequirementsFile: Sendable {
    public var lines: [RequirementsLine]
    public var diagnostics: [Diagnostic]

    public init(_ file: SourceFile) {
        var reader = Reader(file: file)
        reader.run()
        lines = reader.lines
        diagnostics = reader.diagnostics
    }

    /// All requirements in file order.
    public var requirements: [Requirement] { lines.compactMap(\.entry.requirement) }

    /// Requirements whose normalised name is `name` (normalised here too).
    public func requirements(named name: String) -> [Requirement] {
        let wanted = normalizePackageName(name)
        return requirements.filter { $0.normalizedName == wanted }
    }

    /// Every option in file order (option lines and per-requirement options).
    public var options: [RequirementsOption] { lines.flatMap(\.options) }

    /// Requirements found in whole-line comments (`# xformers==0.0.32.post1  # …`).
    public var commentedOutRequirements: [Requirement] {
        lines.compactMap { line in
            if case let .comment(c) = line.entry { return c.commentedOutRequirement }
            return nil
        }
    }
}

extension RequirementsFile {
    /// Builds the lines of one file.
    fileprivate struct Reader {
        let file: SourceFile
        var lines: [RequirementsLine] = []
        var diagnostics: [Diagnostic] = []

        init(file: SourceFile) { self.file = file }

        /// A logical line and the physical lines it came from.
        struct Logical {
            var text: LogicalText
            var start: Int
            var end: Int
            var lastPhysicalStart: Int
            var unterminated: Bool
        }

        mutating func run() {
            for logical in joinLines() { read(logical) }
        }

        /// pip's `join_lines`: a line ending in `\` continues (the backslashes at both ends of it are stripped),
        /// unless it is a whole-line comment; a comment line closing a continuation gets a leading space.
        func joinLines() -> [Logical] {
            let b = file.bytes
            var out: [Logical] = []
            var pending: (text: LogicalText, start: Int, lastStart: Int)?
            for (start, end) in PythonText.splitLines(b, from: file.contentStart) {
                let raw = LogicalText(bytes: Array(b[start..<end]), offsets: Array(start..<end), end: end)
                if b[start..<end].last != UInt8(ascii: "\\") || Self.isCommentLine(raw) {
                    var piece = raw
                    if Self.isCommentLine(raw) {
                        piece = LogicalText(bytes: [0x20], offsets: [start], end: start)
                        piece.append(raw)
                    }
                    if var p = pending {
                        p.text.append(piece)
                        out.append(Logical(text: p.text, start: p.start, end: end, lastPhysicalStart: start, unterminated: false))
                        pending = nil
                    } else {
                        out.append(Logical(text: piece, start: start, end: end, lastPhysicalStart: start, unterminated: false))
                    }
                } else {
                    var s = start, e = end
                    while s < e, b[s] == UInt8(ascii: "\\") { s += 1 }
                    while e > s, b[e - 1] == UInt8(ascii: "\\") { e -= 1 }
                    let stripped = LogicalText(bytes: Array(b[s..<e]), offsets: Array(s..<e), end: e)
                    if pending == nil { pending = (LogicalText(bytes: [], offsets: [], end: start), start, start) }
                    pending?.text.append(stripped)
                    pending?.text.end = end
                    pending?.lastStart = start
                }
            }
            if let p = pending {
                out.append(Logical(text: p.text, start: p.start, end: p.text.end, lastPhysicalStart: p.lastStart, unterminated: true))
            }
            return out
        }

        /// `^\s*#`.
        static func isCommentLine(_ t: LogicalText) -> Bool {
            var i = 0
            while case let n = PythonText.whitespaceLength(t.bytes, at: i), n > 0 { i += n }
            return t.byte(i) == UInt8(ascii: "#")
        }

        /// pip's `COMMENT_RE` (`(^|\s+)#.*$`): the position of the `#` and where the removed text starts.
        static func commentStart(_ t: LogicalText) -> (hash: Int, cut: Int)? {
            for h in 0..<t.count where t.bytes[h] == UInt8(ascii: "#") {
                if h == 0 { return (0, 0) }
                var cut = h
                while case let n = PythonText.whitespaceLength(t.bytes, endingAt: cut), n > 0 { cut -= n }
                if cut < h { return (h, cut) }
            }
            return nil
        }

        func location(_ offset: Int) -> SourceLocation { file.location(of: min(offset, max(0, file.bytes.count))) }

        mutating func report(_ severity: Diagnostic.Severity, _ error: RequirementError, at offset: Int) {
            diagnostics.append(Diagnostic(severity, error.localizedDescription, at: location(offset)))
        }

        mutating func read(_ logical: Logical) {
            let t = logical.text
            let lineNumber = file.lineNumber(at: logical.start)
            var line = RequirementsLine(entry: .blank, lineNumber: lineNumber, span: Span(logical.start, max(logical.start, logical.end)))
            if logical.unterminated { report(.warning, .continuationAtEndOfFile, at: logical.start) }

            var comment: Comment?
            var contentEnd = t.count
            if let c = Self.commentStart(t) {
                contentEnd = c.cut
                comment = Comment(text: t.string(c.hash, t.count), span: t.span(c.hash, t.count))
                if t.fileOffset(c.hash) < logical.lastPhysicalStart { report(.warning, .commentSwallowsNextLine, at: t.fileOffset(c.hash)) }
            }
            let (c0, c1) = t.trimmed(0, contentEnd)
            guard c1 > c0 else {
                if var comment {
                    comment.commentedOutRequirement = commentedOut(t, comment: comment)
                    line.entry = .comment(comment)
                }
                lines.append(line)
                return
            }
            // pip's break_args_options: the first space-separated word starting with '-' begins the options.
            var optionStart = c1
            for i in c0..<c1 where t.bytes[i] == UInt8(ascii: "-") && (i == c0 || t.bytes[i - 1] == 0x20) {
                optionStart = i
                break
            }
            let contentText = t.string(c0, c1)
            let parsedOptions = OptionLineParser(t: t).parse(optionStart, c1)
            var optionErrors = false
            for problem in parsedOptions.problems {
                if case .unknownOption = problem { report(.warning, problem, at: t.fileOffset(optionStart)) } else {
                    report(.error, problem, at: t.fileOffset(optionStart))
                    optionErrors = true
                }
            }
            let (a0, a1) = t.trimmed(c0, optionStart)
            if a1 <= a0 {
                // An option line.
                if !parsedOptions.ignored.isEmpty {
                    report(.warning, .ignoredArguments(parsedOptions.ignored.joined(separator: " ")), at: t.fileOffset(c0))
                }
                if optionErrors || parsedOptions.options.isEmpty {
                    line.entry = .invalid(contentText)
                    if parsedOptions.options.isEmpty && !optionErrors {
                        report(.error, .invalidOption(contentText, reason: "no option found"), at: t.fileOffset(c0))
                    }
                } else {
                    line.entry = .option(parsedOptions.options[0], comment: comment)
                    line.extraOptions = Array(parsedOptions.options.dropFirst())
                }
                lines.append(line)
                return
            }
            line.extraOptions = parsedOptions.options
            switch Self.parseArguments(t, a0, a1) {
            case let .failure(error):
                report(.error, error, at: t.fileOffset(a0))
                line.entry = .invalid(contentText)
                line.extraOptions = []
            case let .requirement(req, marker):
                line.entry = .requirement(req, comment: comment)
                (line.marker, line.markerSpan) = (marker?.0, marker?.1)
            case let .url(url, span, marker):
                line.entry = .url(url, span, comment: comment)
                (line.marker, line.markerSpan) = (marker?.0, marker?.1)
            }
            lines.append(line)
        }

        /// The requirement in a whole-line comment, if its body is one with a version or URL.
        func commentedOut(_ t: LogicalText, comment: Comment) -> Requirement? {
            guard let hash = (0..<t.count).first(where: { t.bytes[$0] == UInt8(ascii: "#") }) else { return nil }
            var b0 = hash
            while b0 < t.count, t.bytes[b0] == UInt8(ascii: "#") { b0 += 1 }
            let rest = t.slice(b0, t.count)
            let bodyEnd = Self.commentStart(rest).map { b0 + $0.cut } ?? t.count
            let (s, e) = t.trimmed(b0, bodyEnd)
            guard e > s, t.bytes[s] != UInt8(ascii: "-") else { return nil }
            guard case let .requirement(req, _) = Self.parseArguments(t, s, e), !req.specifiers.isEmpty || req.url != nil
            else { return nil }
            return req
        }

        enum Arguments {
            case requirement(Requirement, marker: (String, Span)?)
            case url(String, Span, marker: (String, Span)?)
            case failure(RequirementError)
        }

        /// pip's `parse_req_from_line` on the requirement part `t[a0..<a1]` of a line.
        static func parseArguments(_ t: LogicalText, _ a0: Int, _ a1: Int) -> Arguments {
            let whole = t.string(a0, a1)
            let separator: [UInt8] = isURL(whole) ? [0x3B, 0x20] : [0x3B]
            var sep: Int?
            if a1 - a0 >= separator.count {
                sep = (a0...(a1 - separator.count)).first { t.bytes[$0..<($0 + separator.count)].elementsEqual(separator) }
            }
            let (h0, h1) = t.trimmed(a0, sep ?? a1)
            var marker: (String, Span)?
            if let sep {
                let (m0, m1) = t.trimmed(sep + 1, a1)
                if m1 > m0 {
                    do { _ = try Marker(parsing: t.string(m0, m1)) } catch let e as RequirementError { return .failure(e) } catch {
                        return .failure(.invalidMarker(t.string(m0, m1), reason: "unreadable", column: 1))
                    }
                    marker = (t.string(m0, m1), t.span(m0, m1))
                }
            }
            let head = t.string(h0, h1)
            if isURL(head) || looksLikeLocalFile(head) { return .url(head, t.span(h0, h1), marker: marker) }
            var parser = RequirementParser(text: t, start: h0, end: h1, allowEnv: true)
            do {
                var req = try parser.parse()
                if let marker { (req.marker, req.markerSpan) = (marker.0, marker.1) }
                let (s0, s1) = (h0, marker.map { _ in t.trimmed(a0, a1).1 } ?? h1)
                req.span = t.span(s0, s1)
                return .requirement(req, marker: marker)
            } catch let e as RequirementError {
                return .failure(e)
            } catch {
                return .failure(.invalidRequirement(head, reason: "unreadable", column: 1))
            }
        }

        static let urlSchemes: Set<String> = [
            "http", "https", "file", "ftp", "git", "git+http", "git+https", "git+ssh", "git+git", "git+file", "hg",
            "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http", "svn", "svn+ssh", "svn+http", "svn+https",
            "svn+svn", "svn+file", "bzr", "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
        ]

        /// pip's `is_url`: a known scheme before the first `:`.
        static func isURL(_ s: String) -> Bool {
            guard let colon = s.firstIndex(of: ":") else { return false }
            return urlSchemes.contains(s[..<colon].lowercased())
        }

        static let archiveExtensions = [".whl", ".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma"]

        /// pip's path handling without touching the disk: a path-looking name (`/`, `\`, leading `.`) or an archive
        /// file name, unless it is `name @ …` with a name that does not look like a path.
        static func looksLikeLocalFile(_ s: String) -> Bool {
            func looksLikePath(_ p: Substring) -> Bool { p.contains("/") || p.contains("\\") || p.hasPrefix(".") }
            var base = Substring(s)
            if base.hasSuffix("]"), let open = base.lastIndex(of: "[") { base = base[..<open] }
            let isArchive = archiveExtensions.contains { base.lowercased().hasSuffix($0) }
            guard looksLikePath(base) || isArchive else { return false }
            if let at = s.firstIndex(of: "@"), !looksLikePath(s[..<at]) { return false }
            return true
        }
    }
}
