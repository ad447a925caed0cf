/// Finds pin sites in Buildx bake files (`docker-bake.hcl`, `*.hcl`): `variable "CUDA_VERSION" { default = "13.0.2" }`,
/// `args = { CUDA_VERSION = "12.8.1" }` and other `NAME = "value"` pairs, classified like Dockerfile ARGs;
/// image references in `tags = [...]` (a variant in a tag, `app:cu128-${COMMIT}`); versions named in comments.
public struct BakeScanner: SiteScanner {
    public var fileKind: FileKind { .bake }

    public init() {}

    public func accepts(path: String) -> Bool {
        path.lowercased().hasSuffix(".hcl")
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let platform = PlatformInference.platform(forPath: file.path)
        var rec = SiteCollector(file: file, fileKind: .bake, platform: platform)
        let tokens = HCLLexer.tokens(file)
        var blocks: [String?] = []   // variable name for `variable "X" {` blocks, nil for other blocks
        var pendingVariable: String?
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            switch t.kind {
            case .comment:
                ShellScriptSites.commentSites(t.text, platform: platform, into: &rec)
            case .identifier where t.text.string == "variable":
                if i + 1 < tokens.count, tokens[i + 1].kind == .string { pendingVariable = tokens[i + 1].text.string }
            case .punct where t.text.string == "{":
                blocks.append(pendingVariable)
                pendingVariable = nil
            case .punct where t.text.string == "}":
                if !blocks.isEmpty { blocks.removeLast() }
            case .identifier where ["tags", "tag"].contains(t.text.string):
                // `tags = ["app:openai", "app:cu128-${COMMIT}"]` (or one string): image references.
                guard i + 2 < tokens.count, tokens[i + 1].kind == .punct, tokens[i + 1].text.string == "=" else { break }
                var k = i + 2
                let isList = tokens[k].kind == .punct && tokens[k].text.string == "["
                if isList { k += 1 }
                while k < tokens.count, !(tokens[k].kind == .punct && tokens[k].text.string == "]") {
                    if tokens[k].kind == .string {
                        ValueClassifier.image(tokens[k].text.trimmed, name: t.text.string, role: .pin, platform: platform,
                                              into: &rec)
                    } else if tokens[k].kind == .comment {
                        ShellScriptSites.commentSites(tokens[k].text, platform: platform, into: &rec)
                    }
                    if !isList { break }
                    k += 1
                }
                i = k + 1
                continue
            case .identifier, .string:
                if i + 2 < tokens.count, tokens[i + 1].kind == .punct,
                   tokens[i + 1].text.string == "=" || tokens[i + 1].text.string == ":",
                   tokens[i + 2].kind == .string {
                    var name = t.text.string
                    if name == "default", let variable = blocks.last ?? nil { name = variable }
                    ValueClassifier.assignment(name: name, value: tokens[i + 2].text, platform: platform,
                                               constants: context.config.constants, into: &rec)
                    i += 3
                    continue
                }
            default:
                break
            }
            i += 1
        }
        return rec.result
    }
}

/// Just enough of HCL to find `name = "value"` pairs, blocks and comments.
enum HCLLexer {
    struct Token {
        enum Kind { case identifier, string, punct, comment, other }
        var kind: Kind
        /// Contents (strings without quotes, comments without the marker).
        var text: MappedText
    }

    static func tokens(_ file: SourceFile) -> [Token] {
        let b = file.bytes
        var out: [Token] = []
        var i = file.contentStart
        while i < b.count {
            let c = b[i]
            if ASCII.isSpace(c) { i += 1; continue }
            if c == 0x23 || (c == 0x2F && i + 1 < b.count && b[i + 1] == 0x2F) {
                let start = i + (c == 0x23 ? 1 : 2)
                var e = start
                while e < b.count && b[e] != 0x0A { e += 1 }
                var end = e
                if end > start && b[end - 1] == 0x0D { end -= 1 }
                out.append(Token(kind: .comment, text: MappedText(file: file, span: Span(start, end))))
                i = e
                continue
            }
            if c == 0x2F && i + 1 < b.count && b[i + 1] == 0x2A {
                var e = i + 2
                while e + 1 < b.count && !(b[e] == 0x2A && b[e + 1] == 0x2F) { e += 1 }
                out.append(Token(kind: .comment, text: MappedText(file: file, span: Span(i + 2, min(e, b.count)))))
                i = min(e + 2, b.count)
                continue
            }
            if c == 0x22 {
                var e = i + 1
                var depth = 0
                while e < b.count {
                    if b[e] == 0x5C { e += 2; continue }
                    if b[e] == 0x24 && e + 1 < b.count && b[e + 1] == 0x7B { depth += 1; e += 2; continue }
                    if b[e] == 0x7D && depth > 0 { depth -= 1; e += 1; continue }
                    if b[e] == 0x22 && depth == 0 { break }
                    if b[e] == 0x0A { break }
                    e += 1
                }
                let end = min(e, b.count)
                out.append(Token(kind: .string, text: MappedText(file: file, span: Span(i + 1, end))))
                i = min(end + 1, b.count)
                continue
            }
            if ASCII.isLetter(c) || c == 0x5F {
                var e = i
                while e < b.count && (ASCII.isNameByte(b[e]) || b[e] == 0x2D) { e += 1 }
                out.append(Token(kind: .identifier, text: MappedText(file: file, span: Span(i, e))))
                i = e
                continue
            }
            let kind: Token.Kind = [0x7B, 0x7D, 0x3D, 0x3A, 0x5B, 0x5D, 0x2C].contains(c) ? .punct : .other
            out.append(Token(kind: kind, text: MappedText(file: file, span: Span(i, i + 1))))
            i += 1
        }
        return out
    }
}
