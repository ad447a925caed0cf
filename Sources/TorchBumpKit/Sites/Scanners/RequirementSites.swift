/// Records requirement sites for a PEP 508 requirement string that appears inside shell words, sed expressions
/// and docs (decoded text mapped to the file): one site per version specifier of a tracked package, plus the
/// git ref or wheel URL of a direct reference.
enum RequirementSites {
    /// Returns whether the text parsed as a requirement of a tracked package.
    @discardableResult
    static func record(_ value: MappedText, role: SiteRole, platform: Platform, note: String? = nil,
                       heldReason: String? = nil, into rec: inout SiteRecorder) -> Bool {
        _ = (value, role, platform, note, heldReason, rec)  // TEMP until versions/Requirement merges
        return false
    }
}
