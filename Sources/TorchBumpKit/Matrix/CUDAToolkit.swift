/// What the matrix knows about one CUDA minor: patch levels used in images, the SM architectures nvcc can
/// target, and the minimum driver.
public struct CUDAToolkit: Hashable, Sendable, Codable {
    /// The minor, `12.8`.
    public var version: String
    /// The patch level images usually use (`12.8.1`); nil when the reference names none.
    public var latestPatch: String?
    public var patches: [String]
    /// Targetable SM architectures in `7.5` style; nil when unknown.
    public var sm: [String]?
    /// Targetable but deprecated architectures.
    public var smDeprecated: [String]
    /// Architectures this toolkit knows under a new name (`10.1` → `11.0` from CUDA 13).
    public var smRenamed: [String: String]
    public var minDriverLinux: String?
    public var minDriverWindows: String?
    /// Unverified fields (`sm` for 13.1/13.2, assumed equal to 13.0).
    public var uncertain: [String]
    public var notes: String?

    public init(
        version: String, latestPatch: String? = nil, patches: [String] = [], sm: [String]? = nil,
        smDeprecated: [String] = [], smRenamed: [String: String] = [:], minDriverLinux: String? = nil,
        minDriverWindows: String? = nil, uncertain: [String] = [], notes: String? = nil
    ) {
        self.version = version
        self.latestPatch = latestPatch
        self.patches = patches
        self.sm = sm
        self.smDeprecated = smDeprecated
        self.smRenamed = smRenamed
        self.minDriverLinux = minDriverLinux
        self.minDriverWindows = minDriverWindows
        self.uncertain = uncertain
        self.notes = notes
    }

    /// The `cuNNN` variant of this minor.
    public var variant: Variant? { Variant(cudaVersion: version) }

    /// Whether the SM list is assumed rather than verified.
    public var smUncertain: Bool { uncertain.contains("sm") }

    /// Whether nvcc of this toolkit can target `arch` (`8.0`, suffixes and `+PTX` ignored); nil when unknown.
    public func canTarget(_ arch: String) -> Bool? {
        guard let sm else { return nil }
        guard let wanted = ArchEntry(arch) else { return false }
        return sm.contains { ArchEntry($0).map { $0.major == wanted.major && $0.minor == wanted.minor } ?? false }
    }

    private enum CodingKeys: String, CodingKey {
        case version, latestPatch, patches, sm, smDeprecated, smRenamed, minDriverLinux, minDriverWindows
        case uncertain, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        latestPatch = try c.decodeIfPresent(String.self, forKey: .latestPatch)
        patches = try c.decodeList(forKey: .patches)
        sm = try c.decodeIfPresent([String].self, forKey: .sm)
        smDeprecated = try c.decodeList(forKey: .smDeprecated)
        smRenamed = try c.decodeIfPresent([String: String].self, forKey: .smRenamed) ?? [:]
        minDriverLinux = try c.decodeIfPresent(String.self, forKey: .minDriverLinux)
        minDriverWindows = try c.decodeIfPresent(String.self, forKey: .minDriverWindows)
        uncertain = try c.decodeList(forKey: .uncertain)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(latestPatch, forKey: .latestPatch)
        try c.encodeList(patches, forKey: .patches)
        try c.encodeIfPresent(sm, forKey: .sm)
        try c.encodeList(smDeprecated, forKey: .smDeprecated)
        if !smRenamed.isEmpty { try c.encode(smRenamed, forKey: .smRenamed) }
        try c.encodeIfPresent(minDriverLinux, forKey: .minDriverLinux)
        try c.encodeIfPresent(minDriverWindows, forKey: .minDriverWindows)
        try c.encodeList(uncertain, forKey: .uncertain)
        try c.encodeIfPresent(notes, forKey: .notes)
    }
}

/// The `TORCH_CUDA_ARCH_LIST` PyTorch used for its own Linux x86_64 wheels of one variant over a range of
/// torch minors.
public struct WheelArchList: Hashable, Sendable, Codable {
    /// First torch minor of the range, `2.8`.
    public var from: String
    /// Last torch minor of the range (inclusive), `2.10`.
    public var through: String
    public var variant: Variant
    /// `;`-separated, as PyTorch writes it: `7.5;8.0;8.6;9.0;10.0;12.0+PTX`.
    public var archList: String
    public var uncertain: Bool
    public var notes: String?

    public init(from: String, through: String, variant: Variant, archList: String, uncertain: Bool = false,
                notes: String? = nil) {
        self.from = from
        self.through = through
        self.variant = variant
        self.archList = archList
        self.uncertain = uncertain
        self.notes = notes
    }

    /// Whether the torch version's minor lies in `from...through`.
    public func covers(torch: String) -> Bool {
        guard let minor = MatrixVersion.minor(torch) else { return false }
        return !MatrixVersion.less(minor, from) && !MatrixVersion.less(through, minor)
    }

    /// The list's architectures without `+PTX` (`["7.5", "8.0", …]`).
    public var architectures: [String] {
        archList.split(separator: ";").map { entry in
            let s = String(entry)
            return s.hasSuffix("+PTX") ? String(s.dropLast(4)) : s
        }
    }

    private enum CodingKeys: String, CodingKey { case from, through, variant, archList, uncertain, notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        through = try c.decode(String.self, forKey: .through)
        variant = try c.decode(Variant.self, forKey: .variant)
        archList = try c.decode(String.self, forKey: .archList)
        uncertain = try c.decodeIfPresent(Bool.self, forKey: .uncertain) ?? false
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(through, forKey: .through)
        try c.encode(variant, forKey: .variant)
        try c.encode(archList, forKey: .archList)
        if uncertain { try c.encode(true, forKey: .uncertain) }
        try c.encodeIfPresent(notes, forKey: .notes)
    }
}
