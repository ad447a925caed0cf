import Foundation

/// Builds `PinSite`s for one file, filling location, context and the file's default platform the same way
/// for every scanner of this family (requirements, lock, pyproject, Python, CMake).
struct SiteRecorder {
    let file: SourceFile
    let fileKind: FileKind
    /// `PlatformInference.platform(forPath:)` of the file.
    let platform: Platform

    init(file: SourceFile, fileKind: FileKind) {
        self.file = file
        self.fileKind = fileKind
        self.platform = PlatformInference.platform(forPath: file.path)
    }

    func site(
        _ kind: SiteKind, _ role: SiteRole = .pin, subject: String?, span: Span, platform: Platform? = nil,
        variant: Variant? = nil, channel: Channel? = nil, name: String? = nil, op: String? = nil,
        heldReason: String? = nil, note: String? = nil
    ) -> PinSite {
        // Never trust a computed span blindly: clamp it to the file so bad input cannot crash.
        let count = file.bytes.count
        let start = min(max(span.start, 0), count)
        let span = Span(start, min(max(span.end, start), count))
        let location = file.location(of: span.start)
        return PinSite(
            path: file.path, file: fileKind, kind: kind, role: role, subject: subject, value: file[span], span: span,
            line: location.line, column: location.column, platform: platform ?? self.platform, variant: variant,
            channel: channel, name: name, op: op,
            context: file.line(location.line).trimmingCharacters(in: .whitespaces), heldReason: heldReason, note: note)
    }

    func location(_ offset: Int) -> SourceLocation { file.location(of: offset) }
}

/// Small text predicates shared by the scanners of this family.
enum VersionText {
    /// `2.8.0`, `12.8`, `2.9.0.dev20250801+cu128`, `0.0.32.post1`: starts with a digit, has a dot, parses as PEP 440.
    static func isVersion(_ text: String) -> Bool {
        guard let first = text.first, first.isASCIIDigit, text.contains(".") else { return false }
        return Version(text) != nil
    }

    /// Whether `text` contains a `${VAR}` / `$VAR` interpolation.
    static func isInterpolated(_ text: String) -> Bool { text.contains("$") }

    /// An `TORCH_CUDA_ARCH_LIST`-style value: `7.0 7.5 8.0+PTX`, `7.0;8.9;9.0a`, `gfx90a;gfx942`.
    static func isArchList(_ text: String) -> Bool {
        let items = text.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "," }).map(String.init)
        guard !items.isEmpty else { return false }
        return items.allSatisfy { item in
            let lower = item.lowercased()
            if lower.hasPrefix("gfx") { return lower.count > 3 }
            if lower.hasPrefix("sm_") || lower.hasPrefix("compute_") { return true }
            let core = lower.hasSuffix("+ptx") ? String(lower.dropLast(4)) : lower
            let parts = core.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[0].allSatisfy(\.isASCIIDigit) && !parts[0].isEmpty
                && !parts[1].isEmpty && parts[1].first?.isASCIIDigit == true
                && parts[1].allSatisfy { $0.isASCIIDigit || $0 == "a" || $0 == "f" }
        }
    }

    /// What a constant holding `value` is about, from its name (`…TORCH…` → torch, `…CUDA…` → cuda,
    /// `…ROCM…`/`…HIP…` → rocm); when the name mentions several (`TORCH_SUPPORTED_VERSION_CUDA`) or none,
    /// the value's major version decides.
    static func subject(forConstantName name: String, value: String) -> String? {
        let upper = name.uppercased()
        var mentioned: [String] = []
        if upper.contains("TORCH") { mentioned.append("torch") }
        if upper.contains("CUDA") { mentioned.append("cuda") }
        if upper.contains("ROCM") || upper.contains("HIP") { mentioned.append("rocm") }
        let byValue = subject(forVersion: value)
        if mentioned.count == 1 { return mentioned[0] }
        if let byValue, mentioned.isEmpty || mentioned.contains(byValue) { return byValue }
        return mentioned.first
    }

    /// Guesses what a bare version is about from its major number (CUDA 9–13, ROCm 5–7, torch 1–2).
    static func subject(forVersion text: String) -> String? {
        guard let major = Version(text)?.major else { return nil }
        switch major {
        case 9...19: return "cuda"
        case 5...7: return "rocm"
        case 1...2: return "torch"
        default: return nil
        }
    }
}

