/// Rules for version constants named as bounds (`MIN_TORCH`, `TORCH_MAX_VERSION`, see `VersionConstantName`): a
/// lower bound stays when the project moves (raising it drops support for older releases, which is a decision, not
/// an upgrade step); an upper bound the target goes past is reported.
extension PlanBuilder {
    /// Whether the site is a bound; if so it is planned here and needs no other rule.
    mutating func planVersionBound(_ site: PinSite) -> Bool {
        switch site.note {
        case "version floor":
            // Said only for a floor at the current release, the one an upgrade would otherwise have moved.
            let current = site.subject == "torch" ? oldTorch.map { matchesOld(site.value, $0) } ?? false
                : site.subject == "cuda" ? VersionEncoding.minor(site.value).map { cudaMap[$0] != nil } ?? false
                : site.subject == "rocm" ? rocmMap.keys.contains { VersionEncoding.minor($0) == VersionEncoding.minor(site.value) }
                : true
            if current, let new = newValue(for: site), Self.isAbove(new, site.value) {
                leave(site, "lower bound (\(site.name ?? "floor")): it stays when the project moves to \(new); raise it only to drop support for older releases")
            }
            return true
        case "version ceiling":
            if let new = newValue(for: site), Self.isAbove(new, site.value) {
                attention(site, "upper bound \(site.name ?? "") = \(site.value): \(site.subject ?? "the target") \(new) is above it; raise it if \(new) is supported")
            }
            return true
        default:
            return false
        }
    }

    /// The version the plan moves the site's subject to, nil when the plan does not move it.
    func newValue(for site: PinSite) -> String? {
        switch site.subject {
        case "torch": return oldTorch != newTorch ? newTorch : nil
        case "torchvision": return oldTorch != newTorch ? companions?.torchvision : nil
        case "torchaudio": return oldTorch != newTorch ? (companions?.torchaudio ?? companions?.torchaudioHold) : nil
        case "cuda": return cudaMap.values.sorted { RepositoryStateInference.compareDotted($0, $1) }.last
        case "rocm": return rocmMap.values.sorted { RepositoryStateInference.compareDotted($0, $1) }.last
        default: return nil
        }
    }

    /// Whether `version`, cut to the precision of `bound` (`2.9.0` against `2.8` compares `2.9`), is above `bound`.
    static func isAbove(_ version: String, _ bound: String) -> Bool {
        guard let v = VersionEncoding.components(version), let b = VersionEncoding.components(bound) else { return false }
        return b.lexicographicallyPrecedes(Array(v.prefix(b.count)))
    }
}
