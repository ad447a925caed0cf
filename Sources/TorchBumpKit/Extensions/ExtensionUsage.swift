/// One catalogued extension a repository uses: the sites that mention it and the version they pin.
public struct ExtensionUsage: Hashable, Sendable {
    /// The catalogue entry's name (`flashinfer-python`), whichever alias the sites use.
    public var name: String
    /// The pinned version (public part), when the sites name one.
    public var currentVersion: String?
    /// A git ref that is not a version (a commit), when the repository builds from git.
    public var gitRef: String?
    /// Platforms of the sites (`cuda`, `xpu`, `all`, …), sorted.
    public var platforms: [Platform]
    /// Hold comments next to the pins.
    public var heldReasons: [String]
    /// The sites, in inventory order.
    public var sites: [PinSite]

    public init(name: String, currentVersion: String? = nil, gitRef: String? = nil, platforms: [Platform] = [],
                heldReasons: [String] = [], sites: [PinSite] = []) {
        self.name = name
        self.currentVersion = currentVersion
        self.gitRef = gitRef
        self.platforms = platforms
        self.heldReasons = heldReasons
        self.sites = sites
    }

    /// The extensions of `catalog` that `sites` mention as pins, locks, git refs, wheel URLs or extension indexes
    /// (documentation, comments, labels and commented-out lines do not count), in catalogue order.
    public static func find(in sites: [PinSite], catalog: ExtensionCatalog) -> [ExtensionUsage] {
        var bySubject: [String: [PinSite]] = [:]
        for site in sites where counts(site) {
            guard let subject = site.subject, let entry = catalog.entry(named: subject) else { continue }
            bySubject[entry.name, default: []].append(site)
        }
        return catalog.entries.compactMap { entry in
            guard let found = bySubject[entry.name], !found.isEmpty else { return nil }
            return usage(entry.name, sites: found)
        }
    }

    private static func counts(_ site: PinSite) -> Bool {
        switch site.role {
        case .pin, .lock, .derived: return true
        case .comment, .disabled, .label, .doc, .generated: return false
        }
    }

    private static func usage(_ name: String, sites: [PinSite]) -> ExtensionUsage {
        var versions: [Version] = []
        var refs: [String] = []
        for site in sites {
            switch site.kind {
            case .requirement:
                guard let v = Version(site.value)?.publicVersion else { continue }
                if site.op == "==" || site.op == "===" || site.op == "~=" || site.op == ">=" || site.op == nil {
                    versions.append(v)
                }
            case .version:
                if let v = Version(site.value)?.publicVersion { versions.append(v) }
            case .gitRef:
                if let v = versionFromRef(site.value) { versions.append(v) } else { refs.append(site.value) }
            case .wheelURL:
                if let wheel = try? WheelFilename(parsing: site.value) { versions.append(wheel.version.publicVersion) }
            default:
                continue
            }
        }
        let platforms = Array(Set(sites.map(\.platform))).sorted { $0.rawValue < $1.rawValue }
        let held = sites.compactMap(\.heldReason)
        return ExtensionUsage(name: name, currentVersion: mostCommon(versions)?.description, gitRef: refs.first,
                              platforms: platforms, heldReasons: Array(Set(held)).sorted(), sites: sites)
    }

    /// `v0.2.6.post1` → 0.2.6.post1; a commit hash or branch name → nil.
    static func versionFromRef(_ ref: String) -> Version? {
        var text = ref.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("refs/tags/") { text.removeFirst("refs/tags/".count) }
        guard text.first == "v" || text.first == "V" || text.first?.isASCIIDigit == true else { return nil }
        if text.first == "v" || text.first == "V" { text.removeFirst() }
        guard text.contains("."), let v = Version(text) else { return nil }
        return v.publicVersion
    }

    /// The most frequent version; ties go to the newest.
    private static func mostCommon(_ versions: [Version]) -> Version? {
        var counts: [Version: Int] = [:]
        for v in versions { counts[v, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }?.key
    }
}
