extension ExtensionCatalog {
    /// The keys `[tool.torchbump.extensions.<name>]` accepts.
    ///
    /// - `git`: clone URL of the source build (`https://github.com/org/fork.git`).
    /// - `tag-format`: how a version becomes a git ref, with `{version}` (`v{version}`, `release-{version}`).
    /// - `index`: a simple index with prebuilt wheels, probed first; placeholders such as `{cuda_tag}` and
    ///   `{torch_minor}` are filled (`https://wheels.example.com/{cuda_tag}/torch{torch_minor}/`). An index whose
    ///   URL names the torch minor is trusted to match torch; otherwise wheels must state `Requires-Dist: torch`.
    /// - `arch-env`: the variable the build reads its arch list from (`TORCH_CUDA_ARCH_LIST`,
    ///   `FLASHINFER_CUDA_ARCH_LIST`), or `none` when the build picks its own targets.
    /// - `build-time`: typical build time, shown in reports and Dockerfile comments.
    ///
    /// A name the catalogue does not know becomes a new entry: with `index` it is probed like any wheel index
    /// (nothing is known offline); without it, it is always built from `git`.
    public static let configKeys = ["git", "tag-format", "index", "arch-env", "build-time"]

    /// The catalogue with `[tool.torchbump.extensions]` applied (`TorchBumpConfig.extensions`), plus warnings for
    /// keys, values and placeholders it cannot use.
    public func applying(config: [String: [String: String]]) -> (catalog: ExtensionCatalog, diagnostics: [Diagnostic]) {
        var catalog = self
        var diagnostics: [Diagnostic] = []
        for name in config.keys.sorted() {
            let settings = config[name] ?? [:]
            let table = "[tool.torchbump.extensions.\(name)]"
            for key in settings.keys.sorted() where !Self.configKeys.contains(key) {
                diagnostics.append(.warning("\(table): unknown key '\(key)' (supported: "
                    + Self.configKeys.joined(separator: ", ") + ")"))
            }
            for key in ["tag-format", "index", "git"] {
                guard let value = settings[key] else { continue }
                let unknown = TemplateValues.unknownPlaceholders(in: value)
                if !unknown.isEmpty {
                    diagnostics.append(.warning("\(table): \(key) uses unknown placeholder(s) "
                        + unknown.map { "{\($0)}" }.joined(separator: ", ") + "; they are left as written"))
                }
            }
            if let existing = catalog.entries.firstIndex(where: { $0.allNames.contains(normalizePackageName(name)) }) {
                catalog.entries[existing] = Self.override(catalog.entries[existing], with: settings)
            } else {
                guard settings["git"] != nil || settings["index"] != nil else {
                    diagnostics.append(.warning("\(table): an extension the catalogue does not know needs `git` or "
                        + "`index`; ignored"))
                    continue
                }
                catalog.entries.append(Self.newEntry(name, settings: settings))
            }
        }
        return (catalog, diagnostics)
    }

    private static func override(_ entry: ExtensionEntry, with settings: [String: String]) -> ExtensionEntry {
        var entry = entry
        for i in entry.eras.indices {
            if var recipe = entry.eras[i].recipe {
                apply(settings, to: &recipe)
                entry.eras[i].recipe = recipe
            } else if let git = settings["git"], entry.eras[i].coupling != .vendor {
                var recipe = RecipeTemplate(git: git)
                apply(settings, to: &recipe)
                entry.eras[i].recipe = recipe
            }
            if let index = settings["index"], entry.eras[i].coupling != .none {
                entry.eras[i].locations.insert(userIndex(index), at: 0)
            }
        }
        return entry
    }

    private static func newEntry(_ name: String, settings: [String: String]) -> ExtensionEntry {
        var recipe: RecipeTemplate?
        if let git = settings["git"] {
            var template = RecipeTemplate(git: git, archEnv: "TORCH_CUDA_ARCH_LIST",
                                          requires: ["setuptools", "wheel", "packaging", "ninja"], maxJobs: 4)
            apply(settings, to: &template)
            recipe = template
        }
        let era = ExtensionEra(
            label: "defined in [tool.torchbump.extensions]",
            coupling: settings["index"] == nil ? .sourceOnly : .exactTorch,
            locations: settings["index"].map { [userIndex($0)] } ?? [], recipe: recipe)
        return ExtensionEntry(name: name, display: name, eras: [era])
    }

    private static func userIndex(_ url: String) -> WheelLocation {
        WheelLocation(kind: .projectIndex, url: url, offline: .unknown,
                      note: "index from [tool.torchbump.extensions]")
    }

    private static func apply(_ settings: [String: String], to recipe: inout RecipeTemplate) {
        if let git = settings["git"] { recipe.git = git }
        if let format = settings["tag-format"] { recipe.tagFormat = format }
        if let time = settings["build-time"] { recipe.buildTime = time }
        if let env = settings["arch-env"] {
            let trimmed = env.trimmingCharacters(in: .whitespaces)
            recipe.archEnv = trimmed.isEmpty || trimmed.lowercased() == "none" ? nil : trimmed
        }
    }
}
