import Foundation

/// One PEP 440 version specifier (`==2.7.0+cu128`, `>=2.6`, `~=3.8.0`, `==2.*`), matching like pypa `packaging`.
///
/// Operator rules follow packaging 26 (PEP 440's exclusive-comparison wording). Pre-releases follow the
/// installer view (pip/uv without `--pre`): a pre-release matches only when the specifier itself names one or
/// `prereleases: true` is passed. (packaging ≥ 25's `contains` also accepts a lone pre-release by default;
/// use `SpecifierSet.filter` for that "only pre-releases available" rule.) One deliberate difference: `~=` drops the
/// last release number of the *normalised* version, while packaging splits the raw text, so its `~=1.1.rev0` or
/// `~=1.1.DEV1` keep `1.1` as prefix; we follow PEP 440 (prefix `1`), like uv.
public struct Specifier: Sendable, CustomStringConvertible {
    /// A PEP 440 comparison operator, spelled as in requirements.
    public enum Operator: String, Sendable, CaseIterable {
        case compatible = "~=", equal = "==", notEqual = "!=", lessEqual = "<=", greaterEqual = ">=", less = "<",
             greater = ">", arbitrary = "==="
    }

    public let op: Operator
    /// The version as written, trimmed (`2.7.*`, `2.7.0+cu128`, `v1.0`).
    public let version: String
    /// The parsed version; nil for wildcards (`2.7.*`) and for `===`.
    public let parsedVersion: Version?
    /// For `==X.*` / `!=X.*`: epoch and release of `X`.
    private let wildcardPrefix: Version?

