import Foundation

/// One difference between two release matrices (bundled vs refreshed): an added or removed entry, or a changed
/// cell, addressed by a path such as `releases[2.8.0].cudaVariants`.
public struct MatrixChange: Hashable, Sendable, CustomStringConvertible {
    /// Whether an entry appeared, disappeared, or had a cell changed.
    public enum Kind: String, Hashable, Sendable, Codable {
        case added, removed, changed
    }

    public var kind: Kind
    public var path: String
    /// Compact JSON of the old value (nil when added or when the field was absent).
    public var old: String?
    /// Compact JSON of the new value (nil when removed or when the field is absent).
    public var new: String?

    public init(kind: Kind, path: String, old: String? = nil, new: String? = nil) {
        self.kind = kind
        self.path = path
        self.old = old
        self.new = new
    }

    public var description: String {
        switch kind {
        case .added: return "+ \(path)"
        case .removed: return "- \(path)"
        case .changed: return "~ \(path): \(old ?? "(none)") -> \(new ?? "(none)")"
        }
    }
}

extension ReleaseMatrix {
    /// What changed from `self` (e.g. the bundled data) to `other` (e.g. a refreshed matrix): releases, CUDA
    /// toolkits, `nvidia/cuda` image OS rows, wheel arch lists and extension rows added, removed, or with changed cells. `generated` and
    /// `source` are not compared.
    public func diff(against other: ReleaseMatrix) -> [MatrixChange] {
        var changes: [MatrixChange] = []
        changes += Self.diffKeyed("releases", releases, other.releases) { $0.torch }
        changes += Self.diffKeyed("cuda", cuda, other.cuda) { $0.version }
        changes += Self.diffKeyed("cudaImages", cudaImages, other.cudaImages) { $0.os }
        changes += Self.diffKeyed("wheelArchLists", wheelArchLists, other.wheelArchLists) {
            "\($0.variant.tag) \($0.from)-\($0.through)"
        }
        changes += Self.diffKeyed("extensions.xformers", extensions.xformers, other.extensions.xformers) { $0.version }
        changes += Self.diffKeyed("extensions.torchao", extensions.torchao, other.extensions.torchao) { $0.version }
        changes += Self.diffKeyed("extensions.torchcodec", extensions.torchcodec, other.extensions.torchcodec) {
            $0.version
        }
        changes += Self.diffKeyed("extensions.flashinfer", extensions.flashinfer, other.extensions.flashinfer) {
            $0.fromTag
        }
        return changes
    }

    private static func diffKeyed<T: Encodable & Equatable>(
        _ section: String, _ old: [T], _ new: [T], key: (T) -> String
    ) -> [MatrixChange] {
        var changes: [MatrixChange] = []
        let newByKey = Dictionary(new.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let oldKeys = Set(old.map(key))
        for item in old {
            let k = key(item)
            guard let replacement = newByKey[k] else {
                changes.append(MatrixChange(kind: .removed, path: "\(section)[\(k)]"))
                continue
            }
            guard replacement != item else { continue }
            let before = fields(item), after = fields(replacement)
            for name in Set(before.keys).union(after.keys).sorted() where before[name] != after[name] {
                changes.append(MatrixChange(kind: .changed, path: "\(section)[\(k)].\(name)",
                                            old: before[name], new: after[name]))
            }
        }
        var seen = Set<String>()
        for item in new where !oldKeys.contains(key(item)) && seen.insert(key(item)).inserted {
            changes.append(MatrixChange(kind: .added, path: "\(section)[\(key(item))]"))
        }
        return changes
    }

    /// Each top-level field of the encoded value as compact JSON with sorted keys.
    private static func fields<T: Encodable>(_ value: T) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        var out: [String: String] = [:]
        for (name, field) in object {
            if let data = try? JSONSerialization.data(withJSONObject: field, options: [.sortedKeys, .fragmentsAllowed,
                                                                                       .withoutEscapingSlashes]),
               let text = String(data: data, encoding: .utf8) {
                out[name] = text
            }
        }
        return out
    }
}
