/// Finds inconsistencies between the pin sites of one repository (torch pins, companions, index variants, CMake,
/// locks, generated files, RC leftovers, uv index strategies, illegal specifiers). Pure: reads an inventory, returns findings.
public struct ConsistencyChecker: Sendable {
    public init() {}

    /// Every finding, sorted by path, line and column; at most one finding per rule and primary location.
    public func check(_ inventory: Inventory, matrix: ReleaseMatrix) -> [Finding] {
        let context = CheckContext(inventory: inventory, matrix: matrix)
        var findings: [Finding] = []
        findings += PinAgreementRules.torchPinsDisagree(context)
        findings += CompanionRules.companionMismatch(context)
        findings += IndexRules.indexVariantMismatch(context)
        findings += PinAgreementRules.cmakeVsBuild(context)
        findings += LockRules.lockStale(context)
        findings += GeneratedRules.generatedStale(context)
        findings += IndexRules.testIndexInRelease(context)
        findings += StrategyRules.rcIndexWithoutStrategy(context)
        findings += PinAgreementRules.invalidLocalLabelRange(context)
        var seen = Set<String>()
        findings = findings.filter { seen.insert("\($0.rule)|\($0.primary)").inserted }
        return findings.sorted(by: Self.order)
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.primary.path, a.primary.line, a.primary.column, a.rule, a.message)
            < (b.primary.path, b.primary.line, b.primary.column, b.rule, b.message)
    }
}

/// What every rule needs: the sites, the files, the release matrix and the inferred repository state.
struct CheckContext {
    let sites: [PinSite]
    let files: [String: SourceFile]
    let matrix: ReleaseMatrix
    let state: RepositoryState
    /// What the scanners could not read (some inconsistencies surface only as unparsable lines).
    let diagnostics: [Diagnostic]

    init(inventory: Inventory, matrix: ReleaseMatrix) {
        diagnostics = inventory.diagnostics
        sites = inventory.sites.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
        files = inventory.files
        self.matrix = matrix
        state = RepositoryStateInference.infer(from: inventory.sites)
    }

    /// Exact, non-nightly requirement pins of `subject` (role pin, `==`/`===`, a parsable final version).
    func exactPins(_ subject: String) -> [PinSite] {
        sites.filter { site in
            site.kind == .requirement && site.role == .pin && site.subject == subject && Self.isExact(site)
                && site.platform != .nightly && Self.version(site).map { !$0.isDevrelease } == true
        }
    }

    static func isExact(_ site: PinSite) -> Bool {
        let op = site.op?.trimmingCharacters(in: .whitespaces)
        return (op == "==" || op == "===") && !site.value.contains("*")
    }

    /// The parsed version of a site's value.
    static func version(_ site: PinSite) -> Version? { Version(site.value.trimmingCharacters(in: .whitespaces)) }

    /// The public version (local label dropped).
    static func publicVersion(_ site: PinSite) -> Version? { version(site)?.publicVersion }

    /// CUDA and platform-neutral files are checked together; every other platform on its own.
    static func group(_ platform: Platform) -> Platform { platform == .all ? .cuda : platform }

    static func groupName(_ group: Platform) -> String {
        group == .cuda ? "CUDA and platform-neutral files" : "\(group) files"
    }

    /// The pin most sites agree on (ties: the newest version), represented by its first site.
    static func reference(among pins: [PinSite]) -> (site: PinSite, version: Version)? {
        var counts: [Version: Int] = [:]
        for pin in pins { if let v = publicVersion(pin) { counts[v, default: 0] += 1 } }
        guard let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key < b.key })?.key,
              let site = pins.first(where: { publicVersion($0) == best })
        else { return nil }
        return (site, best)
    }

    /// The PEP 508 marker written after `;` on the site's line, normalised (quotes and blanks), or nil.
    static func marker(_ site: PinSite) -> String? {
        var line = site.context
        if let hash = line.range(of: " #") ?? line.range(of: "\t#") { line = String(line[..<hash.lowerBound]) }
        guard let semi = line.firstIndex(of: ";") else { return nil }
        let marker = line[line.index(after: semi)...]
            .replacingOccurrences(of: "'", with: "\"")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return marker.isEmpty ? nil : marker
    }

    /// `path:line` of a site.
    static func at(_ site: PinSite) -> String { site.location.short }

    /// The main CUDA `X.Y` and the Dockerfile/CI/constant site that declares it; nil when nothing declares one.
    var declaredMainCUDA: (minor: String, variant: Variant, site: PinSite)? {
        guard let minor = state.cuda, let variant = Variant(cudaVersion: minor) else { return nil }
        let declaring = sites.filter { site in
            guard site.subject == "cuda", site.kind == .version, site.role == .pin,
                  site.platform == .cuda || site.platform == .all,
                  let name = site.name?.uppercased(), name == "CUDA_VERSION" || name.contains("MAIN_CUDA")
            else { return false }
            return Variant(cudaVersion: site.value) == variant
        }
        let site = declaring.first { $0.file == .dockerfile } ?? declaring.first
        return site.map { (minor, variant, $0) }
    }

    /// Whether the path itself names `variant` (`requirements/cu118.txt`): such files serve a secondary variant.
    static func pathNames(_ variant: Variant, _ path: String) -> Bool {
        let tokens = PlatformInference.tokens(path.lowercased())
        // `cu126`, and the spelled-out `cuda126` (`requirements/cuda126.txt`).
        return tokens.contains(variant.tag) || variant.isCUDA && tokens.contains("cuda" + variant.tag.dropFirst(2))
    }

    /// Files (by repository path) whose name is a Dockerfile or that produced Dockerfile sites.
    var dockerfiles: [SourceFile] {
        let paths = Set(sites.filter { $0.file == .dockerfile }.map(\.path)).union(files.keys.filter { path in
            let name = (PathName.last(path)).lowercased()
            return name == "dockerfile" || name.hasPrefix("dockerfile.") || name.hasSuffix(".dockerfile")
                || name.hasPrefix("containerfile")
        })
        return paths.sorted().compactMap { files[$0] }
    }

    /// The pre-commit configuration files among the scanned files.
    var preCommitHooks: [PreCommitHook] {
        let paths = Set(sites.filter { $0.file == .precommit }.map(\.path)).union(files.keys.filter {
            $0 == ".pre-commit-config.yaml" || $0.hasSuffix("/.pre-commit-config.yaml")
                || $0 == ".pre-commit-config.yml" || $0.hasSuffix("/.pre-commit-config.yml")
        })
        return paths.sorted().compactMap { files[$0] }.flatMap { PreCommitHook.hooks(in: $0) }
    }

    /// Whether an index URL is one of PyTorch's variant indexes (and not an extension's, such as FlashInfer's).
    static func pytorchIndex(_ url: String) -> PyTorchIndexURL? {
        guard let parsed = PyTorchIndexURL(url), parsed.isPyTorchHost else { return nil }
        return parsed
    }

    /// Whether `variant` is not what plain PyPI serves for the main torch (CPU, ROCm, XPU, or another CUDA).
    func isNonDefault(_ variant: Variant) -> Bool {
        guard variant.isCUDA else { return true }
        guard let torch = state.torch, let pypi = matrix.pypiDefaultVariant(for: torch) else { return false }
        return variant != pypi
    }
}
