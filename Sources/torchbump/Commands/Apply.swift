import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the upgrade plan to the repository (atomically, formatting preserved).",
            discussion: "Exit codes: 0 written or nothing to do · 1 blocking problems · 2 usage/input error · 3 network failure.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Flag(name: .long, help: "Write even if files to change have uncommitted git changes.") var allowDirty = false
        @Flag(name: .long, help: "Also move pins held back by a comment.") var includeHeld = false
        @Flag(name: .long, help: "Regenerate lock files with the command in their header (needs uv).") var lock = false
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json], command: "apply")
            if target.torch == nil && target.cuda == nil && target.rocm == nil {
                throw ValidationError("say what to upgrade to: --torch VERSION (and/or --cuda X.Y, --rocm X.Y)")
            }
        }

        func run() async throws { throw notImplemented("apply") }
    }
}
