import Foundation

/// A linear, allocation-light scanner for PEP 503 HTML pages: anchors with attributes in any order and any
/// quoting, entities, comments, upper-case tags, and whitespace or newlines inside tags.
enum SimpleHTMLParser {
    /// The attributes of one `<a>` that matter for a simple index, entity-decoded, plus its text.
    struct Anchor {
        var href: String?
        var coreMetadata: String?
        var distInfoMetadata: String?
        var requiresPython: String?
        var yanked: String?
        var uploadTime: String?
        var text: String = ""
    }

    /// Byte ranges of an anchor's attribute values (untrimmed, entities not decoded; an attribute without a value
    /// is an empty range) and of its text.
    struct RawAnchor {
        var href: Range<Int>?
        var coreMetadata: Range<Int>?
        var distInfoMetadata: Range<Int>?
        var requiresPython: Range<Int>?
        var yanked: Range<Int>?
        var uploadTime: Range<Int>?
        var text: Range<Int> = 0..<0

        func decoded(_ b: UnsafeBufferPointer<UInt8>) -> Anchor {
            func value(_ r: Range<Int>?) -> String? { r.map { decodeEntities(b, trim(b, $0)) } }
            return Anchor(
                href: value(href), coreMetadata: value(coreMetadata), distInfoMetadata: value(distInfoMetadata),
                requiresPython: value(requiresPython), yanked: value(yanked), uploadTime: value(uploadTime),
                text: decodeEntities(b, trim(b, text)))
        }
    }

    static func page(_ body: [UInt8], url: URL) -> SimpleIndexPage {
        var files: [IndexFile] = []
        var diagnostics: [Diagnostic] = []
        let resolver = LinkResolver(base: url)
        let head = scan(body) { b, raw in
            guard raw.href != nil else { return }
            if let file = fastFile(b, raw, resolver: resolver) {
                files.append(file)
                return
            }
            let anchor = raw.decoded(b)
            guard let href = anchor.href else { return }
            switch makeFile(anchor, href: href, resolver: resolver) {
            case .success(let file): files.append(file)
            case .failure(let why): diagnostics.append(.warning(why.message))
            }
        }
        var name: String?
        if let h1 = head.h1 {
            let prefix = "Links for "
            name = h1.hasPrefix(prefix) ? String(h1.dropFirst(prefix.count)).strippedOfWhitespace : nil
        }
        return SimpleIndexPage(
            url: url, format: .html, name: name, apiVersion: head.repositoryVersion, files: files,
            diagnostics: diagnostics)
    }

    static func projectList(_ body: [UInt8], url: URL) -> SimpleProjectList {
        var names: [String] = []
        _ = scan(body) { b, raw in
            let anchor = raw.decoded(b)
            if !anchor.text.isEmpty {
                names.append(anchor.text)
            } else if let href = anchor.href,
                      let last = href.split(separator: "/").last(where: { !$0.isEmpty }) {
                names.append(String(last).removingPercentEncoding ?? String(last))
            }
        }
        return SimpleProjectList(url: url, format: .html, names: names)
    }

    private static func makeFile(_ a: Anchor, href: String, resolver: LinkResolver) -> Result<IndexFile, FileError> {
        // Byte-level split at `#` (Character-level string searching dominated the parse time on large pages).
        let u = href.utf8
        var location = href
        var fragment: Substring.UTF8View = Substring(href).utf8
        fragment = fragment[fragment.endIndex...]
        if let hash = u.firstIndex(of: UInt8(ascii: "#")) {
            location = String(Substring(u[..<hash]))
            fragment = Substring(href).utf8[u.index(after: hash)...]
        }
        guard let resolved = resolver.resolve(location) else {
            return .failure(FileError("skipped a link whose href cannot be resolved: \(redactCredentials(in: href))"))
        }
        let filename = percentDecoded(lastPathComponent(of: location))
        guard !filename.isEmpty || !a.text.isEmpty else {
            return .failure(FileError("skipped a link without a file name: \(redactCredentials(in: href))"))
        }
        return .success(IndexFile(
            filename: filename.isEmpty ? a.text : filename, url: resolved, sha256: sha256(inFragment: fragment),
            coreMetadata: MetadataAvailability(attribute: a.coreMetadata ?? a.distInfoMetadata),
            requiresPython: a.requiresPython.flatMap { $0.isEmpty ? nil : $0 },
            yanked: a.yanked, uploadTime: a.uploadTime))
    }

