/// Turns values found by the Dockerfile, CI, shell and docs scanners into sites: `NAME=value` assignments
/// (ARG/ENV, build args, env blocks, shell variables), index URLs (literal or computed), image references and
/// git URLs. Shared so that `CUDA_VERSION=12.8.1` means the same thing in every file kind.
enum ValueClassifier {
    /// Classifies `NAME=value`. Returns whether a site was recorded.
    @discardableResult
    static func assignment(
        name: String, value raw: MappedText, role: SiteRole = .pin, platform: Platform? = nil,
        constants: [String] = [], into rec: inout SiteCollector
    ) -> Bool {
        let value = raw.trimmed
        let b = value.bytes
        guard !b.isEmpty else { return false }
        if Expansions.isPureReference(b) {
            // `${CUDA_VERSION:-12.8}` / `${X-default}`: the default is a value of its own.
            guard b.count > 3, b[1] == 0x7B, b[2] != 0x7B, let sep = value.firstIndex(of: "-"), sep > 2,
                  b[2..<sep].allSatisfy({ ASCII.isNameByte($0) || $0 == 0x3A }) else { return false }
            let defaultValue = value.slice((sep + 1)..<(b.count - 1))
            return assignment(name: name, value: defaultValue, role: role, platform: platform, constants: constants,
                              into: &rec)
        }
        let upper = name.uppercased()
        let tokens = upper.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
        let base = platform ?? rec.platform

        if upper.hasSuffix("INDEX_STRATEGY") {
            guard !Expansions.contains(b), let span = value.fileSpan else { return false }
            return rec.add(.indexStrategy, role: role, span: span, platform: base, name: name)
        }
        if upper.hasSuffix("TORCH_BACKEND") {
            guard let span = value.fileSpan, let v = Variant(tag: value.string) else { return false }
            return rec.add(.variant, role: role, span: span,
                           platform: PlatformRefinement.refine(base, with: v.platform), variant: v, name: name)
        }
        if upper.contains("ARCH_LIST") || upper == "CUDA_ARCHS" || upper == "CMAKE_CUDA_ARCHITECTURES" {
            guard let first = b.first, ASCII.isDigit(first), !Expansions.contains(b), let span = value.fileSpan
            else { return false }
            return rec.add(.archList, role: role, subject: "cuda", span: span,
                           platform: PlatformRefinement.refine(base, with: .cuda), name: name)
        }
        if tokens.contains("INDEX") || upper.hasSuffix("FIND_LINKS") || looksLikeIndexURL(value.string) {
            var recorded = false
            for url in splitWhitespace(value) {
                var u = url
                // `UV_INDEX="name=https://…"` entries.
                if let eq = u.firstIndex(of: "="), eq < (u.firstIndex(of: ":") ?? Int.max) { u = u.slice((eq + 1)..<u.count) }
                if u.string.contains("/") || Expansions.contains(u.bytes) {
                    recorded = indexURL(u, name: name, role: role, platform: base, into: &rec) || recorded
                }
            }
            return recorded
        }
        if upper.contains("IMAGE") || looksLikeImage(value.string) {
            return image(value, name: name, role: role, platform: base, into: &rec)
        }
        if let last = tokens.last, ["VERSION", "VER"].contains(last) || constants.contains(name) {
            let prefix = tokens.last.map { ["VERSION", "VER"].contains($0) ? Array(tokens.dropLast()) : tokens } ?? tokens
            let subject: String?
            if prefix.contains("CUDA") || prefix.contains("CU") { subject = "cuda" }
            else if prefix.contains("ROCM") || prefix.contains("HIP") { subject = "rocm" }
            else if prefix == ["PYTHON"] || prefix == ["PY"] { subject = "python" }
            else if let p = PackageAliases.package(forVariablePrefix: prefix.joined(separator: "_")) { subject = p }
            else { subject = constants.contains(name) ? "cuda" : nil }  // configured constants name the main CUDA
            if let subject, version(value, subject: subject, name: name, role: role, platform: base, into: &rec) {
                return true
            }
        }
        // `DEFAULT_CUDA=13.0`, `MAIN_CUDA: "12.8"`: a name ending in CUDA holding a toolkit version.
        if tokens.last == "CUDA", VersionTokens.isDotted(value.string), value.string.contains("."),
           version(value, subject: "cuda", name: name, role: role, platform: base, into: &rec) {
            return true
        }
        if let last = tokens.last, ["REF", "BRANCH", "TAG", "COMMIT", "SHA", "HASH"].contains(last) {
            var prefix = Array(tokens.dropLast())
            if prefix.last == "GIT" { prefix.removeLast() }
            if let subject = PackageAliases.package(forVariablePrefix: prefix.joined(separator: "_")),
               gitRefValue(value, subject: subject, name: name, role: role, platform: base, into: &rec) {
                return true
            }
        }
        // `CUDA_TAG=cu128`, `ROCM_TAG=rocm6.3`: a CUDA/ROCm variant tag under any name.
        if let v = Variant(tag: value.string), v.isCUDA || v.isROCm, let span = value.fileSpan {
            return rec.add(.variant, role: role, span: span, platform: PlatformRefinement.refine(base, with: v.platform),
                           variant: v, name: name)
        }
        return false
    }

