/// Rules about PyTorch index URLs and uv torch backends: variant vs main CUDA, RC indexes left behind.
enum IndexRules {
    /// A place that selects a PyTorch index: an index URL site, a `--torch-backend` site, or a lock header flag.
    struct IndexUse {
        var location: SourceLocation
        /// The URL or backend as written.
        var text: String
        var variant: Variant?
        var channel: Channel
        var isBackend: Bool
        var platform: Platform
        var path: String { location.path }
    }

    /// Every real (non-doc, non-nightly-file) PyTorch index and backend use, including lock header flags.
    static func uses(_ c: CheckContext, includeDerived: Bool) -> [IndexUse] {
        var out: [IndexUse] = []
        for site in c.sites where site.platform != .nightly {
            let roleOK = site.role == .pin || (includeDerived && site.role == .derived)
            guard roleOK else { continue }
            if site.kind == .indexURL, site.subject == nil || site.subject == "torch" {
                let parsed = PyTorchIndexURL(site.value)
                guard let channel = site.channel ?? parsed?.channel else { continue }
                out.append(IndexUse(location: site.location, text: site.value, variant: site.variant ?? parsed?.variant,
                                    channel: channel, isBackend: false, platform: site.platform))
            } else if site.kind == .variant, isBackendName(site.name) {
                out.append(IndexUse(location: site.location, text: site.value,
                                    variant: site.variant ?? Variant(tag: site.value), channel: .release, isBackend: true,
                                    platform: site.platform))
            }
        }
        for header in LockHeader.all(c) where header.site.platform != .nightly {
            if let backend = header.arguments.torchBackend {
                out.append(IndexUse(location: backend.location, text: backend.text, variant: Variant(tag: backend.text),
                                    channel: .release, isBackend: true, platform: header.site.platform))
            }
            for url in header.arguments.extraIndexes + header.arguments.primaryIndexes {
                guard let parsed = CheckContext.pytorchIndex(url.text) else { continue }
                out.append(IndexUse(location: url.location, text: url.text, variant: parsed.variant,
                                    channel: parsed.channel, isBackend: false, platform: header.site.platform))
            }
        }
        // A lock header flag may also have been reported by a scanner: keep one use per location.
        var seen = Set<SourceLocation>()
        return out.filter { seen.insert($0.location).inserted }
    }

    static func isBackendName(_ name: String?) -> Bool {
        guard let n = name?.lowercased() else { return false }
        return n.contains("torch-backend") || n.contains("torch_backend")
    }

    /// `index-variant-mismatch`: a CUDA index URL or `--torch-backend` of the CUDA/common files (and lock headers)
    /// that is not the main CUDA declared by the Dockerfile `CUDA_VERSION` / `MAIN_CUDA_VERSION` constant.
    /// Nightly indexes, computed (derived) URLs, docs, files named after a variant (`cu118.txt`) and uv indexes that
    /// only extras named after their variant reach (`extra = "cu126"` → `/whl/cu126`) are skipped.
    static func indexVariantMismatch(_ c: CheckContext) -> [Finding] {
        guard let main = c.declaredMainCUDA else { return [] }
        let secondary = variantExtraIndexes(c)
        var out: [Finding] = []
        for use in uses(c, includeDerived: false)
        where use.channel != .nightly && (use.platform == .cuda || use.platform == .all) {
            guard let variant = use.variant, variant.isCUDA, variant != main.variant,
                  !CheckContext.pathNames(variant, use.path), !secondary.contains(use.location) else { continue }
            let what = use.isBackend ? "--torch-backend \(use.text)" : "PyTorch index \(use.text)"
            out.append(Finding(
                .indexVariantMismatch, .error,
                "\(what) (\(use.location.short)) selects \(variant.tag) but the main CUDA is \(main.minor) "
                    + "(\(CheckContext.at(main.site)): \(main.site.name ?? "CUDA") \(main.site.value)), i.e. \(main.variant.tag)",
                at: use.location, related: [main.site.location]))
        }
        return out
    }

    /// `[[tool.uv.index]]` URLs (by location) that every `[tool.uv.sources]` entry reaches through an extra or group
    /// named after the index's variant: the secondary build a backend extra selects (`cu126` beside the main cu128).
    static func variantExtraIndexes(_ c: CheckContext) -> Set<SourceLocation> {
        var out = Set<SourceLocation>()
        var selectors: [String: UVIndexSelectors] = [:]
        for site in c.sites where site.kind == .indexURL && site.file == .pyproject && site.role == .pin {
            guard let name = site.name, let variant = site.variant, let file = c.files[site.path] else { continue }
            if selectors[site.path] == nil { selectors[site.path] = UVIndexSelectors(TOMLDocument(parsing: file)) }
            guard let extras = selectors[site.path]?.selectingExtras(of: name),
                  extras.allSatisfy({ ExtraNames.variant(in: $0) == variant }) else { continue }
            out.insert(site.location)
        }
        return out
    }

    /// `test-index-in-release`: a `/whl/test/` index while the main torch is a final release the matrix knows and
    /// other places already use the stable channel (the RC index was left behind).
    static func testIndexInRelease(_ c: CheckContext) -> [Finding] {
        guard let torch = c.state.torch, c.matrix.release(torch) != nil else { return [] }
        let all = uses(c, includeDerived: true)
        let tests = all.filter { $0.channel == .test }
        let stables = all.filter { $0.channel == .release }
        guard !tests.isEmpty, let firstStable = stables.first else { return [] }
        return tests.map { use in
            let stable = stables.first { $0.path == use.path } ?? firstStable
            return Finding(
                .testIndexInRelease, .warning,
                "RC index left behind: \(use.text) (\(use.location.short)) is the release-candidate channel, but torch "
                    + "\(torch) is a final release and \(stable.location.short) already uses the stable index",
                at: use.location, related: [stable.location])
        }
    }
}
