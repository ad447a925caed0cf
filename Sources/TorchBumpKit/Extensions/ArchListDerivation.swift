/// An arch list for a build, with where it came from and what was changed on the way.
public struct DerivedArchList: Hashable, Sendable, Codable {
    /// The value to export (`7.5 8.0 9.0+PTX`, or `80;90` for flash-attn).
    public var value: String
    /// Where the starting list came from (`docker/Dockerfile:14 TORCH_CUDA_ARCH_LIST`).
    public var source: String
    /// Entries removed, each with the reason (`7.0: CUDA 13.0 can no longer target it`).
    public var dropped: [String]
    /// Entries renamed for the toolkit (`10.1 → 11.0`).
    public var renamed: [String]

    public init(value: String, source: String, dropped: [String] = [], renamed: [String] = []) {
        self.value = value
        self.source = source
        self.dropped = dropped
        self.renamed = renamed
    }

    /// Whether no architecture is left.
    public var isEmpty: Bool { ReleaseMatrix.archTokens(value).isEmpty }
}

/// Derives `TORCH_CUDA_ARCH_LIST`-style values for extension builds from the repository's list, the target CUDA
/// and each extension's limits.
public enum ArchListDerivation {
    /// Arch-list variables of single extensions; they never stand for the main build's list.
    static let extensionArchVariables = ["FLASHINFER_CUDA_ARCH_LIST", "FLASH_ATTN_CUDA_ARCHS"]

    /// The repository's current arch list: the most common pin of the CUDA/common platforms (ties: the first
    /// found), with its location. By default any arch-list site counts (`TORCH_CUDA_ARCH_LIST`,
    /// `torch_cuda_arch_list`, custom sites) except extension-specific variables; `name` asks for one variable
    /// (`FLASHINFER_CUDA_ARCH_LIST`).
    public static func current(in sites: [PinSite], name: String? = nil) -> (value: String, source: String)? {
        let wanted = name?.uppercased()
        let candidates = sites.filter { site in
            guard site.kind == .archList, site.role == .pin, site.platform == .cuda || site.platform == .all,
                  !ReleaseMatrix.archTokens(site.value).isEmpty, !site.value.contains("$")
            else { return false }
            let siteName = (site.name ?? "").uppercased()
            if let wanted { return siteName == wanted }
            return !extensionArchVariables.contains(siteName)
        }
        var counts: [String: Int] = [:]
        for site in candidates { counts[site.value, default: 0] += 1 }
        // The most common list; on a tie, the one the shipped images build with (Dockerfile, bake) before CMake,
        // scripts and CI test jobs.
        func rank(_ kind: FileKind) -> Int {
            switch kind {
            case .dockerfile, .bake: return 0
            case .cmake, .python, .pyproject: return 1
            case .shell, .makefile: return 2
            default: return 3
            }
        }
        guard let site = candidates.min(by: { a, b in
            let (ca, cb) = (counts[a.value] ?? 0, counts[b.value] ?? 0)
            return ca != cb ? ca > cb : rank(a.file) < rank(b.file)
        }) else { return nil }
        return (site.value, "\(site.path):\(site.line)" + (site.name.map { " \($0)" } ?? ""))
    }

    /// The repository list moved to `cuda`: entries the toolkit cannot target dropped, `10.1` renamed to `11.0`
    /// for CUDA ≥ 13, a dropped `+PTX` moved to the highest kept entry. Without a repository list, PyTorch's own
    /// wheel list for `torch` × `cuda` is the start.
    public static func base(current: (value: String, source: String)?, cuda: String, torch: String,
                            matrix: ReleaseMatrix) -> DerivedArchList? {
        let start: (value: String, source: String)
        if let current {
            start = current
        } else if let variant = Variant(cudaVersion: cuda),
                  let pytorch = matrix.pytorchWheelArchList(torch: torch, variant: variant) {
            start = (pytorch.replacingOccurrences(of: ";", with: " "),
                     "PyTorch's own \(variant.tag) wheels of torch \(MatrixVersion.minor(torch) ?? torch) (no arch list in the repository)")
        } else {
            return nil
        }
        let adjusted = matrix.adjustArchList(start.value, cuda: cuda)
        return DerivedArchList(
            value: adjusted.list, source: start.source,
            dropped: adjusted.dropped.map { "\($0): CUDA \(cuda) cannot target it" },
            renamed: adjusted.renamed.map { "\($0.0) → \($0.1) (CUDA \(cuda) name)" })
    }

    /// The list for one extension: its fixed list (moved to `cuda`) or `base`, minus entries below
    /// `minimumArch`, in `format`.
    public static func forExtension(base: DerivedArchList, display: String, minimumArch: String?, fixedArchs: String?,
                                    format: RecipeTemplate.ArchFormat, cuda: String,
                                    matrix: ReleaseMatrix) -> DerivedArchList {
        var result = base
        if let fixedArchs {
            let adjusted = matrix.adjustArchList(fixedArchs, cuda: cuda)
            result = DerivedArchList(
                value: adjusted.list, source: "\(display)'s fixed list (\(fixedArchs))",
                dropped: adjusted.dropped.map { "\($0): CUDA \(cuda) cannot target it" })
        }
        if let minimumArch, let floor = ArchEntry(minimumArch) {
            let tokens = ReleaseMatrix.archTokens(result.value)
            var kept: [String] = []
            var lostPTX = false
            for token in tokens {
                if let entry = ArchEntry(token), ArchEntry.order(entry, floor) {
                    result.dropped.append("\(token): \(display) supports sm\(floor.major)\(floor.minor)+ only")
                    lostPTX = lostPTX || entry.ptx
                } else {
                    kept.append(token)
                }
            }
            let parsed = kept.enumerated().compactMap { i, token in ArchEntry(token).map { (i, $0) } }
            if lostPTX, let (index, highest) = parsed.max(by: { ArchEntry.order($0.1, $1.1) }), !highest.ptx {
                kept[index] = highest.text(ptx: true)
            }
            result.value = kept.joined(separator: ReleaseMatrix.archSeparator(result.value))
        }
        if format == .sm {
            var numbers: [String] = []
            for token in ReleaseMatrix.archTokens(result.value) {
                guard let entry = ArchEntry(token) else { continue }
                let sm = "\(entry.major)\(entry.minor)"
                if !numbers.contains(sm) { numbers.append(sm) }
            }
            result.value = numbers.joined(separator: ";")
        }
        return result
    }
}
