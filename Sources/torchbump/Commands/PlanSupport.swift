import ArgumentParser
import Foundation
import TorchBumpKit

/// Shared by `plan` and `apply`: load the repository and release knowledge, build the plan.
struct PlanRun {
    var repo: LoadedRepository
    var plan: UpgradePlan

    static func make(path: String, target: TargetOptions, network: NetworkOptions, includeHeld: Bool) throws -> PlanRun {
        let repo = try LoadedRepository.load(path)
        let loadedMatrix = try loadReleaseMatrix()
        printDiagnostics(loadedMatrix.warnings)  // e.g. a corrupt user cache that was ignored
        let matrix = loadedMatrix.matrix
        let upgrade = UpgradeTarget(
            torch: target.torch, cuda: target.cuda, rocm: target.rocm, channel: target.channel,
            platforms: target.platforms, includeHeld: includeHeld)
        var planner = UpgradePlanner(matrix: matrix)
        if let base = network.indexBase { planner.indexBase = base.hasSuffix("/") ? String(base.dropLast()) : base }
        let plan = planner.plan(repo.inventory, target: upgrade)
        return PlanRun(repo: repo, plan: plan)
    }
}
