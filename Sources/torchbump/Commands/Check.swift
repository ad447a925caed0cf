import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report inconsistent pins (companions, variants, CMake vs build requirements, stale locks, RC leftovers).",
            discussion: "Exit codes: 0 consistent · 1 findings · 2 input error.")

        @OptionGroup var repo: RepoOptions
        @Option(name: .long, help: "Output format: text, json or github (workflow annotations).")
        var format: OutputFormat = .text

        func validate() throws { try requireFormat(format, in: [.text, .json, .github], command: "check") }

        func run() async throws { throw notImplemented("check") }
    }
}
