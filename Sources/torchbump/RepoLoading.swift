import Foundation
import TorchBumpKit

/// Loads a repository's configuration and inventory for a command, turning input problems into exit statuses.
struct LoadedRepository {
    var root: URL
    var name: String
    var inventory: Inventory

    static func load(_ path: String) throws -> LoadedRepository {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw CommandFailure(message: "\(path): no such directory", status: .usage)
        }
        let (config, configDiagnostics) = ConfigLoader.load(root: root)
        if let bad = configDiagnostics.first(where: { $0.severity == .error }) {
            throw CommandFailure(message: "invalid torchbump configuration: \(bad)", status: .usage)
        }
        var inventory = RepositoryScanner(config: config).scan(root: root)
        inventory.diagnostics.insert(contentsOf: configDiagnostics, at: 0)
        let name = inventory.root.lastPathComponent
        return LoadedRepository(root: inventory.root, name: name, inventory: inventory)
    }

    /// Exit 2 when there were files to scan but none could be read.
    var nothingScanned: Bool {
        inventory.filesScanned == 0 && inventory.diagnostics.contains { $0.severity == .error }
    }
}

/// The release matrix (a refreshed copy in the user cache, else the bundled data), or exit 2 naming the problem.
func loadReleaseMatrix() throws -> (matrix: ReleaseMatrix, source: ReleaseMatrix.Source, warnings: [Diagnostic]) {
    do {
        return try ReleaseMatrix.load(cacheDirectory: ReleaseMatrix.defaultCacheDirectory())
    } catch {
        throw CommandFailure(message: "release matrix: \(error.localizedDescription)", status: .usage)
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for d in diagnostics where d.severity != .note { Terminal.err(d.description) }
}
