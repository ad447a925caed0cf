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
