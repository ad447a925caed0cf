import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch the test and release indexes for a new torch release candidate (or a re-spun one).",
            discussion: "Exit codes: 0 nothing new · 1 something new · 3 network failure.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var network: NetworkOptions
        @Flag(name: .long, help: "Check once and exit instead of polling.") var once = false
        @Option(name: .long, help: "Polling interval in minutes.") var interval: Int = 60
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws { throw notImplemented("watch") }
    }
}
