/// One problem with a `TORCH_CUDA_ARCH_LIST` entry for a given CUDA toolkit.
public struct ArchListIssue: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the entry.
    public enum Kind: Hashable, Sendable {
        /// Not an `X.Y[a|f][+PTX]` entry (named architectures such as `Ampere` land here too).
        case unrecognized
        /// Only newer toolkits can target it (`12.0` needs CUDA ≥ 12.8, `10.3` ≥ 12.9); `minimumCUDA` is the
        /// oldest toolkit in the matrix that can.
        case requiresNewerCUDA(minimumCUDA: String?)
        /// The toolkit removed it (`7.0` with CUDA 13); `lastCUDA` is the newest toolkit in the matrix that can.
        case noLongerSupported(lastCUDA: String?)
        /// No toolkit in the matrix targets it (`6.5`).
        case unknownArchitecture
        /// The toolkit knows it under another name (`10.1` → `11.0` from CUDA 13).
        case renamed(to: String)
        /// Still targetable, but deprecated by this toolkit.
        case deprecated
        /// The matrix has no SM list for this CUDA version; nothing was checked.
        case unknownToolkit
        /// The toolkit's SM list is assumed (13.1/13.2 taken as equal to 13.0).
        case assumedTargets
    }

    /// The entry as written (empty for whole-list issues).
    public var entry: String
    public var kind: Kind
    /// The CUDA version the list was checked against.
    public var cuda: String

    public init(entry: String, kind: Kind, cuda: String) {
        self.entry = entry
        self.kind = kind
        self.cuda = cuda
    }

    public var severity: Diagnostic.Severity {
        switch kind {
        case .requiresNewerCUDA, .noLongerSupported, .unknownArchitecture, .renamed: return .error
        case .unrecognized, .deprecated, .unknownToolkit: return .warning
        case .assumedTargets: return .note
        }
    }

    /// Whether `adjustArchList` removes the entry.
    public var dropsEntry: Bool {
        switch kind {
        case .requiresNewerCUDA, .noLongerSupported, .unknownArchitecture: return true
        default: return false
        }
    }

    public var description: String {
        switch kind {
        case .unrecognized:
            return "'\(entry)' is not an architecture of the form X.Y, X.Ya or X.Y+PTX; left as is"
        case let .requiresNewerCUDA(minimum):
            return "CUDA \(cuda) cannot target '\(entry)'" + (minimum.map { "; it needs CUDA \($0) or newer" } ?? "")
        case let .noLongerSupported(last):
            return "CUDA \(cuda) can no longer target '\(entry)'" + (last.map { "; CUDA \($0) was the last that could" } ?? "")
        case .unknownArchitecture:
            return "'\(entry)' is not an SM architecture any known CUDA toolkit targets"
        case let .renamed(to):
            return "CUDA \(cuda) calls '\(entry)' '\(to)'"
        case .deprecated:
            return "'\(entry)' is deprecated in CUDA \(cuda) and may be removed by the next major release"
        case .unknownToolkit:
            return "the release matrix has no SM architecture list for CUDA \(cuda); the arch list was not checked"
        case .assumedTargets:
            return "the SM architectures of CUDA \(cuda) are assumed equal to CUDA 13.0's (not verified)"
        }
    }
}

/// One parsed arch-list entry: `8.0`, `9.0a`, `12.0f`, `12.0+PTX`.
struct ArchEntry: Hashable {
    var major: Int
    var minor: Int
    /// `a`, `f` or empty.
    var suffix: String
    var ptx: Bool

    init?(_ text: String) {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        ptx = false
        if s.uppercased().hasSuffix("+PTX") {
            ptx = true
            s = s.dropLast(4)
        }
        suffix = ""
        if let last = s.last, last == "a" || last == "f" {
            suffix = String(last)
            s = s.dropLast()
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              let major = Int(parts[0]), let minor = Int(parts[1])
        else { return nil }
        self.major = major
        self.minor = minor
    }

    var base: String { "\(major).\(minor)" }

    func text(base newBase: String? = nil, ptx withPTX: Bool? = nil) -> String {
        (newBase ?? base) + suffix + ((withPTX ?? ptx) ? "+PTX" : "")
    }

    func sameArch(_ other: ArchEntry) -> Bool { major == other.major && minor == other.minor }

    static func order(_ a: ArchEntry, _ b: ArchEntry) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}

extension ReleaseMatrix {
    /// Checks a `TORCH_CUDA_ARCH_LIST` value (`7.0 7.5 8.0+PTX 9.0a` or `7.0;8.0`) against what the CUDA version
    /// (`12.8`, `12.8.1`, `cu128`) can target.
    public func validateArchList(_ list: String, cuda: String) -> [ArchListIssue] {
        guard let toolkit = cudaToolkit(cuda), let targets = toolkit.sm?.compactMap(ArchEntry.init) else {
            return [ArchListIssue(entry: "", kind: .unknownToolkit, cuda: cuda)]
        }
        var issues: [ArchListIssue] = []
        if toolkit.smUncertain { issues.append(ArchListIssue(entry: "", kind: .assumedTargets, cuda: toolkit.version)) }
        for token in Self.archTokens(list) {
            if let kind = classify(token, toolkit: toolkit, targets: targets) {
                issues.append(ArchListIssue(entry: token, kind: kind, cuda: toolkit.version))
            }
        }
        return issues
    }

