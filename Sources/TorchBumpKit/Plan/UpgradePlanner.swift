/// Turns an inventory and a target into an `UpgradePlan`: which platforms move, every edit with its reason,
/// every old-version mention left alone with why, deferrals, lock and generated-file regenerations and blocking
/// problems.
/// Pure and deterministic: the same inventory and target always give the same plan.
public struct UpgradePlanner: Sendable {
    public var matrix: ReleaseMatrix
    /// PyTorch index base for URLs the plan adds (`https://download.pytorch.org/whl`).
    public var indexBase: String

    public init(matrix: ReleaseMatrix, indexBase: String = "https://download.pytorch.org/whl") {
        self.matrix = matrix
        self.indexBase = indexBase
    }

    public func plan(_ inventory: Inventory, target: UpgradeTarget) -> UpgradePlan {
        var builder = PlanBuilder(inventory: inventory, target: target, matrix: matrix, indexBase: indexBase)
        builder.run()
        return builder.plan
    }
}

/// The working state of one planning run.
struct PlanBuilder {
    let inventory: Inventory
    let target: UpgradeTarget
    let matrix: ReleaseMatrix
    let indexBase: String
    var plan: UpgradePlan

    /// Old torch (public version) of the main platform, new torch.
    var oldTorch: String?
    var newTorch: String?
    /// CUDA `X.Y` moves: main and secondary builds whose variant the new torch no longer publishes.
    var cudaMap: [String: String] = [:]
    var rocmMap: [String: String] = [:]
    var newMainCUDA: String?
    var moving: Set<Platform> = []
    var companions: CompanionVersions?
    var oldCompanions: CompanionVersions?
    /// Files that received a channel/variant index edit or addition (for RC bookkeeping).
    var handledIndexFiles: Set<String> = []
    /// CI matrix entries (`path#group`) whose CUDA sites were planned together.
    var handledGroups: Set<String> = []
    /// Matrix-axis values (`path|key|minor`) kept because the matrix entry of that CUDA cannot move; value: its line.
    var heldMatrixAxes: [String: Int] = [:]
    /// The steps of each CI file (line ranges, ids, architecture).
    var ciSteps: [String: [CIStep]] = [:]
    /// The secondary CUDA that becomes the default when the two swap roles (its x86 builds move to the old default).
    var swappedCUDA: String?
    /// What `torchbump deps` decides for each torch-compiled extension (offline), by catalogue name.
    var extensionDecisions: [String: ExtensionDecision] = [:]
    /// Secondary CUDA builds the new torch does not publish whose nearest replacement is already built.
    var droppedCUDA: [String: String] = [:]
    /// The torch each platform pins now (most common exact pin), for version matching on that platform's sites.
    var platformTorch: [Platform: String] = [:]
    /// Torch-version comments whose fate depends on the pin on their line or the line below (with their new text).
    var pendingComments: [(site: PinSite, replacement: String)] = []
    /// The one attention note of each torch-compiled extension (by catalogue name): its index in `plan.notes`, its
    /// first message and the other places that name the extension.
    var extensionNotes: [String: (index: Int, message: String, also: [String])] = [:]
    /// Doc lines whose CUDA states PyPI's build (no longer true after the plan): left whole, flagged once.
    var frozenDocLines: Set<String> = []
    /// Vendor-extension pins without a release for the new torch; pins with the same file and marker wait too.
    var vendorBlocked: [PinSite] = []
    /// Variant-named extras and groups: renamed everywhere or kept everywhere, by `extraKey` (see ExtraNameRules).
    var extraNames: [String: ExtraNameDecision] = [:]
    /// Doc lines about one platform only (a README table row of the ROCm extra), by `path:line`.
    let docLinePlatforms: [String: Platform]

    init(inventory: Inventory, target: UpgradeTarget, matrix: ReleaseMatrix, indexBase: String) {
        self.inventory = inventory
        self.target = target
        self.matrix = matrix
        self.indexBase = indexBase
        self.docLinePlatforms = Self.docLinePlatforms(inventory.sites)
        let state = RepositoryStateInference.infer(from: inventory.sites)
        self.plan = UpgradePlan(target: target, current: state, diagnostics: inventory.diagnostics)
    }

    mutating func run() {
        resolveVersions()
        choosePlatforms()
        collectCISteps()
        resolveToolkits()
        guard plan.problems.isEmpty else { return }
        decideExtensions()
        decideExtraNames()
        findPyPIClaims()
        planMatrixEntries()
        for site in inventory.sites { plan(site) }
        settleComments()
        noteStaleVendorROCmImage()
        followReleaseLinks()
        noteMovedHolds()
        checkOtherArchitectureBuilds()
        checkCUDAImageOS()
        checkDocFloors()
        addIndexesAndStrategies()
        noteSplitResolutions()
        planGeneratedFiles()
        sweepUnchangedMentions()
        finish()
    }

