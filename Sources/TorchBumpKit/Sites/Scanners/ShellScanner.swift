/// Finds pin sites in shell scripts (`*.sh`, `*.bash`): installer commands, variable assignments (`CUDA_VERSION=12.8`,
/// `TAG=cu128`), variant literals in tests and `case` patterns, CUDA `case` patterns, `sed` pin-backs and channel
/// rewrites, and versions or variants named in comments.
public struct ShellScanner: SiteScanner {
    public var fileKind: FileKind { .shell }

    public init() {}

    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".sh") || lower.hasSuffix(".bash")
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let script = ShellWords.parse(file)
        var rec = SiteCollector(file: file, fileKind: .shell, platform: Self.platform(file.path, script))
        var sites = ShellScriptSites(options: .init(role: .pin, looseTokens: true, comments: true,
                                                    constants: context.config.constants))
        sites.record(script, platform: rec.platform, into: &rec)
        HoldComments(file: file).apply(to: &rec, comments: script.comments.map(\.text))
        rec.sites.sort { $0.span < $1.span }
        return rec.result
    }

    /// From the path (`ci/rocm/build.sh` → rocm); wheel-upload scripts and scripts that only speak of CUDA
    /// variants are cuda; otherwise all.
    static func platform(_ path: String, _ script: ShellScript) -> Platform {
        let fromPath = PlatformInference.platform(forPath: path)
        if fromPath != .all { return fromPath }
        let name = (PathName.last(path)).lowercased()
        if name.contains("upload") && (name.contains("wheel") || name.contains("whl")) { return .cuda }
        var platforms = Set<Platform>()
        for command in script.commands {
            for word in command.words {
                for m in VersionTokens.variants(in: word.value.bytes) { if let v = m.variant { platforms.insert(v.platform) } }
            }
        }
        return platforms == [.cuda] ? .cuda : .all
    }
}
