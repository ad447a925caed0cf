/// The `[tool.torchbump]` configuration of a repository (or its `torchbump.toml`).
/// Loading and validation live in `ConfigLoader`.
public struct TorchBumpConfig: Sendable, Hashable {
    /// Extra files or globs to scan besides the built-in patterns (`ci/*.env`).
    public var include: [String] = []
    /// Paths or globs to skip (`third_party/**`).
    public var exclude: [String] = []
    /// Extra Python/CMake constant names that hold a CUDA or torch version (`MYPROJ_CUDA`).
    public var constants: [String] = []
    /// Platform overrides: glob → platform.
    public var platforms: [(glob: String, platform: Platform)] = []
    /// User-defined pin sites (Renovate-style regex managers).
    public var customSites: [CustomSiteRule] = []
    /// `[tool.torchbump.extensions]` as raw key/values per extension (interpreted by the Extensions module).
    public var extensions: [String: [String: String]] = [:]

    public init() {}

    public static func == (a: TorchBumpConfig, b: TorchBumpConfig) -> Bool {
        a.include == b.include && a.exclude == b.exclude && a.constants == b.constants
            && a.platforms.map(\.glob) == b.platforms.map(\.glob)
            && a.platforms.map(\.platform) == b.platforms.map(\.platform) && a.customSites == b.customSites
            && a.extensions == b.extensions
    }

    public func hash(into h: inout Hasher) {
        h.combine(include); h.combine(exclude); h.combine(constants); h.combine(customSites); h.combine(extensions)
    }
}

/// A user-defined pin site: files matching `files` are searched with `pattern`, whose named capture
/// `value` is the version (`(?<value>…)`).
public struct CustomSiteRule: Sendable, Hashable, Codable {
    public var files: [String]
    public var pattern: String
    /// What the value is about (`torch`, `cuda`, …).
    public var subject: String
    public var kind: SiteKind
    public var platform: Platform?

    public init(files: [String], pattern: String, subject: String, kind: SiteKind = .version, platform: Platform? = nil) {
        self.files = files
        self.pattern = pattern
        self.subject = subject
        self.kind = kind
        self.platform = platform
    }
}
