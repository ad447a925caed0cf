/// What the CUDA rules make of one site: nothing, leave it (with why), flag it, or move it to a new CUDA minor.
enum CUDADecision: Equatable {
    case none
    case leave(String)
    case attention(String)
    case move(to: String, reason: String)
}

/// CI matrix entries (`include: - cuda: "12.8"  cuda_full: "12.8.1"`): the entry's CUDA, its full toolkit, its
/// container image and its variant tag are one unit. The entry's CUDA decides; the others follow it to the same
/// minor (a full toolkit to the newest patch the release matrix knows), or everything stays.
extension PlanBuilder {
    /// Decides every matrix entry before the other sites, so the matrix axis (`cuda: ["12.6", "12.8"]`) can stay
    /// with an entry that cannot move.
    mutating func planMatrixEntries() {
        for site in inventory.sites where site.group != nil { planMatrixEntry(site) }
    }

    /// The matrix entry (its line) that keeps a matrix-axis value of this file, key and CUDA minor where it is.
    func matrixEntryHolding(_ site: PinSite) -> Int? {
        guard site.group == nil, let minor = VersionEncoding.minor(site.value) else { return nil }
        return heldMatrixAxes["\(site.path)|\(site.name ?? "")|\(minor)"]
    }

    mutating func planMatrixEntry(_ site: PinSite) {
        guard let group = site.group, handledGroups.insert("\(site.path)#\(group)").inserted else { return }
        let members = inventory.sites.filter { $0.path == site.path && $0.group == group }
        func minor(_ s: PinSite) -> String? {
            s.kind == .variant ? s.variant?.toolkitVersion : VersionEncoding.minor(s.value)
        }
        // The entry's own CUDA key (`cuda: "12.8"`) leads; else its first version.
        let versions = members.filter { $0.kind == .version }
        let lead = versions.first { VersionEncoding.components($0.value)?.count == 2 } ?? versions.first ?? members.first ?? site
        let minors = Set(members.compactMap(minor))
        guard minors.count == 1, let old = minors.first else {
            if minors.contains(where: { cudaMap[$0] != nil }) {
                let listed = members.map { "\($0.name ?? $0.kind.rawValue) \($0.value)" }.joined(separator: ", ")
                attention(lead, "this matrix entry already pairs different CUDA versions (\(listed)): make them agree by hand; left as is")
                if let own = VersionEncoding.minor(lead.value) { heldMatrixAxes["\(lead.path)|\(lead.name ?? "")|\(own)"] = lead.line }
            }
            return
        }
        let followers = members.filter { $0.span != lead.span }
        let others = followers.map { "\($0.name ?? $0.kind.rawValue) \($0.value)" }.joined(separator: ", ")
        switch cudaDecision(lead) {
        case .none:
            return
        case .leave(let why):
            leave(lead, followers.isEmpty ? why : "\(why); its matrix entry's \(others) stay with it")
        case .attention(let why):
            attention(lead, followers.isEmpty ? why : "\(why) (its matrix entry's \(others) go with it)")
        case .move(let new, let reason):
            var replacements: [(site: PinSite, text: String)] = []
            for member in members {
                if member.kind == .variant {
                    guard let variant = Variant(cudaVersion: new) else { return }
                    let tag = member.value.lowercased() == member.value ? variant.tag : variant.tag.uppercased()
                    replacements.append((member, tag))
                } else if (VersionEncoding.components(member.value)?.count ?? 0) >= 3 {
                    // A full toolkit (container tag, `cuda_full`) needs a real patch level, never a guessed `.0`.
                    guard let full = matrix.latestPatch(cuda: new) else {
                        attention(lead, "the matrix entry pairs CUDA \(old) with \(member.name ?? "the toolkit") \(member.value) (line \(member.line)), and the release matrix knows no patch level of CUDA \(new): move the entry by hand (all its values together) or keep it on \(old); left as is")
                        heldMatrixAxes["\(lead.path)|\(lead.name ?? "")|\(old)"] = lead.line
                        return
                    }
                    replacements.append((member, VersionEncoding.reencode(old: member.value, new: full)))
                } else {
                    replacements.append((member, VersionEncoding.reencode(old: member.value, new: new)))
                }
            }
            for (member, text) in replacements {
                let full = (VersionEncoding.components(text)?.count ?? 0) >= 3
                let why = member.span == lead.span ? reason
                    : "\(reason) with its matrix entry's CUDA (line \(lead.line))" + (full ? ": \(text) is the newest CUDA \(new) patch" : "")
                edit(member, to: text, why)
            }
        }
    }
}
