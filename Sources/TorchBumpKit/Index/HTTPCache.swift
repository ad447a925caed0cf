import Foundation

/// An on-disk cache of successful GET responses with their validators (ETag, Last-Modified) and freshness,
/// keyed by the redacted URL and the `Accept` header. Entries are written atomically and verified on read.
public struct HTTPCache: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// `<XDG_CACHE_HOME or ~/.cache>/torchbump/http`; nil when neither variable is set.
    public static func defaultDirectory(environment: [String: String]) -> URL? {
        let root: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            root = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            root = home + "/.cache"
        } else {
            return nil
        }
        return URL(fileURLWithPath: root, isDirectory: true)
            .appendingPathComponent("torchbump", isDirectory: true)
            .appendingPathComponent("http", isDirectory: true)
    }

    /// A cached response.
    public struct Entry: Hashable, Sendable {
        /// The redacted URL the entry is for.
        public var url: String
        public var accept: String
        public var etag: String?
        public var lastModified: String?
        public var contentType: String?
        /// When the body was last fetched or revalidated.
        public var storedAt: Date
        /// Seconds the entry may be used without revalidation (`max-age`); nil or 0 means always revalidate.
        public var maxAge: Int?
        /// The URL that finally answered when a redirect was followed (links resolve against it).
        public var location: String?
        public var body: Data

        public init(
            url: String, accept: String, etag: String? = nil, lastModified: String? = nil, contentType: String? = nil,
            storedAt: Date, maxAge: Int? = nil, location: String? = nil, body: Data
        ) {
            self.url = redact(url)
            self.accept = accept
            self.etag = etag
            self.lastModified = lastModified
            self.contentType = contentType
            self.storedAt = storedAt
            self.maxAge = maxAge
            self.location = location.map(redact)
            self.body = body
        }

        /// Whether the entry is within its `max-age` at `now`.
        public func isFresh(at now: Date) -> Bool {
            guard let maxAge, maxAge > 0 else { return false }
            let age = now.timeIntervalSince(storedAt)
            return age >= 0 && age < Double(maxAge)
        }

        /// Whether it carries a validator for a conditional request.
        public var canRevalidate: Bool { etag != nil || lastModified != nil }
    }

    /// What a lookup found.
    public enum Lookup: Sendable, Hashable {
        case miss
        case hit(Entry)
        /// An entry existed but was unusable (truncated, bad header, checksum mismatch) and has been deleted.
        case discarded(reason: String)

        public var entry: Entry? { if case .hit(let e) = self { return e } else { return nil } }
    }

    /// The file name for a URL and Accept header: FNV-1a 64 of the redacted URL and the Accept value.
    public static func key(url: String, accept: String) -> String {
        var h = FNV1a64()
        h.combine(Array(redact(url).utf8))
        h.combine([0x0A])
        h.combine(Array(accept.utf8))
        return h.hex
    }

    private func fileURL(url: String, accept: String) -> URL {
        directory.appendingPathComponent(Self.key(url: url, accept: accept) + ".entry")
    }

    /// Reads and verifies an entry; a damaged entry is deleted and reported as `.discarded`.
    public func load(url: String, accept: String) -> Lookup {
        let file = fileURL(url: url, accept: accept)
        guard let data = try? Data(contentsOf: file) else { return .miss }
        switch Self.decode(data, url: redact(url), accept: accept) {
        case .success(let entry):
            return .hit(entry)
        case .failure(let problem):
            try? FileManager.default.removeItem(at: file)
            return .discarded(reason: problem.reason)
        }
    }

    /// Writes an entry atomically (temporary file in the same directory, then rename).
    public func store(_ entry: Entry) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = fileURL(url: entry.url, accept: entry.accept)
        let temp = directory.appendingPathComponent(".\(UUID().uuidString).tmp")
        do {
            try Self.encode(entry).write(to: temp)
            guard rename(temp.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Deletes the entry for a URL, if any.
    public func remove(url: String, accept: String) {
        try? FileManager.default.removeItem(at: fileURL(url: url, accept: accept))
    }

    // MARK: - File format
    // "TBHTTP1\n" + one line of JSON (validators, body length and FNV-1a checksum) + "\n" + body bytes.

    private static let magic = Array("TBHTTP1\n".utf8)

    private struct Header: Codable {
        var url: String
        var accept: String
        var etag: String?
        var lastModified: String?
        var contentType: String?
        var storedAt: Double
        var maxAge: Int?
        var location: String?
        var length: Int
        var checksum: String
    }

    struct Problem: Error { var reason: String }

    static func encode(_ entry: Entry) throws -> Data {
        var h = FNV1a64()
        h.combine(entry.body)
        let header = Header(
            url: entry.url, accept: entry.accept, etag: entry.etag, lastModified: entry.lastModified,
            contentType: entry.contentType, storedAt: entry.storedAt.timeIntervalSince1970, maxAge: entry.maxAge,
            location: entry.location, length: entry.body.count, checksum: h.hex)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data(magic)
        out.append(try encoder.encode(header))
        out.append(0x0A)
        out.append(entry.body)
        return out
    }

    static func decode(_ data: Data, url: String, accept: String) -> Result<Entry, Problem> {
        guard data.count > magic.count, data.prefix(magic.count).elementsEqual(magic) else {
            return .failure(Problem(reason: "not a cache entry"))
        }
        let afterMagic = data.index(data.startIndex, offsetBy: magic.count)
        guard let newline = data[afterMagic...].firstIndex(of: 0x0A) else {
            return .failure(Problem(reason: "truncated header"))
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data[afterMagic..<newline]) else {
            return .failure(Problem(reason: "unreadable header"))
        }
        guard header.url == url, header.accept == accept else {
            return .failure(Problem(reason: "entry belongs to another URL"))
        }
        let body = Data(data[data.index(after: newline)...])
        guard body.count == header.length else {
            return .failure(Problem(reason: "truncated body (\(body.count) of \(header.length) bytes)"))
        }
        var h = FNV1a64()
        h.combine(body)
        guard h.hex == header.checksum else { return .failure(Problem(reason: "checksum mismatch")) }
        return .success(Entry(
            url: header.url, accept: header.accept, etag: header.etag, lastModified: header.lastModified,
            contentType: header.contentType, storedAt: Date(timeIntervalSince1970: header.storedAt),
            maxAge: header.maxAge, location: header.location, body: body))
    }
}

/// The `Cache-Control` directives the client uses.
public struct CacheControl: Hashable, Sendable {
    public var maxAge: Int?
    public var noCache = false
    public var noStore = false
    public var mustRevalidate = false

    public init(_ header: String?) {
        for part in (header ?? "").split(separator: ",") {
            let directive = part.trimmingCharacters(in: .whitespaces).lowercased()
            if directive == "no-cache" { noCache = true }
            else if directive == "no-store" { noStore = true }
            else if directive == "must-revalidate" { mustRevalidate = true }
            else if directive.hasPrefix("max-age=") {
                maxAge = Int(directive.dropFirst("max-age=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
            }
        }
    }

    /// Seconds a response may be reused without revalidation: `max-age`, or 0 with `no-cache`/`no-store`.
    public var freshLifetime: Int? { noCache || noStore ? 0 : maxAge }
}

/// FNV-1a, 64-bit: a fast, stable, non-cryptographic hash for cache keys and corruption checks.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { combine($0) }
    }

    mutating func combine(_ data: Data) {
        data.withUnsafeBytes { raw in combine(raw.bindMemory(to: UInt8.self)) }
    }

    mutating func combine(_ buffer: UnsafeBufferPointer<UInt8>) {
        var h = value
        for byte in buffer {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
