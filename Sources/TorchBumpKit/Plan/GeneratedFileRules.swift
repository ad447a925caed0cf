/// Generated files (role `generated`, e.g. a `versions.json` mirror of the Dockerfile ARGs) are never edited as text:
/// like locks, they are listed with the command that regenerates them whenever regeneration would change them — when
/// the plan edits the values they copy, or when they are already stale.
///
/// Why not also patch the values in place: the file says it must not be edited by hand, its generator decides the
/// exact content (key order, expansions, which stage's ARG wins), and a hand patch that differs from the generator's
/// output is only found by its pre-commit hook later. A stale file is caught by `check` (`generated-stale`) instead.
extension PlanBuilder {
    mutating func planGeneratedFiles() {
        let byPath = Dictionary(grouping: inventory.sites.filter { $0.role == .generated }, by: \.path)
        for path in byPath.keys.sorted() {
            let values = byPath[path]!.sorted { $0.span < $1.span }
            var changes: [String] = []
            for value in values {
                guard let new = regenerated(value), new != value.value else { continue }
                let change = "\(value.name ?? value.kind.rawValue) \(value.value) → \(new)"
                if !changes.contains(change) { changes.append(change) }
            }
            guard !changes.isEmpty, let first = values.first else { continue }
            let generator = first.generator
            plan.generated.append(GeneratedFileAction(path: path, recorded: generator?.recordedIn ?? "",
                                                      command: generator?.command, changes: changes))
            let how = generator?.command.map { "regenerate it with `\($0)`" }
                ?? "regenerate it with its generator (\(generator?.recordedIn ?? "the file says it is generated"))"
            let from = generator.map { $0.sources.isEmpty ? "" : " from \($0.sources.joined(separator: ", "))" } ?? ""
            plan.notes.append(PlanNote(.attention,
                "generated file\(from): \(how) after applying this plan (\(changes.joined(separator: ", "))); never edited by hand, and torchbump does not run generators",
                at: first.location))
        }
    }

    /// What a generated value becomes when its file is regenerated after this plan: the value of its first source
    /// site after the plan's edits when the plan edits a source or the file is stale already; without known sources,
    /// what the rules would make of the value were it a pin of its own. Nil when nothing can be said.
    func regenerated(_ value: PinSite) -> String? {
        let sources = GeneratedMirror.sources(of: value, in: inventory.sites)
        if !sources.isEmpty {
            let edited = sources.map(editedValue)
            let after = zip(sources, edited).map { $1 ?? $0.value }
            let stale = !sources.map(\.value).contains(value.value)
            return edited.contains { $0 != nil } || stale ? after.first : value.value
        }
        var trial = self
        trial.plan.edits = []
        trial.plan.notes = []
        trial.plan.deferrals = []
        var pin = value
        pin.role = .pin
        trial.plan(pin)
        return trial.plan.edits.first { $0.path == value.path && $0.edit.span == value.span }?.after
    }

    /// The replacement the plan writes over exactly this site, if any.
    func editedValue(_ site: PinSite) -> String? {
        plan.edits.first { $0.path == site.path && $0.edit.span == site.span }?.after
    }
}
