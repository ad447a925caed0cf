/// Renders what `apply` did.
public enum ApplyReport {
    public static func text(plan: UpgradePlan, written: [String], locks: [LockRegeneration.Result], lockRequested: Bool) -> String {
        var out = ""
        if written.isEmpty {
            out += "nothing to change: the repository already matches the target\n"
        } else {
            out += "wrote \(written.count) files (\(plan.edits.count) edits):\n"
            for path in written { out += "  \(path)\n" }
        }
        for l in locks {
            out += "lock \(l.path): \(l.status.rawValue)\(l.detail.map { " — \($0)" } ?? "")\n"
        }
        if !lockRequested && !plan.locks.isEmpty {
            out += "lock files to regenerate (or pass --lock):\n"
            for l in plan.locks { out += "  \(l.path): \(l.command)\n" }
        }
        out += PlanReport.generatedSection(plan.generated)
        // A lock regenerated just now needs no "regenerate with …" reminder.
        let regenerated = Set(locks.filter { $0.status == .regenerated }.map(\.path))
        let notes = plan.notes.filter { note in
            !(note.message.hasPrefix("lock file: regenerate with") && note.location.map { regenerated.contains($0.path) } == true)
        }
        let trailer = PlanReport.trailer(UpgradePlan(
            target: plan.target, current: plan.current, notes: notes, deferrals: plan.deferrals))
        return out + trailer
    }

    struct Document: Encodable {
        var schema = 1
        var written: [String]
        var edits: [PlannedEdit]
        var locks: [LockAction]
        var lockResults: [LockRegeneration.Result]
        var generated: [GeneratedFileAction]
        var notes: [PlanNote]
        var deferrals: [Deferral]
    }

    public static func json(plan: UpgradePlan, written: [String], locks: [LockRegeneration.Result], lockRequested: Bool) throws -> String {
        try InventoryReport.encodeJSON(Document(written: written, edits: plan.edits, locks: plan.locks, lockResults: locks,
                                                generated: plan.generated, notes: plan.notes, deferrals: plan.deferrals))
    }
}