    /// Rewrites an arch list for the CUDA version: drops entries it cannot target, renames `10.1` → `11.0` for
    /// CUDA ≥ 13, keeps the separator style and moves a dropped `+PTX` onto the highest kept entry.
    /// An unknown CUDA version returns the list unchanged; unrecognized entries are kept.
    public func adjustArchList(_ list: String, cuda: String)
        -> (list: String, dropped: [String], renamed: [(String, String)])
    {
        guard let toolkit = cudaToolkit(cuda), let targets = toolkit.sm?.compactMap(ArchEntry.init) else {
            return (list, [], [])
        }
        var kept: [String] = []
        var dropped: [String] = []
        var renamed: [(String, String)] = []
        var lostPTX = false
        let tokens = Self.archTokens(list)
        let written = Set(tokens.compactMap(ArchEntry.init).map { $0.base + $0.suffix })
        for token in tokens {
            let kind = classify(token, toolkit: toolkit, targets: targets)
            switch kind {
            case let .renamed(to)?:
                guard let entry = ArchEntry(token) else { kept.append(token); continue }
                let replacement = entry.text(base: to)
                if written.contains(to + entry.suffix) || kept.contains(replacement) {
                    dropped.append(token)
                    lostPTX = lostPTX || entry.ptx
                } else {
                    renamed.append((token, replacement))
                    kept.append(replacement)
                }
            case let kind? where ArchListIssue(entry: token, kind: kind, cuda: cuda).dropsEntry:
                dropped.append(token)
                lostPTX = lostPTX || (ArchEntry(token)?.ptx ?? false)
            default:
                kept.append(token)
            }
        }
        if lostPTX {
            let parsed = kept.enumerated().compactMap { i, t in ArchEntry(t).map { (i, $0) } }
            if let (index, highest) = parsed.max(by: { ArchEntry.order($0.1, $1.1) }), !highest.ptx {
                kept[index] = highest.text(ptx: true)
            }
        }
        return (kept.joined(separator: Self.archSeparator(list)), dropped, renamed)
    }

    /// The issue kind for one entry, or nil when the toolkit targets it without remark.
    private func classify(_ token: String, toolkit: CUDAToolkit, targets: [ArchEntry]) -> ArchListIssue.Kind? {
        guard let entry = ArchEntry(token) else { return .unrecognized }
        if let to = toolkit.smRenamed[entry.base] { return .renamed(to: to) }
        if targets.contains(where: entry.sameArch) {
            let deprecated = toolkit.smDeprecated.compactMap(ArchEntry.init).contains(where: entry.sameArch)
            return deprecated ? .deprecated : nil
        }
        let others = cuda.filter { $0.canTarget(entry.base) == true }
        let newer = others.filter { MatrixVersion.less(toolkit.version, $0.version) }
        let older = others.filter { MatrixVersion.less($0.version, toolkit.version) }
        if others.isEmpty {
            // No toolkit in the matrix targets it: older or newer than everything known, or not an SM at all.
            let known = cuda.flatMap { $0.sm ?? [] }.compactMap(ArchEntry.init)
            if let oldest = known.min(by: ArchEntry.order), ArchEntry.order(entry, oldest) {
                return .noLongerSupported(lastCUDA: nil)
            }
            if let newest = known.max(by: ArchEntry.order), ArchEntry.order(newest, entry) {
                return .requiresNewerCUDA(minimumCUDA: nil)
            }
            return .unknownArchitecture
        }
        let lowest = targets.min(by: ArchEntry.order), highest = targets.max(by: ArchEntry.order)
        let belowRange = lowest.map { ArchEntry.order(entry, $0) } ?? false
        let aboveRange = highest.map { ArchEntry.order($0, entry) } ?? false
        if belowRange || (!aboveRange && newer.isEmpty) {
            return .noLongerSupported(lastCUDA: older.last?.version)
        }
        return .requiresNewerCUDA(minimumCUDA: newer.first?.version)
    }

    /// Entries of a list separated by `;`, `,` or whitespace.
    static func archTokens(_ list: String) -> [String] {
        list.split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// The separator the list uses: `;` (keeping a following space), `,`, or a single space.
    static func archSeparator(_ list: String) -> String {
        if list.contains("; ") { return "; " }
        if list.contains(";") { return ";" }
        if list.contains(", ") { return ", " }
        if list.contains(",") { return "," }
        return " "
    }
}
