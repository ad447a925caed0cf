import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every wheel an upgrade needs exists on the right index (variant × Python × arch).",
            discussion: "Exit codes: 0 all present · 1 something missing · 2 usage error · 3 network failure.")

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Variants to check, e.g. cu128,cpu,rocm6.3,xpu (default: from the repo and the matrix).")
        var variant: String?
        @Option(name: .long, help: "Python versions, e.g. 3.10,3.12 (default: from the repo and the matrix).")
        var python: String?
        @Option(name: .long, help: "Architectures: x86_64,aarch64 (default: x86_64).") var arch: String?
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json], command: "probe")
            for tag in commaList(variant) where Variant(tag: tag) == nil {
                throw ValidationError("--variant \(tag) is not a PyTorch variant (cpu, cu128, rocm6.3, xpu)")
            }
        }

        func run() async throws { throw notImplemented("probe") }
    }
}