    // MARK: - Versions and toolkits

    mutating func resolveVersions() {
        oldTorch = plan.current.torch
        newTorch = target.torch.flatMap { Version($0)?.publicVersion.description } ?? oldTorch
        if let old = oldTorch { oldCompanions = CompanionVersions.lookup(torch: old, matrix: matrix) }
        guard let newTorch else {
            if target.torch == nil {
                plan.problems.append(.error("no torch pin found in the repository and no --torch given"))
            }
            return
        }
        companions = CompanionVersions.lookup(torch: newTorch, matrix: matrix)
        if companions?.known == false {
            let note = target.channel == .release
                ? "torch \(newTorch) is not in the release matrix; companions follow PyTorch's rules (torchvision minor + 15); refresh with `torchbump matrix --refresh` or check with `torchbump probe`"
                : "torch \(newTorch) is not in the release matrix yet (expected for a release candidate); companions follow PyTorch's rules (torchvision minor + 15) — confirm with `torchbump probe --channel \(target.channel)`"
            plan.notes.append(PlanNote(.attention, note))
        }
        if let old = oldTorch, let o = Version(old), let n = Version(newTorch), n < o {
            plan.notes.append(PlanNote(.attention, "this is a downgrade: torch \(old) → \(newTorch)"))
        }
    }

