import Foundation

extension ExtensionPlanner {
    /// The online plan: every location is probed through `locator`, in catalogue order, until one has a wheel.
    /// Tables still choose the release to look for first and the version to build when nothing is found.
    public func plan(sites: [PinSite], target: ExtensionTarget, locator: any WheelLocator) async -> ExtensionPlan {
        var target = target
        target.offline = false
        let context = makeContext(sites: sites, target: target)
        var decisions: [ExtensionDecision] = []
        for usage in context.usages {
            let prepared = prepare(usage, context: context)
            if let early = prepared.early {
                decisions.append(early)
                continue
            }
            let (probes, found) = await probeOnline(prepared, context: context, locator: locator)
            decisions.append(finish(prepared, probes: probes, found: found, context: context))
        }
        return ExtensionPlan(target: target, archList: context.baseArchList, decisions: decisions,
                             diagnostics: context.diagnostics)
    }

    /// Probes the locations in order and stops at the first wheel; returns every answer and, on a hit, the
    /// release it establishes.
    func probeOnline(_ prepared: Prepared, context: Context, locator: any WheelLocator) async
        -> (probes: [LocationProbe], found: ReleaseChoice?)
    {
        var probes: [LocationProbe] = []
        var sdistVersions: [String] = []
        for location in prepared.locations {
            if !location.location.variants.isEmpty, !location.location.variants.contains(prepared.variant) {
                probes.append(LocationProbe(kind: location.kind, label: location.label, urls: location.index.map { [$0] } ?? [],
                                         status: .skipped,
                                         detail: "serves \(location.location.variants.map(\.tag).joined(separator: ", ")) only"))
                continue
            }
            let result: (probe: LocationProbe, found: ReleaseChoice?)
            switch location.kind {
            case .githubAsset:
                result = await probeAssets(location, prepared: prepared, context: context, locator: locator,
                                           extraVersions: sdistVersions)
            case .pypi, .pytorchIndex, .projectIndex:
                let listed = await probeIndex(location, prepared: prepared, context: context, locator: locator)
                sdistVersions += listed.sdistVersions
                result = (listed.probe, listed.found)
            }
            probes.append(result.probe)
            if let found = result.found { return (probes, found) }
        }
        return (probes, nil)
    }

    // MARK: - Index pages

