import Foundation

/// What the extension planner needs from the network: list a project's files on a simple index, read a file's
/// `Requires-Dist`, and check that a URL exists. The index client conforms; tests use a loopback server or a
/// fake.
///
/// Absence is an answer (nil / false), never an error: 404, and 403 on PyTorch's index, mean "absent".
/// Errors are for failures that say nothing about presence (connection errors, timeouts, 5xx after retries).
public protocol WheelLocator: Sendable {
    /// The files of `project` on the simple index `index` (the page `<index>/<project>/`); nil when the index has
    /// no such project.
    func files(project: String, index: URL) async throws -> [LocatedFile]?
    /// The `Requires-Dist` values of a file's core metadata (PEP 658); nil when the index offers none.
    func requiresDist(of file: LocatedFile) async throws -> [String]?
    /// Whether `url` exists (HEAD, following redirects).
    func exists(_ url: URL) async throws -> Bool
}

/// One file listed on an index page.
public struct LocatedFile: Hashable, Sendable {
    /// Percent-decoded file name.
    public var filename: String
    public var url: URL
    /// Whether the page advertises a PEP 658 metadata sidecar.
    public var hasMetadata: Bool
    /// The sidecar's advertised SHA-256, when given.
    public var metadataSHA256: String?
    public var yanked: Bool

    public init(filename: String, url: URL, hasMetadata: Bool = false, metadataSHA256: String? = nil,
                yanked: Bool = false) {
        self.filename = filename
        self.url = url
        self.hasMetadata = hasMetadata
        self.metadataSHA256 = metadataSHA256
        self.yanked = yanked
    }
}

/// Reading a dependency's specifier out of `Requires-Dist` values.
public enum RequiresDist {
    /// The specifier on `package` (`==2.7.0`, `>=2.10`) among `Requires-Dist` values, ignoring requirements that
    /// only apply to an extra; `""` when the package is required without a version, nil when not required.
    /// Accepts `torch==2.7.0`, `torch (==2.7.0)`, `torch>=2.10; python_version >= "3.9"`.
    public static func specifier(for package: String, in values: [String]) -> String? {
        let wanted = normalizePackageName(package)
        for value in values {
            var requirement = Substring(value)
            var marker = Substring("")
            if let semicolon = requirement.firstIndex(of: ";") {
                marker = requirement[requirement.index(after: semicolon)...]
                requirement = requirement[..<semicolon]
            }
            if marker.contains("extra") { continue }
            let trimmed = requirement.trimmingCharacters(in: .whitespaces)
            let nameEnd = trimmed.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
                ?? trimmed.endIndex
            guard normalizePackageName(String(trimmed[..<nameEnd])) == wanted else { continue }
            var rest = trimmed[nameEnd...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("[") {  // extras of the dependency itself
                guard let close = rest.firstIndex(of: "]") else { continue }
                rest = rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
            }
            if rest.hasPrefix("("), rest.hasSuffix(")") { rest = String(rest.dropFirst().dropLast()) }
            return rest.replacingOccurrences(of: " ", with: "")
        }
        return nil
    }

    /// Whether `torch` satisfies `specifier` (`""` = any version); nil when the specifier does not parse.
    public static func admits(_ specifier: String, torch: String) -> Bool? {
        guard let set = try? SpecifierSet(parsing: specifier), let v = Version(torch) else { return nil }
        return set.contains(v.publicVersion, prereleases: true)
    }
}