    mutating func resolveToolkits() {
        guard let torch = newTorch else { return }
        let channel = target.channel == .nightly ? Channel.nightly : target.channel
        // Main CUDA (only when the CUDA platform is part of this upgrade).
        let oldCUDA = plan.current.cuda
        let cudaInScope = moving.contains(.cuda)
        if !cudaInScope {
            newMainCUDA = oldCUDA
            if target.cuda != nil {
                plan.notes.append(PlanNote(.attention, "--cuda is ignored: the cuda platform is not in --platform"))
            }
        } else if let cuda = target.cuda, let variant = Variant(cudaVersion: cuda) {
            switch matrix.isPublished(variant, for: torch, channel: channel) {
            case .no:
                let published = publishedCUDA(torch)
                plan.problems.append(.error(
                    "torch \(torch) publishes no \(variant.tag) wheels\(published.isEmpty ? "" : " (it publishes \(published.joined(separator: ", ")))"); choose another --cuda"))
                return
            case .uncertain(let why):
                plan.notes.append(PlanNote(.attention, "\(variant.tag) for torch \(torch): \(why); run `torchbump probe --torch \(torch) --variant \(variant.tag)` before CI"))
            case .yes:
                break
            }
            newMainCUDA = VersionEncoding.minor(cuda)
            if let old = oldCUDA, let new = newMainCUDA, old != new { cudaMap[old] = new }
        } else if let old = oldCUDA, let variant = Variant(cudaVersion: old), newTorch != oldTorch || target.channel != .release {
            if case .no = matrix.isPublished(variant, for: torch, channel: channel) {
                let suggestion = matrix.nearestNewerVariant(than: variant, for: torch).flatMap(\.toolkitVersion)
                plan.problems.append(.error(
                    "torch \(torch) publishes no \(variant.tag) wheels, and the repository builds for CUDA \(old); a CUDA move is needed\(suggestion.map { ": pass --cuda \($0)" } ?? "") (published: \(publishedCUDA(torch).joined(separator: ", ")))"))
                return
            }
            newMainCUDA = old
            // The main CUDA was PyPI's default build, and PyPI's default changes with this release: every plain
            // `torch==X` install from PyPI would now bring another CUDA.
            if let oldTorch, let before = matrix.pypiDefaultVariant(for: oldTorch), before == variant,
               let after = matrix.pypiDefaultVariant(for: torch), after != variant, let newCUDA = after.toolkitVersion {
                plan.notes.append(PlanNote(.attention,
                    "PyPI's torch \(torch) is the \(after.tag) build (torch \(oldTorch)'s was \(variant.tag), the repository's main CUDA): plain PyPI installs of torch switch to CUDA \(newCUDA) with this plan. Choose: --cuda \(newCUDA) moves the main build with PyPI; keeping CUDA \(old) needs https://download.pytorch.org/whl/\(variant.tag) on every install that now takes torch from PyPI"))
            }
        } else {
            newMainCUDA = oldCUDA
        }
        // Moving the default onto a CUDA that is already built as a secondary variant: the two builds swap roles
        // (the old default keeps a secondary build while the new torch still publishes it).
        if cudaInScope, let old = oldCUDA, let new = newMainCUDA, old != new, cudaMap[new] == nil,
           secondaryCUDAVersions(includeMatrices: false).contains(new), let oldVariant = Variant(cudaVersion: old),
           case .yes = matrix.isPublished(oldVariant, for: torch, channel: channel) {
            cudaMap[new] = old
            swappedCUDA = new
            plan.notes.append(PlanNote(.info, "CUDA \(new) was a secondary build and becomes the default; CUDA \(old) takes its place as a secondary build"))
        }
        // Secondary CUDA builds (CI variants) that the new torch no longer publishes move to the nearest published
        // variant — unless that variant is already built, in which case the old build is dropped by hand.
        let secondaries = cudaInScope ? secondaryCUDAVersions() : []
        let builtAfter = Set(secondaries.map { cudaMap[$0] ?? $0 } + [newMainCUDA].compactMap { $0 })
        for minor in secondaries where cudaMap[minor] == nil && minor != oldCUDA {
            guard let variant = Variant(cudaVersion: minor) else { continue }
            if case .no = matrix.isPublished(variant, for: torch, channel: channel),
               let newer = matrix.nearestNewerVariant(than: variant, for: torch), let v = newer.toolkitVersion {
                if builtAfter.contains(v) {
                    droppedCUDA[minor] = v
                    let places = inventory.sites.filter { site in
                        (site.subject == "cuda" && VersionEncoding.minor(site.value) == minor)
                            || site.variant == variant && site.kind != .requirement
                    }.filter { $0.role != .lock }
                    let list = places.prefix(12).map(\.location.short).joined(separator: ", ")
                    plan.notes.append(PlanNote(.attention, "torch \(torch) publishes no \(variant.tag) wheels and \(newer.tag) is already built: remove the CUDA \(minor) build by hand (\(list)\(places.count > 12 ? ", …" : ""))"))
                } else {
                    cudaMap[minor] = v
                    plan.notes.append(PlanNote(.info, "torch \(torch) publishes no \(variant.tag) wheels: the secondary CUDA \(minor) build moves to the nearest published variant, \(newer.tag)"))
                }
            }
        }
        // ROCm (only when the ROCm platform is part of this upgrade).
        guard moving.contains(.rocm) else { return }
        if let rocm = target.rocm {
            let variant = Variant.rocm(rocm)
            if case .no = matrix.isPublished(variant, for: torch, channel: channel) {
                plan.problems.append(.error("torch \(torch) publishes no \(variant.tag) wheels; choose another --rocm"))
                return
            }
            if let old = plan.current.rocm, old != rocm { rocmMap[old] = rocm }
        } else if let old = plan.current.rocm, newTorch != oldTorch {
            let variant = Variant.rocm(old)
            let minorBump = oldTorch.flatMap(Version.init).map { Array($0.release.prefix(2)) }
                != Version(torch).map { Array($0.release.prefix(2)) }
            // The newest ROCm the release is known to publish (an unverified cell such as a release-notes-only
            // `rocm7.14` is never the default target).
            let verified = matrix.release(torch)?.rocmVariants.filter {
                if case .yes = matrix.isPublished($0, for: torch, channel: .release) { return true }
                return false
            } ?? []
            if minorBump, let newest = verified.max(), newest > variant, case let .rocm(v) = newest {
                // Minor releases move ROCm to the newest ROCm the release publishes (patch releases keep it).
                rocmMap[old] = v
                plan.notes.append(PlanNote(.info, "ROCm moves with the minor release: rocm\(old) → rocm\(v), the newest ROCm torch \(torch) publishes (pass --rocm \(old) to keep it)"))
            } else if case .no = matrix.isPublished(variant, for: torch, channel: channel),
               let newer = matrix.nearestNewerVariant(than: variant, for: torch), case let .rocm(v) = newer {
                rocmMap[old] = v
                plan.notes.append(PlanNote(.info, "torch \(torch) publishes no rocm\(old) wheels: the ROCm build moves to rocm\(v)"))
            }
        }
    }

    func publishedCUDA(_ torch: String) -> [String] {
        matrix.release(torch)?.cudaVariants.map(\.tag) ?? []
    }

    /// CUDA minors named by CI build args and labels other than the main one.
    func secondaryCUDAVersions(includeMatrices: Bool = true) -> [String] {
        var out: [String] = []
        var buildFiles: Set<FileKind> = [.dockerfile, .bake, .compose, .buildkite, .githubActions, .yaml, .shell, .makefile]
        if !includeMatrices { buildFiles.remove(.githubActions) }
        for site in inventory.sites where site.subject == "cuda" && site.kind == .version && site.role == .pin
            && buildFiles.contains(site.file) && site.note?.contains("toolkit gate") != true {
            if let m = VersionEncoding.minor(site.value), !out.contains(m) { out.append(m) }
        }
        for site in inventory.sites where (site.kind == .variant || site.kind == .indexURL || site.kind == .extraName) && site.role == .pin
            && buildFiles.contains(site.file) && site.platform != .nightly && site.channel != .nightly {
            if let v = site.variant, v.isCUDA, let m = v.toolkitVersion, !out.contains(m) { out.append(m) }
        }
        return out.sorted()
    }

