import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the edits an upgrade needs (a dry run: nothing is written).",
            discussion: "Exit codes: 0 plan ready · 1 blocking problems · 2 usage/input error · 3 network failure.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Flag(name: .long, help: "Also move pins held back by a comment.") var includeHeld = false
        @Option(name: .long, help: "Output format: diff, json or markdown.") var format: OutputFormat = .diff

        func validate() throws {
            try requireFormat(format, in: [.diff, .text, .json, .markdown], command: "plan")
            if target.torch == nil && target.cuda == nil && target.rocm == nil && target.channel == .release {
                throw ValidationError("say what to upgrade to: --torch VERSION (and/or --cuda X.Y, --rocm X.Y, --channel)")
            }
        }

        func run() async throws {
            let run = try PlanRun.make(path: repo.path, target: target, network: network, includeHeld: includeHeld)
            switch format {
            case .json: Terminal.out(try PlanReport.json(run.plan, files: run.repo.inventory.files))
            case .markdown: Terminal.out(PlanReport.markdown(run.plan))
            default: Terminal.out(try PlanReport.diff(run.plan, files: run.repo.inventory.files))
            }
            printDiagnostics(run.plan.diagnostics)
            if run.plan.isBlocked { throw ExitStatus.findings.exitCode }
        }
    }
}