    private func probeIndex(_ location: ExpandedLocation, prepared: Prepared, context: Context,
                            locator: any WheelLocator) async
        -> (probe: LocationProbe, found: ReleaseChoice?, sdistVersions: [String])
    {
        let target = context.target
        let indexText = location.index ?? ""
        let pageURL = indexText.hasSuffix("/") ? indexText + location.project + "/" : indexText + "/" + location.project + "/"
        func answer(_ status: LocationProbe.Status, _ detail: String, version: String? = nil) -> LocationProbe {
            LocationProbe(kind: location.kind, label: location.label, urls: [pageURL], status: status, detail: detail,
                       version: version)
        }
        guard let index = URL(string: indexText) else {
            return (answer(.failed, "'\(indexText)' is not a URL"), nil, [])
        }
        let files: [LocatedFile]
        do {
            guard let listed = try await locator.files(project: location.project, index: index) else {
                return (answer(.absent, "the index has no \(location.project) project"), nil, [])
            }
            files = listed
        } catch {
            return (answer(.failed, "request failed: \(Self.describe(error))"), nil, [])
        }
        if location.location.sdistOnly {
            let versions = files.filter { !$0.yanked && !$0.filename.hasSuffix(".whl") }
                .compactMap { Self.sdistVersion($0.filename, project: location.project) }
            let sorted = Array(Set(versions)).sorted(by: versionLess).reversed().map { $0 }
            let newest = sorted.first.map { " (newest \($0))" } ?? ""
            return (answer(.absent, "source distributions only\(newest); their versions name the assets to look for"),
                    nil, sorted)
        }
        let allowPre = target.channel != .release || (prepared.hint.flatMap { Version($0.version)?.isPrerelease } ?? false)
        let wheels = files.compactMap { file -> (LocatedFile, WheelFilename)? in
            guard !file.yanked, let wheel = try? WheelFilename(parsing: file.filename),
                  wheel.name == normalizePackageName(location.project), wheel.supports(arch: target.arch),
                  wheel.platformTags.contains(where: { $0 == "any" || $0.contains("linux") }),
                  allowPre || !wheel.version.isPrerelease,
                  labelMatches(wheel, location: location, variant: prepared.variant)
            else { return nil }
            return (file, wheel)
        }
        let byVersion = Dictionary(grouping: wheels) { $0.1.version.publicVersion }
        var partial: [String] = []
        var mismatched: [String] = []
        var metadataFetches = 0
        // An index per torch holds only wheels for that torch: prefer the tables' release there (FlashInfer's smallest
        // upgrade), then the newest. Elsewhere the newest release whose Requires-Dist admits the torch wins.
        let perTorchIndex = (location.requiredLabel?.contains("torch") ?? false)
            || (location.location.url?.contains("{torch") ?? false)
        var order = byVersion.keys.sorted(by: >)
        if perTorchIndex, let hinted = prepared.hint.flatMap({ Version($0.version)?.publicVersion }),
           let at = order.firstIndex(of: hinted) {
            order.insert(order.remove(at: at), at: 0)
        }
        for version in order {
            let group = byVersion[version] ?? []
            let missing = target.pythons.filter { py in !group.contains { $0.1.supports(python: py) } }
            if !missing.isEmpty {
                partial.append("\(version) lacks Python \(missing.joined(separator: ", "))")
                continue
            }
            let text = version.description
            var basis = "\(location.label) lists \(location.project) \(text) for \(prepared.variant.tag)"
            if prepared.era.coupling == .vendor {
                // Vendor wheels state no torch requirement: only the release the tables pair with the torch counts.
                guard prepared.hint.flatMap({ Version($0.version)?.publicVersion }) == version else {
                    mismatched.append("\(text) is not the release paired with torch \(target.torchMinor)")
                    continue
                }
            } else if !perTorchIndex {
                guard metadataFetches < 6, let (file, _) = group.first else { break }
                metadataFetches += 1
                let requires: [String]?
                do {
                    requires = try await locator.requiresDist(of: file)
                } catch {
                    return (answer(.failed, "metadata request failed: \(Self.describe(error))"), nil, [])
                }
                let specifier = requires.flatMap { RequiresDist.specifier(for: "torch", in: $0) }
                if let specifier, !specifier.isEmpty {
                    guard RequiresDist.admits(specifier, torch: target.torch) == true else {
                        mismatched.append("\(text) requires torch\(specifier)")
                        continue
                    }
                    basis = "Requires-Dist: torch\(specifier) of \(location.project) \(text) on \(location.label)"
                } else if prepared.hint.map({ Version($0.version)?.publicVersion == version }) != true {
                    mismatched.append("\(text) states no torch requirement" + (requires == nil ? " (no metadata)" : ""))
                    continue
                }
            }
            if location.kind == .pypi, location.location.offlineRule == .pypiVariant, prepared.variant.isCUDA {
                let tableFlavour = prepared.hint.flatMap { Version($0.version)?.publicVersion == version ? $0.pypiVariant : nil }
                if let flavour = tableFlavour ?? matrix.pypiDefaultVariant(for: target.torch), flavour != prepared.variant {
                    return (answer(.absent, "\(location.project) \(text) on PyPI is the \(flavour.tag) build, not "
                        + "\(prepared.variant.tag)"), nil, [])
                }
            }
            let found = ReleaseChoice(version: text, basis: basis, variants: [prepared.variant])
            return (answer(.present, "\(text) has wheels for Python \(target.pythons.joined(separator: ", "))", version: text),
                    found, [])
        }
        var detail = "no \(prepared.variant.tag) wheel matching torch \(target.torch) and Python "
            + target.pythons.joined(separator: ", ")
        let why = (mismatched + partial).prefix(3)
        if !why.isEmpty { detail += " (" + why.joined(separator: "; ") + ")" }
        if wheels.isEmpty { detail = "no usable \(location.project) wheel" + (location.requiredLabel.map { " labelled +\($0)" } ?? "") }
        return (answer(.absent, detail), nil, [])
    }

