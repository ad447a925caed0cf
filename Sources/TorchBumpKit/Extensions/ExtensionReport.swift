import Foundation

/// Renders an `ExtensionPlan` as text for people or as stable JSON (`--format json`).
///
/// JSON shape (schema 1): `schema`, `target` {torch, variant, channel, pythons, pythonSource, offline, pypiIndex,
/// pytorchIndexBase, arch}, `archList` {value, source, dropped, renamed} or absent, `extensions` [decisions:
/// name, display, currentVersion, sites, variant, era, release, probes [{kind, label, urls, status, detail,
/// version}], outcome (`wheel` | `no-build-needed` | `source-build` | `blocked` | `unknown`), reason, wheel,
/// recipe, networkFailed, notes], `summary` {outcome: count}, `exitStatus`, `diagnostics`. Keys are sorted.
public enum ExtensionReport {
    public static func text(_ plan: ExtensionPlan) -> String {
        var lines: [String] = []
        let t = plan.target
        let mode = t.offline ? "offline: catalogue tables only, nothing probed" : "online: locations probed in order"
        lines.append("torchbump deps — torch \(t.torch) · \(t.variant.tag) · Python \(t.pythons.joined(separator: ", ")) "
            + "(\(t.pythonSource)) · \(t.channel) channel · \(mode)")
        if let arch = plan.archList {
            lines.append("arch list for CUDA builds: \(arch.value.isEmpty ? "(empty)" : arch.value)  [\(arch.source)]")
            for change in arch.dropped + arch.renamed { lines.append("  changed: \(change)") }
        }
        for d in plan.diagnostics { lines.append(d.description) }
        for decision in plan.decisions {
            lines.append("")
            lines += decisionLines(decision, target: t, base: plan.archList)
        }
        lines.append("")
        lines.append("summary: " + summary(plan) + " — exit \(plan.exitStatus)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2 wheels · 1 source build · 1 blocked`, in outcome order, zero counts left out.
    public static func summary(_ plan: ExtensionPlan) -> String {
        let counts = plan.counts
        let parts = ExtensionOutcome.allCases.compactMap { outcome -> String? in
            guard let n = counts[outcome], n > 0 else { return nil }
            switch outcome {
            case .wheel: return "\(n) wheel" + (n == 1 ? "" : "s")
            case .noBuildNeeded: return "\(n) no build needed"
            case .sourceBuild: return "\(n) source build" + (n == 1 ? "" : "s")
            case .blocked: return "\(n) blocked"
            case .unknown: return "\(n) undecided"
            }
        }
        return parts.isEmpty ? "no extensions" : parts.joined(separator: " · ")
    }

    static func title(_ outcome: ExtensionOutcome) -> String {
        switch outcome {
        case .wheel: return "wheel"
        case .noBuildNeeded: return "no build needed"
        case .sourceBuild: return "source build"
        case .blocked: return "blocked on vendor release"
        case .unknown: return "undecided (build unless a probe finds a wheel)"
        }
    }

    private static func decisionLines(_ d: ExtensionDecision, target: ExtensionTarget, base: DerivedArchList?) -> [String] {
        var lines: [String] = []
        var heading = d.name
        if let current = d.currentVersion { heading += " \(current)" }
        let next = d.wheel?.version ?? d.recipe?.version ?? d.release?.version
        if let next, next != d.currentVersion { heading += " → \(next)" }
        lines.append("\(heading) — \(title(d.outcome))" + (d.variant != target.variant ? " [\(d.variant.tag)]" : ""))
        if !d.sites.isEmpty { lines.append("  used at: " + d.sites.joined(separator: ", ")) }
        lines.append("  why: \(d.reason)")
        if let release = d.release {
            lines.append("  release: \(release.version) — \(release.basis)" + (release.uncertain ? " (uncertain)" : ""))
        }
        if !d.probes.isEmpty {
            lines.append("  where:")
            let width = d.probes.map(\.label.count).max() ?? 0
            let statusWidth = d.probes.map(\.status.rawValue.count).max() ?? 0
            for probe in d.probes {
                let label = probe.label.padding(toLength: width, withPad: " ", startingAt: 0)
                let status = probe.status.rawValue.padding(toLength: statusWidth, withPad: " ", startingAt: 0)
                lines.append("    \(label)  \(status)  \(probe.detail)")
            }
        }
        if let wheel = d.wheel {
            for command in wheel.install { lines.append("  install: \(command)") }
        }
        if let recipe = d.recipe, d.outcome.needsBuild {
            lines += recipeLines(recipe, target: target, base: base)
        } else if d.outcome.needsBuild {
            lines.append("  recipe: none known — add `git` under [tool.torchbump.extensions.\(d.name)]")
        }
        for note in d.notes { lines.append("  note: \(note)") }
        return lines
    }

    private static func recipeLines(_ recipe: BuildRecipe, target: ExtensionTarget, base: DerivedArchList?) -> [String] {
        var lines: [String] = []
        let what = recipe.ref.map { "\(recipe.git) @ \($0)" } ?? "\(recipe.git) (default branch)"
        lines.append("  recipe: build \(what) — \(recipe.buildTime)")
        if !recipe.requires.isEmpty {
            lines.append("    \(target.pipInstall) \(recipe.requires.joined(separator: " "))"
                + "    # build requirements; torch \(target.torch) must already be installed")
        }
        if !recipe.env.isEmpty {
            lines.append("    export " + recipe.env.map { "\($0.name)=\(BuildRecipe.shellQuote($0.value))" }.joined(separator: " "))
        }
        for step in recipe.steps { lines.append("    \(step)") }
        if let arch = recipe.archList {
            let shown = Set((base?.dropped ?? []) + (base?.renamed ?? []))
            for change in arch.dropped + arch.renamed where !shown.contains(change) { lines.append("    arch: \(change)") }
        }
        for pitfall in recipe.pitfalls { lines.append("    pitfall: \(pitfall)") }
        for note in recipe.notes { lines.append("    note: \(note)") }
        return lines
    }

    // MARK: - JSON

    private struct Document: Encodable {
        var schema: Int
        var target: ExtensionTarget
        var archList: DerivedArchList?
        var extensions: [ExtensionDecision]
        var summary: [String: Int]
        var exitStatus: Int32
        var diagnostics: [Diagnostic]
    }

    /// Pretty JSON with sorted keys (stable across runs).
    public static func json(_ plan: ExtensionPlan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let summary = Dictionary(uniqueKeysWithValues: plan.counts.map { ($0.key.rawValue, $0.value) })
        let document = Document(schema: plan.schema, target: plan.target, archList: plan.archList,
                                extensions: plan.decisions, summary: summary, exitStatus: plan.exitStatus,
                                diagnostics: plan.diagnostics)
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
