import Foundation
@testable import TorchBumpKit

/// A small repository written to a temp dir, scanned and planned through the real scanners and planner.
struct PlanFixture {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tb-plan-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    var inventory: Inventory {
        let (config, _) = ConfigLoader.load(root: root)
        return RepositoryScanner(config: config).scan(root: root)
    }

    func plan(_ target: UpgradeTarget) throws -> UpgradePlan {
        UpgradePlanner(matrix: try ReleaseMatrix.bundled()).plan(inventory, target: target)
    }

    /// The files after applying the plan in memory (only files the plan touches are returned).
    func result(_ target: UpgradeTarget, matrix: ReleaseMatrix? = nil) throws -> (plan: UpgradePlan, files: [String: String]) {
        let inventory = self.inventory
        let plan = UpgradePlanner(matrix: try matrix ?? ReleaseMatrix.bundled()).plan(inventory, target: target)
        var out: [String: String] = [:]
        for (path, edits) in plan.editsByFile {
            let file = try #require(inventory.files[path])
            out[path] = String(decoding: try TextEdit.apply(edits.map(\.edit), to: file.bytes), as: UTF8.self)
        }
        return (plan, out)
    }
}

import Testing