    /// Runs the extension planner offline so deferral notes can name the source-build recipe.
    mutating func decideExtensions() {
        guard let torch = newTorch, oldTorch != newTorch || !cudaMap.isEmpty,
              let variant = newMainCUDA.flatMap({ Variant(cudaVersion: $0) }),
              let catalog = try? ExtensionCatalog.bundled() else { return }
        // The repository's Pythons the new torch ships wheels for (the others are flagged on their own).
        let shipped = Set(matrix.release(torch)?.python.map { $0.lowercased() } ?? [])
        let pythons = Array(Set(inventory.sites.filter { $0.subject == "python" && $0.kind == .version && $0.op == nil }
            .compactMap(\.pythonMinor))).filter { shipped.isEmpty || shipped.contains($0) }.sorted()
        let target = ExtensionTarget(torch: torch, variant: variant, channel: target.channel,
                                     pythons: pythons.isEmpty ? ["3.12"] : pythons, offline: true,
                                     virtualEnv: ExtensionTarget.virtualEnv(in: inventory.files))
        let result = ExtensionPlanner(catalog: catalog, matrix: matrix).plan(sites: inventory.sites, target: target)
        for decision in result.decisions {
            extensionDecisions[decision.name] = decision
            // Aliases (`flashinfer-jit-cache` of `flashinfer-python`) share their entry's decision.
            for alias in catalog.entry(named: decision.name)?.allNames ?? [] where extensionDecisions[alias] == nil {
                extensionDecisions[alias] = decision
            }
        }
    }

    /// The decision for the extension a site names (by catalogue name or alias).
    func extensionDecision(for subject: String?) -> ExtensionDecision? {
        guard let subject else { return nil }
        if let d = extensionDecisions[subject] { return d }
        return extensionDecisions.values.first { $0.display == subject || subject.hasPrefix($0.name) || $0.name.hasPrefix(subject) }
    }

    /// "build it from source: `…`" for an extension that needs a build, else the decision's reason.
    func extensionAdvice(_ subject: String?) -> String {
        guard let d = extensionDecision(for: subject) else { return "see `torchbump deps`" }
        let reason = d.reason.replacingOccurrences(of: "; not probed (offline)", with: " (not probed: run `torchbump deps` to check)")
        if let recipe = d.recipe, d.outcome.needsBuild {
            return "no wheel for the target: build from source with `\(recipe.shellCommand)` (`torchbump deps --format dockerfile` prints the stanza)"
        }
        switch d.outcome {
        case .wheel: return reason
        case .noBuildNeeded: return "no rebuild needed (\(reason))"
        case .blocked: return "blocked: \(reason)"
        default: return "\(reason); see `torchbump deps`"
        }
    }

    // MARK: - Platforms

