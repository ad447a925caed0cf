/// Renders the source builds of an `ExtensionPlan` as Dockerfile text to paste into a build stage that already
/// has the target torch installed: `ARG`s for the arch list and parallelism, one `RUN` per build with a uv cache
/// mount, `uv pip install --system --no-build-isolation`, and comments for the extensions that need no build.
public enum DockerfileStanzas {
    static let cacheMount = "--mount=type=cache,target=/root/.cache/uv"
    static let indent = "    "

    public static func render(_ plan: ExtensionPlan) -> String {
        let t = plan.target
        let builds = plan.sourceBuilds.compactMap { d in d.recipe.map { (decision: d, recipe: $0) } }
        var lines: [String] = [
            "# torchbump deps: extension builds for torch \(t.torch) · \(t.variant.tag) · Python "
                + t.pythons.joined(separator: ", ") + (t.offline ? " (offline: catalogue tables, nothing probed)" : ""),
        ]
        for d in plan.decisions where !d.outcome.needsBuild {
            lines.append("# \(d.name): \(ExtensionReport.title(d.outcome))" + comment(for: d))
        }
        for d in plan.decisions where d.outcome.needsBuild && d.recipe == nil {
            lines.append("# \(d.name): needs a source build but the catalogue has no recipe")
        }
        guard !builds.isEmpty else {
            lines.append("# nothing to build: every extension has a wheel, needs none, or is blocked")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("# Paste after torch \(t.torch) is installed in this stage: the builds compile against it "
            + "(--no-build-isolation).")
        lines.append("# RUN --mount needs BuildKit. uv caches git builds by commit, not by torch: hence "
            + "--reinstall-package.")
        lines.append("# The ARGs reach the RUN steps as environment variables unless an ENV of the same name overrides them.")

        let sharedArch = plan.archList.flatMap { base in
            builds.contains { $0.recipe.archEnv == "TORCH_CUDA_ARCH_LIST" && $0.recipe.archList?.value == base.value }
                ? base : nil
        }
        if let sharedArch { lines.append("ARG TORCH_CUDA_ARCH_LIST=\(quoted(sharedArch.value))") }
        if let jobs = builds.compactMap(\.recipe.maxJobs).min() {
            let tightest = builds.filter { $0.recipe.maxJobs == jobs }.map(\.decision.name)
            if builds.contains(where: { ($0.recipe.maxJobs ?? jobs) != jobs }) {
                lines.append("# MAX_JOBS is the lowest any build suggests (\(tightest.joined(separator: ", "))); raise it "
                    + "for the others if the builder has the memory.")
            }
            lines.append("ARG MAX_JOBS=\(jobs)")
        }
        if let threads = builds.compactMap(\.recipe.nvccThreads).min() { lines.append("ARG NVCC_THREADS=\(threads)") }

        var requires: [String] = []
        for build in builds { for r in build.recipe.requires where !requires.contains(r) { requires.append(r) } }
        if !requires.isEmpty {
            lines.append("")
            lines.append("RUN \(cacheMount) \\")
            lines.append(indent + plan.target.pipInstall + " " + requires.joined(separator: " "))
        }
        for build in builds {
            lines.append("")
            lines += stanza(build.decision, build.recipe, plan: plan, sharedArch: sharedArch?.value)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func comment(for d: ExtensionDecision) -> String {
        switch d.outcome {
        case .wheel:
            guard let wheel = d.wheel else { return "" }
            return " \(wheel.version) from \(wheel.label)" + (wheel.verified ? "" : " (per the tables, not probed)")
        case .blocked:
            return " — keep the current pin or scope the platform out"
        default:
            return ""
        }
    }

    private static func stanza(_ d: ExtensionDecision, _ recipe: BuildRecipe, plan: ExtensionPlan,
                               sharedArch: String?) -> [String] {
        var lines: [String] = []
        let what = recipe.version ?? recipe.ref ?? "default branch"
        let why: String
        if d.outcome == .unknown {
            why = d.networkFailed ? "undecided (a probe failed)" : "may have a wheel: probe online first"
        } else if d.probes.isEmpty {
            why = "always built from source"
        } else if d.release == nil {
            why = "no release known for torch \(MatrixVersion.publicPart(plan.target.torch))"
        } else {
            why = "no \(d.variant.tag) wheel for Python \(plan.target.pythons.joined(separator: ", "))"
        }
        lines.append("# \(d.name) \(what): \(why); \(recipe.buildTime)")
        var caveats: [String] = []
        for caveat in recipe.pitfalls + recipe.notes + d.notes where !caveats.contains(caveat) { caveats.append(caveat) }
        for caveat in caveats { lines.append("#   - \(caveat)") }
        var inline: [RecipeTemplate.EnvVar] = []
        for variable in recipe.env {
            if variable.name == "MAX_JOBS" || variable.name == "NVCC_THREADS" { continue }  // from the ARGs above
            if variable.name == recipe.archEnv {
                if variable.name == "TORCH_CUDA_ARCH_LIST" {
                    if variable.value != sharedArch { inline.append(variable) }
                } else {
                    lines.append("ARG \(variable.name)=\(quoted(variable.value))")
                }
                continue
            }
            inline.append(variable)
        }
        var body: [String] = []
        let assignments = inline.map { "\($0.name)=\(BuildRecipe.shellQuote($0.value))" }.joined(separator: " ")
        var steps = recipe.steps
        if let dir = recipe.checkoutDirectory { steps.append("cd / && rm -rf \(dir)") }
        if steps.count == 1, let only = steps.first {
            if !assignments.isEmpty { body.append(assignments) }
            body += split(only)
        } else {
            if !assignments.isEmpty { body.append("export \(assignments) &&") }
            for (i, step) in steps.enumerated() {
                var parts = split(step)
                if i < steps.count - 1, let last = parts.popLast() { parts.append(last + " &&") }
                body += parts
            }
        }
        lines.append("RUN \(cacheMount) \\")
        for (i, line) in body.enumerated() {
            let continuation = i < body.count - 1 ? " \\" : ""
            let depth = line.hasPrefix("\"git+") ? indent + indent : indent
            lines.append(depth + line + continuation)
        }
        return lines
    }

    /// Splits a long `uv pip install … "git+…"` before the requirement so it reads in two lines.
    private static func split(_ step: String) -> [String] {
        guard step.hasPrefix("uv pip install"), step.hasSuffix("\""),
              let open = step.range(of: " \"git+", options: .backwards)
        else { return [step] }
        return [String(step[..<open.lowerBound]), String(step[step.index(after: open.lowerBound)...])]
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
