extension ValueClassifier {
    /// A container image reference: `nvidia/cuda:12.8.1-devel-ubuntu22.04` (site `12.8.1`, subject cuda),
    /// `nvidia/cuda:${CUDA_VERSION}-…` (derived), `rocm/dev-ubuntu-22.04:6.2.4-complete` (rocm),
    /// `…:rocm6.2.4_torch2.6.0` and `pytorch/pytorch:2.6.0-cuda12.4-…` (one site per token),
    /// `vendor/pytorch-installer-2.6.0:latest` (torch), `serving-engine:cu128-${COMMIT}` (a variant site).
    /// Returns whether a site was recorded.
    @discardableResult
    static func image(_ ref: MappedText, name: String?, role: SiteRole, platform: Platform,
                      into rec: inout SiteCollector) -> Bool {
        let b = ref.bytes
        guard !b.isEmpty, !b.contains(0x20) else { return false }
        // repository[:tag][@digest]; the tag colon is the first `:` after the last `/` outside expansions.
        let exps = Expansions.find(in: b)
        func outside(_ i: Int) -> Bool { !exps.contains { $0.range.contains(i) } }
        var lastSlash = -1
        for (i, c) in b.enumerated() where c == 0x2F && outside(i) { lastSlash = i }
        var colon: Int?
        for i in (lastSlash + 1)..<b.count where b[i] == 0x3A && outside(i) { colon = i; break }
        let at = b.indices.first { b[$0] == 0x40 && outside($0) && $0 > lastSlash } ?? b.count
        let repoEnd = colon ?? at
        let repo = String(decoding: b[0..<repoEnd], as: UTF8.self).lowercased()
        let tagRange = colon.map { ($0 + 1)..<max($0 + 1, at) } ?? at..<at
        let component = (lastSlash + 1)..<repoEnd
        var recorded = false

        func add(_ range: Range<Int>, _ subject: String, derived: String? = nil) {
            guard let span = ref.fileSpan(range) else { return }
            let evidence: Platform? = subject == "cuda" ? .cuda : subject == "rocm" ? .rocm : nil
            let ok = rec.add(.image, role: derived == nil ? role : .derived, subject: subject, span: span,
                             platform: PlatformRefinement.refine(platform, with: evidence),
                             name: derived ?? name,
                             note: derived.map { "follows \($0); needs no edit of its own" })
            recorded = recorded || ok
        }

        if repo == "cuda" || repo.hasSuffix("/cuda") {
            guard !tagRange.isEmpty else { return false }
            let t = tagRange.lowerBound
            let n = VersionTokens.dottedLength(b, at: t)
            if n > 0 { add(t..<(t + n), "cuda") }
            else if let e = exps.first(where: { $0.range.lowerBound == t }), let v = Expansions.followed(e.variables) {
                add(e.range, "cuda", derived: v)
            }
            return recorded
        }
        if repo.contains("nvidia/pytorch") { return false }  // NGC tags are YY.MM releases, not torch versions

        // Tokens named inside the tag (`rocm6.2.4`, `torch2.6.0`, `cuda12.4`, `pytorch_release_2.6.0`).
        let tag = Array(b[tagRange])
        for m in VersionTokens.mentions(in: tag) {
            guard let subject = m.subject else { continue }
            add((m.range.lowerBound + tagRange.lowerBound)..<(m.range.upperBound + tagRange.lowerBound), subject)
        }
        // CUDA variant tags inside the tag (`serving-engine:cu128-${COMMIT}`, `app:v1.2-cu126`): they name the build the
        // image was made for and move with it. Only whole tokens outside expansions, for a plausible toolkit (cu1xx).
        for m in VersionTokens.variants(in: tag) {
            let range = (m.range.lowerBound + tagRange.lowerBound)..<(m.range.upperBound + tagRange.lowerBound)
            guard let v = m.variant, case let .cuda(major, _) = v, (10...19).contains(major),
                  range.upperBound >= b.count || !ASCII.isAlnum(b[range.upperBound]),
                  range.allSatisfy(outside), let span = ref.fileSpan(range) else { continue }
            let ok = rec.add(.variant, role: role, span: span, platform: PlatformRefinement.refine(platform, with: .cuda),
                             variant: v, name: name, note: "variant in the image tag")
            recorded = recorded || ok
        }
        // A tag that starts with a version: rocm/… images carry the ROCm version, torch images the torch version.
        let lead = VersionTokens.dottedLength(b, at: tagRange.lowerBound)
        let compText = String(decoding: b[component], as: UTF8.self).lowercased()
        if !tagRange.isEmpty, lead > 0 {
            let r = tagRange.lowerBound..<(tagRange.lowerBound + lead)
            if repo.hasPrefix("rocm/") || repo.contains("/rocm/") { add(r, "rocm") }
            else if compText.contains("torch") { add(r, "torch") }
        }
        // Versions in the repository's last component (`pytorch-installer-2.6.0`).
        if compText.contains("torch") {
            var i = component.lowerBound
            while i < component.upperBound {
                if VersionTokens.boundaryBefore(b, i) {
                    let n = VersionTokens.dottedLength(b, at: i)
                    if n > 0, i + n <= component.upperBound { add(i..<(i + n), "torch"); i += n; continue }
                }
                i += 1
            }
        }
        return recorded
    }
}
