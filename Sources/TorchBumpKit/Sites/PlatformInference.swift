/// Infers the platform of a file or a site from names, markers, local labels and index URLs.
public enum PlatformInference {
    /// From a path: `requirements/cpu.txt` → cpu, `docker/Dockerfile.rocm` → rocm, `Dockerfile.tpu` → tpu,
    /// `requirements/nightly_torch_test.txt` → nightly; otherwise `all`.
    public static func platform(forPath path: String) -> Platform {
        // Every scanner asks this for every file: one pass over the bytes, tokens classified in place.
        var nameMask = 0, pathMask = 0
        var nameNightly = false, pathNightly = false
        var token: [UInt8] = []
        token.reserveCapacity(32)
        var lastSlash = -1
        let bytes = Array(path.utf8)
        for (i, b) in bytes.enumerated() where b == 0x2F { lastSlash = i }
        func flush(inName: Bool) {
            defer { token.removeAll(keepingCapacity: true) }
            guard !token.isEmpty else { return }
            if token == nightlyBytes {
                pathNightly = true
                if inName { nameNightly = true }
                return
            }
            let bit = tableBit(token)
            pathMask |= bit
            if inName { nameMask |= bit }
        }
        for (i, raw) in bytes.enumerated() {
            let b = raw >= 0x41 && raw <= 0x5A ? raw | 0x20 : raw
            if (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 {
                token.append(b)
            } else {
                flush(inName: i > lastSlash)
            }
        }
        flush(inName: true)
        if nameNightly { return .nightly }
        for (k, entry) in table.enumerated() where nameMask & (1 << k) != 0 { return entry.1 }
        // Fall back to folder names (`docker/rocm/Dockerfile`, `ci/cpu/install.sh`).
        for (k, entry) in table.enumerated() where pathMask & (1 << k) != 0 { return entry.1 }
        if pathNightly { return .nightly }
        return .all
    }

    private static let nightlyBytes = Array("nightly".utf8)
    private static let tableBytes: [[[UInt8]]] = table.map { $0.0.map { Array($0.utf8) } }
    private static let rocmIndex = table.firstIndex { $0.1 == .rocm } ?? 0
    private static let cudaIndex = table.firstIndex { $0.1 == .cuda } ?? 0

    /// The table entries a lowercased token names, as a bit mask (`rocm6` → rocm, `cu128` → cuda).
    private static func tableBit(_ token: [UInt8]) -> Int {
        var mask = 0
        for (k, keys) in tableBytes.enumerated() where keys.contains(token) { mask |= 1 << k }
        if token.count >= 4, token.starts(with: [0x72, 0x6F, 0x63, 0x6D]) { mask |= 1 << rocmIndex }  // rocm…
        if token.count >= 4, token[0] == 0x63, token[1] == 0x75, token.dropFirst(2).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            mask |= 1 << cudaIndex
        }
        return mask
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
