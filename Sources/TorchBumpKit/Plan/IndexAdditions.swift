/// What the plan adds rather than rewrites: PyTorch indexes where an install must reach a non-PyPI variant or a
/// release candidate, and uv's `unsafe-best-match` wherever uv resolves across PyPI and a PyTorch index.
extension PlanBuilder {
    static let strategyComment =
        "# uv: let the PyTorch index win over PyPI for torch (non-default CUDA variants and release candidates live there)"

    /// Whether installs must reach a PyTorch index for the main CUDA variant: PyPI carries only its default CUDA build,
    /// and no release candidates.
    var needsVariantIndex: Bool {
        guard let torch = newTorch else { return false }
        if target.channel == .test { return true }
        guard let cuda = newMainCUDA, let variant = Variant(cudaVersion: cuda) else { return false }
        if let pypi = matrix.pypiDefaultVariant(for: torch) { return pypi != variant }
        return false
    }

    mutating func addIndexesAndStrategies() {
        addRequirementIndexes()
        if needsVariantIndex { addDockerfileStrategies() }
        if target.channel == .release { removeReleaseCandidateStrategies() }
    }

    // MARK: Requirements files

    /// Requirements files that pin torch for a moving platform and need a PyTorch index line: every such file while
    /// testing a release candidate, and files pinning a local label (`+cpu`, `+cu128`) in any channel.
    mutating func addRequirementIndexes() {
        let byFile = Dictionary(grouping: inventory.sites.filter { $0.file == .requirements }, by: \.path)
        for (path, sites) in byFile.sorted(by: { $0.key < $1.key }) {
            guard let file = inventory.files[path] else { continue }
            let pins = sites.filter {
                $0.kind == .requirement && $0.subject == "torch" && $0.role == .pin && ($0.op == "==" || $0.op == "===")
                    && isMoving($0) && ($0.heldReason == nil || target.includeHeld) && !isNightlyVersion($0.value)
            }
            guard let first = pins.first else { continue }
            // A PyTorch index (an extension's own `/whl/cu130` index, such as flashinfer.ai's, does not serve torch).
            let hasIndex = sites.contains { $0.kind == .indexURL && $0.subject == nil && PyTorchIndexURL($0.value)?.variant != nil && $0.role != .derived }
            if hasIndex {
                addTestIndexBesideKeptStableIndex(path: path, sites: sites, pins: pins, file: file)
                continue
            }
            if let via = installedWithPyTorchIndex(path) {
                if target.channel == .test {
                    plan.notes.append(PlanNote(.info, "\(path) is installed or compiled with a PyTorch index already (\(via)); it needs no index line of its own", at: first.location))
                }
                continue
            }
            let labelled = pins.contains { Version($0.value)?.localLabel != nil }
            guard target.channel == .test || labelled else { continue }
            let variant = pins.compactMap { $0.variant }.first.map(mappedVariant) ?? platformVariant(first.platform)
            guard let variant else { continue }
            let firstLine = sites.filter { $0.kind == .requirement && $0.role == .pin }.map(\.line).min() ?? first.line
            let insertAt = file.fullLineSpan(firstLine).start
            let nl = file.preferredNewline
            let url = "\(indexBase)\(target.channel.pathSegment)/\(variant.tag)"
            let line = target.channel == .test
                ? "--extra-index-url \(url)  # \(Self.rcMarker)\(nl)"
                : "--extra-index-url \(url)\(nl)"
            insert(line, at: insertAt, in: path, line: firstLine, platform: first.platform,
                   target.channel == .test
                       ? "release candidate: torch \(newTorch ?? "") comes from the test index (\(variant.tag))"
                       : "torch is pinned with a +\(variant.tag) label, which only the PyTorch index serves")
        }
    }

    /// While testing a release candidate, a file whose stable PyTorch index must stay (some of its torch pins stay on
    /// the old release) but whose other torch pins move to the candidate gets the test index too, on the line
    /// before the stable one (marked, so the GA step removes it): otherwise the moved pins resolve nowhere.
    mutating func addTestIndexBesideKeptStableIndex(path: String, sites: [PinSite], pins: [PinSite], file: SourceFile) {
        guard target.channel == .test, let staying = keepsOldTorchPins(path),
              pins.contains(where: { !waitsForVendor($0) && $0.span != staying.span }),
              !sites.contains(where: { $0.kind == .indexURL && PyTorchIndexURL($0.value)?.channel == .test }),
              let stable = sites.first(where: {
                  $0.kind == .indexURL && $0.role == .pin && PyTorchIndexURL($0.value)?.channel == .release
                      && PyTorchIndexURL($0.value)?.variant != nil
              }),
              let variant = PyTorchIndexURL(stable.value)?.variant.map(mappedVariant) else { return }
        let url = "\(indexBase)\(Channel.test.pathSegment)/\(variant.tag)"
        insert("--extra-index-url \(url)  # \(Self.rcMarker)\(file.preferredNewline)", at: file.fullLineSpan(stable.line).start,
               in: path, line: stable.line, platform: stable.platform,
               "release candidate: the moved torch pins come from the test index (\(variant.tag)); the stable index stays for \(staying.location.short)")
        plan.notes.append(PlanNote(.attention, "both the test and the stable \(variant.tag) index are listed (\(staying.location.short) stays on torch \(staying.value)): uv resolves across them only with --index-strategy unsafe-best-match", at: stable.location))
    }

