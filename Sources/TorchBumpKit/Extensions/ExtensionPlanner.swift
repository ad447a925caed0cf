import Foundation

/// Decides, for every catalogued extension a repository uses, whether a prebuilt wheel matches the target torch,
/// CUDA variant and Pythons — or writes the source-build recipe, or says the vendor has not published one.
///
/// Offline (`plan(sites:target:)`) answers from the catalogue and release-matrix tables and says so; online
/// (`plan(sites:target:locator:)`) probes the locations in catalogue order through a `WheelLocator`.
public struct ExtensionPlanner: Sendable {
    public var catalog: ExtensionCatalog
    public var matrix: ReleaseMatrix

    public init(catalog: ExtensionCatalog, matrix: ReleaseMatrix) {
        self.catalog = catalog
        self.matrix = matrix
    }

    /// The offline plan: tables only, nothing probed.
    public func plan(sites: [PinSite], target: ExtensionTarget) -> ExtensionPlan {
        var target = target
        target.offline = true
        let context = makeContext(sites: sites, target: target)
        let decisions = context.usages.map { usage -> ExtensionDecision in
            let prepared = prepare(usage, context: context)
            if let early = prepared.early { return early }
            let probes = prepared.locations.map { offlineProbe($0, prepared: prepared, context: context) }
            return finish(prepared, probes: probes, found: nil, context: context)
        }
        return ExtensionPlan(target: target, archList: context.baseArchList, decisions: decisions,
                             diagnostics: context.diagnostics)
    }

    // MARK: - Shared steps

    /// Everything the per-extension steps read.
    struct Context {
        var target: ExtensionTarget
        var usages: [ExtensionUsage]
        var sites: [PinSite]
        /// The repository's arch list moved to the target CUDA; nil off CUDA or when nothing is known.
        var baseArchList: DerivedArchList?
        var diagnostics: [Diagnostic]
    }

    /// One extension before probing.
    struct Prepared {
        var usage: ExtensionUsage
        var entry: ExtensionEntry
        var variant: Variant
        /// The release the tables pair with the target, if any.
        var hint: ReleaseChoice?
        /// Whether any table could have answered (false: nothing known offline).
        var hasTable: Bool
        /// The version to build when no wheel is found, with why it was chosen.
        var buildVersion: String?
        var buildVersionReason: String
        var era: ExtensionEra
        var locations: [ExpandedLocation]
        var values: TemplateValues
        var notes: [String]
        /// A decision reached without probing (no build needed, blocked, source only).
        var early: ExtensionDecision?
    }

    func makeContext(sites: [PinSite], target: ExtensionTarget) -> Context {
        let usages = ExtensionUsage.find(in: sites, catalog: catalog)
        var diagnostics: [Diagnostic] = []
        if usages.isEmpty {
            diagnostics.append(.note("no torch-compiled extension from the catalogue is pinned in this repository"))
        }
        var base: DerivedArchList?
        if let cuda = target.variant.toolkitVersion, target.variant.isCUDA {
            base = ArchListDerivation.base(current: ArchListDerivation.current(in: sites), cuda: cuda,
                                           torch: target.torch, matrix: matrix)
            if base == nil, usages.contains(where: { catalog.entry(named: $0.name)?.eras.contains { $0.recipe?.archEnv != nil } == true }) {
                diagnostics.append(.warning("no TORCH_CUDA_ARCH_LIST in the repository and no PyTorch wheel list for "
                    + "torch \(target.torch) × \(target.variant.tag): source-build recipes carry no arch list"))
            }
        }
        if matrix.release(target.torch) == nil {
            diagnostics.append(.warning("torch \(target.torch) is not in the release matrix (newest known: "
                + "\(matrix.newestRelease.torch)); extension tables may not cover it"))
        }
        return Context(target: target, usages: usages, sites: sites, baseArchList: base, diagnostics: diagnostics)
    }

    /// The variant an extension is checked for: the target's, unless its sites pin an XPU/CPU/ROCm build
    /// (`+xpu`) or live only on such a platform.
    func variant(for usage: ExtensionUsage, entry: ExtensionEntry, target: ExtensionTarget) -> Variant {
        if let pinned = usage.sites.compactMap(\.variant).first(where: { !$0.isCUDA }) { return pinned }
        let platforms = Set(usage.platforms)
        if platforms.isEmpty || platforms.contains(.cuda) || platforms.contains(.all) {
            if let served = entry.releases.compactMap(\.variants).first, !served.isEmpty,
               !entry.releases.contains(where: { $0.variants?.contains(target.variant) ?? true }) {
                // A vendor extension that has no build for the main variant: check the platform it serves.
                return served.contains(.xpu) ? .xpu : served[0]
            }
            return target.variant
        }
        if platforms.contains(.xpu) { return .xpu }
        if platforms.contains(.cpu) { return .cpu }
        if platforms.contains(.rocm), target.variant.isROCm { return target.variant }
        return target.variant
    }

