import Foundation

/// Checks that every wheel of a `ProbeSpec` exists on the right index: torch and its companions on
/// `<base>[/test|/nightly]/<variant>/<package>/`, and the triton build torch's own metadata requires (CUDA
/// `triton` from the PyPI-compatible index on the release channel; ROCm/XPU triton packages, and every triton of
/// the test and nightly channels, from the variant's PyTorch index, where those builds are published).
///
/// Statuses: an absent page or file (404, or 403 from PyTorch's index) is `missing`; offline without a cached page
/// is `unknown`; anything else that stops a page from being read is `failed` and listed in `failures`.
public struct WheelProbe: Sendable {
    public var client: IndexClient
    /// Where test-channel SHA-256s are recorded; nil disables re-spin detection.
    public var hashStore: RCHashStore?
    /// Requests in flight at most.
    public var maxConcurrent: Int
    public var now: @Sendable () -> Date

    public init(client: IndexClient, hashStore: RCHashStore? = nil, maxConcurrent: Int = 4,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.hashStore = hashStore
        self.maxConcurrent = max(1, maxConcurrent)
        self.now = now
    }

    /// Runs the probe; never throws — every problem ends up in the report.
    public func run(_ spec: ProbeSpec) async -> ProbeReport {
        var report = ProbeReport(spec: spec, variants: spec.variants, offline: client.options.offline)
        var variants = spec.variants
        if variants.isEmpty {
            variants = await discoverVariants(spec, report: &report)
            report.variants = variants
            if variants.isEmpty { return report }
        }

        // torch and companions, one page per package × variant.
        var requests: [IndexClient.PageRequest] = []
        var keys: [(package: ProbePackage, variant: Variant, index: URL)] = []
        for package in spec.packages {
            for variant in variants {
                guard let index = spec.variantIndex(variant) else { continue }
                requests.append(.init(project: package.name, index: index))
                keys.append((package, variant, index))
            }
        }
        let results = await client.pages(requests, maxConcurrent: maxConcurrent)
        var torchFiles: [CellKey: IndexFile] = [:]
        for (i, result) in results.enumerated() {
            let key = keys[i]
            let page = redact(IndexClient.pageURL(project: key.package.name, index: key.index).absoluteString)
            var row = ProbeRow(package: key.package.name, version: key.package.version, variant: key.variant, page: page,
                               note: key.package.note)
            guard let rule = Self.rule(key.package.version, channel: spec.channel) else {
                row.cells = columns(spec).map { ProbeCell(python: $0.python, arch: $0.arch,
                                                          status: .unknown("'\(key.package.version)' is not a version")) }
                report.rows.append(row)
                continue
            }
            let query = WheelQuery(package: key.package.name, version: rule, variant: key.variant)
            row.cells = fill(result, query: query, variant: key.variant, page: page, spec: spec, report: &report) {
                if key.package.name == "torch" { torchFiles[CellKey(variant: key.variant, python: $0, arch: $1)] = $2 }
            }
            report.rows.append(row)
        }

        if spec.includeTriton {
            await probeTriton(spec, variants: variants, torchFiles: torchFiles, report: &report)
        }
        reconcileHashes(spec, report: &report)
        return report
    }

    // MARK: - Cells

    struct CellKey: Hashable {
        var variant: Variant
        var python: String
        var arch: String
    }

    /// Python × architecture, architecture-major.
    func columns(_ spec: ProbeSpec) -> [(python: String, arch: String)] {
        spec.arches.flatMap { arch in spec.pythons.map { (python: $0, arch: arch) } }
    }

    /// ROCm and XPU publish no aarch64 builds.
    static func notApplicable(_ variant: Variant, arch: String) -> String? {
        let a = arch.lowercased()
        guard a == "aarch64" || a == "arm64" else { return nil }
        switch variant {
        case .rocm, .xpu: return "no \(variant.tag) builds exist for \(arch)"
        default: return nil
        }
    }

    static func rule(_ version: String, channel: Channel) -> WheelQuery.VersionRule? {
        guard let v = Version(version) else { return nil }
        if channel == .nightly && !v.isDevrelease { return .nightlyOf(v) }
        return .exact(v)
    }

