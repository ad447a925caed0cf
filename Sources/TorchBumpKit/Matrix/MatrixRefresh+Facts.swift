import Foundation

/// Pure readings of index pages and wheel metadata for the matrix refresh: which releases exist, their Python tags,
/// and the triton, CUDA and companion pins their metadata states.
extension MatrixRefresh {
    /// A wheel listed on a page, parsed once.
    struct Wheel: Sendable {
        var file: IndexFile
        var name: WheelFilename
    }

    /// The wheels of one final release on a page.
    struct ReleaseFiles: Sendable {
        var version: Version
        var wheels: [Wheel]
        /// Every file of the release is yanked.
        var allYanked: Bool
    }

    /// Final releases (no pre, dev or local label) of `package` at or above `floor`, ascending.
    static func finalReleases(_ page: SimpleIndexPage, package: String, floor: Version) -> [ReleaseFiles] {
        var byVersion: [Version: [Wheel]] = [:]
        let wanted = normalizePackageName(package)
        for file in page.files where file.filename.hasSuffix(".whl") {
            guard let name = try? WheelFilename(parsing: file.filename), name.name == wanted else { continue }
            let v = name.version
            guard !v.isPrerelease, v.local.isEmpty, v >= floor else { continue }
            byVersion[v.publicVersion, default: []].append(Wheel(file: file, name: name))
        }
        return byVersion.keys.sorted().map { v in
            let wheels = byVersion[v] ?? []
            return ReleaseFiles(version: v, wheels: wheels, allYanked: wheels.allSatisfy { $0.file.isYanked })
        }
    }

    /// The wheel whose metadata describes the Linux x86_64 build (the one PyPI's CUDA pins apply to): a
    /// non-yanked manylinux x86_64 wheel with a metadata sidecar, else any wheel with one.
    static func preferredWheel(_ wheels: [Wheel]) -> Wheel? {
        let withMetadata = wheels.filter { $0.file.coreMetadata.isAvailable }
        func score(_ w: Wheel) -> Int {
            var s = 0
            if !w.file.isYanked { s += 4 }
            if w.name.platformTags.contains(where: { $0.hasPrefix("manylinux") && $0.hasSuffix("x86_64") }) { s += 2 }
            if w.name.platformTags.contains(where: { $0.hasSuffix("x86_64") }) { s += 1 }
            return s
        }
        return withMetadata.max { score($0) < score($1) }
    }

    /// CPython versions with wheels: `3.10` … and free-threaded `3.13t`, plain ones first, each group ascending.
    static func pythons(_ wheels: [Wheel]) -> [String] {
        var plain = Set<[Int]>(), threaded = Set<[Int]>()
        for w in wheels {
            for py in w.name.pythonTags {
                let t = py.lowercased()
                guard t.hasPrefix("cp"), t.count >= 4, let major = Int(t.dropFirst(2).prefix(1)),
                      let minor = Int(t.dropFirst(3)) else { continue }
                for abi in w.name.abiTags.map({ $0.lowercased() }) {
                    if abi == "\(t)t" { threaded.insert([major, minor]) } else if abi == t || abi == "none" || abi == "\(t)m" {
                        plain.insert([major, minor])
                    }
                }
            }
        }
        func text(_ set: Set<[Int]>, suffix: String) -> [String] {
            set.sorted { $0.lexicographicallyPrecedes($1) }.map { "\($0[0]).\($0[1])\(suffix)" }
        }
        return text(plain, suffix: "") + text(threaded, suffix: "t")
    }

    /// The earliest `upload-time` date (`YYYY-MM-DD`) of the files, when the index states one.
    static func uploadDate(_ wheels: [Wheel]) -> String? {
        wheels.compactMap { $0.file.uploadTime.map { String($0.prefix(10)) } }
            .filter { $0.count == 10 }.min()
    }

    /// torch's triton requirement with only its Python clauses kept (`python_version<"3.13"`), as the matrix
    /// records it; nil when torch requires no `triton`.
    static func tritonPin(_ requirements: [DistRequirement]) -> TritonPin? {
        guard let r = requirements.first(where: { $0.normalizedName == "triton" }), !r.specifier.isEmpty else { return nil }
        return TritonPin(specifier: r.specifier, marker: pythonMarker(r.marker))
    }

    /// The `python_version` clauses of a simple `and`-joined marker, spaces around operators removed; the whole
    /// marker when it uses `or` or parentheses; nil when no clause is about Python.
    static func pythonMarker(_ marker: String?) -> String? {
        guard let marker, marker.contains("python_version") || marker.contains("python_full_version") else { return nil }
        if marker.contains(" or ") || marker.contains("(") { return marker }
        let clauses = marker.components(separatedBy: " and ").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("python_version") || $0.hasPrefix("python_full_version") }
            .map { $0.replacingOccurrences(of: "'", with: "\"").filter { !$0.isWhitespace } }
        return clauses.isEmpty ? nil : clauses.joined(separator: " and ")
    }

    /// The CUDA build and its pip requirement: `cuda-toolkit==13.0.2` (2.11+) or `nvidia-cuda-runtime-cu12==12.8.90`
    /// (up to 2.10), mapped by major.minor (`12.8.90` → cu128).
    static func cuda(_ requirements: [DistRequirement]) -> (variant: Variant, pip: String)? {
        if let r = requirements.first(where: { $0.normalizedName == "cuda-toolkit" }), let v = r.pinnedVersion,
           let variant = Variant(cudaVersion: v) {
            return (variant, "cuda-toolkit==\(v)")
        }
        if let r = requirements.first(where: { $0.normalizedName.hasPrefix("nvidia-cuda-runtime-cu") }),
           let v = r.pinnedVersion, let variant = Variant(cudaVersion: v) {
            return (variant, "\(r.normalizedName)==\(v)")
        }
        return nil
    }

    /// The exact cuDNN pin (`nvidia-cudnn-cu12==9.1.0.70` → `9.1.0.70`).
    static func cudnn(_ requirements: [DistRequirement]) -> String? {
        requirements.first { $0.normalizedName.hasPrefix("nvidia-cudnn-cu") && $0.pinnedVersion != nil }?.pinnedVersion
    }

    /// A companion's torch requirement: the exactly pinned torch (`torch==2.7.0` → `2.7.0`), or the specifier set
    /// when it is a range (`torch>=2.11`), or nil when it declares none.
    static func torchRequirement(_ requirements: [DistRequirement]) -> (exact: String?, range: SpecifierSet?)? {
        guard let r = requirements.first(where: { $0.normalizedName == "torch" && $0.marker == nil })
            ?? requirements.first(where: { $0.normalizedName == "torch" }) else { return nil }
        if let pinned = r.pinnedVersion, let v = Version(pinned) { return (v.publicVersion.description, nil) }
        return (nil, r.specifierSet)
    }
}

/// What the live indexes say about one torch release; nil fields were not answered.
struct ReleaseFacts: Sendable {
    var date: String?
    var python: [String]?
    var requiresPython: String?
    var triton: TritonPin?
    var pypiCUDA: Variant?
    var cudaToolkitPip: String?
    var cudnn: String?
    var torchvision: String?
    var torchvisionYanked: [String] = []
    var torchaudio: String?
    var torchaudioYanked: [String] = []
    /// For a release no torchaudio pins: the newest one whose requirement admits it (inferred).
    var torchaudioNewestUsable: String?
    var cudaVariants: [Variant]?
    var rocmVariants: [Variant]?
    var xpu: Bool?
}