    /// Whether a wheel's local label fits the location: the required label exactly; on an index no label, the
    /// target variant or a label that names no variant; on PyPI no label.
    private func labelMatches(_ wheel: WheelFilename, location: ExpandedLocation, variant: Variant) -> Bool {
        let label = wheel.version.localLabel
        if let required = location.requiredLabel { return label?.lowercased() == required.lowercased() }
        switch location.kind {
        case .pytorchIndex, .projectIndex:
            // Interim builds carry their own labels (`+5d4b92a5.d20251029`); only another variant's label excludes.
            return label == nil || wheel.variant == nil || wheel.variant == variant
        case .pypi, .githubAsset:
            return label == nil
        }
    }

    // MARK: - GitHub assets

    private func probeAssets(_ location: ExpandedLocation, prepared: Prepared, context: Context,
                             locator: any WheelLocator, extraVersions: [String]) async
        -> (probe: LocationProbe, found: ReleaseChoice?)
    {
        let pythons = context.target.pythons
        var candidates: [String] = []
        for v in [prepared.hint?.version].compactMap({ $0 }) + extraVersions.prefix(3)
            + [prepared.buildVersion, prepared.usage.currentVersion].compactMap({ $0 })
        where !candidates.contains(v) {
            candidates.append(v)
        }
        candidates = Array(candidates.prefix(4))
        guard !candidates.isEmpty else {
            return (LocationProbe(kind: .githubAsset, label: location.label, status: .skipped,
                               detail: "no release version to compute an asset name from"), nil)
        }
        var tried: [String] = []
        for version in candidates {
            let urls = pythons.compactMap { location.assetURL(version: version, python: $0) }
            var all = !urls.isEmpty
            for url in urls {
                guard let parsed = URL(string: url) else { all = false; break }
                do {
                    if try await !locator.exists(parsed) { all = false; break }
                } catch {
                    return (LocationProbe(kind: .githubAsset, label: location.label, urls: tried + [url], status: .failed,
                                       detail: "request failed: \(Self.describe(error))"), nil)
                }
            }
            if all {
                let name = urls.first.map { ($0.split(separator: "/").last.map(String.init) ?? $0).replacingOccurrences(of: "%2B", with: "+") } ?? version
                let found = ReleaseChoice(version: version, basis: "GitHub release asset \(name) exists",
                                          variants: [prepared.variant])
                return (LocationProbe(kind: .githubAsset, label: location.label, urls: urls, status: .present,
                                   detail: "assets exist for \(version)", version: version), found)
            }
            tried += urls
        }
        return (LocationProbe(kind: .githubAsset, label: location.label, urls: tried, status: .absent,
                           detail: "no asset for \(candidates.joined(separator: ", ")) (HEAD: 404)"), nil)
    }

    // MARK: - Helpers

    /// `mamba_ssm-2.2.4.tar.gz` → `2.2.4` when the name matches the project.
    static func sdistVersion(_ filename: String, project: String) -> String? {
        var stem = filename
        for ext in [".tar.gz", ".zip", ".tar.bz2"] where stem.hasSuffix(ext) { stem.removeLast(ext.count) }
        guard stem != filename, let dash = stem.lastIndex(of: "-") else { return nil }
        guard normalizePackageName(String(stem[..<dash])) == normalizePackageName(project) else { return nil }
        let version = String(stem[stem.index(after: dash)...])
        guard let v = Version(version), !v.isPrerelease else { return nil }
        return v.description
    }

    static func describe(_ error: any Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? String(describing: error)
    }
}
