import Foundation

/// Generated simple-index pages in download.pytorch.org's shape, for tests and benchmarks (deterministic).
public enum SyntheticIndexPage {
    /// One generated link.
    public struct Link: Hashable, Sendable {
        public var filename: String
        /// Root-relative, `+` encoded as `%2B`, without the fragment.
        public var href: String
        /// The `#sha256=` fragment value (nil on some links, as on real nightly pages).
        public var sha256: String?
        /// The `data-core-metadata` hash (nil when the file has no sidecar).
        public var metadataSHA256: String?

        public init(filename: String, href: String, sha256: String?, metadataSHA256: String?) {
            self.filename = filename
            self.href = href
            self.sha256 = sha256
            self.metadataSHA256 = metadataSHA256
        }
    }

    static let variants = ["cpu", "cu118", "cu121", "cu124", "cu126", "cu128", "cu129", "cu130", "rocm6.2.4", "rocm6.3", "xpu"]
    static let pythons = ["cp39-cp39", "cp310-cp310", "cp311-cp311", "cp312-cp312", "cp313-cp313", "cp313-cp313t", "cp314-cp314"]
    static let platforms = ["manylinux_2_28_x86_64", "manylinux_2_28_aarch64", "win_amd64", "macosx_11_0_arm64", "linux_x86_64"]

    /// `count` links like the root page `/whl/torch/`: every variant, Python and platform of successive versions.
    /// Every 13th link lacks `#sha256=`, every 7th lacks a metadata sidecar.
    public static func links(count: Int, package: String = "torch") -> [Link] {
        var out: [Link] = []
        out.reserveCapacity(max(0, count))
        var n = 0
        var versionIndex = 0
        while out.count < count {
            let version = "\(2 + versionIndex / 64).\(versionIndex / 4 % 16).\(versionIndex % 4)"
            versionIndex += 1
            for variant in variants {
                for python in pythons {
                    for platform in platforms {
                        guard out.count < count else { return out }
                        let local = platform.hasPrefix("macosx") ? "" : "+" + variant
                        let filename = "\(package)-\(version)\(local)-\(python)-\(platform).whl"
                        let href = "/whl/\(variant)/" + filename.replacingOccurrences(of: "+", with: "%2B")
                        n += 1
                        out.append(Link(
                            filename: filename, href: href,
                            sha256: n % 13 == 0 ? nil : fakeDigest(filename),
                            metadataSHA256: n % 7 == 0 ? nil : fakeDigest(filename + ".metadata")))
                    }
                }
            }
        }
        return out
    }

    /// The PEP 503 HTML for `links`, exactly as PyTorch's generator lays it out (`<h1>`, one anchor and `<br/>`
    /// per line, metadata attributes, trailing `<!--TIMESTAMP n-->`).
    public static func html(_ links: [Link], package: String = "torch", timestamp: Int = 1_700_000_000) -> String {
        var s = "<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for \(package)</h1>\n"
        s.reserveCapacity(links.count * 340 + 200)
        for link in links {
            s += "    <a href=\"\(link.href)"
            if let sha = link.sha256 { s += "#sha256=\(sha)" }
            s += "\""
            if let meta = link.metadataSHA256 {
                s += " data-dist-info-metadata=\"sha256=\(meta)\" data-core-metadata=\"sha256=\(meta)\""
            }
            s += ">\(link.filename)</a><br/>\n"
        }
        s += "  </body>\n</html>\n<!--TIMESTAMP \(timestamp)-->\n"
        return s
    }

    /// A torch-shaped root page with `links` anchors (30,000 is the size of the real `/whl/torch/` page).
    public static func torchShaped(links count: Int) -> String {
        html(links(count: count))
    }

    /// A stable 64-hex-digit stand-in for a SHA-256 (four FNV-1a rounds; not a real digest of anything).
    public static func fakeDigest(_ text: String) -> String {
        (0..<4).map { round -> String in
            var h = FNV1a64()
            h.combine(Array("\(round):\(text)".utf8))
            return h.hex
        }.joined()
    }
}