    /// Parses one specifier such as `==2.7.0`, `>= 2.6`, `~=3.8.0`, `==2.*` or `===foo`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let ops: [Operator] = [.arbitrary, .compatible, .equal, .notEqual, .lessEqual, .greaterEqual, .less, .greater]
        guard let op = ops.first(where: { trimmed.hasPrefix($0.rawValue) }) else {
            throw VersionError.invalidSpecifier(text, reason: "expected an operator (~=, ==, !=, <=, >=, <, >, ===)")
        }
        let version = String(trimmed.dropFirst(op.rawValue.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        try self.init(op, version, original: text)
    }

    /// A specifier from an operator and a version text (validated as in `init(parsing:)`).
    public init(_ op: Operator, _ version: String) throws {
        try self.init(op, version.trimmingCharacters(in: .whitespacesAndNewlines), original: op.rawValue + version)
    }

    private init(_ op: Operator, _ version: String, original: String) throws {
        func fail(_ reason: String) -> VersionError { .invalidSpecifier(original, reason: reason) }
        self.op = op
        self.version = version
        switch op {
        case .arbitrary:
            if version.contains(where: { $0.isWhitespace || $0 == ";" || $0 == ")" }) {
                throw fail("an arbitrary (===) version cannot contain whitespace, ';' or ')'")
            }
            parsedVersion = nil
            wildcardPrefix = nil
            return
        default:
            break
        }
        guard !version.isEmpty else { throw fail("missing version after '\(op.rawValue)'") }
        if version.hasSuffix(".*") {
            guard op == .equal || op == .notEqual else { throw fail("'.*' is only allowed with == and !=") }
            let prefix = String(version.dropLast(2))
            guard prefix.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "!" || $0 == "v" || $0 == "V" }),
                  let v = Version(prefix), !v.isPrerelease, !v.isPostrelease, v.local.isEmpty
            else { throw fail("a wildcard needs a plain release before '.*' (e.g. ==2.7.*)") }
            parsedVersion = nil
            wildcardPrefix = v
            return
        }
        guard let v = Version(version), !version.contains(where: \.isWhitespace) else {
            throw fail("'\(version)' is not a PEP 440 version")
        }
        if !v.local.isEmpty && op != .equal && op != .notEqual {
            throw fail("a local version label (+\(v.localLabel ?? "")) is only allowed with == and !=")
        }
        if op == .compatible && v.release.count < 2 {
            throw fail("~= needs at least two release numbers (e.g. ~=2.6)")
        }
        parsedVersion = v
        wildcardPrefix = nil
    }

    public var description: String { op.rawValue + version }

    /// Whether the specifier is a wildcard (`==2.7.*`, `!=2.*`).
    public var isWildcard: Bool { wildcardPrefix != nil }

    /// `==` or `===` without a wildcard: exactly one version (up to local labels) matches.
    public var isPinned: Bool { (op == .equal && !isWildcard) || op == .arbitrary }

    /// Whether this specifier lets pre-releases match by default: it names a pre-release with an operator other
    /// than `!=` (and is not a wildcard), like packaging's `Specifier.prereleases`.
    public var prereleases: Bool {
        switch op {
        case .notEqual: return false
        case .arbitrary: return Version(version)?.isPrerelease ?? false
        default: return parsedVersion?.isPrerelease ?? false
        }
    }

    /// Whether `v` satisfies this specifier. `prereleases` nil means "only if the specifier names a pre-release".
    public func contains(_ v: Version, prereleases: Bool? = nil) -> Bool {
        if v.isPrerelease && !(prereleases ?? self.prereleases) { return false }
        return matches(v)
    }

    /// The operator test alone, ignoring the pre-release policy.
    public func matches(_ v: Version) -> Bool {
        switch op {
        case .arbitrary:
            return v.description.lowercased() == version.lowercased()
        case .equal:
            return equal(v)
        case .notEqual:
            return !equal(v)
        case .compatible:
            guard let spec = parsedVersion else { return false }
            let prefix = Array(spec.release.dropLast())
            return v.publicVersion >= spec && v.epoch == spec.epoch && v.release(padded: prefix.count) == prefix
        case .lessEqual:
            guard let spec = parsedVersion else { return false }
            return v.publicVersion <= spec
        case .greaterEqual:
            guard let spec = parsedVersion else { return false }
            return v.publicVersion >= spec
        case .less:
            guard let spec = parsedVersion, v < spec else { return false }
            // `<V` must not admit a pre-release of V unless V is one itself.
            let earliest = Version(epoch: spec.epoch, release: spec.release, pre: spec.pre, post: spec.post, dev: 0)
            return !( !spec.isPrerelease && v.isPrerelease && v >= earliest )
        case .greater:
            guard let spec = parsedVersion, v > spec else { return false }
            // `>V` must not admit a post-release of V unless V is one itself, nor a local version of V.
            if !spec.isPostrelease && v.isPostrelease
                && Version(epoch: v.epoch, release: v.release, pre: v.pre) == spec { return false }
            if !v.local.isEmpty && v.publicVersion == spec { return false }
            return true
        }
    }

    private func equal(_ v: Version) -> Bool {
        if let prefix = wildcardPrefix {
            // Prefix match on the public version with zero padding: ==2.7.* matches 2.7, 2.7.0rc1, 2.7.3+cu128.
            return v.epoch == prefix.epoch && v.release(padded: prefix.release.count) == prefix.release
        }
        guard let spec = parsedVersion else { return false }
        return spec.local.isEmpty ? v.publicVersion == spec : v == spec
    }

    /// packaging's `_canonical_spec`: trailing zeros ignored except for `~=`; wildcards and `===` as written.
    private var canonicalKey: String {
        guard let v = parsedVersion, op != .arbitrary else { return op.rawValue + version }
        return op.rawValue + (op == .compatible ? v.description : v.canonicalDescription)
    }
}

extension Specifier: Hashable {
    /// Equal like packaging: `==1.2.3` equals `== 1.2.3.0`; `~=1.2` differs from `~=1.2.0`.
    public static func == (a: Specifier, b: Specifier) -> Bool { a.canonicalKey == b.canonicalKey }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalKey) }
}