    /// The value of the last `sha256=` parameter of a fragment (`sha256=…&x=y`), lower-cased.
    private static func sha256(inFragment fragment: Substring.UTF8View) -> String? {
        guard !fragment.isEmpty else { return nil }
        var found: String?
        for part in fragment.split(separator: UInt8(ascii: "&")) {
            let key = Array("sha256=".utf8)
            guard part.count >= key.count,
                  zip(part.prefix(key.count), key).allSatisfy({ ($0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0)) == $1 })
            else { continue }
            let value = part.dropFirst(key.count)
            let hasUpper = value.contains { $0 >= 0x41 && $0 <= 0x5A }
            let text = String(Substring(value))
            found = hasUpper ? text.lowercased() : text
        }
        return found
    }

    struct FileError: Error { let message: String; init(_ m: String) { message = m } }

    static func resolve(_ location: String, against base: URL) -> URL? {
        if let u = URL(string: location, relativeTo: base)?.absoluteURL, u.scheme != nil { return u }
        // Tolerate characters a strict URL parser rejects (spaces, non-ASCII) by escaping them.
        guard let escaped = location.addingPercentEncoding(withAllowedCharacters: urlLegal) else { return nil }
        if let u = URL(string: escaped, relativeTo: base)?.absoluteURL, u.scheme != nil { return u }
        return nil
    }

    private static let urlLegal = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")

    private static func lastPathComponent(of location: String) -> String {
        let u = location.utf8
        let end = u.firstIndex(of: UInt8(ascii: "?")) ?? u.endIndex
        let start = u[..<end].lastIndex(of: UInt8(ascii: "/")).map { u.index(after: $0) } ?? u.startIndex
        return String(Substring(u[start..<end]))
    }

    // MARK: - Byte scanner

    struct Head { var h1: String?; var repositoryVersion: String? }

    /// Walks the document once, calling `visit` for every `<a>` start tag (with its text), and returns
    /// the first `<h1>` text and the `pypi:repository-version` meta value.
    static func scan(_ body: [UInt8], visit: (UnsafeBufferPointer<UInt8>, RawAnchor) -> Void) -> Head {
        body.withUnsafeBufferPointer { b in
            var head = Head()
            let n = b.count
            var i = 0
            while i < n {
                guard b[i] == lt else { i += 1; continue }
                if i + 3 < n, b[i + 1] == bang, b[i + 2] == dash, b[i + 3] == dash {
                    i = find(b, "-->", from: i + 4).map { $0 + 3 } ?? n
                    continue
                }
                // Tag name.
                var j = i + 1
                while j < n, isNameByte(b[j]) { j += 1 }
                let nameRange = (i + 1)..<j
                if nameRange.isEmpty {  // `</…>`, `<!DOCTYPE …>`, `<?…?>`, or a stray `<`.
                    i = skipTag(b, from: j)
                    continue
                }
                if matches(b, nameRange, "a") {
                    var anchor = RawAnchor()
                    let end = attributes(b, from: j) { name, value in
                        let v = value ?? name.upperBound..<name.upperBound
                        if matches(b, name, "href") { anchor.href = v }
                        else if matches(b, name, "data-core-metadata") { anchor.coreMetadata = v }
                        else if matches(b, name, "data-dist-info-metadata") { anchor.distInfoMetadata = v }
                        else if matches(b, name, "data-requires-python") { anchor.requiresPython = v }
                        else if matches(b, name, "data-yanked") { anchor.yanked = v }
                        else if matches(b, name, "data-upload-time") { anchor.uploadTime = v }
                    }
                    let close = findClosingTag(b, "a", from: end)
                    anchor.text = end..<max(end, close.textEnd)
                    i = close.next
                    visit(b, anchor)
                } else if matches(b, nameRange, "h1") {
                    let end = attributes(b, from: j) { _, _ in }
                    let close = findClosingTag(b, "h1", from: end)
                    if head.h1 == nil { head.h1 = decodeEntities(b, end..<close.textEnd).strippedOfWhitespace }
                    i = close.next
                } else if matches(b, nameRange, "meta") {
                    var metaName = "", content = ""
                    i = attributes(b, from: j) { name, value in
                        let v = value.map { decodeEntities(b, $0) } ?? ""
                        if matches(b, name, "name") { metaName = v } else if matches(b, name, "content") { content = v }
                    }
                    if metaName.lowercased() == "pypi:repository-version" { head.repositoryVersion = content }
                } else {
                    i = attributes(b, from: j) { _, _ in }
                }
            }
            return head
        }
    }

    /// Parses attributes from just after the tag name; returns the index after the closing `>`.
    private static func attributes(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int, _ each: (Range<Int>, Range<Int>?) -> Void
    ) -> Int {
        let n = b.count
        var i = start
        while true {
            while i < n, isSpace(b[i]) { i += 1 }
            guard i < n else { return n }
            let c = b[i]
            if c == gt { return i + 1 }
            if c == slash { i += 1; continue }
            let nameStart = i
            while i < n, !isSpace(b[i]), b[i] != eq, b[i] != gt, b[i] != slash { i += 1 }
            if i == nameStart { i += 1; continue }  // a stray `=` or quote: step over it
            let name = nameStart..<i
            var k = i
            while k < n, isSpace(b[k]) { k += 1 }
            guard k < n, b[k] == eq else { each(name, nil); continue }
            k += 1
            while k < n, isSpace(b[k]) { k += 1 }
            guard k < n else { each(name, k..<k); return n }
            let q = b[k]
            if q == dquote || q == squote {
                var e = k + 1
                while e < n, b[e] != q { e += 1 }
                each(name, (k + 1)..<e)
                i = min(e + 1, n)
            } else {
                var e = k
                while e < n, !isSpace(b[e]), b[e] != gt { e += 1 }
                each(name, k..<e)
                i = e
            }
        }
    }

    /// Skips a tag that has no name (`</x>`, `<!…>`, `<?…>`), honouring quotes.
    private static func skipTag(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == dquote || c == squote { quote = c }
            else if c == gt { return i + 1 }
            i += 1
        }
        return b.count
    }

    /// Finds `</name` followed by space or `>`; returns where the text ends and where scanning resumes.
    private static func findClosingTag(
        _ b: UnsafeBufferPointer<UInt8>, _ name: StaticString, from start: Int
    ) -> (textEnd: Int, next: Int) {
        let n = b.count
        var i = start
        while i < n {
            if b[i] == lt, i + 1 < n {
                if b[i + 1] == slash {
                    var j = i + 2
                    while j < n, isNameByte(b[j]) { j += 1 }
                    if matches(b, (i + 2)..<j, name) { return (i, skipTag(b, from: j)) }
                } else {
                    // An unclosed element: stop at the next start tag of the same name (keeps the scan linear).
                    var j = i + 1
                    while j < n, isNameByte(b[j]) { j += 1 }
                    if matches(b, (i + 1)..<j, name) { return (i, i) }
                }
            }
            i += 1
        }
        return (n, n)
    }

    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from start: Int) -> Int? {
        let m = needle.utf8CodeUnitCount
        guard m > 0, b.count >= m else { return nil }
        let p = needle.utf8Start
        var i = start
        while i + m <= b.count {
            if b[i] == p[0] {
                var k = 1
                while k < m, b[i + k] == p[k] { k += 1 }
                if k == m { return i }
            }
            i += 1
        }
        return nil
    }

    /// ASCII case-insensitive comparison of `b[range]` with a lower-case literal.
    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ lower: StaticString) -> Bool {
        guard range.count == lower.utf8CodeUnitCount else { return false }
        let p = lower.utf8Start
        var k = 0
        for i in range {
            var c = b[i]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Decodes `%XX` escapes as UTF-8; text with invalid escapes or invalid UTF-8 is returned unchanged.
    static func percentDecoded(_ s: String) -> String {
        let u = s.utf8
        guard u.contains(UInt8(ascii: "%")) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = u.startIndex
        while i != u.endIndex {
            let c = u[i]
            guard c == UInt8(ascii: "%") else { out.append(c); i = u.index(after: i); continue }
            let h = u.index(after: i)
            guard h != u.endIndex, u.index(after: h) != u.endIndex,
                  let hi = hexValue(u[h]), let lo = hexValue(u[u.index(after: h)]) else { return s }
            out.append(hi << 4 | lo)
            i = u.index(h, offsetBy: 2)
        }
        return String(validating: out, as: UTF8.self) ?? s
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// The range without leading and trailing ASCII whitespace.
    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, isSpace(b[lo]) { lo += 1 }
        while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    // MARK: - Entities

    /// Decodes `&amp; &lt; &gt; &quot; &apos; &nbsp;` and numeric references; unknown ones stay as written.
    static func decodeEntities(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard let firstAmp = range.first(where: { b[$0] == amp }) else {
            return String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range.lowerBound..<firstAmp]))
        var i = firstAmp
        while i < range.upperBound {
            let c = b[i]
            guard c == amp else { out.append(c); i += 1; continue }
            var semi = i + 1
            while semi < range.upperBound, semi - i <= 12, b[semi] != semicolon { semi += 1 }
            if semi < range.upperBound, b[semi] == semicolon,
               let scalar = entityScalar(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<semi]), as: UTF8.self)) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i = semi + 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func entityScalar(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    // MARK: - Bytes

    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let bang = UInt8(ascii: "!"), dash = UInt8(ascii: "-"), eq = UInt8(ascii: "=")
    static let dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'"), amp = UInt8(ascii: "&")
    private static let semicolon = UInt8(ascii: ";")

    @inline(__always) private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C
    }

    @inline(__always) private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }
}

private extension String {
    var strippedOfWhitespace: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