    func prepare(_ usage: ExtensionUsage, context: Context) -> Prepared {
        let target = context.target
        // `find` only returns usages of catalogued entries.
        let entry = catalog.entry(named: usage.name) ?? ExtensionEntry(name: usage.name, eras: [])
        let variant = variant(for: usage, entry: entry, target: target)
        var values = targetValues(target: target, variant: variant)
        var notes = entry.notes
        if !usage.heldReasons.isEmpty { notes.append("held in the repository: " + usage.heldReasons.joined(separator: "; ")) }
        if let floor = entry.minimumTorch, MatrixVersion.less(target.torch, floor) {
            notes.append("\(entry.display) documents torch ≥ \(floor); torch \(target.torch) is older")
        }
        let perTorchIndexes = usage.sites.filter { $0.kind == .indexURL && Self.torchMinor(inURL: $0.value) != nil }
        for site in perTorchIndexes {
            if let minor = Self.torchMinor(inURL: site.value), !MatrixVersion.same(minor, target.torchMinor) {
                notes.append("\(site.path):\(site.line) installs from \(site.value), an index for torch \(minor); "
                    + "the target is torch \(target.torchMinor)")
            }
        }
        let currentEra = entry.era(for: usage.currentVersion)
        let hint = tableChoice(entry: entry, usage: usage, torch: target.torch, variant: variant)
        let hasTable = entry.matrixTable != nil || entry.releases.contains { $0.torch != nil }
        let (buildVersion, buildReason) = hint.map { ($0.version, "the release paired with torch \(target.torch)") }
            ?? fallbackVersion(entry: entry, usage: usage, torch: target.torch)
        let era = entry.era(for: currentEra?.coupling == TorchCoupling.none ? usage.currentVersion : (hint?.version ?? buildVersion))
            ?? ExtensionEra(label: "unknown", coupling: .sourceOnly)
        values["name"] = era.distribution ?? entry.name
        notes += era.notes
        var prepared = Prepared(
            usage: usage, entry: entry, variant: variant, hint: hint, hasTable: hasTable, buildVersion: buildVersion,
            buildVersionReason: buildReason, era: era, locations: [], values: values, notes: notes, early: nil)

        if usage.currentVersion == nil, usage.gitRef == nil, let site = perTorchIndexes.first {
            // A per-torch index means a torch-coupled release, but which one is unknown.
            prepared.hint = nil
            prepared.early = decision(prepared, outcome: .unknown,
                reason: "\(entry.display) comes from a per-torch index (\(site.path):\(site.line)) but no version is "
                    + "pinned: pin the version so torchbump can pair it with torch \(target.torch)")
            return prepared
        }
        if let current = usage.currentVersion, currentEra?.pypiIsJIT == true, Self.installsFromPyPI(usage) {
            prepared.hint = nil
            prepared.early = decision(prepared, outcome: .noBuildNeeded,
                reason: "\(entry.display) \(current) is installed from PyPI, where this release is the JIT package "
                    + "(kernels are compiled at run time or come from a per-CUDA cache, not built against torch): "
                    + "nothing to rebuild; move it to a release tested with torch \(target.torchMinor) and keep its "
                    + "packages at one version")
            return prepared
        }
        switch era.coupling {
        case .none:
            let version = usage.currentVersion
            prepared.hint = nil
            prepared.early = decision(prepared, outcome: .noBuildNeeded,
                reason: "\(entry.display)\(version.map { " \($0)" } ?? "") is not built against torch (\(era.label))"
                    + (version == nil ? "; no version is pinned, so the newest era is assumed" : ""))
            return prepared
        case .sourceOnly:
            prepared.early = decision(prepared, outcome: .sourceBuild,
                reason: "\(entry.display) publishes no usable wheel: it is always built from source",
                recipe: recipe(prepared, version: usage.currentVersion, context: context))
            return prepared
        case .vendor:
            if let last = entry.lastTorch, MatrixVersion.less(last, target.torchMinor) {
                prepared.early = decision(prepared, outcome: .blocked,
                    reason: "blocked on vendor release: no \(entry.display) for torch \(target.torchMinor) "
                        + "(the last release pairs with torch \(last)). " + (entry.blockedReason ?? ""))
                return prepared
            }
            if hint == nil {
                prepared.early = decision(prepared, outcome: .blocked,
                    reason: "blocked on vendor release: the catalogue has no \(entry.display) release for torch "
                        + "\(target.torchMinor) on \(variant.tag)")
                return prepared
            }
        case .exactTorch, .torchMinor:
            break
        }
        prepared.locations = era.locations.map { expand($0, prepared: prepared, target: target) }
        return prepared
    }

