import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Matrix: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show PyTorch's release matrix (companions, CUDA/ROCm variants, Python), or refresh it from the indexes.",
            discussion: "Exit codes: 0 ok · 2 unknown version · 3 network failure (--refresh).")

        @Argument(help: "A torch version to show (default: the whole table).") var version: String?
        @Flag(name: .long, help: "Rebuild the data from the live indexes into the user cache and print what changed.")
        var refresh = false
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json], command: "matrix")
            if refresh && network.offline { throw ValidationError("--refresh needs the network; drop --offline") }
        }

        func run() async throws { throw notImplemented("matrix") }
    }
}
