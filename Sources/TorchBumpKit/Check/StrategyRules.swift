/// `rc-index-without-strategy`: uv resolving across PyPI and a PyTorch *extra* index that is a release-candidate
/// (`/whl/test/`) or a non-default variant, without `unsafe-best-match`. Checked in Dockerfile `RUN`s (flags, `-r`
/// files, stage `ENV`), uv pre-commit hooks and `uv pip compile` lock headers. With uv's default `first-index`,
/// packages the PyTorch index mirrors are then taken only from there (or RC companions missed).
enum StrategyRules {
    static func rcIndexWithoutStrategy(_ c: CheckContext) -> [Finding] {
        dockerfiles(c) + hooks(c) + lockHeaders(c)
    }

    /// Why an extra index needs `unsafe-best-match`, or nil when it does not (nightly, default variant, not PyTorch).
    static func reason(_ url: String, _ c: CheckContext) -> String? {
        guard let parsed = CheckContext.pytorchIndex(url), parsed.channel != .nightly else { return nil }
        if parsed.channel == .test { return "the release-candidate index \(url)" }
        guard let variant = parsed.variant, c.isNonDefault(variant) else { return nil }
        var text = "the non-default \(variant.tag) index \(url)"
        if variant.isCUDA, let torch = c.state.torch, let pypi = c.matrix.pypiDefaultVariant(for: torch) {
            text += " (PyPI's torch \(torch) is the \(pypi.tag) build)"
        }
        return text
    }

    /// Whether the primary indexes replace PyPI by PyTorch indexes only (then nothing is resolved across PyPI).
    static func replacesPyPI(_ primaries: [String]) -> Bool {
        !primaries.isEmpty && primaries.allSatisfy { CheckContext.pytorchIndex($0) != nil }
    }

    static let advice = "set ENV UV_INDEX_STRATEGY=\"unsafe-best-match\" or pass --index-strategy unsafe-best-match"

    // MARK: - Dockerfiles

    static func dockerfiles(_ c: CheckContext) -> [Finding] {
        var out: [Finding] = []
        for file in c.dockerfiles {
            let docker = DockerfileInstructions(file)
            for instruction in docker.instructions where instruction.keyword == "RUN" {
                let stage = instruction.stage
                let stageLocation = stage.map { docker.stages[$0].location }
                let stageName = stage.flatMap { docker.stages[$0].name }.map { "stage '\($0)'" } ?? "this stage"
                for command in DockerfileInstructions.commands(instruction.words) {
                    guard let uv = DockerfileInstructions.uvInvocation(command) else { continue }
                    let args = CommandArguments(uv)
                    // ARGs reach RUN commands as environment variables too.
                    if args.usesBestMatch || docker.value(of: "UV_INDEX_STRATEGY", stage: stage) == "unsafe-best-match" {
                        continue
                    }
                    let primaries = args.primaryIndexes.map { docker.expand($0.text, stage: stage) }
                        + ["UV_INDEX_URL", "UV_DEFAULT_INDEX"].compactMap { docker.value(of: $0, stage: stage) }
                    if replacesPyPI(primaries) { continue }
                    let uvLocation = uv.first { $0.text == "uv" || $0.text.hasSuffix("/uv") }?.location
                        ?? instruction.words.first?.location ?? SourceLocation(path: file.path, line: instruction.line)
                    // (url, where it is written, where else to look)
                    var extras: [(String, SourceLocation, [SourceLocation])] = []
                    for token in args.extraIndexes {
                        let url = resolveDerived(docker.expand(token.text, stage: stage), after: token, in: uv,
                                                 docker: docker, stage: stage)
                        extras.append((url, token.location, stageLocation.map { [$0] } ?? []))
                    }
                    for name in ["UV_EXTRA_INDEX_URL", "UV_INDEX"] {
                        let inline = args.environment[name].map { docker.expand($0.text, stage: stage) }
                        guard let value = inline ?? docker.value(of: name, stage: stage) else { continue }
                        let set = args.environment[name]?.location ?? docker.environmentLocation(name, stage: stage)
                        for url in value.split(separator: " ").map(String.init) {
                            extras.append((url, uvLocation, set.map { [$0] } ?? []))
                        }
                    }
                    for file in args.requirementFiles {
                        for site in requirementIndexes(file.text, c) {
                            extras.append((site.value, file.location, [site.location]))
                        }
                    }
                    var reported = Set<String>()
                    for (url, primary, related) in extras {
                        guard let why = reason(url, c) else { continue }
                        // The same index reached twice (flag and `-r` file, say) is one problem.
                        guard reported.insert(CheckContext.pytorchIndex(url)?.url ?? url).inserted else { continue }
                        out.append(Finding(
                            .rcIndexWithoutStrategy, .warning,
                            "uv at \(primary.short) resolves across PyPI and \(why)"
                                + (related.isEmpty ? "" : " (see \(related.map(\.short).joined(separator: ", ")))")
                                + " without unsafe-best-match; \(advice) in \(stageName)",
                            at: primary, related: related))
                    }
                }
            }
        }
        return out
    }

