import Foundation

/// Which file on an index page answers one probe cell: a package at a version (exact, newest nightly of a base
/// version, or any matching a requirement), for a variant's local label, a CPython version and a Linux architecture.
struct WheelQuery: Sendable {
    enum VersionRule: Sendable {
        /// The public version must equal this one (local labels ignored): release and test channels.
        case exact(Version)
        /// The newest `.devN` whose base version is this one (nightly with a base version).
        case nightlyOf(Version)
        /// Any version the requirement admits, highest first (triton).
        case requirement(SpecifierSet)

        func matches(_ v: Version) -> Bool {
            switch self {
            case .exact(let wanted): return v.publicVersion == wanted.publicVersion
            case .nightlyOf(let base): return v.isDevrelease && v.baseVersion == base.baseVersion
            case .requirement(let set): return set.contains(v.publicVersion, prereleases: true) || set.contains(v, prereleases: true)
            }
        }

        var text: String {
            switch self {
            case .exact(let v): return v.publicVersion.description
            case .nightlyOf(let v): return "\(v.baseVersion).dev*"
            case .requirement(let s): return s.description.isEmpty ? "(any version)" : s.description
            }
        }
    }

    var package: String
    var version: VersionRule
    /// The local label the file must carry; nil when labels do not matter (triton builds, PyPI).
    var variant: Variant?

    /// A wheel on the page, parsed once.
    struct Candidate: Sendable {
        var file: IndexFile
        var wheel: WheelFilename
    }

    /// The wheels of a page (other files and unparsable names are skipped; yanked files too).
    static func candidates(_ page: SimpleIndexPage) -> [Candidate] {
        page.files.compactMap { file in
            guard !file.isYanked, file.filename.hasSuffix(".whl"),
                  let wheel = try? WheelFilename(parsing: file.filename) else { return nil }
            return Candidate(file: file, wheel: wheel)
        }
    }

    /// Whether the file's local label fits the variant. CPU wheels for aarch64, macOS and Windows carry no `+cpu`
    /// label, and pure-Python (`-any`) wheels fit every variant.
    func labelFits(_ wheel: WheelFilename) -> Bool {
        guard let variant else { return true }
        if let label = wheel.version.localLabel {
            return Variant(localLabel: label) == variant
        }
        return variant == .cpu || wheel.isPlatformIndependent
    }

    /// A Linux (`manylinux*`, `linux_*`) or platform-independent wheel.
    static func isLinux(_ wheel: WheelFilename) -> Bool {
        wheel.platformTags.contains { tag in
            let t = tag.lowercased()
            return t == "any" || t.hasPrefix("manylinux") || t.hasPrefix("linux_")
        }
    }

    /// The best file for `python` on Linux `arch`, or why there is none.
    func answer(in candidates: [Candidate], python: String, arch: String, page: String) -> Result<Candidate, Missing> {
        let named = candidates.filter { $0.wheel.name == package }
        guard !named.isEmpty else { return .failure(Missing("no \(package) wheels on \(page)")) }
        let versioned = named.filter { version.matches($0.wheel.version) }
        guard !versioned.isEmpty else { return .failure(Missing("no \(package) \(version.text) on \(page)")) }
        let labelled = versioned.filter { labelFits($0.wheel) }
        guard !labelled.isEmpty else {
            return .failure(Missing("\(package) \(version.text) is on \(page) but not as +\(variant?.tag ?? "?")"))
        }
        let forPython = labelled.filter { $0.wheel.supports(python: python) }
        guard !forPython.isEmpty else {
            let has = Set(labelled.flatMap { Self.pythonLabels($0.wheel) }).sorted()
            return .failure(Missing("no \(Self.cpTag(python)) wheel of \(package) \(version.text)"
                + (has.isEmpty ? "" : " (has \(has.joined(separator: ", ")))")))
        }
        let forArch = forPython.filter { $0.wheel.supports(arch: arch) && Self.isLinux($0.wheel) }
        guard !forArch.isEmpty else {
            return .failure(Missing("no Linux \(arch) wheel of \(package) \(version.text)"))
        }
        // Highest version first; among equals prefer a file whose page gives a sha256.
        let best = forArch.max { a, b in
            if a.wheel.version != b.wheel.version { return a.wheel.version < b.wheel.version }
            return (a.file.sha256 == nil ? 0 : 1) < (b.file.sha256 == nil ? 0 : 1)
        }
        guard let best else { return .failure(Missing("no matching wheel")) }
        return .success(best)
    }

    /// Why no file matched.
    struct Missing: Error, Sendable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// `3.12` → `cp312`, `3.13t` → `cp313t`.
    static func cpTag(_ python: String) -> String {
        let p = python.lowercased()
        if p.hasPrefix("cp") { return p }
        let threaded = p.hasSuffix("t")
        let digits = (threaded ? String(p.dropLast()) : p).replacingOccurrences(of: ".", with: "")
        return "cp" + digits + (threaded ? "t" : "")
    }

    /// `cp312-cp312` → `cp312`; `cp313-cp313t` → `cp313t`; `cp39-abi3` → `cp39-abi3`; `py3-none` → `py3`.
    static func pythonLabels(_ wheel: WheelFilename) -> [String] {
        wheel.pythonTags.flatMap { py in
            wheel.abiTags.map { abi -> String in
                if abi.lowercased() == "abi3" { return py + "-abi3" }
                if abi.lowercased().hasSuffix("t"), abi.lowercased() == py.lowercased() + "t" { return py + "t" }
                return py
            }
        }
    }
}