    mutating func choosePlatforms() {
        let torchPins = inventory.sites.filter {
            $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin && ($0.op == "==" || $0.op == "===")
        }
        var byPlatform: [Platform: [PinSite]] = [:]
        for pin in torchPins { byPlatform[pin.platform, default: []].append(pin) }
        let present = Set(inventory.sites.map(\.platform))
        findVendorBlocked()
        for (platform, pins) in byPlatform {
            let versions = pins.filter { $0.heldReason == nil }.compactMap { Version($0.value)?.publicVersion }
            if let v = RepositoryStateInference.mostCommon(versions) { platformTorch[platform] = v.description }
        }
        if let requested = target.platforms {
            moving = Set(requested)
            for platform in requested where platform != .cuda && platform != .all {
                guard let pins = byPlatform[platform], !pins.isEmpty else { continue }
                let free = pins.filter { ($0.heldReason == nil || target.includeHeld) && !waitsForVendor($0) }
                if free.isEmpty {
                    let why = pins.first.map { p in p.heldReason.map { "held: \($0)" } ?? "waits for a vendor extension release" } ?? ""
                    plan.problems.append(.error("--platform \(platform): every torch pin of it stays where it is (\(pins.first?.location.short ?? ""), \(why)); pass --include-held to move held pins"))
                }
            }
            if requested.contains(.cuda) { moving.insert(.all) }
            if target.rocm != nil && !requested.contains(.rocm) {
                plan.notes.append(PlanNote(.attention, "--rocm is ignored: the rocm platform is not in --platform"))
            }
        } else {
            moving = [.cuda, .all]
            // A patch release changes the CUDA platform only (other platforms stay on the minor's first release
            // unless asked); a minor release moves every platform that is on the same torch.
            let series: (String?) -> [Int]? = { $0.flatMap(Version.init).map { Array($0.release.prefix(2)) } }
            let patchBump = series(oldTorch) == series(newTorch)
            let cudaFiles = cudaProjectFiles(torchPins)
            for (platform, pins) in byPlatform.sorted(by: { $0.key < $1.key })
            where platform != .cuda && platform != .all && platform != .nightly {
                // What a patch release leaves behind — also on a second run, after the CUDA platform already
                // reached the target (a pin of this platform is still behind it within the release series).
                let behindOnPatch = oldTorch != newTorch || pins.contains { pin in
                    guard pin.heldReason == nil, !waitsForVendor(pin), let v = Version(pin.value)?.publicVersion else { return false }
                    return series(v.description) == series(newTorch) && v.description != newTorch
                }
                if patchBump && behindOnPatch {
                    // One project pin for every platform (`dependencies = ["torch==2.14.0"]` with per-backend
                    // sources): the patch release reaches every platform through it, so their own files follow.
                    if let shared = inventory.sites.first(where: {
                        $0.file == .pyproject && $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin
                            && $0.platform == .all && ($0.op == "==" || $0.op == "===") && $0.name == "project.dependencies"
                    }) {
                        moving.insert(platform)
                        plan.notes.append(PlanNote(.info, "\(platform): moves with the patch release too: \(shared.location.short) pins torch for every platform", at: pins.first?.location))
                        continue
                    }
                    if let shared = sharedResolutionMove(platform, pins: pins, cudaFiles: cudaFiles) {
                        plan.notes.append(PlanNote(shared.moves ? .info : .attention, shared.note, at: pins.first?.location))
                        if shared.moves { moving.insert(platform); continue }
                    }
                    let shown = pins.first { $0.heldReason == nil } ?? pins.first
                    plan.deferrals.append(Deferral(
                        platform: platform, current: "torch \(shown?.value ?? "")",
                        reason: "patch release: only the CUDA platform moves by default; pass --platform \(platform) to move it too",
                        location: pins.first?.location))
                    continue
                }
                // Held pins do not decide whether a platform moves; with --include-held they move with it.
                let unheld = pins.filter { $0.heldReason == nil && !waitsForVendor($0) }
                let live = unheld.isEmpty && target.includeHeld ? pins : unheld
                // Same release series as the CUDA platform (2.7.0 beside a CUDA 2.7.1 after a patch release).
                let series = Set(live.compactMap { Version($0.value).map { Array($0.release.prefix(2)) } })
                let versions = Set(live.compactMap { Version($0.value)?.publicVersion.description })
                if let old = oldTorch.flatMap(Version.init), series == [Array(old.release.prefix(2))] {
                    moving.insert(platform)
                } else if unheld.isEmpty && target.includeHeld {
                    moving.insert(platform)  // every pin of it is held, and --include-held moves held pins
                } else if platform == .rocm && target.rocm != nil && !live.isEmpty {
                    moving.insert(platform)  // --rocm asks for it explicitly
                } else if !live.isEmpty && !unheld.isEmpty {
                    let current = versions.sorted().joined(separator: ", ")
                    plan.deferrals.append(Deferral(
                        platform: platform, current: "torch \(current)",
                        reason: "its torch pin differs from the CUDA platform's (\(oldTorch ?? "none")); upgrade it on its own with --platform \(platform)",
                        location: live.first?.location))
                }
            }
        }
        if target.rocm != nil && target.platforms == nil && byPlatform[.rocm] != nil { moving.insert(.rocm) }
        for pin in vendorBlocked where moving.contains(pin.platform) {
            plan.deferrals.append(Deferral(
                platform: pin.platform, current: "\(pin.subject ?? "")==\(pin.value)",
                reason: "\(pin.subject ?? "the extension") has no release for torch \(newTorch ?? "") yet; the pins installed with it wait",
                location: pin.location))
        }
        for platform in present.subtracting(moving).sorted()
        where platform != .nightly && byPlatform[platform]?.contains(where: { $0.heldReason == nil }) == true
            // A platform already on the target (after an earlier step) is not left behind.
            && byPlatform[platform]?.allSatisfy({ Version($0.value)?.publicVersion.description == newTorch }) != true {
            if !plan.deferrals.contains(where: { $0.platform == platform }) {
                let pins = byPlatform[platform] ?? []
                let pin = pins.first
                var reason = target.platforms != nil ? "not requested (--platform)" : "no torch pin of its own that matches the CUDA platform's"
                if target.platforms == nil, !pins.isEmpty, pins.allSatisfy({ $0.heldReason != nil || waitsForVendor($0) }),
                   let blocker = vendorBlocked.first(where: { b in pins.contains { waitsForVendor($0) && $0.path == b.path } }) {
                    reason = "\(blocker.subject ?? "its vendor extension") \(blocker.value) (\(blocker.location.short)) has no release for torch \(newTorch ?? "") yet; the torch pins installed with it wait"
                    if let entry = (try? ExtensionCatalog.bundled())?.entry(named: blocker.subject ?? ""),
                       let last = entry.lastTorch, let why = entry.blockedReason, let torch = newTorch,
                       MatrixVersion.less(last, MatrixVersion.minor(torch) ?? torch) {
                        reason = "\(blocker.subject ?? "") \(blocker.value) (\(blocker.location.short)) will have no release for torch \(torch): \(why)"
                    }
                }
                plan.deferrals.append(Deferral(
                    platform: platform, current: pin.map { "torch \($0.value)" } ?? "no torch pin",
                    reason: reason, location: pin?.location))
            }
        }
        plan.platforms = moving.sorted()
    }