    /// Where a requirements file is installed or compiled together with a PyTorch index (a Dockerfile `RUN … -r file
    /// --extra-index-url …/whl/…`, a lock header or hook compiling it with `--torch-backend`/an index), if anywhere.
    func installedWithPyTorchIndex(_ path: String) -> String? {
        let name = PathName.last(path)
        for (other, file) in inventory.files.sorted(by: { $0.key < $1.key }) where other != path {
            let kinds = Set(inventory.sites.filter { $0.path == other }.map(\.file))
            if kinds.contains(.dockerfile) {
                // An index set for the whole image (`ENV UV_EXTRA_INDEX_URL=…/whl/cpu`, `ARG PIP_EXTRA_INDEX_URL=…`).
                let text = file.text
                let imageWide = text.contains("/whl") && ["PIP_EXTRA_INDEX_URL", "UV_EXTRA_INDEX_URL", "UV_INDEX=", "UV_INDEX_URL",
                                                          "PIP_INDEX_URL", "UV_DEFAULT_INDEX"].contains(where: text.contains)
                for stage in DockerStages.parse(file) {
                    for run in stage.runs where run.text.contains(name)
                        && (imageWide || run.text.contains("/whl") || run.text.contains("INDEX")) {
                        return "\(other):\(run.firstLine)"
                    }
                }
            }
            if kinds.contains(.lock) || kinds.contains(.precommit) {
                for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
                    let line = file.line(n)
                    if line.contains(name) && (line.contains("--torch-backend") || line.contains("/whl")) {
                        return "\(other):\(n)"
                    }
                }
            }
        }
        return nil
    }

    func platformVariant(_ platform: Platform) -> Variant? {
        switch platform {
        case .cpu: return .cpu
        case .xpu: return .xpu
        case .rocm: return plan.current.rocm.map { .rocm(rocmMap[$0] ?? $0) }
        case .cuda, .all, .arm: return newMainCUDA.flatMap { Variant(cudaVersion: $0) }
        default: return nil
        }
    }

    // MARK: Dockerfiles

    /// In each Dockerfile stage of a moving platform that runs `uv pip install` with an extra index but has no index
    /// strategy (own or inherited ENV, or `--index-strategy` on the command), add `ENV UV_INDEX_STRATEGY` before
    /// the first such command.
    mutating func addDockerfileStrategies() {
        let dockerfiles = Set(inventory.sites.filter { $0.file == .dockerfile }.map(\.path))
        for path in dockerfiles.sorted() {
            guard let file = inventory.files[path] else { continue }
            let platform = PlatformInference.platform(forPath: path)
            if !moving.contains(platform == .all ? .cuda : platform) { continue }
            // A non-default CUDA variant concerns CUDA images; a release candidate concerns every moving image
            // whose index moves to the test channel.
            if target.channel != .test && platform != .all && platform != .cuda { continue }
            if target.channel == .test && platform != .all && platform != .cuda && keepsOldTorchPins(path) != nil { continue }
            let structure = DockerStages.parse(file)
            var withStrategy = Set<String>()
            for stage in structure {
                var inherited = stage.parent.map { withStrategy.contains($0) } ?? false
                if stage.setsStrategy { inherited = true }
                if inherited {
                    withStrategy.insert(stage.name)
                    continue
                }
                guard let run = stage.runs.first(where: { $0.usesUV && $0.hasExtraIndex && !$0.hasStrategyFlag && !$0.isNightly }) else {
                    continue
                }
                let nl = file.preferredNewline
                let offset: Int
                let text: String
                var line: Int
                if let uvEnv = stage.uvEnvLines.last(where: { $0 < run.firstLine }) {
                    // Next to the stage's other uv settings (`ENV UV_HTTP_TIMEOUT=500`).
                    line = uvEnv
                    offset = file.fullLineSpan(uvEnv).end
                    text = (file.fullLineSpan(uvEnv).end == file.lineSpan(uvEnv).end ? nl : "")
                        + "ENV UV_INDEX_STRATEGY=\"unsafe-best-match\"\(nl)"
                } else {
                    // Above the comment block that introduces the RUN, if any.
                    line = run.firstLine
                    while line > stage.firstLine + 1, file.line(line - 1).trimmingCharacters(in: .whitespaces).hasPrefix("#") { line -= 1 }
                    offset = file.fullLineSpan(line).start
                    text = "\(Self.strategyComment)\(nl)ENV UV_INDEX_STRATEGY=\"unsafe-best-match\"\(nl)\(nl)"
                }
                insert(text, at: offset, in: path, line: line, platform: platform == .all ? .cuda : platform,
                       target.channel == .test
                           ? "release candidate: uv must take torch from the test index, not PyPI (unsafe-best-match)"
                           : "\(newMainCUDA.flatMap { Variant(cudaVersion: $0)?.tag } ?? "the variant") is not PyPI's default build for torch \(newTorch ?? ""): uv must prefer the PyTorch index (unsafe-best-match)")
                withStrategy.insert(stage.name)
            }
        }
    }

    /// At GA: the strategy lines a release-candidate plan added (recognised by their comment) go away again where
    /// nothing else needs them (images other than CUDA ones, or a CUDA variant that PyPI serves).
    mutating func removeReleaseCandidateStrategies() {
        for path in Set(inventory.sites.filter { $0.file == .dockerfile }.map(\.path)).sorted() {
            guard let file = inventory.files[path] else { continue }
            let platform = PlatformInference.platform(forPath: path)
            let stillNeeded = needsVariantIndex && (platform == .all || platform == .cuda)
            guard !stillNeeded, file.lineCount >= 2 else { continue }
            for n in 1..<file.lineCount where file.line(n) == Self.strategyComment
                && file.line(n + 1).trimmingCharacters(in: .whitespaces) == "ENV UV_INDEX_STRATEGY=\"unsafe-best-match\"" {
                var end = file.fullLineSpan(n + 1).end
                if n + 2 <= file.lineCount, file.line(n + 2).trimmingCharacters(in: .whitespaces).isEmpty {
                    end = file.fullLineSpan(n + 2).end
                }
                replace(Span(file.fullLineSpan(n).start, end), in: path, line: n, with: "", platform: platform,
                        "release: the index strategy a release-candidate plan added is not needed any more")
            }
        }
    }

    // MARK: Everything else that names the old version

    /// Pins of other packages that carry the old ROCm version (`amdsmi==6.2.4`) in a ROCm file whose index moves.
    mutating func noteROCmVersionedPins() {
        for (old, new) in rocmMap.sorted(by: { $0.key < $1.key }) {
            for (path, file) in inventory.files.sorted(by: { $0.key < $1.key })
            where PlatformInference.platform(forPath: path) == .rocm && inventory.sites.contains(where: { $0.path == path && $0.file == .requirements }) {
                for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
                    let line = file.line(n)
                    guard line.contains("==\(old)") || line.contains("== \(old)"),
                          !inventory.sites.contains(where: { $0.path == path && $0.line == n }) else { continue }
                    plan.notes.append(PlanNote(.attention, "`\(line.trimmingCharacters(in: .whitespaces))` matches ROCm \(old); move it to the ROCm \(new) release of that package", at: SourceLocation(path: path, line: n)))
                }
            }
        }
    }

    /// Python versions the project builds or tests that the new torch ships no wheels for (2.9 dropped 3.9).
    mutating func notePythonsWithoutWheels() {
        guard let torch = newTorch, oldTorch != newTorch, let release = matrix.release(torch), !release.python.isEmpty else { return }
        let shipped = Set(release.python.map { $0.lowercased() })
        let lowest = release.python.compactMap { VersionEncoding.components($0) }.min { $0.lexicographicallyPrecedes($1) }
        for site in inventory.sites where site.subject == "python" && site.kind == .version && site.role != .lock
            && site.role != .generated {
            guard let minor = site.pythonMinor, !shipped.contains(minor),
                  let parts = VersionEncoding.components(minor), let low = lowest, parts.lexicographicallyPrecedes(low) else { continue }
            // A project's lower bound (`requires-python = ">=3.9"`, Poetry's `python = "^3.9"`, `python_requires`)
            // rises to the lowest Python the new torch ships: installers could not resolve it otherwise.
            if [.pyproject, .setupCfg].contains(site.file), ["^", ">=", "~=", "~"].contains(site.op ?? ""),
               site.role == .pin, VersionEncoding.components(site.value)?.count == 2 || VersionEncoding.components(site.value)?.count == 3 {
                let lowText = low.map(String.init).joined(separator: ".")
                edit(site, to: VersionEncoding.reencode(old: site.value, new: lowText),
                     "torch \(torch) ships no wheels for Python \(minor): the lower bound rises to \(lowText)")
                continue
            }
            attention(site, "torch \(torch) ships no wheels for Python \(minor) (it ships \(release.python.joined(separator: ", "))): drop or raise it")
        }
    }

    mutating func sweepUnchangedMentions() {
        noteROCmVersionedPins()
        notePythonsWithoutWheels()
        let editsByPath = Dictionary(grouping: plan.edits, by: \.path)
        let noted = Set(plan.notes.compactMap { $0.location.map { "\($0.path):\($0.line)" } })
        for site in inventory.sites where !(editsByPath[site.path] ?? []).contains(where: { $0.edit.span.overlaps(site.span) || $0.edit.span.contains(site.span) })
            && site.note?.contains("version gate") != true {
            guard !noted.contains("\(site.path):\(site.line)") else { continue }
            var mentions = false
            // A mention at a precision that names the new torch too (`>= 2.9` in a 2.9.0 → 2.9.1 upgrade) stays true.
            if site.subject == "torch", let old = oldTorch, old != newTorch, matchesOld(site.value, old),
               !(newTorch.map { matchesOld(site.value, $0) } ?? false),
               site.kind == .version || site.kind == .requirement { mentions = true }
            if site.subject == "cuda", let m = VersionEncoding.minor(site.value), cudaMap[m] != nil, site.note?.contains("toolkit gate") != true { mentions = true }
            if let v = site.variant, mappedVariant(v) != v, site.kind != .wheelURL { mentions = true }
            guard mentions else { continue }
            let why: String
            switch site.role {
            case .lock: why = "inside a lock file: regenerate it instead"
            case .generated:
                // A file the plan lists for regeneration already says what changes in it.
                if plan.generated.contains(where: { $0.path == site.path }) { continue }
                why = "inside a generated file: regenerate it with `\(site.generator?.command ?? "its generator")` instead"
            case .derived: why = "computed from another value that the plan changes"
            case .disabled: why = "commented out"
            case .doc: why = "documentation outside the platforms being upgraded"
            default: why = isMoving(site) ? "no rule changes this kind of site; review it by hand" : "\(site.platform) platform is not part of this upgrade"
            }
            leave(site, why)
        }
    }
}

