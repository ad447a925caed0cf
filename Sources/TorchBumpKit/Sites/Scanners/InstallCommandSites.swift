/// Records the sites of one `InstallCommand`: requirement pins of tracked packages, wheel URLs, git refs, index
/// URLs (literal or computed), `--index-strategy`, `--torch-backend` and `VAR=value` prefixes.
enum InstallCommandSites {
    /// `role` is `.pin` in code and CI, `.doc` in documentation. `platform` is the platform around the command
    /// (file default, or a guard such as an arm64 branch); sites refine it from their own evidence.
    static func record(_ cmd: InstallCommand, role: SiteRole, platform: Platform, constants: [String] = [],
                       into rec: inout SiteCollector) {
        let commandPlatform = PlatformRefinement.refine(platform, with: evidence(cmd))
        for env in cmd.environment {
            ValueClassifier.assignment(name: env.option ?? "", value: env.value, role: role, platform: commandPlatform,
                                       constants: constants, into: &rec)
        }
        for req in cmd.requirements {
            requirement(req.value, role: role, platform: commandPlatform, into: &rec)
        }
        for index in cmd.indexURLs {
            ValueClassifier.indexURL(index.value, name: index.option ?? "--index-url", role: role, platform: platform,
                                     into: &rec)
        }
        if let s = cmd.indexStrategy, let span = s.span, !Expansions.contains(s.value.bytes) {
            rec.add(.indexStrategy, role: role, span: span, platform: commandPlatform, name: s.option)
        }
        if let b = cmd.torchBackend, let span = b.span, let v = Variant(tag: b.string) {
            rec.add(.variant, role: role, span: span, platform: PlatformRefinement.refine(platform, with: v.platform),
                    variant: v, name: b.option)
        }
    }

    /// What the command's own indexes say about its platform: a nightly channel, or the one variant all PyTorch
    /// indexes agree on.
    static func evidence(_ cmd: InstallCommand) -> Platform? {
        var platforms = Set<Platform>()
        for index in cmd.indexURLs {
            let s = index.string
            if s.lowercased().contains("nightly") { return .nightly }
            if let p = PyTorchIndexURL(s), let v = p.variant { platforms.insert(v.platform) }
        }
        return platforms.count == 1 ? platforms.first : nil
    }

    /// One requirement argument: a wheel URL, a git URL, or a PEP 508 requirement of a tracked package.
    static func requirement(_ value: MappedText, role: SiteRole, platform: Platform, into rec: inout SiteCollector) {
        let s = value.string
        guard !s.isEmpty else { return }
        if s.hasPrefix("git+") { ValueClassifier.gitURL(value, package: nil, role: role, platform: platform, into: &rec); return }
        if s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("file:") {
            if !ValueClassifier.wheelURL(value, role: role, platform: platform, into: &rec) {
                ValueClassifier.gitURL(value, package: nil, role: role, platform: platform, into: &rec)
            }
            return
        }
        guard let first = s.utf8.first, ASCII.isAlnum(first) else { return }
        InlineRequirementSites.record(value, role: role, platform: platform, into: &rec)
    }
}