    /// Whether every pin of the usage is a plain PyPI install: no local label (`+cu124torch2.6`), no per-torch index,
    /// no direct wheel URL and no git build.
    static func installsFromPyPI(_ usage: ExtensionUsage) -> Bool {
        guard usage.gitRef == nil else { return false }
        return usage.sites.allSatisfy { site in
            switch site.kind {
            case .requirement, .version: return Version(site.value)?.localLabel == nil
            case .indexURL: return torchMinor(inURL: site.value) == nil
            case .wheelURL, .gitRef: return false
            default: return true
            }
        }
    }

    /// Turns probe answers into the decision: the first location with a wheel wins; otherwise a recipe.
    func finish(_ prepared: Prepared, probes: [LocationProbe], found: ReleaseChoice?, context: Context) -> ExtensionDecision {
        let target = context.target
        var prepared = prepared
        if let found { prepared.hint = found }
        if let hit = probes.first(where: { $0.status.found }), let version = hit.version ?? prepared.hint?.version {
            let location = prepared.locations.first { $0.label == hit.label }
            let install = location.map { installCommands($0, version: version, target: target) } ?? []
            let verified = hit.status == .present
            var reason = "\(hit.label) has \(prepared.entry.display) \(version) for \(prepared.variant.tag) × torch "
                + "\(target.torch) × Python \(target.pythons.joined(separator: ", "))"
            if !verified { reason += " per the catalogue tables; not probed (offline)" }
            var d = decision(prepared, outcome: .wheel, reason: reason, probes: probes)
            d.wheel = FoundWheel(version: version, label: hit.label, install: install, verified: verified)
            return d
        }
        if prepared.era.coupling == .vendor {
            return decision(prepared, outcome: .blocked,
                reason: "blocked on vendor release: no \(prepared.entry.display) wheel found for \(prepared.variant.tag) "
                    + "× torch \(target.torch)", probes: probes)
        }
        let failed = probes.filter { $0.status == .failed }
        let undecided = probes.contains { $0.status == .unknown } || !failed.isEmpty
        let version = prepared.hint?.version ?? prepared.buildVersion
        let buildEra = prepared.entry.era(for: version) ?? prepared.era
        var buildPrepared = prepared
        buildPrepared.era = buildEra
        let recipe = recipe(buildPrepared, version: version, context: context)
        var reason: String
        if !failed.isEmpty {
            reason = "could not reach \(failed.map(\.label).joined(separator: ", ")): undecided; the recipe is the fallback"
        } else if undecided && !prepared.hasTable {
            reason = "no table covers \(prepared.entry.display) and nothing was probed (offline): probe online, or build"
        } else if undecided {
            reason = "no location is known to have a wheel and some were not probed (offline): probe online, or build"
        } else if let hint = prepared.hint {
            reason = "\(prepared.entry.display) \(hint.version) pairs with torch \(target.torch), but no location has a "
                + "\(prepared.variant.tag) wheel for Python \(target.pythons.joined(separator: ", ")): build from source"
        } else {
            reason = "no \(prepared.entry.display) release is known for torch \(target.torch): build "
                + (version.map { "\($0) (\(prepared.buildVersionReason))" } ?? "from git") + " from source"
        }
        var d = decision(prepared, outcome: undecided ? .unknown : .sourceBuild, reason: reason, probes: probes,
                         recipe: recipe)
        d.networkFailed = !failed.isEmpty
        return d
    }

