import ArgumentParser
import Foundation
import TorchBumpKit

extension TorchBump {
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the upgrade plan to the repository (atomically, formatting preserved).",
            discussion: "Exit codes: 0 written or nothing to do · 1 blocking problems · 2 usage/input error (dirty files, unsafe paths) · 3 network failure.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Flag(name: .long, help: "Write even if files to change have uncommitted git changes.") var allowDirty = false
        @Flag(name: .long, help: "Also move pins held back by a comment.") var includeHeld = false
        @Flag(name: .long, help: "Regenerate lock files with the command in their header (needs uv).") var lock = false
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json], command: "apply")
            if target.torch == nil && target.cuda == nil && target.rocm == nil && target.channel == .release {
                throw ValidationError("say what to upgrade to: --torch VERSION (and/or --cuda X.Y, --rocm X.Y, --channel)")
            }
        }

        func run() async throws {
            let run = try PlanRun.make(path: repo.path, target: target, network: network, includeHeld: includeHeld)
            let plan = run.plan
            printDiagnostics(plan.diagnostics)
            if plan.isBlocked {
                Terminal.out(try PlanReport.diff(plan, files: run.repo.inventory.files))
                throw ExitStatus.findings.exitCode
            }
            let writer = PlanWriter(root: run.repo.root, allowDirty: allowDirty)
            let written: [String]
            do {
                written = try writer.write(plan, files: run.repo.inventory.files)
            } catch let error as PlanWriter.WriteError {
                throw CommandFailure(message: error.localizedDescription, status: .usage)
            }
            var lockResults: [LockRegeneration.Result] = []
            if lock {
                lockResults = LockRegeneration.run(plan.locks, root: run.repo.root)
            }
            if format == .json {
                Terminal.out(try ApplyReport.json(plan: plan, written: written, locks: lockResults, lockRequested: lock))
            } else {
                Terminal.out(ApplyReport.text(plan: plan, written: written, locks: lockResults, lockRequested: lock))
            }
            if lockResults.contains(where: { $0.status == .failed }) { throw ExitStatus.findings.exitCode }
        }
    }
}
