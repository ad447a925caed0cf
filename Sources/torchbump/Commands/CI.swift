import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct CI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ci",
            abstract: "Emit a CI pipeline for the upgrade (variant × Python builds, cache-warming run) for Buildkite or GitHub Actions.",
            discussion: "Exit codes: 0 ok · 2 usage error.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "CI engine: buildkite or github.") var engine: String = "buildkite"
        @Option(name: .long, help: "Timeout in minutes for the cache-warming build.") var warmTimeout: Int = 600
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws { throw notImplemented("ci") }
    }
}
