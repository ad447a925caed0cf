import Foundation

/// The triton half of the probe: read torch's `Requires-Dist` from its PEP 658 metadata (one wheel per variant and
/// architecture), evaluate the markers for each Python, and look for the required triton build.
extension WheelProbe {
    /// Distribution names of the triton builds torch may require.
    static let tritonNames: Set<String> = [
        "triton", "pytorch-triton", "pytorch-triton-rocm", "pytorch-triton-xpu", "triton-rocm", "triton-xpu",
    ]

    /// What one cell needs.
    enum TritonNeed {
        case requirement(DistRequirement, fromMatrix: Bool)
        /// torch requires no triton here.
        case nothing(String)
        case unknown(String)
    }

    private enum MetadataOutcome: Sendable {
        case metadata(CoreMetadata)
        case unavailable(String)
        case failed(IndexError)
    }

    func probeTriton(_ spec: ProbeSpec, variants: [Variant], torchFiles: [CellKey: IndexFile],
                     report: inout ProbeReport) async {
        let tritonVariants = variants.filter { $0 != .cpu }
        guard !tritonVariants.isEmpty else { return }

        // One metadata document per variant × architecture: the first torch wheel found for it.
        var jobs: [(variant: Variant, arch: String, file: IndexFile)] = []
        for variant in tritonVariants {
            for arch in spec.arches where Self.notApplicable(variant, arch: arch) == nil {
                if let file = spec.pythons.lazy.compactMap({ torchFiles[CellKey(variant: variant, python: $0, arch: arch)] }).first {
                    jobs.append((variant, arch, file))
                }
            }
        }
        let client = self.client
        let outcomes = await BoundedConcurrency.map(jobs, limit: maxConcurrent) { job -> MetadataOutcome in
            do {
                guard let metadata = try await client.metadata(for: job.file) else {
                    return .unavailable("\(job.file.filename) has no PEP 658 metadata on its index")
                }
                return .metadata(metadata)
            } catch {
                return .failed(IndexClient.indexError(error, url: job.file.metadataURL))
            }
        }
        var metadata: [String: MetadataOutcome] = [:]
        for (job, outcome) in zip(jobs, outcomes) { metadata["\(job.variant.tag) \(job.arch)"] = outcome }

        // What each cell needs.
        var needs: [CellKey: TritonNeed] = [:]
        for variant in tritonVariants {
            for c in columns(spec) where Self.notApplicable(variant, arch: c.arch) == nil {
                let key = CellKey(variant: variant, python: c.python, arch: c.arch)
                needs[key] = need(spec, variant: variant, python: c.python, arch: c.arch,
                                  outcome: metadata["\(variant.tag) \(c.arch)"], report: &report)
            }
        }

        // One row per variant × required distribution.
        struct RowKey: Hashable { var variant: Variant; var name: String }
        var rowKeys: [RowKey] = []
        for variant in tritonVariants {
            for c in columns(spec) {
                if case .requirement(let r, _)? = needs[CellKey(variant: variant, python: c.python, arch: c.arch)] {
                    let k = RowKey(variant: variant, name: r.normalizedName)
                    if !rowKeys.contains(k) { rowKeys.append(k) }
                }
            }
        }
        guard !rowKeys.isEmpty else { return }

        var pageURLs: [URL] = []
        var indexFor: [RowKey: URL] = [:]
        for k in rowKeys {
            guard let index = tritonIndex(spec, name: k.name, variant: k.variant) else { continue }
            indexFor[k] = index
            let url = IndexClient.pageURL(project: k.name, index: index)
            if !pageURLs.contains(url) { pageURLs.append(url) }
        }
        let pageRequests = rowKeys.compactMap { k in indexFor[k].map { IndexClient.PageRequest(project: k.name, index: $0) } }
        var unique: [IndexClient.PageRequest] = []
        for r in pageRequests where !unique.contains(r) { unique.append(r) }
        let fetched = await client.pages(unique, maxConcurrent: maxConcurrent)
        var pages: [IndexClient.PageRequest: Result<SimpleIndexPage, IndexError>] = [:]
        for (r, result) in zip(unique, fetched) { pages[r] = result }

        for k in rowKeys {
            guard let index = indexFor[k] else { continue }
            let request = IndexClient.PageRequest(project: k.name, index: index)
            let page = redact(IndexClient.pageURL(project: k.name, index: index).absoluteString)
            guard let result = pages[request] else { continue }
            var specs: [String] = []
            var fromMatrix = false
            var row = ProbeRow(package: k.name, version: "", variant: k.variant, page: page)
            for c in columns(spec) {
                let cellKey = CellKey(variant: k.variant, python: c.python, arch: c.arch)
                let status: ProbeStatus
                switch needs[cellKey] {
                case .requirement(let r, let matrix)? where r.normalizedName == k.name:
                    if !specs.contains(r.specifier) { specs.append(r.specifier) }
                    fromMatrix = fromMatrix || matrix
                    if let set = r.specifierSet {
                        let query = WheelQuery(package: k.name, version: .requirement(set), variant: nil)
                        status = fill(result, query: query, variant: k.variant, page: page,
                                      spec: spec.with(pythons: [c.python], arches: [c.arch]), report: &report)
                            .first?.status ?? .unknown("no answer")
                    } else {
                        status = .unknown("unreadable requirement '\(r)' in torch's metadata")
                    }
                case .requirement(let r, _)?:
                    status = .notApplicable("torch requires \(r.name) here, not \(k.name)")
                case .nothing(let why)?:
                    status = .notApplicable(why)
                case .unknown(let why)?:
                    status = .unknown(why)
                case nil:
                    status = .notApplicable(Self.notApplicable(k.variant, arch: c.arch) ?? "not checked")
                }
                row.cells.append(ProbeCell(python: c.python, arch: c.arch, status: status))
            }
            row.version = specs.map { $0.isEmpty ? "(any)" : $0 }.joined(separator: " | ")
            var notes: [String] = []
            notes.append(fromMatrix ? "pin from the release matrix: torch's metadata was not available"
                                    : "required by torch's metadata")
            if k.name == "triton", spec.channel == .release, spec.pypiIndex != nil { notes.append("from the PyPI-compatible index") }
            row.note = notes.joined(separator: "; ")
            report.rows.append(row)
        }
    }

