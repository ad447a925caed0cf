/// A concrete source build of one extension: what to clone, which variables to set and the commands to run,
/// with the expected time and the known traps.
public struct BuildRecipe: Hashable, Sendable, Codable {
    /// The distribution built (`xformers`).
    public var name: String
    /// The release built, when it is a release.
    public var version: String?
    /// The git ref built (`v0.0.30`, a commit); nil = the default branch.
    public var ref: String?
    public var git: String
    public var submodules: Bool
    /// The arch-list variable and its value, when the build reads one.
    public var archEnv: String?
    public var archList: DerivedArchList?
    /// Every variable to set, in order: arch list, `MAX_JOBS`, `NVCC_THREADS`, then the project's own.
    public var env: [RecipeTemplate.EnvVar]
    /// Build requirements to install first (torch must already be installed).
    public var requires: [String]
    /// Commands to run in one shell, in order.
    public var steps: [String]
    /// The directory the steps clone into, when they clone (removed after a Dockerfile build).
    public var checkoutDirectory: String?
    public var maxJobs: Int?
    public var nvccThreads: Int?
    public var buildTime: String
    public var pitfalls: [String]
    public var notes: [String]

    public init(name: String, version: String?, ref: String?, git: String, submodules: Bool, archEnv: String?,
                archList: DerivedArchList?, env: [RecipeTemplate.EnvVar], requires: [String], steps: [String],
                checkoutDirectory: String? = nil, maxJobs: Int?, nvccThreads: Int?, buildTime: String, pitfalls: [String], notes: [String] = []) {
        self.name = name
        self.version = version
        self.ref = ref
        self.git = git
        self.submodules = submodules
        self.archEnv = archEnv
        self.archList = archList
        self.env = env
        self.requires = requires
        self.steps = steps
        self.checkoutDirectory = checkoutDirectory
        self.maxJobs = maxJobs
        self.nvccThreads = nvccThreads
        self.buildTime = buildTime
        self.pitfalls = pitfalls
        self.notes = notes
    }

    /// The uv command prefix of every build install: uv's cache keys git builds by commit, not by the torch they
    /// were built against, so the package is always reinstalled.
    public static func uvInstall(_ name: String, system: Bool = true) -> String {
        "uv pip install\(system ? " --system" : "") --no-build-isolation --reinstall-package \(name)"
    }

    /// Expands a template for one extension build.
    /// - Parameters:
    ///   - values: target values (`cuda`, `torch_minor`, …); `name`, `version`, `tag`, `ref`, `git`, `git_url`,
    ///     `dir` and `uv_install` are filled here.
    ///   - ref: a pinned git ref to build instead of the version's tag (a commit).
    public static func make(template: RecipeTemplate, name: String, version: String?, ref pinnedRef: String?,
                            values target: TemplateValues, archList: DerivedArchList?) -> BuildRecipe {
        var values = target
        values["name"] = name
        values["git"] = template.git
        var notes: [String] = []
        var ref = pinnedRef
        if let version {
            values["version"] = version
            let tag = values.expand(template.tagFormat).text
            values["tag"] = tag
            if ref == nil { ref = tag }
        }
        if let ref {
            values["ref"] = ref
            values["git_url"] = "git+\(template.git)@\(ref)"
        } else {
            values["ref"] = "HEAD"
            values["git_url"] = "git+\(template.git)"
            notes.append("no version or ref is pinned: this builds the default branch; pin a tag or commit")
        }
        values["dir"] = "/tmp/" + checkoutName(template.git)
        values["uv_install"] = uvInstall(name, system: target["python_env"] != "venv")

        var env: [RecipeTemplate.EnvVar] = []
        if let archEnv = template.archEnv, let archList, !archList.isEmpty {
            env.append(.init(name: archEnv, value: archList.value))
        }
        if let maxJobs = template.maxJobs { env.append(.init(name: "MAX_JOBS", value: String(maxJobs))) }
        if let threads = template.nvccThreads { env.append(.init(name: "NVCC_THREADS", value: String(threads))) }
        for variable in template.env {
            env.append(.init(name: variable.name, value: values.expand(variable.value).text))
        }
        return BuildRecipe(
            name: name, version: version, ref: ref, git: template.git, submodules: template.submodules,
            archEnv: template.archEnv, archList: template.archEnv == nil ? nil : archList, env: env,
            requires: template.requires, steps: template.steps.map { values.expand($0).text },
            checkoutDirectory: template.steps.contains { $0.contains("{dir}") } ? values["dir"] : nil,
            maxJobs: template.maxJobs,
            nvccThreads: template.nvccThreads, buildTime: template.buildTime, pitfalls: template.pitfalls, notes: notes)
    }

    /// `https://github.com/org/DeepGEMM.git` → `DeepGEMM`.
    static func checkoutName(_ git: String) -> String {
        var last = git.split(separator: "/").last.map(String.init) ?? "build"
        if last.hasSuffix(".git") { last.removeLast(4) }
        let safe = last.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        return safe.isEmpty ? "build" : safe
    }

    /// The whole build as one shell command: `A=1 B="x y" cmd` for one step, `export A=1 B="x y" && s1 && s2`
    /// for several (so every step sees the variables).
    public var shellCommand: String {
        let assignments = env.map { "\($0.name)=\(Self.shellQuote($0.value))" }.joined(separator: " ")
        if steps.count == 1, let only = steps.first {
            return assignments.isEmpty ? only : assignments + " " + only
        }
        let chain = steps.joined(separator: " && ")
        return assignments.isEmpty ? chain : "export \(assignments) && \(chain)"
    }

    /// The value bare when it is made of safe characters, else in double quotes with `"`, `\`, `$` and `` ` ``
    /// escaped.
    public static func shellQuote(_ value: String) -> String {
        let safe = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || "._+-/:=@,%".contains($0) }
        if safe { return value }
        var out = "\""
        for ch in value {
            if "\"\\$`".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}
