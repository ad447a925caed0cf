import ArgumentParser
import Foundation
import TorchBumpKit

extension TorchBump {
    struct Matrix: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show PyTorch's release matrix (companions, CUDA/ROCm variants, Python), or refresh it from the indexes.",
            discussion: """
                Data comes from the refreshed copy in the user cache ($XDG_CACHE_HOME/torchbump/release-matrix.json) \
                when present and valid, else from the data bundled with torchbump. Cells marked `?` are unverified.
                Exit codes: 0 ok · 2 unknown version · 3 network failure (--refresh).
                """)

        @Argument(help: "A torch version to show (default: the whole table).") var version: String?
        @Flag(name: .long, help: "Rebuild the data from the live indexes into the user cache and print what changed.")
        var refresh = false
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json], command: "matrix")
            if refresh && network.offline { throw ValidationError("--refresh needs the network; drop --offline") }
        }

        func run() async throws {
            if refresh { throw notImplemented("matrix --refresh") }
            let loaded: (matrix: ReleaseMatrix, source: ReleaseMatrix.Source, warnings: [Diagnostic])
            do {
                loaded = try ReleaseMatrix.load(cacheDirectory: ReleaseMatrix.defaultCacheDirectory())
            } catch {
                throw CommandFailure(message: "release matrix: \(error.localizedDescription)", status: .usage)
            }
            printDiagnostics(loaded.warnings)
            let matrix = loaded.matrix
            if let version {
                guard let release = matrix.release(version) else {
                    throw CommandFailure(
                        message: "torch \(version) is not in the release matrix (newest known: \(matrix.newestRelease.torch)); try `torchbump matrix --refresh`",
                        status: .usage)
                }
                if format == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    Terminal.out(String(decoding: try encoder.encode(release), as: UTF8.self))
                } else {
                    Terminal.out(matrix.renderRelease(release))
                }
            } else if format == .json {
                Terminal.out(String(decoding: try matrix.encodedJSON(), as: UTF8.self))
            } else {
                Terminal.out(matrix.renderTable())
            }
        }
    }
}
