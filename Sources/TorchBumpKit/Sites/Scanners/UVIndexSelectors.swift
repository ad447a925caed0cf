/// Which `[tool.uv.sources]` entries of a pyproject.toml reach each named `[[tool.uv.index]]`, and what selects
/// them: `{ index = "pytorch-cu126", extra = "cu126" }` reaches `pytorch-cu126` only when the `cu126` extra is
/// installed. An index reached only that way serves those extras, not the project's default build.
struct UVIndexSelectors {
    /// One source entry naming an index.
    struct Source: Hashable {
        var package: String
        var extra: String?
        var group: String?
        var marker: String?
    }

    /// Source entries by the index name they use.
    var sources: [String: [Source]] = [:]

    init(_ doc: TOMLDocument) {
        for entry in doc.entries where entry.path.starts(with: ["tool", "uv", "sources"]) {
            let rest = Array(entry.path.dropFirst(3))
            if rest.count == 1 {
                add(entry.value, package: rest[0])
            } else if rest.isEmpty {
                for pair in entry.value.tablePairs ?? [] { add(pair.value, package: pair.key.joined(separator: ".")) }
            }
        }
    }

    private mutating func add(_ value: TOMLValue, package: String) {
        for table in value.arrayItems ?? [value] {
            guard let index = table["index"]?.stringValue else { continue }
            sources[index, default: []].append(Source(
                package: package, extra: table["extra"]?.stringValue, group: table["group"]?.stringValue,
                marker: table["marker"]?.stringValue))
        }
    }

    /// The extras and groups that select `index`, when every source naming it is selected by one (nil when some
    /// source uses it unconditionally or none names it).
    func selectingExtras(of index: String) -> [String]? {
        guard let uses = sources[index], !uses.isEmpty else { return nil }
        var names: [String] = []
        for use in uses {
            guard let name = use.extra ?? use.group else { return nil }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }
}