    /// Vendor extensions tied to torch (IPEX) without a release for the new torch: only the pins installed with them
    /// (same file and marker, or an image of that platform) wait — an x86-only IPEX line holds the x86 torch line,
    /// not the macOS or ppc64le ones.
    mutating func findVendorBlocked() {
        guard let torch = newTorch else { return }
        for ext in TiedExtensions.all where ext.release(for: torch) == nil && !ext.notNeeded(for: torch) {
            vendorBlocked += inventory.sites.filter {
                $0.kind == .requirement && $0.subject == ext.package && $0.role == .pin && $0.heldReason == nil
                    && $0.platform != .all && $0.platform != .cuda
            }
        }
    }

    /// Whether a pin is installed together with a vendor-blocked extension.
    func waitsForVendor(_ site: PinSite) -> Bool {
        vendorBlocked.contains { $0.path == site.path && sameMarker($0, site) || site.file == .dockerfile && site.platform == $0.platform }
    }

    /// Whether a file keeps torch pins on the old version (held, or waiting for a vendor extension): its index must
    /// stay where those pins are published.
    func keepsOldTorchPins(_ path: String) -> PinSite? {
        let own = inventory.sites.first {
            $0.path == path && $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin
                && ($0.heldReason != nil && !target.includeHeld || waitsForVendor($0))
        }
        if own != nil { return own }
        // A Dockerfile keeps the pins of the requirements files it installs.
        guard let file = inventory.files[path], inventory.sites.contains(where: { $0.path == path && $0.file == .dockerfile })
        else { return nil }
        let runs = DockerStages.parse(file).flatMap(\.runs).map(\.text)
        for other in inventory.files.keys.sorted() where other != path && (other.hasSuffix(".txt") || other.hasSuffix(".in")) {
            let name = other.split(separator: "/").last.map(String.init) ?? other
            guard runs.contains(where: { $0.contains(name) }) else { continue }
            if let pin = inventory.sites.first(where: {
                $0.path == other && $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin
                    && ($0.heldReason != nil && !target.includeHeld || waitsForVendor($0))
            }) { return pin }
        }
        return nil
    }

    func isMoving(_ site: PinSite) -> Bool {
        if let row = scopedDocPlatform(site) {
            var scoped = site
            scoped.platform = row
            return isMoving(scoped)
        }
        if site.platform == .nightly { return target.platforms?.contains(.nightly) == true }
        if moving.contains(site.platform) { return true }
        // A companion pinned for a platform that pins no torch of its own (`torchaudio==…; platform_machine ==
        // "ppc64le"` beside a `torch==…; platform_machine == "ppc64le" or …` line) follows its file's platform.
        if site.kind == .requirement, site.file == .requirements || site.file == .pyproject,
           !platformTorch.keys.contains(site.platform) {
            let filePlatform = PlatformInference.platform(forPath: site.path)
            if filePlatform != site.platform { return moving.contains(filePlatform) }
        }
        return false
    }

    // MARK: - Recording

