import ArgumentParser
import Foundation
import TorchBumpKit

extension TorchBump {
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every wheel an upgrade needs exists on the right index (variant × Python × arch).",
            discussion: """
                Checks torch, torchvision, torchaudio (held at 2.11.0 after its freeze) and the triton build torch's \
                metadata requires, on <base>[/test|/nightly]/<variant>/<package>/ (CUDA triton of the release \
                channel on the PyPI-compatible index). Defaults come from the repository (PATH, or the current \
                directory when it is a project) and the release matrix. On the test channel every wheel's sha256 is \
                recorded in $XDG_CACHE_HOME/torchbump/rc-hashes.json and a re-spun release candidate (same filename, \
                new sha256) is reported. --offline answers from the HTTP cache only; pages not in the cache are \
                reported as unknown (exit 1: availability unproven).
                Exit codes: 0 all present · 1 something missing or unknown · 2 usage error · 3 network or index failure.
                """)

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
            do {
                _ = try commaList(python).map(ProbeRequest.normalizePython)
                _ = try commaList(arch).map(ProbeRequest.normalizeArch)
            } catch {
                throw ValidationError(error.localizedDescription)
            }
            if target.torch == nil {
                throw ValidationError("say which torch to probe: --torch VERSION (e.g. --torch 2.7.0)")
            }
        }

        func run() async throws {
            let loaded = try loadReleaseMatrix()
            printDiagnostics(loaded.warnings)

            let config = IndexConfiguration.discover(
                flags: .init(indexURL: network.indexURL, indexBase: network.indexBase))
            printDiagnostics(config.diagnostics)

            var variants = commaList(variant).compactMap { Variant(tag: $0) }
            if variants.isEmpty {
                if let cuda = target.cuda, let v = Variant(cudaVersion: cuda) { variants.append(v) }
                if let rocm = target.rocm, let v = Variant(tag: "rocm" + rocm) { variants.append(v) }
            }
            let request = ProbeRequest(
                torch: target.torch ?? "", channel: target.channel, variants: variants, pythons: commaList(python),
                arches: commaList(arch), pytorchBase: config.pytorchBase.url, pypiIndex: config.defaultIndex?.url)
            let resolved: (spec: ProbeSpec, notes: [Diagnostic])
            do {
                resolved = try request.resolve(matrix: loaded.matrix, inventory: try repositoryInventory())
            } catch let error as ProbeError {
                throw CommandFailure(message: error.localizedDescription, status: .usage)
            }

            let client = IndexClient.standard(pytorchBase: config.pytorchBase.url, offline: network.offline)
            let probe = WheelProbe(client: client, hashStore: RCHashStore(file: RCHashStore.defaultFile()))
            var report = await probe.run(resolved.spec)
            report.diagnostics.insert(contentsOf: resolved.notes, at: 0)

            if format == .json {
                Terminal.out(try report.renderJSON())
            } else {
                Terminal.out(report.renderText())
                for d in report.diagnostics { Terminal.err(d.description) }
            }
            switch report.outcome {
            case .allPresent:
                return
            case .incomplete:
                throw ExitStatus.findings.exitCode
            case .indexFailure:
                let first = report.failures.first.map { $0.errorDescription ?? $0.url } ?? "unknown failure"
                let more = report.failures.count > 1 ? " (and \(report.failures.count - 1) more)" : ""
                throw CommandFailure(message: "index failure: \(first)\(more)", status: .network)
            }
        }

        /// The inventory of PATH, or of the current directory when it looks like a project; nil otherwise
        /// (probing from an arbitrary directory must not walk it).
        private func repositoryInventory() throws -> Inventory? {
            if repo.path == "." {
                let fm = FileManager.default
                let markers = [".git", "pyproject.toml", "setup.py", "requirements.txt", "Dockerfile"]
                guard markers.contains(where: { fm.fileExists(atPath: $0) }) else { return nil }
            }
            let loaded = try LoadedRepository.load(repo.path)
            printDiagnostics(loaded.inventory.diagnostics)
            return loaded.inventory
        }
    }
}
