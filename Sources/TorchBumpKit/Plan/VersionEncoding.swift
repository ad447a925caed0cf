/// Re-encodes versions in the shape an existing token uses: the same number of components (`2.6` → `2.7`,
/// `2.6.0` → `2.7.0`), the same separator (`12-4` → `12-8`), CUDA patch levels from the release knowledge.
public enum VersionEncoding {
    /// Components of a dotted or dashed numeric version (`"12.4.1"` → [12, 4, 1]); nil when not purely numeric.
    public static func components(_ text: String) -> [Int]? {
        let sep: Character = text.contains("-") && !text.contains(".") ? "-" : "."
        let parts = text.split(separator: sep, omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return nil }
        var out: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy(\.isASCIIDigit), let n = Int(p) else { return nil }
            out.append(n)
        }
        return out
    }

    /// `X.Y` of a CUDA/ROCm/torch version token in any supported shape (`12.4.1`, `12.4`, `12-4`).
    public static func minor(_ text: String) -> String? {
        guard let c = components(text), c.count >= 2 else { return nil }
        return "\(c[0]).\(c[1])"
    }

    /// Writes `new` (dotted, e.g. `12.8.1` or `2.7.0`) with as many components as `old` has, and `old`'s separator.
    /// `patchFor` supplies a third component when `old` has three and `new` has two (CUDA `12.8` → `12.8.1`).
    public static func reencode(old: String, new: String, patchFor: ((String) -> String?)? = nil) -> String {
        let sep = old.contains("-") && !old.contains(".") ? "-" : "."
        let oldCount = components(old)?.count ?? 3
        var newParts = new.split(separator: ".").map(String.init)
        if newParts.count < oldCount, oldCount == 3, let full = patchFor?(newParts.prefix(2).joined(separator: ".")) {
            newParts = full.split(separator: ".").map(String.init)
        }
        while newParts.count < oldCount { newParts.append("0") }
        if newParts.count > oldCount { newParts = Array(newParts.prefix(oldCount)) }
        return newParts.joined(separator: sep)
    }
}