    /// Doc lines that tie a CUDA build to PyPI's torch, once the plan makes that tie false (the line's CUDA after the
    /// plan is not PyPI's build of the new torch):
    /// - the CUDA names PyPI's build ("`torch==2.6.0` from PyPI, which is the CUDA 12.4 build"): rewriting the number
    ///   would state something false about PyPI, so the whole line stays and is flagged;
    /// - the CUDA names the project's build and PyPI comes after it ("compiled with CUDA 12.8 — the same CUDA as the
    ///   wheel on PyPI", a table row "| 12.8 | 2.8.0 | PyPI, or …/cu128 |"): the versions follow the plan and the
    ///   PyPI claim is flagged.
    mutating func findPyPIClaims() {
        guard let torch = newTorch, moving.contains(.cuda), let pypi = matrix.pypiDefaultVariant(for: torch) else { return }
        var flagged: Set<String> = []
        for site in inventory.sites where site.role == .doc && site.subject == "cuda"
            && site.context.lowercased().contains("pypi") {
            // What the line will say after the plan: the mapped CUDA, which must be PyPI's build to stay true.
            guard let minor = VersionEncoding.minor(site.value), case let new = cudaMap[minor] ?? minor,
                  Variant(cudaVersion: new) != pypi else { continue }
            let key = "\(site.path):\(site.line)"
            guard flagged.insert(key).inserted else { continue }
            if pypiPrecedes(site) {
                frozenDocLines.insert(key)
                attention(site, "this line ties PyPI's torch to CUDA \(site.value), but PyPI's torch \(torch) is the \(pypi.tag) build: rewrite the sentence (left as is)")
            } else {
                let build = new == minor ? "this build stays on CUDA \(minor)" : "this build moves to CUDA \(new)"
                attention(site, "this line ties the CUDA \(minor) build to PyPI's torch, but PyPI's torch \(torch) is the \(pypi.tag) build and \(build): its versions are updated, reword or drop the PyPI claim by hand")
            }
        }
    }

    /// A comment naming the torch version moves when a pin on its line, or right below it, moved.
    mutating func settleComments() {
        for (site, replacement) in pendingComments {
            if plan.edits.contains(where: { $0.path == site.path && ($0.line == site.line || $0.line == site.line + 1) && $0.before != "" }) {
                edit(site, to: replacement, "comment names the \(site.subject ?? "torch") version")
            } else {
                leave(site, "comment next to a pin that does not move")
            }
        }
    }

    /// A release link on the comment line above a pin (`# …/releases/tag/v0.0.32.post1`) names whatever the pin
    /// below it now names.
    mutating func followReleaseLinks() {
        for site in inventory.sites where site.role == .comment && site.note == "release link of the pin below" {
            guard !plan.edits.contains(where: { $0.path == site.path && $0.edit.span.overlaps(site.span) }),
                  let old = Version(site.value),
                  let pin = plan.edits.first(where: {
                      $0.path == site.path && $0.line == site.line + 1 && Version($0.before)?.publicVersion == old.publicVersion
                  }),
                  let new = Version(pin.edit.replacement) else { continue }
            let text = old.localLabel == nil ? new.publicVersion.description : new.description
            edit(site, to: text, "the release link above the pin follows it")
        }
    }

    /// A held pin that `--include-held` moves keeps its hold comment, which argued for the old version: ask for it to
    /// be reworded or removed.
    mutating func noteMovedHolds() {
        guard target.includeHeld else { return }
        for site in inventory.sites where site.role == .pin && site.heldReason != nil
            && plan.edits.contains(where: { $0.path == site.path && $0.edit.span == site.span }) {
            guard !plan.notes.contains(where: {
                $0.location?.path == site.path && $0.location?.line == site.line && $0.message.hasPrefix("the hold comment")
            }) else { continue }
            attention(site, "the hold comment (\(site.heldReason ?? "")) may no longer apply now that the pin moves: reword or remove it")
        }
    }

    /// Whether "PyPI" comes before the site on its line (the version then describes PyPI's wheel).
    func pypiPrecedes(_ site: PinSite) -> Bool {
        guard let file = inventory.files[site.path] else { return false }
        let start = file.lineSpan(site.line).start
        return file[Span(start, site.span.start)].lowercased().contains("pypi")
    }

    mutating func edit(_ site: PinSite, to replacement: String, _ reason: String) {
        guard replacement != site.value else { return }
        if site.role == .doc && frozenDocLines.contains("\(site.path):\(site.line)") { return }
        plan.edits.append(PlannedEdit(
            path: site.path, line: site.line, edit: TextEdit(span: site.span, replacement: replacement),
            before: site.value, reason: reason, platform: site.platform))
    }

    mutating func insert(_ text: String, at offset: Int, in path: String, line: Int, platform: Platform, _ reason: String) {
        plan.edits.append(PlannedEdit(
            path: path, line: line, edit: TextEdit.insert(text, at: offset), before: "", reason: reason, platform: platform))
    }

    mutating func replace(_ span: Span, in path: String, line: Int, with text: String, platform: Platform, _ reason: String) {
        guard let file = inventory.files[path] else { return }
        let before = file[span]
        guard before != text else { return }
        plan.edits.append(PlannedEdit(path: path, line: line, edit: TextEdit(span: span, replacement: text),
                                      before: before, reason: reason, platform: platform))
    }

    mutating func leave(_ site: PinSite, _ why: String) {
        plan.notes.append(PlanNote(.unchanged, "\(site.value) (\(site.subject ?? site.kind.rawValue)): \(why)", at: site.location))
    }