    /// A version value (`12.8.1`, `2.6.0`, `v0.21.0`): the version token without a leading `v`.
    @discardableResult
    static func version(_ value: MappedText, subject: String, name: String?, role: SiteRole, platform: Platform,
                        into rec: inout SiteCollector) -> Bool {
        let b = value.bytes
        var start = 0
        if let f = b.first, f == 0x76 || f == 0x56 { start = 1 }
        let toolkit = ["cuda", "rocm", "python"].contains(subject)
        let n = toolkit ? VersionTokens.dottedLength(b, at: start) : VersionTokens.versionLength(b, at: start, minParts: 1)
        guard n > 0, let span = value.fileSpan(start..<(start + n)) else { return false }
        let p = subject == "cuda" ? PlatformRefinement.refine(platform, with: .cuda)
            : subject == "rocm" ? PlatformRefinement.refine(platform, with: .rocm)
            : PlatformRefinement.refine(platform, with: value[start..<(start + n)].contains(".dev") ? .nightly : nil)
        return rec.add(.version, role: role, subject: subject, span: span, platform: p, name: name)
    }

    /// A git ref held in a variable: a `v`-tag or version gives the version token, a commit hash the whole value.
    static func gitRefValue(_ value: MappedText, subject: String, name: String, role: SiteRole, platform: Platform,
                            into rec: inout SiteCollector) -> Bool {
        let b = value.bytes
        var start = 0
        if let f = b.first, f == 0x76 || f == 0x56 { start = 1 }
        let n = VersionTokens.versionLength(b, at: start, minParts: 2, local: false)
        if n > 0, start + n == b.count, let span = value.fileSpan(start..<b.count) {
            return rec.add(.gitRef, role: role, subject: subject, span: span, platform: platform, name: name,
                           note: start == 1 ? "tag \(value.string); the v prefix stays outside the span" : nil)
        }
        let isHash = b.count >= 7 && b.allSatisfy { ASCII.isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }
        guard isHash, let span = value.fileSpan else { return false }
        return rec.add(.gitRef, role: role, subject: subject, span: span, platform: platform, name: name,
                       note: "commit")
    }

    static func looksLikeIndexURL(_ s: String) -> Bool {
        s.contains("download.pytorch.org") || s.contains("flashinfer.ai/whl") || s.contains("/whl/cu")
            || s.contains("/whl/rocm") || s.contains("/whl/cpu") || s.contains("/whl/xpu") || s.contains("/whl/nightly")
            || s.contains("/whl/test")
    }

    static func looksLikeImage(_ s: String) -> Bool {
        !s.contains(" ") && (s.contains("nvidia/cuda:") || s.hasPrefix("rocm/") || s.contains("/rocm/"))
    }

    static func splitWhitespace(_ text: MappedText) -> [MappedText] {
        var out: [MappedText] = []
        var start: Int?
        for (i, c) in text.bytes.enumerated() {
            if ASCII.isSpace(c) {
                if let s = start { out.append(text.slice(s..<i)); start = nil }
            } else if start == nil { start = i }
        }
        if let s = start { out.append(text.slice(s..<text.count)) }
        return out
    }

