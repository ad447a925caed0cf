import Foundation

/// PEP 691 JSON (`application/vnd.pypi.simple.v1+json`) project pages and project lists.
enum SimpleJSONParser {
    static func page(_ body: [UInt8], url: URL) throws -> SimpleIndexPage {
        let doc: ProjectDocument
        do {
            doc = try JSONDecoder().decode(ProjectDocument.self, from: Data(body))
        } catch {
            throw IndexError.malformedResponse(url: redact(url.absoluteString), reason: describe(error))
        }
        var files: [IndexFile] = []
        var diagnostics: [Diagnostic] = []
        files.reserveCapacity(doc.files.count)
        for entry in doc.files {
            guard let resolved = SimpleHTMLParser.resolve(stripFragment(entry.url), against: url) else {
                diagnostics.append(.warning(
                    "skipped \(entry.filename): its url cannot be resolved: \(redactCredentials(in: entry.url))"))
                continue
            }
            let sha256 = entry.hashes?.first { $0.key.lowercased() == "sha256" }?.value.lowercased()
            let meta = entry.coreMetadata ?? entry.distInfoMetadata ?? .absent
            files.append(IndexFile(
                filename: entry.filename, url: resolved, sha256: sha256, coreMetadata: meta.availability,
                requiresPython: entry.requiresPython.flatMap { $0.isEmpty ? nil : $0 },
                yanked: entry.yanked?.reason, uploadTime: entry.uploadTime))
        }
        return SimpleIndexPage(
            url: url, format: .json, name: doc.name, apiVersion: doc.meta?.apiVersion, files: files,
            diagnostics: diagnostics)
    }

    static func projectList(_ body: [UInt8], url: URL) throws -> SimpleProjectList {
        do {
            let doc = try JSONDecoder().decode(ListDocument.self, from: Data(body))
            return SimpleProjectList(url: url, format: .json, names: doc.projects.map(\.name))
        } catch {
            throw IndexError.malformedResponse(url: redact(url.absoluteString), reason: describe(error))
        }
    }

    private static func stripFragment(_ s: String) -> String {
        s.firstIndex(of: "#").map { String(s[..<$0]) } ?? s
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing key \"\(key.stringValue)\"" + path(ctx.codingPath)
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "unexpected value" + path(ctx.codingPath)
        case DecodingError.dataCorrupted:
            return "not valid JSON"
        default:
            return "not a PEP 691 document"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "" : " at " + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    // MARK: - Wire shapes

    private struct Meta: Decodable {
        var apiVersion: String?
        enum CodingKeys: String, CodingKey { case apiVersion = "api-version" }
    }

    private struct ProjectDocument: Decodable {
        var meta: Meta?
        var name: String?
        var files: [FileEntry]
    }

    private struct ListDocument: Decodable {
        struct Project: Decodable { var name: String }
        var meta: Meta?
        var projects: [Project]
    }

    private struct FileEntry: Decodable {
        var filename: String
        var url: String
        var hashes: [String: String]?
        var requiresPython: String?
        var coreMetadata: MetadataField?
        var distInfoMetadata: MetadataField?
        var yanked: YankedField?
        var uploadTime: String?

        enum CodingKeys: String, CodingKey {
            case filename, url, hashes, yanked
            case requiresPython = "requires-python"
            case coreMetadata = "core-metadata"
            case distInfoMetadata = "dist-info-metadata"
            case uploadTime = "upload-time"
        }
    }

    /// `core-metadata`: `true`/`false` or a hash dictionary.
    private enum MetadataField: Decodable {
        case absent, present(sha256: String?)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .absent; return }
            if let flag = try? c.decode(Bool.self) { self = flag ? .present(sha256: nil) : .absent; return }
            let hashes = try c.decode([String: String].self)
            self = .present(sha256: hashes.first { $0.key.lowercased() == "sha256" }?.value.lowercased())
        }

        var availability: MetadataAvailability {
            switch self {
            case .absent: return .none
            case .present(let sha): return .available(sha256: sha)
            }
        }
    }

    /// `yanked`: `false`, `true`, or a reason string.
    private struct YankedField: Decodable {
        var reason: String?
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { reason = nil }
            else if let flag = try? c.decode(Bool.self) { reason = flag ? "" : nil }
            else { reason = try c.decode(String.self) }
        }
    }
}
