/// What happens to one extra or group name that encodes a variant: renamed everywhere, or kept everywhere.
struct ExtraNameDecision {
    /// The new name as the definition spells it; nil when the name is kept.
    var renamedTo: Variant?
    /// The definition, when a scanned pyproject.toml has one.
    var definition: PinSite?
    /// Why the name is kept (empty when it is renamed).
    var reason: String
    /// The new name is another defined extra that is renamed in turn (the default CUDA moving onto a secondary
    /// build: `cu128` and `cu126` swap). The project's names keep meaning the same builds, so references outside it
    /// follow only when the values beside them swap too (a README row, a command with its `# CUDA 12.8` comment).
    var swaps = false
}

/// Extras and dependency groups named after a variant (`cu128 = ["torch==…"]` selected by `uv sync --extra cu128`).
///
/// When the variant such a name encodes moves (the main CUDA 12.8 → 13.0), the name is renamed with it — the
/// `[project.optional-dependencies]` key, the `conflicts` entry, every `extra =` source, comments, docs, Makefiles,
/// scripts and CI matrix values — so `cu130` says what the extra installs. The rename is all or nothing: when the
/// definition cannot move (no scanned pyproject.toml defines it, its platform is not part of the upgrade, or the new
/// name is already taken), every place keeps the old name and the definition gets an attention note. Either way,
/// no reference is ever rewritten into a name that is not defined.
///
/// Adding a second extra (keeping `cu128` beside a new `cu130`) would be the right shape if the old CUDA stayed as a
/// secondary build; the planner never keeps the old main CUDA (a main move maps it away). When the new main CUDA
/// already was a secondary build its extra already exists: the pyproject's names swap with its index names (so each
/// name keeps selecting the same build), and references elsewhere keep naming the build they meant unless the
/// values beside them swap too; commands that meant "the default" are flagged.
extension PlanBuilder {
    static func extraKey(_ site: PinSite) -> String {
        "\(site.name ?? ExtraNames.Selector.extra.rawValue):\(ExtraNames.normalize(site.value))"
    }

    static func isDefinition(_ site: PinSite) -> Bool {
        site.kind == .extraName && site.note == ExtraNames.definitionNote
    }

    /// Decides every variant-named extra and group once, before sites are planned.
    mutating func decideExtraNames() {
        let sites = inventory.sites.filter { $0.kind == .extraName && $0.role != .lock && $0.role != .generated }
        guard !sites.isEmpty else { return }
        let groups = Dictionary(grouping: sites, by: Self.extraKey)
        let defined = Set(groups.filter { $0.value.contains(where: Self.isDefinition) }.keys)
        var proposals: [String: Variant] = [:]
        for (key, group) in groups {
            guard let variant = group.first?.variant else { continue }
            let mapped = mappedVariant(variant)
            guard mapped != variant else { continue }
            let definition = group.first(where: Self.isDefinition)
            let what = "\(group.first?.name ?? "extra") \(definition?.value ?? group.first?.value ?? "")"
            guard let definition else {
                extraNames[key] = ExtraNameDecision(definition: nil, reason:
                    "no scanned pyproject.toml defines the \(what); rename it together with its definition")
                continue
            }
            if let stays = group.first(where: { Self.isDefinition($0) && (!isMoving($0) || $0.heldReason != nil) }) {
                extraNames[key] = ExtraNameDecision(definition: definition, reason:
                    "the \(what) keeps its name: its definition (\(stays.location.short)) is not part of this upgrade")
                continue
            }
            proposals[key] = mapped
        }
        for (key, mapped) in proposals {
            guard let group = groups[key], let definition = group.first(where: Self.isDefinition) else { continue }
            let newName = ExtraNames.renamed(definition.value, to: mapped)
            let newKey = "\(definition.name ?? ExtraNames.Selector.extra.rawValue):\(ExtraNames.normalize(newName))"
            if defined.contains(newKey) && proposals[newKey] == nil {
                let other = groups[newKey]?.first(where: Self.isDefinition)
                extraNames[key] = ExtraNameDecision(definition: definition, reason:
                    "the \(definition.name ?? "extra") \(definition.value) now installs \(mapped.tag) builds, but an \(definition.name ?? "extra") named \(newName) is already defined\(other.map { " (\($0.location.short))" } ?? ""): merge the two by hand; the name is kept everywhere meanwhile")
            } else {
                extraNames[key] = ExtraNameDecision(renamedTo: mapped, definition: definition, reason: "",
                                                    swaps: proposals[newKey] != nil)
            }
        }
    }

    mutating func planExtraName(_ site: PinSite) {
        guard site.role != .lock, site.role != .derived, site.role != .generated,
              let decision = extraNames[Self.extraKey(site)] else { return }
        let selector = site.name ?? "extra"
        guard let mapped = decision.renamedTo, let definition = decision.definition else {
            if Self.isDefinition(site) {
                attention(site, decision.reason)
            } else {
                leave(site, decision.reason)
            }
            return
        }
        let text = ExtraNames.renamed(site.value, to: mapped)
        if decision.swaps, site.file != .pyproject || site.role == .comment, !swapsBeside(site) {
            leave(site, "\(selector) \(site.value) keeps selecting the same build (it swaps names with \(text) in \(definition.path)); nothing beside it moves")
            let isCommand = site.note?.hasPrefix("--") == true || site.note?.hasPrefix("pip install") == true
            if let from = site.variant, from.toolkitVersion == plan.current.cuda,
               isCommand || site.context.lowercased().contains("default") {
                attention(site, "the default build moves from the \(site.value) \(selector) to \(text): if this \(isCommand ? "command" : "line") means the default, switch it by hand")
            }
            return
        }
        if Self.isDefinition(site) {
            let references = inventory.sites.filter { $0.kind == .extraName && Self.extraKey($0) == Self.extraKey(site) && !Self.isDefinition($0) }
            edit(site, to: text, "\(selector) \(site.value) → \(text): it installs \(mapped.tag) builds now; renamed with its \(references.count) reference\(references.count == 1 ? "" : "s")")
        } else {
            edit(site, to: text, "\(selector) \(site.value) → \(text), renamed with its definition (\(definition.location.short))")
        }
    }

    /// Whether another value on the site's line moves between the same two builds (a README row's CUDA and index,
    /// the `# default: CUDA 12.8` after a command).
    func swapsBeside(_ site: PinSite) -> Bool {
        guard let from = site.variant else { return false }
        return inventory.sites.contains { other in
            guard other.path == site.path, other.line == site.line, other.kind != .extraName else { return false }
            if other.subject == "cuda", let minor = VersionEncoding.minor(other.value) {
                return minor == from.toolkitVersion && cudaMap[minor] != nil
            }
            if let v = other.variant, other.kind == .variant || other.kind == .indexURL { return v == from && mappedVariant(v) != v }
            return false
        }
    }
}
