import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the pull-request report of an upgrade: what changed, what was held back and why, what remains manual.",
            discussion: "Exit codes: 0 ok · 2 usage error.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Output format: markdown, json or html.") var format: OutputFormat = .markdown

        func run() async throws { throw notImplemented("report") }
    }
}
