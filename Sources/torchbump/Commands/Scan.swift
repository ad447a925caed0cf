import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every PyTorch pin site in a repository, grouped by platform and kind.",
            discussion: "Exit codes: 0 ok (also when no site is found) · 2 nothing could be scanned or invalid configuration.")

        @OptionGroup var repo: RepoOptions
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws { try requireFormat(format, in: [.text, .json], command: "scan") }

        func run() async throws {
            let loaded = try LoadedRepository.load(repo.path)
            switch format {
            case .json:
                Terminal.out(try InventoryReport.json(loaded.inventory))
            default:
                Terminal.out(InventoryReport.text(loaded.inventory, repoName: loaded.name))
            }
            if loaded.nothingScanned { throw ExitStatus.usage.exitCode }
        }
    }
}
