import Foundation
import TorchBumpKit

/// Builds pin sites the way the scanners fill them (see notes/site-conventions.md), for planner tests.
enum Sites {
    static func requirement(_ subject: String, _ version: String, path: String = "requirements/cuda.txt", line: Int = 1,
                            op: String = "==", platform: Platform = .all, variant: Variant? = nil,
                            held: String? = nil) -> PinSite {
        PinSite(path: path, file: .requirements, kind: .requirement, subject: subject, value: version,
                span: Span(0, version.utf8.count), line: line, column: 1, platform: platform, variant: variant, op: op,
                context: "\(subject)\(op)\(version)", heldReason: held)
    }

    static func archList(_ value: String, name: String = "TORCH_CUDA_ARCH_LIST", path: String = "docker/Dockerfile",
                         line: Int = 10) -> PinSite {
        PinSite(path: path, file: .dockerfile, kind: .archList, subject: "cuda", value: value,
                span: Span(0, value.utf8.count), line: line, column: 1, name: name)
    }

    static func gitRef(_ subject: String, _ ref: String, name: String = "GIT_REF", line: Int = 20) -> PinSite {
        PinSite(path: "docker/Dockerfile", file: .dockerfile, kind: .gitRef, subject: subject, value: ref,
                span: Span(0, ref.utf8.count), line: line, column: 1, name: name)
    }

    static func python(_ version: String) -> PinSite {
        PinSite(path: "docker/Dockerfile", file: .dockerfile, kind: .version, subject: "python", value: version,
                span: Span(0, version.utf8.count), line: 3, column: 1, name: "PYTHON_VERSION")
    }
}

enum Fixtures {
    static let matrix: ReleaseMatrix = {
        do { return try ReleaseMatrix.bundled() } catch { preconditionFailure("bundled matrix: \(error)") }
    }()

    static let catalog: ExtensionCatalog = {
        do { return try ExtensionCatalog.bundled() } catch { preconditionFailure("bundled catalogue: \(error)") }
    }()

    static var planner: ExtensionPlanner { ExtensionPlanner(catalog: catalog, matrix: matrix) }

    static func target(torch: String, variant: Variant, pythons: [String] = ["3.12"], offline: Bool = true,
                       channel: Channel = .release, pypi: String = "https://pypi.org/simple",
                       pytorchBase: String = "https://download.pytorch.org/whl") -> ExtensionTarget {
        ExtensionTarget(torch: torch, variant: variant, channel: channel, pythons: pythons, pythonSource: "test",
                        offline: offline, pypiIndex: pypi, pytorchIndexBase: pytorchBase)
    }

    static func cuda(_ version: String) -> Variant {
        guard let v = Variant(cudaVersion: version) else { preconditionFailure("bad CUDA \(version)") }
        return v
    }
}

/// An in-process `WheelLocator`: pages by `<index>/<project>/`, metadata by filename, existing URLs; records
/// every question it is asked.
final class FakeWheelLocator: WheelLocator, @unchecked Sendable {
    struct Failure: Error, LocalizedError {
        var errorDescription: String? { "connection refused" }
    }

    var pages: [String: [LocatedFile]] = [:]
    var metadata: [String: [String]] = [:]
    var existing: Set<String> = []
    var failing: Set<String> = []
    private let lock = NSLock()
    private var _asked: [String] = []

    var asked: [String] { lock.withLock { _asked } }

    private func record(_ s: String) { lock.withLock { _asked.append(s) } }

    static func key(_ index: String, _ project: String) -> String {
        var base = index
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + normalizePackageName(project) + "/"
    }

    /// Lists wheel filenames on `index` for `project`; `requires` gives each file's Requires-Dist.
    func serve(_ index: String, _ project: String, _ files: [String], requires: [String: [String]] = [:]) {
        let key = Self.key(index, project)
        pages[key] = files.map { name in
            let encoded = name.replacingOccurrences(of: "+", with: "%2B")
            let url = URL(string: key + encoded) ?? URL(fileURLWithPath: "/")
            return LocatedFile(filename: name, url: url, hasMetadata: requires[name] != nil)
        }
        for (name, lines) in requires { metadata[name] = lines }
    }

    func files(project: String, index: URL) async throws -> [LocatedFile]? {
        let key = Self.key(index.absoluteString, project)
        record("GET " + key)
        if failing.contains(key) { throw Failure() }
        return pages[key]
    }

    func requiresDist(of file: LocatedFile) async throws -> [String]? {
        record("META " + file.filename)
        return metadata[file.filename]
    }

    func exists(_ url: URL) async throws -> Bool {
        record("HEAD " + url.absoluteString)
        if failing.contains(url.absoluteString) { throw Failure() }
        return existing.contains(url.absoluteString)
    }
}
