/// `generated-stale`: a value of a generated file (a `versions.json` mirror of Dockerfile ARGs) that no longer
/// matches the sites it is copied from — an ARG was edited and the generator was not run.
enum GeneratedRules {
    static func generatedStale(_ c: CheckContext) -> [Finding] {
        var out: [Finding] = []
        for value in c.sites where value.role == .generated {
            let sources = GeneratedMirror.sources(of: value, in: c.sites)
            // Stage-repeated ARGs may differ on purpose: the value is stale only when it matches none of them.
            guard let first = sources.first, !sources.contains(where: { $0.value == value.value }) else { continue }
            let how = value.generator?.command.map { "regenerate it with `\($0)`" } ?? "regenerate it with its generator"
            let name = value.name ?? value.kind.rawValue
            out.append(Finding(
                .generatedStale, .error,
                "\(value.path) is generated, and its \(name) \(value.value) (\(CheckContext.at(value))) differs from "
                    + "\(first.value) at \(CheckContext.at(first)); \(how)",
                at: value.location, related: sources.map(\.location)))
        }
        return out
    }
}
