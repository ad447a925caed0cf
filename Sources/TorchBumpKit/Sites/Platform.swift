/// The hardware/build platform a pin site belongs to. `all` means the site applies everywhere
/// (e.g. a common requirements file or a `[build-system]` pin).
public enum Platform: String, Hashable, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case cuda, cpu, rocm, xpu, tpu, hpu, neuron, arm, ppc64le, s390x, nightly, all

    public var description: String { rawValue }

    private var rank: Int { Platform.allCases.firstIndex(of: self)! }
    public static func < (a: Platform, b: Platform) -> Bool { a.rank < b.rank }

    /// Parses a comma-separated list such as `cuda,cpu,rocm` (whitespace ignored).
    public static func parseList(_ text: String) -> (platforms: [Platform], unknown: [String]) {
        var out: [Platform] = [], unknown: [String] = []
        for raw in text.split(separator: ",") {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            if let p = Platform(rawValue: name) { if !out.contains(p) { out.append(p) } } else { unknown.append(name) }
        }
        return (out, unknown)
    }
}
