import Foundation

/// The SHA-256 of every release-candidate wheel seen on a test channel, kept in the user cache
/// (`<XDG cache>/torchbump/rc-hashes.json`, keyed by index URL + filename) so that a re-spin — a new RC uploaded
/// under the same filename — is noticed: RC1, RC2 and the final release share their filenames.
public struct RCHashStore: Sendable {
    public let file: URL

    public init(file: URL) { self.file = file }

    /// `<cache directory>/torchbump/rc-hashes.json` (the same cache directory as the refreshed release matrix).
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        ReleaseMatrix.defaultCacheDirectory(environment: environment)
            .appendingPathComponent("torchbump", isDirectory: true)
            .appendingPathComponent("rc-hashes.json", isDirectory: false)
    }

    /// One wheel as last seen.
    public struct Record: Hashable, Sendable, Codable {
        /// The redacted index URL (`https://download.pytorch.org/whl/test/cu128/`).
        public var index: String
        public var filename: String
        public var sha256: String
        /// ISO 8601 time the current hash was first seen.
        public var firstSeen: String
        /// ISO 8601 time of the latest probe that saw it.
        public var lastSeen: String
        /// Earlier hashes under the same filename, oldest first.
        public var previous: [String]

        public init(index: String, filename: String, sha256: String, firstSeen: String, lastSeen: String,
                    previous: [String] = []) {
            self.index = index
            self.filename = filename
            self.sha256 = sha256
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.previous = previous
        }

        var key: String { RCHashStore.key(index: index, filename: filename) }
    }

    /// A wheel seen by the current probe.
    public struct Observation: Hashable, Sendable {
        public var index: String
        public var filename: String
        public var sha256: String

        public init(index: String, filename: String, sha256: String) {
            self.index = redact(index)
            self.filename = filename
            self.sha256 = sha256.lowercased()
        }
    }

    private struct Document: Codable {
        var schema: Int
        var records: [Record]
    }

    static func key(index: String, filename: String) -> String {
        var i = redact(index)
        while i.hasSuffix("/") { i.removeLast() }
        return i + "/" + filename
    }

    /// The records by key. A missing file is empty; an unreadable one is moved aside to `<file>.bad` and reported.
    public func load() -> (records: [String: Record], diagnostics: [Diagnostic]) {
        guard let data = try? Data(contentsOf: file) else { return ([:], []) }
        guard let document = try? JSONDecoder().decode(Document.self, from: data) else {
            let aside = file.appendingPathExtension("bad")
            try? FileManager.default.removeItem(at: aside)
            try? FileManager.default.moveItem(at: file, to: aside)
            return ([:], [.warning(
                "the release-candidate hash file is unreadable and was moved to \(aside.path); re-spin detection "
                    + "starts over", at: SourceLocation(path: file.path, line: 1, column: 1))])
        }
        var records: [String: Record] = [:]
        for record in document.records { records[record.key] = record }
        return (records, [])
    }

    /// Writes the records atomically (sorted by key, so the file is stable).
    public func save(_ records: [String: Record]) throws {
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let sorted = records.values.sorted { $0.key < $1.key }
            let data = try encoder.encode(Document(schema: 1, records: sorted))
            try data.write(to: file, options: .atomic)
        } catch {
            throw ProbeError.stateFileUnwritable(path: file.path, reason: error.localizedDescription)
        }
    }

    /// Compares what was seen with what was recorded: new filenames are recorded, unchanged ones get a new
    /// `lastSeen`, and a changed hash is a re-spin (recorded as the new current hash, the old one kept in
    /// `previous`). Pure: the caller decides whether to save.
    public static func reconcile(
        _ records: [String: Record], with observations: [Observation], now: Date
    ) -> (records: [String: Record], respins: [RCRespin]) {
        let stamp = isoTimestamp(now)
        var updated = records
        var respins: [RCRespin] = []
        for o in observations {
            let k = key(index: o.index, filename: o.filename)
            guard var record = updated[k] else {
                updated[k] = Record(index: o.index, filename: o.filename, sha256: o.sha256, firstSeen: stamp,
                                    lastSeen: stamp)
                continue
            }
            if record.sha256.lowercased() != o.sha256 {
                respins.append(RCRespin(
                    index: o.index, filename: o.filename, recordedSHA256: record.sha256, currentSHA256: o.sha256,
                    recordedFirstSeen: record.firstSeen, recordedLastSeen: record.lastSeen))
                record.previous.append(record.sha256)
                record.sha256 = o.sha256
                record.firstSeen = stamp
            }
            record.lastSeen = stamp
            updated[k] = record
        }
        return (updated, respins.sorted { ($0.index, $0.filename) < ($1.index, $1.filename) })
    }

    static func isoTimestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

/// A release-candidate wheel re-uploaded under the same filename with different content.
public struct RCRespin: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The redacted index URL.
    public var index: String
    public var filename: String
    public var recordedSHA256: String
    public var currentSHA256: String
    /// When the recorded hash was first and last seen (ISO 8601).
    public var recordedFirstSeen: String
    public var recordedLastSeen: String

    public init(index: String, filename: String, recordedSHA256: String, currentSHA256: String,
                recordedFirstSeen: String, recordedLastSeen: String) {
        self.index = index
        self.filename = filename
        self.recordedSHA256 = recordedSHA256
        self.currentSHA256 = currentSHA256
        self.recordedFirstSeen = recordedFirstSeen
        self.recordedLastSeen = recordedLastSeen
    }

    public var description: String {
        "\(filename) on \(index) was re-spun: sha256 \(recordedSHA256.prefix(12))… (seen \(recordedFirstSeen) – "
            + "\(recordedLastSeen)) is now \(currentSHA256.prefix(12))…"
    }
}
