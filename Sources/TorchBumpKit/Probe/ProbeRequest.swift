import Foundation

/// What the user asked to probe, before defaults: empty lists mean "decide from the repository and the release
/// matrix". `resolve` turns it into a `ProbeSpec`.
///
/// Defaults: variants are the ones the repository uses (index URLs, local labels, variant tags; a variant the
/// release does not publish is replaced by the nearest newer one the planner would move to), else those the
/// matrix says the release publishes on the channel, else (nightly, or a release the matrix does not know) the
/// ones the channel's torch root page lists. Pythons are the release's CPython versions intersected with the
/// repository's; free-threaded builds only on request. Architectures: x86_64, plus aarch64 when the repository has
/// Arm sites. Companions: torchvision and torchaudio (torchaudio held after its 2.11 freeze); inside a repository
/// only the ones it uses.
public struct ProbeRequest: Hashable, Sendable {
    public var torch: String
    public var channel: Channel
    public var variants: [Variant]
    public var pythons: [String]
    public var arches: [String]
    public var pytorchBase: String
    public var pypiIndex: String?

    public init(torch: String, channel: Channel = .release, variants: [Variant] = [], pythons: [String] = [],
                arches: [String] = [], pytorchBase: String = IndexConfiguration.defaultPyTorchBase,
                pypiIndex: String? = nil) {
        self.torch = torch
        self.channel = channel
        self.variants = variants
        self.pythons = pythons
        self.arches = arches
        self.pytorchBase = pytorchBase
        self.pypiIndex = pypiIndex
    }

    /// The spec with every default filled in, and notes on how the defaults were chosen.
    /// - Parameter inventory: the repository's pin sites, or nil outside a repository.
    public func resolve(matrix: ReleaseMatrix, inventory: Inventory? = nil) throws -> (spec: ProbeSpec, notes: [Diagnostic]) {
        guard let requested = Version(torch) else { throw ProbeError.invalidTorchVersion(torch) }
        for url in [pytorchBase] + (pypiIndex.map { [$0] } ?? []) {
            guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  u.host != nil else { throw ProbeError.invalidIndexURL(url) }
        }
        var notes: [Diagnostic] = []
        let version = requested.publicVersion
        let matrixKey = (channel == .nightly ? version.baseVersion : version).description
        let release = matrix.release(matrixKey)
        let repo = inventory.flatMap { $0.sites.isEmpty ? nil : $0 }

        // Variants.
        var variants = variants
        if variants.isEmpty, let label = requested.localLabel, let v = Variant(localLabel: label) {
            variants = [v]
        }
        if variants.isEmpty, let repo {
            for v in Self.repositoryVariants(repo) {
                var chosen = v
                if release != nil, matrix.isPublished(v, for: matrixKey, channel: channel) == .no {
                    if let newer = matrix.nearestNewerVariant(than: v, for: matrixKey) {
                        notes.append(.note("the repository uses \(v.tag), which torch \(matrixKey) is not published "
                            + "for; probing \(newer.tag) (the nearest newer variant) instead"))
                        chosen = newer
                    } else {
                        notes.append(.warning("the repository uses \(v.tag), which torch \(matrixKey) is not published for"))
                    }
                }
                if !variants.contains(chosen) { variants.append(chosen) }
            }
        }
        if variants.isEmpty, release != nil, channel != .nightly {
            variants = matrix.knownVariants(for: matrixKey, channel: channel)
                .filter { $0.availability != .no }.map(\.variant)
        }
        if variants.isEmpty {
            notes.append(.note(release == nil
                ? "torch \(matrixKey) is not in the release matrix; variants come from the index"
                : "nightly variants are not tracked by the release matrix; variants come from the index"))
        }

        // Pythons.
        var pythons = try pythons.map(Self.normalizePython)
        if pythons.isEmpty {
            let base = (release ?? matrix.newestRelease).python.filter { !$0.hasSuffix("t") }
            if release == nil {
                notes.append(.note("Python versions of torch \(matrixKey) are unknown; using those of "
                    + "\(matrix.newestRelease.torch), the newest release the matrix knows"))
            }
            let fromRepo = repo.map(Self.repositoryPythons) ?? []
            if fromRepo.isEmpty {
                pythons = base
            } else {
                pythons = base.filter(fromRepo.contains)
                if pythons.isEmpty {
                    notes.append(.warning("torch \(matrixKey) has no wheels for the repository's Python "
                        + fromRepo.joined(separator: ", ") + " (it has " + base.joined(separator: ", ") + ")"))
                    pythons = fromRepo
                }
            }
        }
        pythons = Self.unique(pythons)

        // Architectures.
        var arches = try arches.map(Self.normalizeArch)
        if arches.isEmpty {
            arches = ["x86_64"]
            if repo?.sites.contains(where: { $0.platform == .arm }) == true { arches.append("aarch64") }
        }
        arches = Self.unique(arches)
        if pythons.isEmpty { throw ProbeError.nothingToProbe("no Python version to check") }

        // Packages.
        let companions = CompanionVersions.lookup(torch: matrixKey, matrix: matrix)
        let torchVersion = channel == .nightly && requested.isDevrelease ? version.description : matrixKey
        var packages = [ProbePackage(name: "torch", version: torchVersion)]
        let used = repo.map(Self.repositoryPackages)
        if let vision = companions.torchvision {
            if used?.contains("torchvision") == false {
                notes.append(.note("torchvision is not used by the repository; not probed"))
            } else {
                packages.append(ProbePackage(name: "torchvision", version: vision, note: companions.known ? nil
                    : "inferred: torchvision minor = torch minor + 15"))
            }
        }
        if let audio = companions.torchaudio ?? companions.torchaudioHold {
            if used?.contains("torchaudio") == false {
                notes.append(.note("torchaudio is not used by the repository; not probed"))
            } else {
                var note: String?
                if companions.torchaudio == nil {
                    note = "held at \(audio): no torchaudio matches torch \(matrixKey) (torchaudio froze after 2.11)"
                }
                packages.append(ProbePackage(name: "torchaudio", version: audio, note: note))
            }
        }

        let spec = ProbeSpec(
            torch: requested, channel: channel, variants: variants, pythons: pythons, arches: arches, packages: packages,
            includeTriton: true, pytorchBase: pytorchBase, pypiIndex: pypiIndex, fallbackTriton: release?.triton)
        return (spec, notes)
    }

