import ArgumentParser
import Foundation
import TorchBumpKit

extension TorchBump {
    struct Deps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For each torch-compiled extension the repo uses: find a matching wheel or print the source-build recipe.",
            discussion: """
                Looks for a wheel of every catalogued extension (xformers, FlashInfer, mamba-ssm, causal-conv1d, \
                flash-attn, IPEX, torchao, bitsandbytes, DeepGEMM, apex, and [tool.torchbump.extensions]) that \
                matches --torch, the CUDA variant and the repository's Pythons, in probe order: PyPI, \
                download.pytorch.org, project indexes, GitHub release assets. Without one it prints the source \
                build: arch list for the target CUDA, MAX_JOBS, `uv pip install --system --no-build-isolation`. \
                --offline answers from the bundled tables only. --format dockerfile prints RUN stanzas for the builds.

                [tool.torchbump.extensions.<name>] (or [extensions.<name>] in torchbump.toml) adjusts or adds an \
                extension: git (clone URL), tag-format (`v{version}`), index (a simple index probed first; \
                `{cuda_tag}`, `{torch_minor}` are filled), arch-env (the arch-list variable, or `none`), build-time.

                The CUDA variant is --cuda, else the repository's CUDA when torch publishes it (else the nearest \
                newer one), else torch's PyPI default. Pythons are --python, else the repository's, else 3.12.

                Exit codes: 0 every extension has a wheel or needs none · 1 some need a source build, are blocked \
                or undecided · 2 usage error · 3 network failure.
                """)

        @OptionGroup var repo: RepoOptions
        @OptionGroup var target: TargetOptions
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Python versions, e.g. 3.10,3.12.") var python: String?
        @Option(name: .long, help: "Output format: text, json or dockerfile.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json, .dockerfile], command: "deps")
            guard target.torch != nil else { throw ValidationError("`torchbump deps` needs --torch VERSION") }
            for py in commaList(python) where Self.pythonMinor(py) == nil {
                throw ValidationError("--python \(py) is not a Python version like 3.12")
            }
        }

        func run() async throws {
            guard let torch = target.torch, let torchVersion = Version(torch) else {
                throw CommandFailure(message: "`torchbump deps` needs --torch VERSION", status: .usage)
            }
            let loaded = try LoadedRepository.load(repo.path)
            if loaded.nothingScanned {
                printDiagnostics(loaded.inventory.diagnostics)
                throw CommandFailure(message: "no file of \(repo.path) could be read", status: .usage)
            }
            let (config, _) = ConfigLoader.load(root: loaded.root)
            let loadedMatrix = try loadReleaseMatrix()
            let (catalog, catalogWarnings) = try ExtensionCatalog.bundled().applying(config: config.extensions)
            printDiagnostics(loaded.inventory.diagnostics + loadedMatrix.warnings + catalogWarnings)

            let matrix = loadedMatrix.matrix
            let sites = loaded.inventory.sites
            let torchText = torchVersion.publicVersion.description
            let (variant, variantNote) = try Self.mainVariant(torch: torchText, cuda: target.cuda, rocm: target.rocm,
                                                              channel: target.channel, sites: sites, matrix: matrix)
            let (pythons, pythonSource) = Self.pythons(flag: python, sites: sites,
                                                       shipped: matrix.release(torchText)?.python.map { $0.lowercased() } ?? [])
            var extensionTarget = ExtensionTarget(
                torch: torchText, variant: variant, channel: target.channel, pythons: pythons,
                pythonSource: pythonSource, offline: network.offline,
                pypiIndex: network.indexURL ?? "",
                pytorchIndexBase: network.indexBase ?? IndexConfiguration.defaultPyTorchBase,
                virtualEnv: ExtensionTarget.virtualEnv(in: loaded.inventory.files))

            let planner = ExtensionPlanner(catalog: catalog, matrix: matrix)
            var plan: ExtensionPlan
            if network.offline {
                plan = planner.plan(sites: sites, target: extensionTarget)
            } else {
                if network.indexURL == nil {
                    let discovered = IndexConfiguration.discover(
                        flags: .init(indexURL: nil, indexBase: network.indexBase))
                    if let url = discovered.defaultIndex?.url { extensionTarget.pypiIndex = url }
                }
                let client = IndexClient.standard(pytorchBase: extensionTarget.pytorchIndexBase)
                plan = await planner.plan(sites: sites, target: extensionTarget, locator: client)
            }
            if let variantNote { plan.diagnostics.insert(.note(variantNote), at: 0) }

            switch format {
            case .json: Terminal.out(try ExtensionReport.json(plan))
            case .dockerfile: Terminal.out(DockerfileStanzas.render(plan))
            default: Terminal.out(ExtensionReport.text(plan))
            }
            if format != .text {
                for line in ExtensionReport.text(plan).split(separator: "\n") where line.hasPrefix("summary:") {
                    Terminal.err(String(line))
                }
            }
            if plan.exitStatus != 0 { throw ExitCode(plan.exitStatus) }
        }

        /// The variant the main (CUDA) build moves to, and a note saying how it was chosen.
        static func mainVariant(torch: String, cuda: String?, rocm: String?, channel: Channel, sites: [PinSite],
                                matrix: ReleaseMatrix) throws -> (Variant, String?) {
            if let cuda, let v = Variant(cudaVersion: cuda) { return (v, nil) }
            if let rocm, let v = Variant(tag: "rocm" + rocm) { return (v, nil) }
            let state = RepositoryStateInference.infer(from: sites)
            if let current = state.cuda, let v = Variant(cudaVersion: current) {
                if matrix.isPublished(v, for: torch, channel: channel) != .no { return (v, "CUDA \(current) from the repository") }
                if let newer = matrix.nearestNewerVariant(than: v, for: torch) {
                    return (newer, "the repository is on CUDA \(current); torch \(torch) has no \(v.tag) build, so "
                        + "\(newer.tag) is the target (pass --cuda to choose)")
                }
                return (v, "CUDA \(current) from the repository (torch \(torch) may not publish it)")
            }
            let pinned = sites.filter { $0.subject == "cuda" && $0.kind == .version && $0.role == .pin }
                .compactMap { Variant(cudaVersion: $0.value) }
            if let v = pinned.first, pinned.allSatisfy({ $0 == v }) {
                if matrix.isPublished(v, for: torch, channel: channel) != .no || matrix.nearestNewerVariant(than: v, for: torch) == nil {
                    return (v, "CUDA \(v.toolkitVersion ?? v.tag) from the repository")
                }
                if let newer = matrix.nearestNewerVariant(than: v, for: torch) {
                    return (newer, "the repository is on \(v.tag); torch \(torch) has no \(v.tag) build, so \(newer.tag) "
                        + "is the target (pass --cuda to choose)")
                }
            }
            if let pypi = matrix.pypiDefaultVariant(for: torch) {
                return (pypi, "no CUDA version in the repository: using torch \(torch)'s PyPI default \(pypi.tag) "
                    + "(pass --cuda to choose)")
            }
            throw CommandFailure(message: "cannot tell which CUDA to target: pass --cuda X.Y", status: .usage)
        }

        /// `--python`, else the repository's Python pins, else 3.12.
        static func pythons(flag: String?, sites: [PinSite], shipped: [String] = []) -> ([String], String) {
            let given = commaList(flag).compactMap(pythonMinor)
            if !given.isEmpty { return (unique(given), "--python") }
            // The repository's Pythons the target torch ships wheels for (`plan` flags the others).
            let found = sites.filter { $0.subject == "python" && $0.kind == .version && $0.role == .pin && $0.op == nil }
                .compactMap { pythonMinor($0.value) }.filter { shipped.isEmpty || shipped.contains($0) }
            if !found.isEmpty {
                let sorted = unique(found).sorted { a, b in
                    guard let va = Version(a), let vb = Version(b) else { return a < b }
                    return va < vb
                }
                return (sorted, "repository")
            }
            return (["3.12"], "default; pass --python")
        }

        /// `3.12.4` → `3.12`; nil for anything that is not `3.Y[.Z]`.
        static func pythonMinor(_ text: String) -> String? {
            let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".")
            guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
                  parts[0] == "3"
            else { return nil }
            return "\(parts[0]).\(parts[1])"
        }

        private static func unique(_ items: [String]) -> [String] {
            var seen = Set<String>()
            return items.filter { seen.insert($0).inserted }
        }
    }
}
