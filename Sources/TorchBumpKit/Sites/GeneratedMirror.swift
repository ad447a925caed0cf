/// Links the values of a generated file to the sites they are copied from, so a plan knows what regeneration will
/// change and `check` can tell a stale file: in the generator's source files (any Dockerfile when it names none),
/// the pins declared under the same name (`ARG CUDA_VERSION=12.8.1` for `"CUDA_VERSION"`), or — for a value the
/// generator expanded (`ARG BUILD_BASE_IMAGE=nvidia/cuda:${CUDA_VERSION}-…`) — the pins of the variable it follows.
public enum GeneratedMirror {
    /// The source sites of `value` (role `generated`), in file and line order; empty when none is known.
    public static func sources(of value: PinSite, in sites: [PinSite]) -> [PinSite] {
        guard value.role == .generated, let name = value.name else { return [] }
        let paths = value.generator?.sources ?? []
        let candidates = sites.filter { site in
            site.role != .generated && site.path != value.path
                && (paths.isEmpty ? site.file == .dockerfile : paths.contains(site.path))
        }
        let direct = candidates.filter {
            $0.role == .pin && $0.kind == value.kind && $0.subject == value.subject && $0.name == name
        }
        if !direct.isEmpty { return ordered(direct) }
        let caseless = candidates.filter {
            $0.role == .pin && $0.kind == value.kind && $0.subject == value.subject && $0.name?.lowercased() == name.lowercased()
        }
        if !caseless.isEmpty { return ordered(caseless) }
        // An expanded value: the derived site on the line declaring `name` names the variable it follows.
        let followed = Set(candidates.filter { $0.role == .derived && declaredName($0.context) == name }.compactMap(\.name))
        guard !followed.isEmpty else { return [] }
        return ordered(candidates.filter {
            $0.role == .pin && $0.kind == .version && $0.subject == value.subject && followed.contains($0.name ?? "")
        })
    }

    /// `BUILD_BASE_IMAGE` for `ARG BUILD_BASE_IMAGE=…` / `ENV BUILD_BASE_IMAGE=…`.
    static func declaredName(_ context: String) -> String? {
        let upper = context.uppercased()
        guard upper.hasPrefix("ARG ") || upper.hasPrefix("ENV ") else { return nil }
        let rest = context.dropFirst(4).drop { $0 == " " || $0 == "\t" }
        guard let eq = rest.firstIndex(of: "=") else { return nil }
        return String(rest[..<eq])
    }

    static func ordered(_ sites: [PinSite]) -> [PinSite] {
        sites.sorted { ($0.path, $0.span.start) < ($1.path, $1.span.start) }
    }
}