    // MARK: - Normalisation

    /// `3.12`, `3.13t`, `cp312`, `cp313t` → `3.12` / `3.13t`.
    public static func normalizePython(_ raw: String) throws -> String {
        var s = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let threaded = s.hasSuffix("t")
        if threaded { s.removeLast() }
        if s.hasPrefix("cp") {
            let digits = s.dropFirst(2)
            guard digits.count >= 2, digits.allSatisfy(\.isASCIIDigit) else { throw ProbeError.invalidPython(raw) }
            s = "\(digits.prefix(1)).\(digits.dropFirst())"
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              let major = Int(parts[0]), let minor = Int(parts[1]) else { throw ProbeError.invalidPython(raw) }
        return "\(major).\(minor)" + (threaded ? "t" : "")
    }

    /// `x86_64`/`amd64`/`x64` → `x86_64`; `aarch64`/`arm64` → `aarch64`.
    public static func normalizeArch(_ raw: String) throws -> String {
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "x86_64", "amd64", "x64": return "x86_64"
        case "aarch64", "arm64": return "aarch64"
        default: throw ProbeError.invalidArch(raw)
        }
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    // MARK: - What the repository uses

    private static let evidenceRoles: Set<SiteRole> = [.pin, .derived, .lock, .label]

    /// Variants named by index URLs, local labels and variant tags of real pins.
    static func repositoryVariants(_ inventory: Inventory) -> [Variant] {
        var out: [Variant] = []
        for site in inventory.sites where evidenceRoles.contains(site.role) {
            if let v = site.variant, !out.contains(v) { out.append(v) }
        }
        return out.sorted()
    }

    /// `X.Y` of every pinned Python version (`ARG PYTHON_VERSION=3.12`, `python-version: "3.11"`).
    static func repositoryPythons(_ inventory: Inventory) -> [String] {
        var out: [String] = []
        for site in inventory.sites where site.subject == "python" && site.kind == .version && evidenceRoles.contains(site.role)
            && site.op == nil {  // a `requires-python` lower bound is a floor, not a Python the project uses
            let parts = site.value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")).split(separator: ".")
            guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1].prefix { $0.isASCIIDigit }) else { continue }
            let p = "\(major).\(minor)"
            if !out.contains(p) { out.append(p) }
        }
        return out
    }

    /// Normalised names of the torch-family packages the repository pins.
    static func repositoryPackages(_ inventory: Inventory) -> Set<String> {
        Set(inventory.sites.compactMap { site -> String? in
            guard evidenceRoles.contains(site.role), let subject = site.subject else { return nil }
            return normalizePackageName(subject)
        })
    }
}