    /// The cells of one row from a page result; `found` is told about every present wheel.
    func fill(
        _ result: Result<SimpleIndexPage, IndexError>, query: WheelQuery, variant: Variant, page: String,
        spec: ProbeSpec, report: inout ProbeReport, found: (String, String, IndexFile) -> Void = { _, _, _ in }
    ) -> [ProbeCell] {
        let columns = columns(spec)
        switch result {
        case .failure(let error):
            let status = status(for: error, what: "\(query.package) page", report: &report)
            return columns.map { c in
                ProbeCell(python: c.python, arch: c.arch,
                          status: Self.notApplicable(variant, arch: c.arch).map(ProbeStatus.notApplicable) ?? status)
            }
        case .success(let parsed):
            let candidates = WheelQuery.candidates(parsed)
            return columns.map { c in
                if let why = Self.notApplicable(variant, arch: c.arch) {
                    return ProbeCell(python: c.python, arch: c.arch, status: .notApplicable(why))
                }
                switch query.answer(in: candidates, python: c.python, arch: c.arch, page: page) {
                case .success(let hit):
                    found(c.python, c.arch, hit.file)
                    return ProbeCell(python: c.python, arch: c.arch, status: .present(
                        filename: hit.file.filename, sha256: hit.file.sha256, url: redact(hit.file.url.absoluteString)))
                case .failure(let missing):
                    return ProbeCell(python: c.python, arch: c.arch, status: .missing(missing.reason))
                }
            }
        }
    }

    /// The status of every cell of a page that could not be read; real failures are recorded once per URL.
    func status(for error: IndexError, what: String, report: inout ProbeReport) -> ProbeStatus {
        switch error {
        case .notFound(let url):
            return .missing("no \(what) at \(redact(url)) (the index answered 403/404)")
        case .offline(let url):
            return .unknown("offline and not in the cache: \(redact(url))")
        default:
            if !report.failures.contains(where: { $0.url == error.url }) { report.failures.append(error) }
            return .failed(error.localizedDescription)
        }
    }

    // MARK: - Variant discovery

    /// The variants the channel's `torch` root page lists for the requested version (labels of matching files;
    /// label-less Linux/macOS/Windows files count as cpu).
    func discoverVariants(_ spec: ProbeSpec, report: inout ProbeReport) async -> [Variant] {
        guard let root = spec.channelRoot, let rule = Self.rule(spec.torch.description, channel: spec.channel) else {
            report.diagnostics.append(.error("no PyTorch index base to discover variants from"))
            return []
        }
        let page = redact(IndexClient.pageURL(project: "torch", index: root).absoluteString)
        do {
            let parsed = try await client.page(project: "torch", index: root)
            let query = WheelQuery(package: "torch", version: rule, variant: nil)
            var found = Set<Variant>()
            for c in WheelQuery.candidates(parsed) where c.wheel.name == "torch" && query.version.matches(c.wheel.version) {
                if let v = c.wheel.variant { found.insert(v) } else if c.wheel.version.localLabel == nil { found.insert(.cpu) }
            }
            if found.isEmpty {
                report.unresolved = "torch \(rule.text) is not on \(page)"
            } else {
                report.diagnostics.append(.note(
                    "variants discovered on \(page): " + found.sorted().map(\.tag).joined(separator: ", ")))
            }
            return found.sorted()
        } catch {
            let indexError = IndexClient.indexError(error, url: IndexClient.pageURL(project: "torch", index: root))
            switch status(for: indexError, what: "torch root page", report: &report) {
            case .missing(let why), .unknown(let why): report.unresolved = why
            default: break
            }
            return []
        }
    }

    // MARK: - Release-candidate hashes

    /// Records test-channel SHA-256s and reports re-spins; offline runs compare but never write (a stale cached
    /// page must not overwrite a newer record).
    func reconcileHashes(_ spec: ProbeSpec, report: inout ProbeReport) {
        guard spec.channel == .test, let store = hashStore else { return }
        var observations: [RCHashStore.Observation] = []
        var withoutHash = 0
        let testRoot = spec.channelRoot.map { redact($0.absoluteString) } ?? "/test/"
        for row in report.rows where row.page.hasPrefix(testRoot) {
            for cell in row.cells {
                guard case let .present(filename, sha256, _) = cell.status else { continue }
                guard let sha256 else { withoutHash += 1; continue }
                let index = row.page.hasSuffix("/") ? String(row.page.dropLast()) : row.page
                let indexURL = index.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                    .joined(separator: "/") + "/"
                observations.append(.init(index: indexURL, filename: filename, sha256: sha256))
            }
        }
        // The same wheel can answer several cells (abi3, py3-none): record it once.
        var seen = Set<String>()
        observations = observations.filter { seen.insert($0.index + $0.filename).inserted }
        if withoutHash > 0 {
            report.diagnostics.append(.warning(
                "\(withoutHash) test-channel wheel(s) have no sha256 on their page; re-spins of those cannot be detected"))
        }
        let (records, loadDiagnostics) = store.load()
        report.diagnostics += loadDiagnostics
        let (updated, respins) = RCHashStore.reconcile(records, with: observations, now: now())
        report.respins = respins
        if report.offline {
            if !respins.isEmpty {
                report.diagnostics.append(.note(
                    "offline: the cached test pages may be older than the recorded hashes; nothing was recorded"))
            }
            return
        }
        do {
            try store.save(updated)
        } catch {
            report.diagnostics.append(.warning(error.localizedDescription))
        }
    }
}
