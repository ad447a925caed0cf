/// Records requirement sites for a PEP 508 requirement string that appears inside shell words, sed expressions
/// and docs (decoded text mapped to the file): one site per version specifier of a tracked package, plus the
/// git ref or wheel URL of a direct reference.
enum RequirementSites {
    static func record(_ value: MappedText, role: SiteRole, platform: Platform, note: String? = nil,
                       heldReason: String? = nil, into rec: inout SiteRecorder) {
        // TODO(versions merge): parse with `Requirement.parse` once it lands.
        _ = (value, role, platform, note, heldReason, rec)
    }
}
