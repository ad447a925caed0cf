/// Collects the sites of one file: fills value, line, column and context from the span, and keeps sites from
/// overlapping (the first site recorded for a stretch of bytes wins, so callers record the most specific first).
struct SiteCollector {
    let file: SourceFile
    let fileKind: FileKind
    /// The file's platform before per-site refinement.
    var platform: Platform
    var sites: [PinSite] = []
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile, fileKind: FileKind, platform: Platform) {
        self.file = file
        self.fileKind = fileKind
        self.platform = platform
    }

    var result: ScanResult { ScanResult(sites: sites, diagnostics: diagnostics) }

    /// Whether a site already covers any byte of `span`.
    func isTaken(_ span: Span) -> Bool { sites.contains { $0.span.overlaps(span) } }

    @discardableResult
    mutating func add(
        _ kind: SiteKind, role: SiteRole = .pin, subject: String? = nil, span: Span, platform: Platform? = nil,
        variant: Variant? = nil, channel: Channel? = nil, name: String? = nil, op: String? = nil,
        heldReason: String? = nil, note: String? = nil
    ) -> Bool {
        guard span.start >= 0, span.end <= file.bytes.count, !span.isEmpty, !isTaken(span) else { return false }
        let loc = file.location(of: span.start)
        let context = file.line(loc.line).trimmingCharacters(in: .whitespaces)
        sites.append(PinSite(
            path: file.path, file: fileKind, kind: kind, role: role, subject: subject, value: file[span], span: span,
            line: loc.line, column: loc.column, platform: platform ?? self.platform, variant: variant,
            channel: channel, name: name, op: op, context: context, heldReason: heldReason, note: note))
        return true
    }

    mutating func note(_ message: String, at offset: Int) {
        diagnostics.append(.note(message, at: file.location(of: offset)))
    }

    mutating func warning(_ message: String, at offset: Int) {
        diagnostics.append(.warning(message, at: file.location(of: offset)))
    }
}

/// How per-site evidence (a local label, an index variant, a nightly pin) refines a file's platform.
enum PlatformRefinement {
    /// `evidence` wins over a generic file platform (`all`, `cuda`); a specific file platform (tpu, rocm, …) stays,
    /// except that nightly evidence moves cpu/cuda/all files' sites to `nightly`.
    static func refine(_ base: Platform, with evidence: Platform?) -> Platform {
        guard let evidence, evidence != base else { return base }
        switch base {
        case .all, .cuda: return evidence
        case .cpu, .arm: return evidence == .nightly ? .nightly : base
        default: return base
        }
    }
}
