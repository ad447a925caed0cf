import Foundation

/// One project page of a simple repository (PEP 503 HTML or PEP 691 JSON): the files it links to.
public struct SimpleIndexPage: Hashable, Sendable {
    /// Which wire format the page came in.
    public enum Format: String, Hashable, Sendable, Codable { case html, json }

    /// The URL the page was fetched from (after redirects); hrefs were resolved against it.
    public var url: URL
    public var format: Format
    /// The project name the page states (`<h1>Links for torch</h1>`, JSON `name`), when it states one.
    public var name: String?
    /// PEP 691 `meta.api-version`, or the HTML `<meta name="pypi:repository-version">` value.
    public var apiVersion: String?
    public var files: [IndexFile]
    /// Links that were skipped (unresolvable hrefs, entries without a filename).
    public var diagnostics: [Diagnostic]

    public init(
        url: URL, format: Format, name: String? = nil, apiVersion: String? = nil, files: [IndexFile],
        diagnostics: [Diagnostic] = []
    ) {
        self.url = url
        self.format = format
        self.name = name
        self.apiVersion = apiVersion
        self.files = files
        self.diagnostics = diagnostics
    }

    /// Parses a response body, choosing PEP 691 JSON or PEP 503 HTML from the `Content-Type`
    /// (falling back to sniffing the first non-blank byte when the type is missing or generic).
    public static func parse(_ body: [UInt8], contentType: String?, url: URL) throws -> SimpleIndexPage {
        switch SimpleContentType.classify(contentType, body: body) {
        case .json: return try SimpleJSONParser.page(body, url: url)
        case .html: return SimpleHTMLParser.page(body, url: url)
        }
    }
}

/// The project list of a simple repository root (`/simple/`, `/whl/`).
public struct SimpleProjectList: Hashable, Sendable {
    public var url: URL
    public var format: SimpleIndexPage.Format
    /// Project names as the index spells them (not normalised).
    public var names: [String]

    public init(url: URL, format: SimpleIndexPage.Format, names: [String]) {
        self.url = url
        self.format = format
        self.names = names
    }

    /// Parses a root page body, choosing the parser from the `Content-Type` like `SimpleIndexPage.parse`.
    public static func parse(_ body: [UInt8], contentType: String?, url: URL) throws -> SimpleProjectList {
        switch SimpleContentType.classify(contentType, body: body) {
        case .json: return try SimpleJSONParser.projectList(body, url: url)
        case .html: return SimpleHTMLParser.projectList(body, url: url)
        }
    }
}

/// One distribution file listed on a simple-index page.
public struct IndexFile: Hashable, Sendable {
    /// Percent-decoded file name (`torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl`).
    public var filename: String
    /// Absolute download URL, without the hash fragment.
    public var url: URL
    /// Lower-case hex SHA-256 from the `#sha256=` fragment or the JSON `hashes`.
    public var sha256: String?
    /// Whether a PEP 658 `<url>.metadata` sidecar exists.
    public var coreMetadata: MetadataAvailability
    /// `data-requires-python` / `requires-python`, entity-decoded (`>=3.9`).
    public var requiresPython: String?
    /// nil when not yanked; the reason otherwise (empty when yanked without a reason).
    public var yanked: String?
    /// `data-upload-time` / `upload-time`, as written (ISO 8601).
    public var uploadTime: String?

    public init(
        filename: String, url: URL, sha256: String? = nil, coreMetadata: MetadataAvailability = .none,
        requiresPython: String? = nil, yanked: String? = nil, uploadTime: String? = nil
    ) {
        self.filename = filename
        self.url = url
        self.sha256 = sha256
        self.coreMetadata = coreMetadata
        self.requiresPython = requiresPython
        self.yanked = yanked
        self.uploadTime = uploadTime
    }

    public var isYanked: Bool { yanked != nil }

    /// `<url>.metadata` (PEP 658), whether or not the page advertises it.
    public var metadataURL: URL {
        URL(string: url.absoluteString + ".metadata") ?? url.appendingPathExtension("metadata")
    }
}

/// Whether a PEP 658/714 core-metadata sidecar is available, and its hash when the page gives one.
public enum MetadataAvailability: Hashable, Sendable {
    case none
    /// Available; `sha256` is the lower-case hex digest of the sidecar when the page states it.
    case available(sha256: String?)

    public var isAvailable: Bool { self != .none }

    /// Reads an attribute value: `"true"` → available, `"sha256=<hex>"` → available with hash,
    /// other `algo=<hex>` → available without a SHA-256, `"false"`/empty/absent → none.
    public init(attribute value: String?) {
        guard let value else { self = .none; return }
        self.init(utf8: value.utf8)
    }

    /// `init(attribute:)` over the attribute's UTF-8 bytes. Allocation-free except for the digest: this runs once
    /// per link on 30,000-link pages.
    init<Bytes: Collection>(utf8 u: Bytes) where Bytes.Element == UInt8 {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        /// The bytes equal `word` ignoring case and whitespace.
        func equals<S: Sequence>(_ bytes: S, _ word: StaticString) -> Bool where S.Element == UInt8 {
            var k = 0
            let p = word.utf8Start
            for c in bytes where !isSpace(c) {
                guard k < word.utf8CodeUnitCount, lower(c) == p[k] else { return false }
                k += 1
            }
            return k == word.utf8CodeUnitCount
        }
        if u.allSatisfy(isSpace) || equals(u, "false") { self = .none; return }
        if equals(u, "true") { self = .available(sha256: nil); return }
        guard let eq = u.firstIndex(of: UInt8(ascii: "=")) else { self = .available(sha256: nil); return }
        let digestBytes = u[u.index(after: eq)...]
        let plain = digestBytes.allSatisfy { !isSpace($0) && !($0 >= 0x41 && $0 <= 0x5A) }
        let digest = plain
            ? String(decoding: digestBytes, as: UTF8.self)
            : String(decoding: digestBytes.filter { !isSpace($0) }.map(lower), as: UTF8.self)
        self = .available(sha256: equals(u[..<eq], "sha256") && !digest.isEmpty ? digest : nil)
    }
}

/// How the body of a simple-index response is to be parsed.
enum SimpleContentType: Equatable {
    case html, json

    static func classify(_ contentType: String?, body: [UInt8]) -> SimpleContentType {
        let media = (contentType ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        if media.hasSuffix("+json") || media == "application/json" { return .json }
        if media.contains("html") { return .html }
        // Missing or generic type (text/plain, octet-stream): sniff the first non-blank byte.
        for byte in body where !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
            return byte == UInt8(ascii: "{") ? .json : .html
        }
        return .html
    }
}

/// PEP 503 project-name normalisation: lower-case, runs of `-`, `_`, `.` become one `-`.
public func normalizedProjectName(_ name: String) -> String {
    var out = ""
    var inRun = false
    for ch in name.lowercased() {
        if ch == "-" || ch == "_" || ch == "." {
            if !inRun { out.append("-") }
            inRun = true
        } else {
            inRun = false
            out.append(ch)
        }
    }
    return out
}
