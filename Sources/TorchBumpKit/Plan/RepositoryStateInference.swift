/// Infers what a repository is on now (main torch, main CUDA, ROCm, channels) from its pin sites.
public enum RepositoryStateInference {
    public static func infer(from sites: [PinSite]) -> RepositoryState {
        RepositoryState(torch: torch(sites), cuda: cuda(sites), rocm: rocm(sites), channels: channels(sites))
    }

    /// The most common exact torch pin of the CUDA/common platforms (ties: the newest), else any exact pin,
    /// else the CMake supported version.
    static func torch(_ sites: [PinSite]) -> String? {
        let pins = sites.filter {
            $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin && ($0.op == "==" || $0.op == "===")
                && $0.heldReason == nil
        }
        let main = pins.filter { $0.platform == .cuda || $0.platform == .all }
        if let v = mostCommon((main.isEmpty ? pins : main).compactMap { Version($0.value)?.publicVersion }) {
            return v.description
        }
        let cmake = sites.filter { $0.subject == "torch" && $0.kind == .version && $0.role == .pin && $0.platform != .rocm }
        if let v = mostCommon(cmake.compactMap { Version($0.value)?.publicVersion }) { return v.description }
        let ranges = sites.filter { $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin && $0.op == ">=" }
        return mostCommon(ranges.compactMap { Version($0.value)?.publicVersion })?.description
    }

    /// The main CUDA `X.Y`: Dockerfile/CI `CUDA_VERSION`, then Python main-CUDA constants, then uv backends, then
    /// PyTorch index URLs and local labels of CUDA pins.
    static func cuda(_ sites: [PinSite]) -> String? {
        func minors(_ filter: (PinSite) -> Bool) -> [String] {
            sites.filter(filter).compactMap { VersionEncoding.minor($0.value) }
        }
        let isMainName: (String?) -> Bool = { name in
            guard let n = name?.uppercased() else { return false }
            return n == "CUDA_VERSION" || n.contains("MAIN_CUDA")
        }
        let dockerArgs = minors {
            $0.subject == "cuda" && $0.kind == .version && $0.role == .pin && $0.file == .dockerfile && isMainName($0.name)
                && ($0.platform == .cuda || $0.platform == .all)
        }
        if let m = mostCommonString(dockerArgs) { return m }
        let constants = minors { $0.subject == "cuda" && $0.kind == .version && $0.role == .pin && isMainName($0.name) }
        if let m = mostCommonString(constants) { return m }
        let variantSites = sites.filter {
            ($0.kind == .variant || $0.kind == .indexURL) && $0.role != .doc && $0.role != .derived && $0.platform != .nightly
        }
        let variants = variantSites.compactMap { $0.variant?.isCUDA == true ? $0.variant?.toolkitVersion : nil }
        if let m = mostCommonString(variants) { return m }
        let labels = sites.filter { $0.kind == .requirement && $0.subject == "torch" }
            .compactMap { $0.variant?.isCUDA == true ? $0.variant?.toolkitVersion : nil }
        return mostCommonString(labels)
    }

    static func rocm(_ sites: [PinSite]) -> String? {
        let tags = sites.filter { $0.kind == .indexURL || $0.kind == .variant || $0.kind == .requirement }
            .compactMap { site -> String? in
                if case let .rocm(v)? = site.variant { return v }
                return nil
            }
        return mostCommonString(tags)
    }

    static func channels(_ sites: [PinSite]) -> [Channel] {
        Array(Set(sites.filter { $0.kind == .indexURL && $0.role != .doc }.compactMap(\.channel))).sorted { $0.rawValue < $1.rawValue }
    }

    static func mostCommon(_ versions: [Version]) -> Version? {
        var counts: [Version: Int] = [:]
        for v in versions { counts[v, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }?.key
    }

    static func mostCommonString(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : compareDotted(a.key, b.key) }?.key
    }

    static func compareDotted(_ a: String, _ b: String) -> Bool {
        (VersionEncoding.components(a) ?? []).lexicographicallyPrecedes(VersionEncoding.components(b) ?? [])
    }
}
