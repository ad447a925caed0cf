import Foundation

/// A catalogue location with its templates filled for one target: an index to list, or an asset URL pattern.
struct ExpandedLocation: Hashable, Sendable {
    var location: WheelLocation
    /// Short place name for reports.
    var label: String
    /// The project name on the index.
    var project: String
    /// The simple index to list (`pypi`, `pytorch-index`, `project-index`).
    var index: String?
    /// The local label wheels must carry here, expanded.
    var requiredLabel: String?
    /// Asset directory and filename templates with target values filled (`github-asset`).
    var assetDirectory: String?
    var assetFilename: String?
    var values: TemplateValues

    var kind: WheelLocation.Kind { location.kind }

    /// The asset URL for `version` and `python` (`3.12`).
    func assetURL(version: String, python: String) -> String? {
        guard let assetDirectory, let assetFilename else { return nil }
        var v = values
        v["version"] = version
        v["tag"] = "v" + version
        v["python"] = python
        v["python_tag"] = ExpandedLocation.pythonTag(python)
        let directory = v.expand(assetDirectory).text
        let name = v.expand(assetFilename).text
        let encoded = name.replacingOccurrences(of: "+", with: "%2B")
        return (directory.hasSuffix("/") ? directory : directory + "/") + encoded
    }

    /// `3.12` → `cp312`.
    static func pythonTag(_ python: String) -> String {
        let parts = python.split(separator: ".")
        guard parts.count >= 2 else { return "cp" + python }
        return "cp\(parts[0])\(parts[1])"
    }

