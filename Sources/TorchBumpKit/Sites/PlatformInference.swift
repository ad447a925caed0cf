/// Infers the platform of a file or a site from names, markers, local labels and index URLs.
public enum PlatformInference {
    /// From a path: `requirements/cpu.txt` → cpu, `docker/Dockerfile.rocm` → rocm, `Dockerfile.tpu` → tpu,
    /// `requirements/nightly_torch_test.txt` → nightly; otherwise `all`.
    public static func platform(forPath path: String) -> Platform {
        let lower = path.lowercased()
        let name = PathName.last(lower)
        let words = tokens(name)
        let dirWords = tokens(lower)
        if words.contains("nightly") { return .nightly }
        for (keys, platform) in table where keys.contains(where: words.contains) { return platform }
        // Fall back to folder names (`docker/rocm/Dockerfile`, `ci/cpu/install.sh`).
        for (keys, platform) in table where keys.contains(where: dirWords.contains) { return platform }
        if dirWords.contains("nightly") { return .nightly }
        return .all
    }

    private static let table: [([String], Platform)] = [
        (["cpu"], .cpu), (["rocm", "hip", "amd"], .rocm), (["xpu"], .xpu), (["tpu", "xla"], .tpu),
        (["hpu", "gaudi"], .hpu), (["neuron"], .neuron), (["ppc64le", "ppc"], .ppc64le), (["s390x"], .s390x),
        (["arm", "arm64", "aarch64"], .arm), (["cuda", "gpu", "nvidia"], .cuda),
    ]

    static func tokens(_ s: String) -> Set<String> {
        var out = Set<String>()
        var current = ""
        for ch in s {
            if ch.isLetter || ch.isNumber { current.append(ch) } else {
                if !current.isEmpty { out.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty { out.insert(current) }
        // `cu128` / `rocm6` tokens name platforms too.
        for t in out {
            if t.hasPrefix("rocm") { out.insert("rocm") }
            if t.count >= 4, t.hasPrefix("cu"), t.dropFirst(2).allSatisfy(\.isNumber) { out.insert("cuda") }
        }
        return out
    }

    /// From a PEP 508 marker: `platform_machine == "ppc64le"` → ppc64le, `s390x`, `aarch64`/`arm64` → arm;
    /// nil when the marker does not single out a platform (`platform_system == "Darwin"` stays with its file).
    public static func platform(forMarker marker: String) -> Platform? {
        let m = marker.lowercased()
        func eq(_ v: String) -> Bool {
            m.contains("== \"\(v)\"") || m.contains("==\"\(v)\"") || m.contains("== '\(v)'") || m.contains("=='\(v)'")
        }
        if eq("ppc64le") && !eq("aarch64") { return .ppc64le }
        if eq("s390x") && !eq("aarch64") { return .s390x }
        if (eq("aarch64") || eq("arm64")) && !eq("ppc64le") && !eq("x86_64") { return .arm }
        return nil
    }

    /// From a local version label or a variant.
    public static func platform(forVariant variant: Variant) -> Platform { variant.platform }
}
