import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Deps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For each torch-compiled extension the repo uses: find a matching wheel or print the source-build recipe.",
            discussion: "Exit codes: 0 every extension has a wheel · 1 some need a source build or are blocked · 2 usage error · 3 network failure.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Python versions, e.g. 3.10,3.12.") var python: String?
        @Option(name: .long, help: "Output format: text, json or dockerfile.") var format: OutputFormat = .text

        func validate() throws { try requireFormat(format, in: [.text, .json, .dockerfile], command: "deps") }

        func run() async throws { throw notImplemented("deps") }
    }
}