    /// CUDA `triton` on the release channel comes from the PyPI-compatible index (plain `pip install torch` resolves
    /// it there); ROCm/XPU triton packages and the test/nightly builds come from the variant's PyTorch index.
    func tritonIndex(_ spec: ProbeSpec, name: String, variant: Variant) -> URL? {
        if name == "triton", spec.channel == .release, let pypi = spec.pypiIndex, let url = URL(string: pypi) {
            return url
        }
        return spec.variantIndex(variant)
    }

    private func need(_ spec: ProbeSpec, variant: Variant, python: String, arch: String, outcome: MetadataOutcome?,
                      report: inout ProbeReport) -> TritonNeed {
        let env = MarkerEnvironment.linux(python: python, arch: arch)
        let torchLabel = "torch \(spec.torch.publicVersion)+\(variant.tag)"
        switch outcome {
        case .metadata(let metadata)?:
            let reqs = metadata.requiresDist.compactMap(DistRequirement.init)
                .filter { Self.tritonNames.contains($0.normalizedName) && $0.applies(in: env) }
            if let r = reqs.first { return .requirement(r, fromMatrix: false) }
            return .nothing("\(torchLabel) requires no triton for Python \(python) on \(arch)")
        case .failed(let error)?:
            if case .offline = error { return fallback(spec, variant: variant, python: python, arch: arch, why: error.localizedDescription) }
            if !report.failures.contains(where: { $0.url == error.url }) {
                switch error {
                case .network, .unauthorized, .unexpectedStatus:
                    report.failures.append(error)
                default:
                    let message = "cannot read torch's metadata (\(error.localizedDescription)); "
                        + "falling back to the release matrix for triton"
                    if !report.diagnostics.contains(where: { $0.message == message }) {
                        report.diagnostics.append(.warning(message))
                    }
                }
            }
            return fallback(spec, variant: variant, python: python, arch: arch, why: error.localizedDescription)
        case .unavailable(let why)?:
            return fallback(spec, variant: variant, python: python, arch: arch, why: why)
        case nil:
            return .nothing("\(torchLabel) has no \(arch) wheel (see its row), so nothing requires triton here")
        }
    }

    /// The matrix pin for CUDA on x86_64 when torch's metadata cannot be read; unknown otherwise.
    private func fallback(_ spec: ProbeSpec, variant: Variant, python: String, arch: String, why: String) -> TritonNeed {
        guard variant.isCUDA, arch == "x86_64", let pin = spec.fallbackTriton,
              let requirement = DistRequirement(pin.requirement) else {
            return .unknown("cannot tell which triton torch needs here: \(why)")
        }
        guard requirement.applies(in: MarkerEnvironment.linux(python: python, arch: arch)) else {
            return .nothing("the release matrix's triton pin (\(pin.requirement)) excludes Python \(python)")
        }
        return .requirement(requirement, fromMatrix: true)
    }
}

extension ProbeSpec {
    /// The same spec with other Pythons and architectures.
    func with(pythons: [String], arches: [String]) -> ProbeSpec {
        var copy = self
        copy.pythons = pythons
        copy.arches = arches
        return copy
    }
}
