/// GPU and driver floors stated in docs: "compute capability 7.0 or higher" (subject `compute-capability`) and
/// "R525 or newer" / "driver 525.60.13" (subject `cuda-driver`, the number without the `R`). A plan checks them
/// against what the new torch/CUDA needs; it never rewrites them.
enum DocFloorSites {
    /// Whether a line speaks of a compute capability or a driver (ASCII case-insensitive).
    static func namesAFloor(_ b: [UInt8]) -> Bool {
        b.indices.contains { i in
            let c = b[i] | 0x20
            return c == 0x63 && VersionTokens.hasWord(b, "capability", at: i) || c == 0x64 && VersionTokens.hasWord(b, "driver", at: i)
        }
    }

    static func record(_ text: MappedText, into rec: inout SiteCollector) {
        let b = text.bytes
        let platform = PlatformRefinement.refine(rec.platform, with: .cuda)
        // "compute capability 7.0", "compute capability of at least 7.5", "compute capability >= 7.0"
        var i = 0
        while i + 18 <= b.count {
            guard VersionTokens.hasWord(b, "compute capability", at: i) else { i += 1; continue }
            var j = i + 18
            while j < b.count, j - i < 40, !ASCII.isDigit(b[j]), b[j] != 0x2E, b[j] != 0x28 { j += 1 }
            let n = j < b.count ? VersionTokens.dottedLength(b, at: j) : 0
            if n > 0, VersionTokens.boundaryBefore(b, j), let span = text.fileSpan(j..<(j + n)) {
                rec.add(.version, role: .doc, subject: "compute-capability", span: span, platform: platform,
                        name: "compute capability")
            }
            i = max(j, i + 1)
        }
        guard let driver = (0..<b.count).first(where: { VersionTokens.hasWord(b, "driver", at: $0) }) else { return }
        // "R525", "r580" anywhere on a line that speaks of the driver.
        var found = false
        for k in 0..<b.count where (b[k] | 0x20) == 0x72 && VersionTokens.boundaryBefore(b, k) {
            var e = k + 1
            while e < b.count && ASCII.isDigit(b[e]) { e += 1 }
            guard e - k - 1 == 3, VersionTokens.boundaryAfter(b, e), let span = text.fileSpan((k + 1)..<e) else { continue }
            found = rec.add(.version, role: .doc, subject: "cuda-driver", span: span, platform: platform, name: "driver") || found
        }
        guard !found else { return }
        // "driver 525.60.13 or newer", "driver version >= 580"
        var j = driver + 6
        while j < b.count, j - driver < 24, !ASCII.isDigit(b[j]) { j += 1 }
        guard j < b.count, VersionTokens.boundaryBefore(b, j) else { return }
        var e = j
        while e < b.count && (ASCII.isDigit(b[e]) || b[e] == 0x2E && e + 1 < b.count && ASCII.isDigit(b[e + 1])) { e += 1 }
        let major = b[j..<e].prefix { ASCII.isDigit($0) }.count
        guard major == 3, VersionTokens.boundaryAfter(b, e), let span = text.fileSpan(j..<e) else { return }
        rec.add(.version, role: .doc, subject: "cuda-driver", span: span, platform: platform, name: "driver")
    }
}