    /// A computed URL such as `…/whl/cu$(echo $CUDA_VERSION | cut -d. -f1,2 | tr -d '.')` with the variant the
    /// stage's `CUDA_VERSION` gives; other URLs unchanged.
    static func resolveDerived(_ url: String, after token: CommandToken, in command: [CommandToken],
                               docker: DockerfileInstructions, stage: Int?) -> String {
        guard let dollar = url.range(of: "/cu$") else { return url }
        let base = String(url[..<dollar.lowerBound])
        // The variable is the first `$NAME` / `${NAME}` after `cu`, in this word or the next ones.
        let start = command.firstIndex(of: token) ?? command.startIndex
        var texts = [String(url[dollar.upperBound...])]
        texts += command[start...].dropFirst().prefix(4).map(\.text)
        for text in texts {
            guard let name = firstVariable(in: text),
                  let value = docker.value(of: name, stage: stage),
                  let variant = Variant(cudaVersion: value) else { continue }
            return base + "/" + variant.tag
        }
        return url
    }

    static func firstVariable(in text: String) -> String? {
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "{" { rest = rest.dropFirst() }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if let first = name.first, first.isLetter || first == "_" { return String(name) }
        }
        return nil
    }

    /// Extra-index sites of the requirements file a `-r path` names (matched by repository path or path suffix).
    static func requirementIndexes(_ path: String, _ c: CheckContext) -> [PinSite] {
        guard let normalized = RepoPath.normalize(path) else { return [] }
        let indexSites = c.sites.filter { site in
            site.kind == .indexURL && site.role == .pin && site.file == .requirements
                && (site.name.map { $0.lowercased().contains("extra-index-url") || $0 == "--index" } ?? false)
        }
        let exact = indexSites.filter { $0.path == normalized }
        if !exact.isEmpty { return exact }
        return indexSites.filter { normalized.hasSuffix("/" + $0.path) || $0.path.hasSuffix("/" + normalized) }
    }

    // MARK: - pre-commit and lock headers

    static func hooks(_ c: CheckContext) -> [Finding] {
        c.preCommitHooks.filter(\.runsUV).flatMap { hook -> [Finding] in
            let args = hook.arguments
            guard !args.usesBestMatch, !replacesPyPI(args.primaryIndexes.map(\.text)) else { return [] }
            return args.extraIndexes.compactMap { token in
                reason(token.text, c).map { why in
                    Finding(.rcIndexWithoutStrategy, .warning,
                            "pre-commit hook '\(hook.id)' (\(hook.location.short)) makes uv resolve across PyPI and "
                                + "\(why) (\(token.location.short)) without unsafe-best-match; add "
                                + "--index-strategy, unsafe-best-match to its args",
                            at: token.location, related: [hook.location])
                }
            }
        }
    }

    static func lockHeaders(_ c: CheckContext) -> [Finding] {
        let hooks = c.preCommitHooks
        return LockHeader.all(c).filter { $0.tool == "uv" }.flatMap { header -> [Finding] in
            let args = header.arguments
            guard !args.usesBestMatch, !replacesPyPI(args.primaryIndexes.map(\.text)) else { return [] }
            let hook = hooks.first { LockRules.generates($0, lock: header.site.path) }
            return args.extraIndexes.compactMap { token in
                reason(token.text, c).map { why in
                    let related = hook?.location ?? header.site.location
                    return Finding(.rcIndexWithoutStrategy, .warning,
                                   "lock header \(token.location.short) compiled across PyPI and \(why) without "
                                       + "unsafe-best-match; add --index-strategy unsafe-best-match to the command "
                                       + (hook.map { "(pre-commit hook '\($0.id)' at \(related.short))" }
                                          ?? "(\(related.short))") + " and regenerate",
                                   at: token.location, related: [related])
                }
            }
        }
    }
}
