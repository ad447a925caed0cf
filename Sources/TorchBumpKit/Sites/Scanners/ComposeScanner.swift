import Yams

/// Finds pin sites in Compose files (`docker-compose*.yml`, `compose*.yaml`): a service's `build.args` (map or
/// `NAME=value` list form), classified like Dockerfile `ARG`s because they override the Dockerfile's defaults, and
/// `image:` references (torch, CUDA/ROCm and variant tokens in the tag). Spans cover values only.
public struct ComposeScanner: SiteScanner {
    public var fileKind: FileKind { .compose }

    public init() {}

    public func accepts(path: String) -> Bool {
        let name = PathName.last(path.lowercased())
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return false }
        return name.hasPrefix("docker-compose") || name.hasPrefix("compose")
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        var walker = ComposeWalker(rec: SiteCollector(file: file, fileKind: .compose,
                                                      platform: PlatformInference.platform(forPath: file.path)),
                                   map: YAMLSourceMap(file: file), constants: context.config.constants)
        switch YAMLDocuments.load(file) {
        case .documents(let nodes):
            for case .mapping(let top) in nodes {
                for (key, value) in top {
                    guard let k = key.scalar?.string, case .mapping(let entries) = value else { continue }
                    if k == "services" {
                        for (name, service) in entries { walker.service(service, name: name.scalar?.string ?? "") }
                    } else if k.hasPrefix("x-") {
                        walker.service(value, name: k)  // extension fields shared through anchors
                    }
                }
            }
            HoldComments(file: file).apply(to: &walker.rec, comments: walker.map.comments())
        case .broken(let diagnostic):
            walker.rec.diagnostics.append(diagnostic)
        }
        return walker.rec.result
    }
}

/// Walks the services of a Compose file.
struct ComposeWalker {
    var rec: SiteCollector
    var map: YAMLSourceMap
    var constants: [String]

    /// One service (or `x-` extension block): its platform comes from its Dockerfile's name, else its own name
    /// (`train-rocm`), else the file's.
    mutating func service(_ node: Node, name: String) {
        guard case .mapping(let service) = node else { return }
        var platform = rec.platform
        var dockerfile: String?
        if case .mapping(let build)? = service["build"] { dockerfile = build["dockerfile"]?.scalar?.string }
        for candidate in [dockerfile, name].compactMap({ $0 }) {
            let p = PlatformInference.platform(forPath: candidate)
            if p != .all { platform = p; break }
        }
        if case .scalar(let image)? = service["image"], let text = map.map(image), !text.isEmpty {
            ValueClassifier.image(text, name: "image", role: .pin, platform: platform, into: &rec)
        }
        guard case .mapping(let build)? = service["build"], let args = build["args"] else { return }
        switch args {
        case .mapping(let pairs):
            for (key, value) in pairs {
                guard let argName = key.scalar?.string, case .scalar(let v) = value, let text = map.map(v) else { continue }
                ValueClassifier.assignment(name: argName, value: text, platform: platform, constants: constants, into: &rec)
            }
        case .sequence(let items):
            for case .scalar(let item) in items {
                guard let text = map.map(item), let eq = text.bytes.firstIndex(of: 0x3D), eq > 0 else { continue }
                ValueClassifier.assignment(name: text[0..<eq], value: text.slice((eq + 1)..<text.count),
                                           platform: platform, constants: constants, into: &rec)
            }
        default:
            break
        }
    }
}
