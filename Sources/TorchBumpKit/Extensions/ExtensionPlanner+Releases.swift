extension ExtensionPlanner {
    /// The release the tables pair with `torch` on `variant`: the release matrix for xformers/torchao/FlashInfer,
    /// else the newest catalogue row that published wheels for the torch minor.
    func tableChoice(entry: ExtensionEntry, usage: ExtensionUsage, torch: String, variant: Variant) -> ReleaseChoice? {
        if let table = entry.matrixTable {
            if table == "flashinfer" { return flashinferChoice(entry: entry, usage: usage, torch: torch, variant: variant) }
            guard let pairing = matrix.extensionPairing(table, for: torch) else { return nil }
            return ReleaseChoice(
                version: pairing.version,
                basis: "\(table) table of the release matrix: \(pairing.version) requires torch \(pairing.torchRequirement)",
                uncertain: pairing.uncertain, variants: pairing.variants, pypiVariant: pairing.pypiVariant,
                notes: pairing.notes)
        }
        guard let minor = MatrixVersion.minor(torch) else { return nil }
        let rows = entry.releases.filter { row in
            (row.torch?.contains { MatrixVersion.same($0, minor) } ?? false)
                && (row.variants.map { $0.contains(variant) } ?? true)
        }
        guard let row = rows.max(by: { versionLess($0.version, $1.version) }) else { return nil }
        return ReleaseChoice(
            version: row.version,
            basis: "catalogue: \(entry.display) \(row.version) published wheels for torch \(minor)",
            uncertain: row.uncertain, variants: row.variants ?? [], cudaMajors: row.cudaMajors, pythons: row.python,
            cxx11abi: row.cxx11abi, notes: row.notes.map { [$0] } ?? [])
    }

    /// FlashInfer ≤ 0.3: the smallest upgrade from the pinned version whose release workflow built `variant` ×
    /// the torch minor (the pinned version itself when it did); without a pin, the newest such tag.
    func flashinferChoice(entry: ExtensionEntry, usage: ExtensionUsage, torch: String, variant: Variant) -> ReleaseChoice? {
        let ranges = matrix.flashinferBuilds(for: torch, variant: variant)
        guard !ranges.isEmpty, let minor = MatrixVersion.minor(torch) else { return nil }
        func bare(_ tag: String) -> String { tag.hasPrefix("v") ? String(tag.dropFirst()) : tag }
        let chosen: (range: FlashInferBuildRange, version: String)
        if let current = usage.currentVersion,
           let range = ranges.first(where: { !versionLess(current, bare($0.fromTag)) && !versionLess(bare($0.throughTag), current) }) {
            chosen = (range, current)
        } else if let current = usage.currentVersion,
                  let range = ranges.filter({ versionLess(current, bare($0.fromTag)) })
                      .min(by: { versionLess(bare($0.fromTag), bare($1.fromTag)) }) {
            chosen = (range, bare(range.fromTag))
        } else if let range = ranges.max(by: { versionLess(bare($0.throughTag), bare($1.throughTag)) }) {
            chosen = (range, bare(range.throughTag))
        } else {
            return nil
        }
        let variants = chosen.range.builds.filter { MatrixVersion.same($0.torch, minor) }.flatMap(\.variants)
        return ReleaseChoice(
            version: chosen.version,
            basis: "FlashInfer \(chosen.range.fromTag)–\(chosen.range.throughTag) release workflow built "
                + "\(variant.tag) × torch \(minor)",
            uncertain: chosen.range.uncertain, variants: variants, notes: chosen.range.notes.map { [$0] } ?? [])
    }

    /// The version to build when no release pairs with `torch`: the newest release made for a torch no newer than
    /// the target (newer ones may need newer torch APIs), but never older than the pinned version.
    func fallbackVersion(entry: ExtensionEntry, usage: ExtensionUsage, torch: String) -> (String?, String) {
        guard let targetMinor = MatrixVersion.minor(torch) else {
            return (usage.currentVersion, "the version the repository pins")
        }
        var made: [(version: String, torchMinor: String)] = []
        if let table = entry.matrixTable, let rows = matrix.extensions.table(for: table) {
            for row in rows {
                if let minor = Self.torchMinor(ofRequirement: row.torch) { made.append((row.version, minor)) }
            }
        }
        for row in entry.releases {
            if let newest = row.torch?.max(by: { MatrixVersion.less($0, $1) }) { made.append((row.version, newest)) }
        }
        let older = made.filter { !MatrixVersion.less(targetMinor, $0.torchMinor) }
            .max { versionLess($0.version, $1.version) }
        if let current = usage.currentVersion {
            if let older, versionLess(current, older.version) {
                return (older.version, "the newest release known to torchbump made for torch \(older.torchMinor) or older")
            }
            return (current, "the version the repository pins")
        }
        if let older { return (older.version, "the newest release known to torchbump made for torch \(older.torchMinor) or older") }
        if let newest = entry.releases.map(\.version).max(by: versionLess) {
            return (newest, "the newest release known to torchbump")
        }
        return (nil, "no version is known")
    }

    /// `==2.7.0`, `>=2.10`, `==2.11.*` → the torch minor they name.
    static func torchMinor(ofRequirement requirement: String) -> String? {
        let first = requirement.split(separator: ",").first.map(String.init) ?? requirement
        let operand = first.trimmingCharacters(in: .whitespaces).drop { "=<>!~ ".contains($0) }
        let text = operand.hasSuffix(".*") ? String(operand.dropLast(2)) : String(operand)
        return MatrixVersion.minor(text)
    }
}

/// PEP 440 ordering of two version texts; unparsable texts sort first.
func versionLess(_ a: String, _ b: String) -> Bool {
    switch (Version(a), Version(b)) {
    case let (va?, vb?): return va < vb
    case (nil, _?): return true
    default: return false
    }
}
