import Foundation

/// Renders an upgrade plan: a reviewable unified diff with the reasons, JSON, or Markdown for a PR description.
public enum PlanReport {
    public static let schema = 1

    /// Summary header, the diff of every file, then notes, deferrals, lock regenerations and problems.
    public static func diff(_ plan: UpgradePlan, files: [String: SourceFile]) throws -> String {
        var out = header(plan)
        for (path, edits) in plan.editsByFile {
            guard let file = files[path] else { continue }
            out += "\n"
            for e in edits { out += "# \(path):\(e.line): \(e.reason)\n" }
            out += try UnifiedDiff.render(path: path, original: file, edits: edits.map(\.edit))
        }
        out += trailer(plan)
        return out
    }

    static func header(_ plan: UpgradePlan) -> String {
        var out = "torchbump plan: "
        let c = plan.current
        var from: [String] = []
        if let t = c.torch { from.append("torch \(t)") }
        if let cu = c.cuda { from.append("CUDA \(cu)") }
        var to: [String] = []
        if let t = plan.target.torch { to.append("torch \(t)") }
        if let cu = plan.target.cuda { to.append("CUDA \(cu)") }
        if let r = plan.target.rocm { to.append("ROCm \(r)") }
        if plan.target.channel != .release { to.append("\(plan.target.channel) channel") }
        out += from.joined(separator: ", ") + " → " + (to.isEmpty ? "(nothing)" : to.joined(separator: ", ")) + "\n"
        out += "platforms: \(plan.platforms.map(\.rawValue).joined(separator: ", "))\n"
        let files = Set(plan.edits.map(\.path)).count
        if plan.isBlocked {
            out += "blocked: see the problems below\n"
        } else {
            out += plan.edits.isEmpty ? "nothing to change\n" : "\(plan.edits.count) edits in \(files) files\n"
        }
        return out
    }

    static func trailer(_ plan: UpgradePlan) -> String {
        var out = ""
        if !plan.locks.isEmpty {
            out += "\nlock files to regenerate (never edited by hand):\n"
            for l in plan.locks { out += "  \(l.path): \(l.command)\n" }
        }
        out += generatedSection(plan.generated)
        if !plan.deferrals.isEmpty {
            out += "\ndeferred:\n"
            for d in plan.deferrals {
                out += "  \(d.platform): \(d.current)\(d.location.map { " (\($0.short))" } ?? "") — \(d.reason)\n"
            }
        }
        let attention = plan.notes.filter { $0.kind == .attention }
        if !attention.isEmpty {
            out += "\nneeds attention:\n"
            for n in attention { out += "  \(n.location.map { $0.short + ": " } ?? "")\(n.message)\n" }
        }
        let unchanged = plan.notes.filter { $0.kind == .unchanged }
        if !unchanged.isEmpty {
            out += "\nleft unchanged:\n"
            for n in unchanged { out += "  \(n.location.map { $0.short + ": " } ?? "")\(n.message)\n" }
        }
        let info = plan.notes.filter { $0.kind == .info }
        if !info.isEmpty {
            out += "\nnotes:\n"
            for n in info { out += "  \(n.location.map { $0.short + ": " } ?? "")\(n.message)\n" }
        }
        if !plan.problems.isEmpty {
            out += "\nblocking problems:\n"
            for p in plan.problems { out += "  \(p.message)\n" }
        }
        return out
    }

    /// The generated files to regenerate by hand, with the command and what changes.
    static func generatedSection(_ generated: [GeneratedFileAction]) -> String {
        guard !generated.isEmpty else { return "" }
        var out = "\ngenerated files to regenerate after applying (never edited by hand; torchbump does not run generators):\n"
        for g in generated {
            let command = g.command ?? "its generator (\(g.recorded))"
            out += "  \(g.path): \(command)  # \(g.changes.joined(separator: ", "))\n"
        }
        return out
    }

    struct Document: Encodable {
        var schema: Int
        var target: UpgradeTarget
        var current: RepositoryState
        var platforms: [Platform]
        var blocked: Bool
        var files: [FileEntry]
        var notes: [PlanNote]
        var deferrals: [Deferral]
        var locks: [LockAction]
        var generated: [GeneratedFileAction]
        var problems: [Diagnostic]
        var diagnostics: [Diagnostic]
    }

    struct FileEntry: Encodable {
        var path: String
        var edits: [PlannedEdit]
        var diff: String
    }

    public static func json(_ plan: UpgradePlan, files: [String: SourceFile]) throws -> String {
        let entries = try plan.editsByFile.map { path, edits in
            FileEntry(path: path, edits: edits,
                      diff: try files[path].map { try UnifiedDiff.render(path: path, original: $0, edits: edits.map(\.edit)) } ?? "")
        }
        let doc = Document(schema: schema, target: plan.target, current: plan.current, platforms: plan.platforms,
                           blocked: plan.isBlocked, files: entries, notes: plan.notes, deferrals: plan.deferrals,
                           locks: plan.locks, generated: plan.generated, problems: plan.problems,
                           diagnostics: plan.diagnostics)
        return try InventoryReport.encodeJSON(doc)
    }

    /// Markdown for a pull-request description.
    public static func markdown(_ plan: UpgradePlan) -> String {
        var out = "## " + header(plan).split(separator: "\n").first!.replacingOccurrences(of: "torchbump plan: ", with: "Upgrade ") + "\n\n"
        out += "Platforms changed: \(plan.platforms.map { "`\($0)`" }.joined(separator: ", "))\n\n"
        if !plan.edits.isEmpty {
            out += "| file | line | change | why |\n|---|---|---|---|\n"
            for e in plan.edits {
                let change = e.before.isEmpty ? "add `\(e.after.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ⏎ "))`"
                    : (e.after.isEmpty ? "remove `\(e.before.trimmingCharacters(in: .whitespacesAndNewlines))`" : "`\(e.before)` → `\(e.after)`")
                out += "| `\(e.path)` | \(e.line) | \(change.replacingOccurrences(of: "|", with: "\\|")) | \(e.reason.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
            out += "\n"
        }
        let t = trailer(plan)
        if !t.isEmpty { out += "```\n" + t.trimmingCharacters(in: .newlines) + "\n```\n" }
        return out
    }
}