/// A minimal view of a Dockerfile's stages for inserting settings: stage names and parents, whether a stage sets
/// `UV_INDEX_STRATEGY`, and its RUN commands that call uv with extra indexes.
struct DockerStages {
    struct Run {
        var firstLine: Int
        var text: String
        var usesUV: Bool { text.contains("uv pip install") || text.contains("uv pip sync") }
        var hasExtraIndex: Bool { text.contains("--extra-index-url") || text.contains("--index ") || text.contains("--index=") }
        var hasStrategyFlag: Bool { text.contains("--index-strategy") || text.contains("UV_INDEX_STRATEGY") }
        var isNightly: Bool { text.contains("/whl/nightly") && !text.contains("-r ") && !text.contains(".whl") }
    }
    var name: String
    var parent: String?
    var firstLine: Int
    var setsStrategy = false
    var runs: [Run] = []
    /// Lines of `ENV UV_…` settings (where a new uv setting belongs).
    var uvEnvLines: [Int] = []

    /// The planner's view of `DockerfileStructure` (the scanners' parser): stage names and parents, uv settings
    /// and RUN commands.
    static func parse(_ file: SourceFile) -> [DockerStages] {
        let structure = DockerfileStructure(parsing: file)
        return structure.stages.map { stage in
            var view = DockerStages(
                name: stage.name ?? "stage\(stage.index)",
                parent: stage.parent.flatMap { structure.stages[$0].name ?? "stage\($0)" },
                firstLine: stage.line)
            for index in stage.declarations {
                let declaration = structure.declarations[index]
                if declaration.name == "UV_INDEX_STRATEGY" { view.setsStrategy = true }
                let instruction = structure.instructions[declaration.instruction]
                if declaration.keyword.uppercased() == "ENV", declaration.name.hasPrefix("UV_"),
                   instruction.line == instruction.endLine {
                    view.uvEnvLines.append(instruction.line)
                }
            }
            for index in stage.instructions where structure.instructions[index].keyword.uppercased() == "RUN" {
                let run = structure.instructions[index]
                view.runs.append(Run(firstLine: run.line, text: file[run.span]))
            }
            return view
        }
    }
}