    // MARK: Index URLs

    /// An index URL: literal (`…/whl/cu128`, variant and channel from `PyTorchIndexURL`) or with a computed variant
    /// part (`…/whl/cu$(echo $CUDA_VERSION | …)`, role derived, name = the variable it follows).
    @discardableResult
    static func indexURL(_ url: MappedText, name: String, role: SiteRole, platform: Platform,
                         into rec: inout SiteCollector) -> Bool {
        let s = url.string
        guard let span = url.fileSpan, !s.isEmpty else { return false }
        let subject = extensionSubject(s)
        if Expansions.contains(url.bytes) {
            let exps = Expansions.find(in: url.bytes)
            // The last `/` outside every expansion separates the base from the variant segment.
            var lastSlash = -1
            for (i, c) in url.bytes.enumerated() where c == 0x2F && !exps.contains(where: { $0.range.contains(i) }) {
                lastSlash = i
            }
            let tailExps = exps.filter { $0.range.lowerBound > lastSlash }
            let lowered = s.lowercased()
            let channel: Channel? = lowered.contains("nightly") ? .nightly : lowered.contains("/test") ? .test
                : lowered.contains("download.pytorch.org") ? .release : nil
            var p = platform
            if channel == .nightly { p = PlatformRefinement.refine(p, with: .nightly) }
            if tailExps.isEmpty {
                let tail = url[(lastSlash + 1)..<url.count]
                let variant = Variant(tag: tail)
                let bases = exps.flatMap(\.variables)
                if let v = variant { p = PlatformRefinement.refine(p, with: v.platform) }
                return rec.add(.indexURL, role: role, subject: subject, span: span, platform: p, variant: variant,
                               channel: channel, name: name,
                               note: bases.isEmpty ? nil : "base URL from \(bases.joined(separator: ", "))")
            }
            let follows = Expansions.followed(tailExps.flatMap(\.variables)) ?? "a shell expression"
            // `…/cu$(…)` is a CUDA index whatever the version; `…/rocm${…}` a ROCm one.
            let tail = url[(lastSlash + 1)..<url.count].lowercased()
            if tail.hasPrefix("cu$") || tail.hasPrefix("cu`") { p = PlatformRefinement.refine(p, with: .cuda) }
            if tail.hasPrefix("rocm$") || tail.hasPrefix("rocm`") { p = PlatformRefinement.refine(p, with: .rocm) }
            let variantRole: SiteRole = role == .pin ? .derived : role
            return rec.add(.indexURL, role: variantRole, subject: subject, span: span, platform: p, channel: channel,
                           name: follows,
                           note: "variant computed from \(follows); follows that variable and needs no edit (option \(name))")
        }
        let parsed = PyTorchIndexURL(s)
        // Only PyTorch-layout (`/whl/…`) and known extension indexes are sites; PyPI and private mirrors are not
        // (the command's `indexURLs` still lists them).
        guard parsed != nil || subject != nil else { return false }
        var p = platform
        if let v = parsed?.variant { p = PlatformRefinement.refine(p, with: v.platform) }
        if parsed?.channel == .nightly { p = PlatformRefinement.refine(p, with: .nightly) }
        var variant = parsed?.variant
        if variant == nil, s.contains("pytorch-extension.intel.com"), s.contains("/xpu") { variant = .xpu }
        return rec.add(.indexURL, role: role, subject: subject, span: span, platform: p, variant: variant,
                       channel: parsed?.channel, name: name)
    }

    /// The extension an index URL serves (`flashinfer.ai` → flashinfer-python), nil for PyTorch's own indexes.
    static func extensionSubject(_ url: String) -> String? {
        let s = url.lowercased()
        if let subject = TrackedPackages.extensionSubject(forIndexURL: s) { return subject }
        if let p = PyTorchIndexURL(s), !p.rest.isEmpty {
            let first = p.rest.split(separator: "/").first.map(String.init) ?? ""
            let n = PackageAliases.package(forVariablePrefix: first)
            if let n, n != "torch" { return n }
        }
        return nil
    }
}