/// Turns parsed requirements, index URLs and comments into sites, applying the platform conventions
/// (nightly versions, markers, local labels, then the file's platform).
struct RequirementSiteBuilder {
    let recorder: SiteRecorder
    /// The platform of sites without a more specific signal (the file's platform, possibly refined from its
    /// PyTorch index).
    var basePlatform: Platform

    init(recorder: SiteRecorder, basePlatform: Platform? = nil) {
        self.recorder = recorder
        self.basePlatform = basePlatform ?? recorder.platform
    }

    /// Nightly versions → nightly; a marker singling out a machine → that platform; a local label → its variant's
    /// platform; else `basePlatform`.
    func platform(version: String?, marker: String?, variant: Variant?) -> Platform {
        if let version, let v = Version(version), v.isDevrelease { return .nightly }
        if let marker, let p = PlatformInference.platform(forMarker: marker) { return p }
        if let variant { return variant.platform }
        return basePlatform
    }

    /// Sites of one requirement of a tracked package: one per specifier version token, plus a wheel-url or
    /// git-ref site for `name @ url`. Untracked packages give nothing. `${VAR}` versions give a problem instead.
    func sites(for requirement: Requirement, role: SiteRole, name: String? = nil, heldReason: String? = nil)
        -> (sites: [PinSite], problems: [(RequirementsScanProblem, Int)]) {
        let subject = requirement.normalizedName
        guard TrackedPackages.contains(subject) else {
            // An untracked package pinned to a build for one torch (`mylib==0.4.2+cu128torch2.8`) is torch-compiled:
            // it is a site, so a plan can say it needs a build for the new torch.
            let tied = requirement.specifiers.filter { ($0.op == .equal || $0.op == .arbitrary)
                && $0.version.range(of: #"\+.*torch[0-9]+\.[0-9]+"#, options: .regularExpression) != nil
                && recorder.file[$0.versionSpan] == $0.version }
            return (tied.map { token in
                recorder.site(.requirement, role, subject: subject, span: token.versionSpan,
                              platform: platform(version: token.version, marker: requirement.marker, variant: nil),
                              name: name, op: token.op.rawValue, heldReason: heldReason, note: "built for one torch (local label)")
            }, [])
        }
        var sites: [PinSite] = []
        var problems: [(RequirementsScanProblem, Int)] = []
        for token in requirement.specifiers {
            if token.hasEnvironmentVariable || token.version.contains("$") {
                problems.append((.interpolatedVersion(package: subject, text: token.version), token.versionSpan.start))
                continue
            }
            // Skip empty `===` versions and tokens whose text was unescaped (TOML/Python strings with escapes).
            guard !token.version.isEmpty, recorder.file[token.versionSpan] == token.version else { continue }
            let label = token.version.split(separator: "+", maxSplits: 1).dropFirst().first.map(String.init)
            let variant = label.flatMap { Variant(localLabel: $0) }
            sites.append(recorder.site(
                .requirement, role, subject: subject, span: token.versionSpan,
                platform: platform(version: token.version, marker: requirement.marker, variant: variant),
                variant: variant, name: name, op: token.op.rawValue, heldReason: heldReason))
        }
        if let url = requirement.url, let urlSpan = requirement.urlSpan, recorder.file[urlSpan] == url {
            sites += urlSites(url: url, span: urlSpan, subject: subject, marker: requirement.marker, role: role,
                              name: name, heldReason: heldReason)
        }
        return (sites, problems)
    }

    /// A wheel-url site for a direct wheel link, or a git-ref site for `git+…@ref`.
    func urlSites(url: String, span: Span, subject: String?, marker: String?, role: SiteRole, name: String?,
                  heldReason: String?) -> [PinSite] {
        if let ref = Self.gitRef(in: url) {
            guard let subject = subject ?? TrackedPackages.package(forRepositoryURL: url),
                  TrackedPackages.contains(subject) else { return [] }
            let refSpan = Span(span.start + ref.start, span.start + ref.end)
            return [recorder.site(.gitRef, role, subject: subject, span: refSpan,
                                  platform: platform(version: nil, marker: marker, variant: nil),
                                  name: name, heldReason: heldReason)]
        }
        guard let wheel = try? WheelFilename(parsing: url) else { return [] }
        let pkg = subject ?? wheel.name
        guard TrackedPackages.contains(pkg) else { return [] }
        let variant = wheel.variant
        return [recorder.site(.wheelURL, role, subject: TrackedPackages.normalize(pkg), span: span,
                              platform: platform(version: wheel.version.description, marker: marker, variant: variant),
                              variant: variant, name: name, heldReason: heldReason,
                              note: "version \(wheel.version)")]
    }

    /// Byte range (relative to `url`) of the ref in `git+https://host/org/repo@ref#egg=…`; nil without a ref.
    static func gitRef(in url: String) -> (start: Int, end: Int)? {
        let bytes = Array(url.utf8)
        guard url.hasPrefix("git+") || url.hasPrefix("git://") else { return nil }
        guard let scheme = url.range(of: "://") else { return nil }
        var k = url.utf8.distance(from: url.utf8.startIndex, to: scheme.upperBound)
        // Skip the authority (which may hold `git@`).
        while k < bytes.count, bytes[k] != UInt8(ascii: "/") { k += 1 }
        var end = bytes.count
        if let hash = bytes[k...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        guard let at = bytes[k..<end].lastIndex(of: UInt8(ascii: "@")), at + 1 < end else { return nil }
        return (at + 1, end)
    }

    /// An index-url site: variant and channel from `PyTorchIndexURL`, subject = the extension for extension
    /// indexes (flashinfer.ai, Intel), platform from the variant (nightly channel → nightly).
    func indexSite(span: Span, name: String?, role: SiteRole = .pin, heldReason: String? = nil) -> PinSite {
        let url = recorder.file[span]
        let (variant, channel) = Self.indexVariant(url)
        var platform = basePlatform
        if channel == .nightly { platform = .nightly } else if let variant { platform = variant.platform }
        return recorder.site(.indexURL, role, subject: TrackedPackages.extensionSubject(forIndexURL: url), span: span,
                             platform: platform, variant: variant, channel: channel, name: name, heldReason: heldReason)
    }

    /// Variant and channel of an index URL: PyTorch's `/whl[/test|/nightly]/<variant>` layout, else any path
    /// segment that is a variant tag (`…/release-whl/stable/xpu/us/`).
    static func indexVariant(_ url: String) -> (Variant?, Channel?) {
        if let parsed = PyTorchIndexURL(url) { return (parsed.variant, parsed.channel) }
        let path = url.split(separator: "/").dropFirst(2)
        let variant = path.lazy.compactMap { Variant(tag: String($0)) }.first
        let channel: Channel? = path.contains("nightly") ? .nightly : nil
        return (variant, channel)
    }

    /// Version and variant sites (role comment) for what the comment at `span` names.
    func commentSites(in span: Span, platform: Platform? = nil) -> [PinSite] {
        // Offsets are computed on the decoded text: only valid UTF-8 maps back to bytes one to one.
        guard span.start >= 0, span.end <= recorder.file.bytes.count,
              let comment = String(validating: recorder.file.bytes[span.start..<span.end], as: UTF8.self) else { return [] }
        let offset = span.start
        return RequirementsComments.mentions(in: comment).map { mention in
            var fallback = basePlatform
            if fallback == .all, mention.subject == "cuda" { fallback = .cuda }
            if fallback == .all, mention.subject == "rocm" { fallback = .rocm }
            return recorder.site(mention.kind, .comment, subject: mention.subject,
                                 span: mention.span.shifted(by: offset),
                                 platform: platform ?? mention.variant?.platform ?? fallback, variant: mention.variant,
                                 note: "comment")
        }
    }
}