    /// Attention for a site of a torch-compiled extension: the first site of each extension carries the advice, the
    /// others are listed in it ("… (also at pyproject.toml:36, docs/building.md:15)").
    mutating func extensionAttention(_ site: PinSite, extension name: String, _ message: String) {
        let key = extensionDecision(for: name)?.name ?? name
        if var entry = extensionNotes[key], entry.index < plan.notes.count {
            guard !entry.also.contains(site.location.short), plan.notes[entry.index].location != site.location else { return }
            entry.also.append(site.location.short)
            plan.notes[entry.index].message = entry.message + " (also at \(entry.also.joined(separator: ", ")))"
            extensionNotes[key] = entry
            return
        }
        extensionNotes[key] = (plan.notes.count, message, [])
        attention(site, message)
    }

    mutating func attention(_ site: PinSite, _ why: String) {
        plan.notes.append(PlanNote(.attention, why, at: site.location))
    }

    /// Whether anything in the repository compiles against torch (so a compile cache exists to go cold): CMake
    /// sites, a compiler cache or torch's extension builder named in a scanned file, or an extension built from
    /// source (a git ref, `--no-build-isolation`).
    var repositoryCompiles: Bool {
        if inventory.sites.contains(where: { $0.file == .cmake || $0.kind == .gitRef && $0.role == .pin }) { return true }
        let signals = ["sccache", "ccache", "CUDAExtension", "BuildExtension", "no-build-isolation", "CMAKE_CUDA"]
        return inventory.files.values.contains { file in signals.contains { file.text.contains($0) } }
    }

    /// A new torch (any release) or CUDA toolkit empties the compile cache: say so, with what to do about it.
    mutating func noteColdCache() {
        // Any torch release changes its headers (version.h at least), which every cached compile includes.
        let torchChanged = oldTorch.flatMap(Version.init)?.publicVersion != newTorch.flatMap(Version.init)?.publicVersion
        guard !plan.edits.isEmpty, torchChanged || !cudaMap.isEmpty, repositoryCompiles else { return }
        let what = [torchChanged ? "torch \(newTorch ?? "")" : nil, cudaMap.isEmpty ? nil : "CUDA \(newMainCUDA ?? "")"]
            .compactMap { $0 }.joined(separator: " and ")
        plan.notes.append(PlanNote(.attention,
            "cold compile cache: \(what) \(cudaMap.isEmpty || !torchChanged ? "invalidates" : "invalidate") every sccache/ccache entry, so the first CI builds can run for hours; trigger one write-enabled, long-timeout cache-warming build with exactly the PR builds' flags (arch list, base image) before the PR builds, and budget extra time for extension source builds"))
    }

    mutating func finish() {
        noteColdCache()
        if let unverified = companions?.uncertain, !unverified.isEmpty, !plan.edits.isEmpty, let torch = newTorch {
            plan.notes.append(PlanNote(.attention, "the release matrix marks \(unverified.joined(separator: " and ")) for torch \(torch) as unverified: run `torchbump probe --torch \(torch)` before CI"))
        }
        if target.channel == .test, !plan.edits.isEmpty, let torch = newTorch {
            // RC wheels carry the final version number: only their hashes tell a re-spin apart.
            plan.notes.append(PlanNote(.info, "release candidate: run `torchbump probe --torch \(torch) --channel test` now and before each CI run; it records every RC wheel's sha256 and reports a re-spin published under the same version"))
        }
        // Deterministic order, no duplicate edits.
        var seen = Set<PlannedEdit>()
        plan.edits = plan.edits.filter { seen.insert($0).inserted }
            .sorted { ($0.path, $0.edit.span.start, $0.edit.span.end) < ($1.path, $1.edit.span.start, $1.edit.span.end) }
        var seenNotes = Set<PlanNote>()
        plan.notes = plan.notes.filter { seenNotes.insert($0).inserted }
        plan.deferrals.sort { ($0.platform, $0.current) < ($1.platform, $1.current) }
        plan.locks.sort { $0.path < $1.path }
        plan.generated.sort { $0.path < $1.path }
        // Two different edits of one span would be a planning bug; keep the first and say so.
        var byFile: [String: [PlannedEdit]] = [:]
        for e in plan.edits { byFile[e.path, default: []].append(e) }
        var kept: [PlannedEdit] = []
        for (_, edits) in byFile.sorted(by: { $0.key < $1.key }) {
            var last: PlannedEdit?
            for e in edits {
                if let l = last, l.edit.span.overlaps(e.edit.span) {
                    plan.notes.append(PlanNote(.attention, "two planned changes overlap here; kept “\(l.reason)”",
                                               at: SourceLocation(path: e.path, line: e.line)))
                    continue
                }
                kept.append(e)
                last = e
            }
        }
        plan.edits = kept
    }
}