    /// `https://download.pytorch.org/whl/cu128/` → `download.pytorch.org/whl/cu128`.
    static func shortLabel(_ url: String) -> String {
        var s = url
        for scheme in ["https://", "http://"] where s.hasPrefix(scheme) { s.removeFirst(scheme.count) }
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

extension ExtensionPlanner {
    func expand(_ location: WheelLocation, prepared: Prepared, target: ExtensionTarget) -> ExpandedLocation {
        let values = prepared.values
        let project = location.project ?? prepared.era.distribution ?? prepared.entry.name
        var expanded = ExpandedLocation(
            location: location, label: "", project: project, index: nil,
            requiredLabel: location.localLabel.map { values.expand($0).text }, assetDirectory: nil, assetFilename: nil,
            values: values)
        switch location.kind {
        case .pypi:
            expanded.index = target.pypiIndex
            let short = ExpandedLocation.shortLabel(target.pypiIndex)
            expanded.label = short.isEmpty ? "PyPI (default index)" : short
        case .pytorchIndex:
            let index = target.pytorchIndex(for: prepared.variant)
            expanded.index = index
            expanded.label = ExpandedLocation.shortLabel(index)
        case .projectIndex:
            let index = values.expand(location.url ?? "").text
            expanded.index = index
            expanded.label = ExpandedLocation.shortLabel(index)
        case .githubAsset:
            expanded.assetDirectory = location.url
            expanded.assetFilename = location.filename
            let directory = ExpandedLocation.shortLabel(location.url ?? "")
            let repo = directory.components(separatedBy: "/releases/").first ?? directory
            expanded.label = "GitHub release assets (\(repo))"
        }
        return expanded
    }

    /// The offline answer for one location, from the tables only.
    func offlineProbe(_ location: ExpandedLocation, prepared: Prepared, context: Context) -> LocationProbe {
        let target = context.target
        let variant = prepared.variant
        var urls: [String] = location.index.map { [$0] } ?? []
        let version = prepared.hint?.version ?? prepared.buildVersion
        if location.kind == .githubAsset, let version {
            urls = target.pythons.compactMap { location.assetURL(version: version, python: $0) }
        }
        func probe(_ status: LocationProbe.Status, _ detail: String) -> LocationProbe {
            LocationProbe(kind: location.kind, label: location.label, urls: urls, status: status,
                       detail: detail + " — not probed (offline)", version: status.found ? prepared.hint?.version : nil)
        }
        if !location.location.variants.isEmpty, !location.location.variants.contains(variant) {
            return LocationProbe(kind: location.kind, label: location.label, urls: urls, status: .skipped,
                              detail: "serves \(location.location.variants.map(\.tag).joined(separator: ", ")) only")
        }
        if location.location.sdistOnly { return probe(.notListed, "source distributions only") }
        guard let hint = prepared.hint else {
            if !prepared.hasTable { return probe(.unknown, "no table for \(prepared.entry.display)") }
            return probe(.notListed, "no \(prepared.entry.display) release in the tables for torch \(target.torch)")
        }
        let caveat = hint.uncertain ? " (table marked uncertain)" : ""
        switch location.location.offlineRule {
        case .unknown:
            return probe(.unknown, location.location.note ?? "the catalogue does not record this location's files")
        case .pypiVariant:
            guard variant.isCUDA else { return probe(.notListed, "PyPI carries the CUDA build only") }
            guard let expected = hint.pypiVariant ?? matrix.pypiDefaultVariant(for: target.torch) else {
                return probe(.unknown, "PyPI's CUDA build of \(hint.version) is not recorded")
            }
            return expected == variant
                ? probe(.listed, "\(hint.version) on PyPI is the \(expected.tag) build" + caveat)
                : probe(.notListed, "\(hint.version) on PyPI is the \(expected.tag) build, not \(variant.tag)")
        case .releaseVariants:
            guard !hint.variants.isEmpty else { return probe(.unknown, "the table does not list variants for \(hint.version)") }
            return hint.variants.contains(variant)
                ? probe(.listed, "\(hint.version) was built for \(variant.tag)" + caveat)
                : probe(.notListed, "\(hint.version) was built for \(hint.variants.map(\.tag).joined(separator: ", ")) only")
        case .torchVariants:
            switch matrix.isPublished(variant, for: target.torch, channel: target.channel) {
            case .yes: return probe(.listed, "published for every variant torch \(target.torch) has, \(variant.tag) included" + caveat)
            case .no: return probe(.notListed, "torch \(target.torch) has no \(variant.tag) build")
            case .uncertain(let why): return probe(.unknown, why)
            }
        case .releaseRow:
            return rowProbe(hint: hint, target: target, variant: variant, probe: probe)
        }
    }

    private func rowProbe(hint: ReleaseChoice, target: ExtensionTarget, variant: Variant,
                          probe: (LocationProbe.Status, String) -> LocationProbe) -> LocationProbe {
        guard case let .cuda(major, _) = variant else { return probe(.notListed, "assets are CUDA builds only") }
        var unknown: [String] = []
        if let majors = hint.cudaMajors {
            guard majors.contains(major) else {
                return probe(.notListed, "\(hint.version) assets are for CUDA \(majors.map(String.init).joined(separator: "/")) only")
            }
        } else { unknown.append("CUDA majors") }
        if let pythons = hint.pythons {
            let missing = target.pythons.filter { py in !pythons.contains { MatrixVersion.same($0, py) } }
            guard missing.isEmpty else {
                return probe(.notListed, "\(hint.version) assets cover Python \(pythons.joined(separator: ", ")), not \(missing.joined(separator: ", "))")
            }
        } else { unknown.append("Pythons") }
        let abi = MatrixVersion.less(target.torchMinor, "2.7") ? "FALSE" : "TRUE"
        if let abis = hint.cxx11abi {
            guard abis.contains(abi) else { return probe(.notListed, "\(hint.version) has no cxx11abi\(abi) assets") }
        } else { unknown.append("C++11 ABI") }
        var detail = "\(hint.version) published assets for torch \(target.torchMinor)"
        if !unknown.isEmpty { detail += "; \(unknown.joined(separator: ", ")) per cell not recorded" }
        if hint.uncertain { detail += " (table marked uncertain)" }
        return probe(.listed, detail)
    }

    /// How to install the wheel found at `location`.
    func installCommands(_ location: ExpandedLocation, version: String, target: ExtensionTarget) -> [String] {
        let requirement = "\"\(location.project)==\(Version(version)?.publicVersion.description ?? version)\""
        let install = target.pipInstall
        switch location.kind {
        case .pypi:
            return ["\(install) \(requirement)"]
        case .pytorchIndex:
            return ["\(install) \(requirement) --index-url \(location.index ?? "")"]
        case .projectIndex:
            return ["\(install) \(requirement) --extra-index-url \(location.index ?? "")"]
        case .githubAsset:
            return target.pythons.compactMap { python in
                location.assetURL(version: version, python: python).map { "\(install) \"\($0)\"" }
            }
        }
    }
}
