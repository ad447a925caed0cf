/// Records requirement sites for a PEP 508 requirement string that appears inside shell words, sed expressions
/// and docs (decoded text mapped to the file): one site per version specifier of a tracked package, plus the
/// git ref or wheel URL of a direct reference.
enum InlineRequirementSites {
    /// Returns whether the text parsed as a requirement of a tracked package.
    @discardableResult
    static func record(_ value: MappedText, role: SiteRole, platform: Platform, note: String? = nil,
                       heldReason: String? = nil, into rec: inout SiteCollector) -> Bool {
        // `torch==${TORCH_VERSION}+rocm7.1`: the version is computed, but the variant label after it is literal.
        let text = value.string
        if text.contains("$"), let eq = text.range(of: "=="), let plus = text.range(of: "+", options: .backwards),
           plus.lowerBound > eq.upperBound {
            let name = PackageAliases.normalize(String(text[..<eq.lowerBound]).trimmingCharacters(in: .whitespaces))
            let labelStart = text.utf8.distance(from: text.utf8.startIndex, to: plus.upperBound)
            let label = text[plus.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "." }
            if PackageAliases.isTracked(name), let variant = Variant(localLabel: String(label)),
               let span = value.fileSpan(labelStart..<(labelStart + variant.tag.utf8.count)),
               String(label).hasPrefix(variant.tag) {
                rec.add(.variant, role: role, span: span, platform: PlatformRefinement.refine(platform, with: variant.platform),
                        variant: variant, name: name, note: "label of a computed \(name) version")
                return true
            }
        }
        // `torch==2.13.0+$variant`: a literal version with a computed label.
        if text.contains("$"), let eq = text.range(of: "=="), let plus = text.range(of: "+$") ?? text.range(of: "+${"),
           plus.lowerBound > eq.upperBound {
            let name = PackageAliases.normalize(String(text[..<eq.lowerBound]).trimmingCharacters(in: .whitespaces))
            let version = String(text[eq.upperBound..<plus.lowerBound])
            let start = text.utf8.distance(from: text.utf8.startIndex, to: eq.upperBound)
            if PackageAliases.isTracked(name), VersionText.isVersion(version), !version.contains("$"),
               let span = value.fileSpan(start..<(start + version.utf8.count)) {
                rec.add(.requirement, role: role, subject: name, span: span, platform: platform, op: "==",
                        heldReason: heldReason, note: note)
                return true
            }
        }
        // Parsed at offset 0 of the decoded text; spans are mapped back through `value`.
        guard let req = try? Requirement.parse(value.string, offset: 0) else { return false }
        let name = req.normalizedName
        guard PackageAliases.isTracked(name) else { return false }
        var p = platform
        if let marker = req.marker { p = PlatformRefinement.refine(p, with: PlatformInference.platform(forMarker: marker)) }
        if let urlSpan = req.urlSpan {
            let url = value.slice(urlSpan.start..<urlSpan.end)
            if !ValueClassifier.gitURL(url, package: name, role: role, platform: p, into: &rec) {
                ValueClassifier.wheelURL(url, role: role, platform: p, into: &rec)
            }
        }
        for spec in req.specifiers {
            guard !spec.version.contains("$"),
                  let span = value.fileSpan(spec.versionSpan.start..<spec.versionSpan.end) else { continue }
            let version = Version(spec.version)
            let variant = version?.localLabel.flatMap(ValueClassifier.leadingVariant)
            var sp = PlatformRefinement.refine(p, with: variant?.platform)
            if version?.isDevrelease == true { sp = PlatformRefinement.refine(sp, with: .nightly) }
            rec.add(.requirement, role: role, subject: name, span: span, platform: sp, variant: variant,
                    op: spec.op.rawValue, heldReason: heldReason, note: note)
        }
        return true
    }
}
