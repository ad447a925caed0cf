import Foundation

/// A comma-separated set of PEP 440 specifiers (`>=2.7,<2.9`); empty means "any version".
public struct SpecifierSet: Sendable, CustomStringConvertible {
    /// The specifiers in the order written.
    public let specifiers: [Specifier]

    /// Parses `>=2.7,<2.9`; empty items are skipped like packaging does (`""` and `">=1,"` are fine).
    public init(parsing text: String) throws {
        var specs: [Specifier] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = item.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            specs.append(try Specifier(parsing: trimmed))
        }
        specifiers = specs
    }

    public init(_ specifiers: [Specifier]) {
        self.specifiers = specifiers
    }

    /// The specifiers joined with `,` in the order written.
    public var description: String { specifiers.map(\.description).joined(separator: ",") }

    public var isEmpty: Bool { specifiers.isEmpty }

    /// True when any specifier names a pre-release (then pre-releases match by default).
    public var prereleases: Bool { specifiers.contains(where: \.prereleases) }

    /// Whether `v` satisfies every specifier. With `prereleases` nil, a pre-release matches only when some
    /// specifier names a pre-release; an empty set matches every final release.
    public func contains(_ v: Version, prereleases: Bool? = nil) -> Bool {
        let allow = prereleases ?? self.prereleases
        if v.isPrerelease && !allow { return false }
        return specifiers.allSatisfy { $0.matches(v) }
    }

    /// The versions that match, like packaging's `filter`: with `prereleases` nil, pre-releases are dropped unless
    /// a specifier names one or no final release matches at all (then the matching pre-releases are returned).
    public func filter(_ versions: [Version], prereleases: Bool? = nil) -> [Version] {
        filter(versions, prereleases: prereleases, by: { $0 })
    }

    /// `filter` over any items, reading each item's version with `version`.
    public func filter<T>(_ items: [T], prereleases: Bool? = nil, by version: (T) -> Version) -> [T] {
        let explicit = prereleases ?? (self.prereleases ? true : nil)
        if let explicit { return items.filter { contains(version($0), prereleases: explicit) } }
        let matching = items.filter { contains(version($0), prereleases: true) }
        let finals = matching.filter { !version($0).isPrerelease }
        return finals.isEmpty ? matching : finals
    }

    /// The highest version of `versions` that matches (with the `filter` pre-release rule).
    public func best(of versions: [Version], prereleases: Bool? = nil) -> Version? {
        filter(versions, prereleases: prereleases).max()
    }
}

extension SpecifierSet: Hashable {
    /// Equal as sets, like packaging (order and duplicates do not matter).
    public static func == (a: SpecifierSet, b: SpecifierSet) -> Bool { Set(a.specifiers) == Set(b.specifiers) }
    public func hash(into hasher: inout Hasher) { hasher.combine(Set(specifiers)) }
}
