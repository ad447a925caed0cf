/// How to build an extension from source, as catalogue data with `{placeholders}` (see `TemplateValues`).
public struct RecipeTemplate: Hashable, Sendable, Codable {
    /// The format an arch-list variable takes.
    public enum ArchFormat: String, Hashable, Sendable, Codable {
        /// `7.5 8.0 9.0a 12.0+PTX` (the repository's separator is kept).
        case dotted
        /// `80;90;120` (flash-attn's `FLASH_ATTN_CUDA_ARCHS`).
        case sm
    }

    /// One environment variable of the build.
    public struct EnvVar: Hashable, Sendable, Codable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    /// Clone URL (`https://github.com/facebookresearch/xformers.git`).
    public var git: String
    /// How a version becomes a git ref (`v{version}`).
    public var tagFormat: String
    /// Clone submodules (recursive clone); `git+` installs by uv and pip fetch them too.
    public var submodules: Bool
    /// The variable that carries the arch list (`TORCH_CUDA_ARCH_LIST`, `FLASHINFER_CUDA_ARCH_LIST`); nil when
    /// the build hard-codes its targets.
    public var archEnv: String?
    public var archFormat: ArchFormat
    /// A fixed arch list the project builds for (DeepGEMM: `9.0a 10.0a`) instead of the repository's.
    public var fixedArchs: String?
    /// Further variables (`FORCE_CUDA=1`, `MAMBA_FORCE_BUILD=TRUE`), values may use placeholders.
    public var env: [EnvVar]
    /// Build requirements to preinstall, since `--no-build-isolation` installs none.
    public var requires: [String]
    /// Shell commands run in order in one shell; default `{uv_install} "{git_url}"`.
    public var steps: [String]
    /// Suggested `MAX_JOBS`.
    public var maxJobs: Int?
    /// Suggested `NVCC_THREADS`, when the build reads it.
    public var nvccThreads: Int?
    /// Typical build time, with the source of the figure.
    public var buildTime: String
    /// Oldest CUDA the project is built with downstream (DeepGEMM: 12.8).
    public var minimumCUDA: String?
    public var pitfalls: [String]

    public static let defaultSteps = ["{uv_install} \"{git_url}\""]

    public init(git: String, tagFormat: String = "v{version}", submodules: Bool = false, archEnv: String? = nil,
                archFormat: ArchFormat = .dotted, fixedArchs: String? = nil, env: [EnvVar] = [],
                requires: [String] = [], steps: [String] = RecipeTemplate.defaultSteps, maxJobs: Int? = nil,
                nvccThreads: Int? = nil, buildTime: String = "unknown", minimumCUDA: String? = nil,
                pitfalls: [String] = []) {
        self.git = git
        self.tagFormat = tagFormat
        self.submodules = submodules
        self.archEnv = archEnv
        self.archFormat = archFormat
        self.fixedArchs = fixedArchs
        self.env = env
        self.requires = requires
        self.steps = steps
        self.maxJobs = maxJobs
        self.nvccThreads = nvccThreads
        self.buildTime = buildTime
        self.minimumCUDA = minimumCUDA
        self.pitfalls = pitfalls
    }

    private enum CodingKeys: String, CodingKey {
        case git, tagFormat, submodules, archEnv, archFormat, fixedArchs, env, requires, steps, maxJobs
        case nvccThreads, buildTime, minimumCUDA, pitfalls
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        git = try c.decode(String.self, forKey: .git)
        tagFormat = try c.decodeIfPresent(String.self, forKey: .tagFormat) ?? "v{version}"
        submodules = try c.decodeIfPresent(Bool.self, forKey: .submodules) ?? false
        archEnv = try c.decodeIfPresent(String.self, forKey: .archEnv)
        archFormat = try c.decodeIfPresent(ArchFormat.self, forKey: .archFormat) ?? .dotted
        fixedArchs = try c.decodeIfPresent(String.self, forKey: .fixedArchs)
        env = try c.decodeIfPresent([EnvVar].self, forKey: .env) ?? []
        requires = try c.decodeIfPresent([String].self, forKey: .requires) ?? []
        steps = try c.decodeIfPresent([String].self, forKey: .steps) ?? Self.defaultSteps
        maxJobs = try c.decodeIfPresent(Int.self, forKey: .maxJobs)
        nvccThreads = try c.decodeIfPresent(Int.self, forKey: .nvccThreads)
        buildTime = try c.decodeIfPresent(String.self, forKey: .buildTime) ?? "unknown"
        minimumCUDA = try c.decodeIfPresent(String.self, forKey: .minimumCUDA)
        pitfalls = try c.decodeIfPresent([String].self, forKey: .pitfalls) ?? []
    }
}

/// Values for catalogue `{placeholders}`:
/// `{name}` distribution · `{version}` · `{tag}` (version through the tag format) · `{ref}` (tag or pinned ref) ·
/// `{git}` · `{git_url}` (`git+<git>@<ref>`) · `{dir}` checkout directory · `{uv_install}` ·
/// `{cuda}` `12.8` · `{cuda_tag}` `cu128` · `{cuda_major}` `12` · `{torch}` `2.7.1` · `{torch_minor}` `2.7` ·
/// `{python}` `3.12` · `{python_tag}` `cp312` · `{cxx11abi}` `TRUE`/`FALSE`.
public struct TemplateValues: Hashable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The names every template may use.
    public static let knownNames: Set<String> = [
        "name", "version", "tag", "ref", "git", "git_url", "dir", "uv_install", "cuda", "cuda_tag", "cuda_major",
        "torch", "torch_minor", "python", "python_tag", "cxx11abi",
    ]

    /// The template with every known placeholder replaced; `missing` lists placeholders without a value here.
    /// Text in braces that is not a placeholder name (`${MAX_JOBS}`-style shell text) is kept as written.
    public func expand(_ template: String) -> (text: String, missing: [String]) {
        var out = ""
        var missing: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            if let value = values[name] {
                out += value
            } else {
                if Self.knownNames.contains(name) { missing.append(name) }
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return (out, missing)
    }

    /// Placeholders in a template that no template may use (for validating user configuration).
    public static func unknownPlaceholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            if !knownNames.contains(name), open == rest.startIndex || rest[rest.index(before: open)] != "$" {
                names.append(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
