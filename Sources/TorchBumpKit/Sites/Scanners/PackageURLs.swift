import Foundation

extension ValueClassifier {
    /// A direct wheel URL of a tracked package (`…/flashinfer_python-0.2.1.post2+cu124torch2.6-cp38-abi3-….whl`):
    /// one wheel-url site over the whole URL, subject from the filename, variant from the local label.
    /// Returns false when the URL is not a wheel of a tracked package.
    @discardableResult
    static func wheelURL(_ url: MappedText, role: SiteRole, platform: Platform, into rec: inout SiteCollector) -> Bool {
        let s = url.string
        guard s.lowercased().hasSuffix(".whl"), !Expansions.contains(url.bytes), let span = url.fileSpan else { return false }
        let last = s.split(separator: "/").last.map(String.init) ?? s
        let filename = percentDecoded(last)
        guard let wheel = try? WheelFilename(parsing: filename) else { return false }
        let subject = PackageAliases.normalize(wheel.name)
        guard PackageAliases.isTracked(subject) else { return false }
        let label = wheel.version.localLabel
        let variant = label.flatMap(leadingVariant)
        var p = platform
        if let variant { p = PlatformRefinement.refine(p, with: variant.platform) }
        if wheel.version.isDevrelease { p = PlatformRefinement.refine(p, with: .nightly) }
        var note = "version \(wheel.version.publicVersion)"
        if let label { note += ", local label +\(label)" }
        if let variant { note += ", variant \(variant.tag)" }
        if let t = label.flatMap(torchInLabel) { note += ", built for torch \(t)" }
        return rec.add(.wheelURL, role: role, subject: subject, span: span, platform: p, variant: variant, note: note)
    }

    /// `cu124torch2.6` → cu124, `cu12torch2.8cxx11abiTRUE` → nil (major only), `rocm6.3` → rocm6.3.
    static func leadingVariant(_ label: String) -> Variant? {
        if let v = Variant(localLabel: label) { return v }
        let b = Array(label.utf8)
        if let m = VersionTokens.variants(in: b).first, m.range.lowerBound == 0 { return m.variant }
        return nil
    }

    static func torchInLabel(_ label: String) -> String? {
        let b = Array(label.utf8)
        return VersionTokens.mentions(in: b).first { $0.subject == "torch" }.map { String(decoding: b[$0.range], as: UTF8.self) }
    }

    static func percentDecoded(_ s: String) -> String {
        s.removingPercentEncoding ?? s
    }

    /// A `git+…@ref` URL of a tracked package (`git+https://github.com/facebookresearch/xformers@v0.0.30`):
    /// a git-ref site on the ref. `package` names the package when the requirement gives it (`pkg @ git+…`).
    @discardableResult
    static func gitURL(_ url: MappedText, package: String?, role: SiteRole, platform: Platform,
                       into rec: inout SiteCollector) -> Bool {
        let b = url.bytes
        let s = url.string
        guard s.hasPrefix("git+") || s.hasPrefix("git://") || (s.contains("github.com") && s.contains(".git@")) else { return false }
        guard let scheme = url.firstIndex(of: "://") else { return false }
        let hostStart = scheme + 3
        var pathStart = hostStart
        while pathStart < b.count && b[pathStart] != 0x2F { pathStart += 1 }
        var end = b.count
        if let hash = b[pathStart...].firstIndex(of: 0x23) { end = hash }
        guard let at = b[pathStart..<end].lastIndex(of: 0x40) else { return false }
        let refRange = (at + 1)..<end
        guard !refRange.isEmpty, !Expansions.contains(Array(b[refRange])), let span = url.fileSpan(refRange) else { return false }
        var subject = package.map(PackageAliases.normalize)
        if subject == nil, let egg = s.range(of: "#egg=") {
            subject = PackageAliases.normalize(String(s[egg.upperBound...].prefix { $0 != "&" }))
        }
        if subject == nil { subject = PackageAliases.package(forRepository: url[hostStart..<at]) }
        guard let subject, PackageAliases.isTracked(subject) else { return false }
        return rec.add(.gitRef, role: role, subject: subject, span: span, platform: platform,
                       note: "git ref of \(url[hostStart..<at])")
    }
}