    func decision(_ prepared: Prepared, outcome: ExtensionOutcome, reason: String, probes: [LocationProbe] = [],
                  recipe: BuildRecipe? = nil) -> ExtensionDecision {
        ExtensionDecision(
            name: prepared.entry.name, display: prepared.entry.display, currentVersion: prepared.usage.currentVersion,
            sites: prepared.usage.sites.map { "\($0.path):\($0.line)" }, variant: prepared.variant,
            era: prepared.era.label, release: prepared.hint, probes: probes, outcome: outcome, reason: reason,
            recipe: recipe, notes: prepared.notes)
    }

    /// The recipe for building `version` (or the pinned git ref) in the prepared era; nil when the era has none.
    func recipe(_ prepared: Prepared, version: String?, context: Context) -> BuildRecipe? {
        guard let template = prepared.era.recipe else { return nil }
        let target = context.target
        var archList: DerivedArchList?
        if template.archEnv != nil, prepared.variant.isCUDA, let cuda = prepared.variant.toolkitVersion {
            var base = context.baseArchList
            if let name = template.archEnv, name != "TORCH_CUDA_ARCH_LIST",
               let own = ArchListDerivation.current(in: context.sites, name: name) {
                base = ArchListDerivation.base(current: own, cuda: cuda, torch: target.torch, matrix: matrix)
            }
            if let base {
                archList = ArchListDerivation.forExtension(
                    base: base, display: prepared.entry.display, minimumArch: prepared.entry.minimumArch,
                    fixedArchs: template.fixedArchs, format: template.archFormat, cuda: cuda, matrix: matrix)
            } else if let fixed = template.fixedArchs {
                archList = ArchListDerivation.forExtension(
                    base: DerivedArchList(value: fixed, source: "fixed"), display: prepared.entry.display,
                    minimumArch: prepared.entry.minimumArch, fixedArchs: fixed, format: template.archFormat,
                    cuda: cuda, matrix: matrix)
            }
        }
        let pinnedRef = version == nil ? prepared.usage.gitRef : nil
        var recipe = BuildRecipe.make(template: template, name: prepared.values["name"] ?? prepared.entry.name,
                                      version: version, ref: pinnedRef, values: prepared.values, archList: archList)
        if let archList, archList.isEmpty {
            recipe.notes.append("no architecture of the repository's list is left for \(prepared.entry.display) on "
                + "CUDA \(prepared.variant.toolkitVersion ?? "?"): set \(template.archEnv ?? "the arch list") by hand")
        }
        if template.archEnv == nil, prepared.variant.isCUDA {
            recipe.notes.append("the build chooses its own GPU targets; no arch-list variable applies")
        }
        if let minimum = template.minimumCUDA, let cuda = prepared.variant.toolkitVersion, prepared.variant.isCUDA,
           MatrixVersion.less(cuda, minimum) {
            recipe.notes.append("\(prepared.entry.display) is built with CUDA ≥ \(minimum) downstream; CUDA \(cuda) is older")
        }
        if prepared.variant.isROCm {
            recipe.notes.append("ROCm build: set HIP_ARCHITECTURES / PYTORCH_ROCM_ARCH yourself (not derived by torchbump)")
        }
        if let version, prepared.hint == nil, let current = prepared.usage.currentVersion, current != version {
            recipe.notes.append("the repository pins \(current); \(version) is \(prepared.buildVersionReason)")
        }
        return recipe
    }

    /// `2.6` in `https://flashinfer.ai/whl/cu124/torch2.6/`; nil when the URL names no torch minor.
    static func torchMinor(inURL url: String) -> String? {
        guard let range = url.range(of: #"torch[0-9]+\.[0-9]+"#, options: .regularExpression) else { return nil }
        return String(url[range].dropFirst("torch".count))
    }

    /// Placeholder values for the target and variant (without version, name or Python).
    func targetValues(target: ExtensionTarget, variant: Variant) -> TemplateValues {
        var values = TemplateValues()
        values["torch"] = MatrixVersion.publicPart(target.torch)
        values["torch_minor"] = target.torchMinor
        if case let .cuda(major, _) = variant {
            values["cuda"] = variant.toolkitVersion
            values["cuda_tag"] = variant.tag
            values["cuda_major"] = String(major)
        } else {
            values["cuda_tag"] = variant.tag
        }
        // PyTorch's pip wheels use the C++11 ABI from 2.7 on.
        values["cxx11abi"] = MatrixVersion.less(target.torchMinor, "2.7") ? "FALSE" : "TRUE"
        values["python_env"] = target.virtualEnv == nil ? "system" : "venv"
        return values
    }
}
