/// One torch release as the matrix knows it: companions, Python tags, published variants and toolkit pins,
/// with the cells the reference marks unverified listed in `uncertain`.
public struct TorchRelease: Hashable, Sendable, Codable {
    public var torch: String
    /// First PyPI upload, `YYYY-MM-DD`.
    public var date: String
    public var torchvision: String?
    /// Versions of the same torchvision minor that were yanked (`0.15.0` for torch 2.0.0).
    public var torchvisionYanked: [String]
    public var torchvisionNote: String?
    /// The torchaudio released with this torch; nil after the torchaudio freeze (2.12 and later).
    public var torchaudio: String?
    public var torchaudioYanked: [String]
    /// When `torchaudio` is nil: the newest torchaudio usable with this torch (2.11.0 for 2.12–2.14).
    public var torchaudioNewestUsable: String?
    public var torchaudioNote: String?
    /// torch's own `Requires-Dist` pin on triton (Linux wheels).
    public var triton: TritonPin?
    /// CPython wheel tags without the `cp` prefix: `3.9` … `3.13`, free-threaded as `3.13t`.
    public var python: [String]
    public var requiresPython: String
    /// The CUDA build a plain `pip install torch` gets on Linux x86_64.
    public var pypiCUDA: Variant?
    public var cudaVariants: [Variant]
    public var rocmVariants: [Variant]
    public var xpu: Bool
    /// Variants only on the test (and nightly) channel, e.g. `cu134` for 2.15.
    public var testOnlyVariants: [Variant]
    /// The pip CUDA requirement of the PyPI wheel (`nvidia-cuda-runtime-cu12==12.4.127`, `cuda-toolkit==13.0.2`).
    public var cudaToolkitPip: String?
    public var cudnn: String?
    public var cxxStandard: String?
    /// Field names whose value is unverified (`xpu`, `cudaVariants`), or `field:item` for one list item
    /// (`cudaVariants:cu129`).
    public var uncertain: [String]
    public var notes: String?

    /// Field names that `uncertain` may refer to.
    public static let fieldNames: Set<String> = [
        "torch", "date", "torchvision", "torchaudio", "torchaudioNewestUsable", "triton", "python",
        "requiresPython", "pypiCUDA", "cudaVariants", "rocmVariants", "xpu", "testOnlyVariants", "cudaToolkitPip",
        "cudnn", "cxxStandard",
    ]

    public init(
        torch: String, date: String, torchvision: String? = nil, torchvisionYanked: [String] = [],
        torchvisionNote: String? = nil, torchaudio: String? = nil, torchaudioYanked: [String] = [],
        torchaudioNewestUsable: String? = nil, torchaudioNote: String? = nil, triton: TritonPin? = nil,
        python: [String] = [], requiresPython: String = "", pypiCUDA: Variant? = nil, cudaVariants: [Variant] = [],
        rocmVariants: [Variant] = [], xpu: Bool = false, testOnlyVariants: [Variant] = [],
        cudaToolkitPip: String? = nil, cudnn: String? = nil, cxxStandard: String? = nil, uncertain: [String] = [],
        notes: String? = nil
    ) {
        self.torch = torch
        self.date = date
        self.torchvision = torchvision
        self.torchvisionYanked = torchvisionYanked
        self.torchvisionNote = torchvisionNote
        self.torchaudio = torchaudio
        self.torchaudioYanked = torchaudioYanked
        self.torchaudioNewestUsable = torchaudioNewestUsable
        self.torchaudioNote = torchaudioNote
        self.triton = triton
        self.python = python
        self.requiresPython = requiresPython
        self.pypiCUDA = pypiCUDA
        self.cudaVariants = cudaVariants
        self.rocmVariants = rocmVariants
        self.xpu = xpu
        self.testOnlyVariants = testOnlyVariants
        self.cudaToolkitPip = cudaToolkitPip
        self.cudnn = cudnn
        self.cxxStandard = cxxStandard
        self.uncertain = uncertain
        self.notes = notes
    }

    /// `2.7` for `2.7.1`.
    public var minor: String { MatrixVersion.minor(torch) ?? torch }

    /// Whether the reference marks `field` (or, with `item`, that item of a list field) as unverified.
    public func isUncertain(_ field: String, item: String? = nil) -> Bool {
        if uncertain.contains(field) { return true }
        if let item { return uncertain.contains("\(field):\(item)") }
        return false
    }

    /// Why `field` is uncertain, for messages.
    func uncertaintyReason(_ field: String, item: String? = nil) -> String {
        let what = item.map { "\($0) in \(field)" } ?? field
        var reason = "torch \(torch): \(what) is unverified in the release matrix"
        if let notes { reason += " (\(notes))" }
        return reason
    }

    private enum CodingKeys: String, CodingKey {
        case torch, date, torchvision, torchvisionYanked, torchvisionNote, torchaudio, torchaudioYanked
        case torchaudioNewestUsable, torchaudioNote, triton, python, requiresPython, pypiCUDA, cudaVariants
        case rocmVariants, xpu, testOnlyVariants, cudaToolkitPip, cudnn, cxxStandard, uncertain, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        torch = try c.decode(String.self, forKey: .torch)
        date = try c.decode(String.self, forKey: .date)
        torchvision = try c.decodeIfPresent(String.self, forKey: .torchvision)
        torchvisionYanked = try c.decodeList(forKey: .torchvisionYanked)
        torchvisionNote = try c.decodeIfPresent(String.self, forKey: .torchvisionNote)
        torchaudio = try c.decodeIfPresent(String.self, forKey: .torchaudio)
        torchaudioYanked = try c.decodeList(forKey: .torchaudioYanked)
        torchaudioNewestUsable = try c.decodeIfPresent(String.self, forKey: .torchaudioNewestUsable)
        torchaudioNote = try c.decodeIfPresent(String.self, forKey: .torchaudioNote)
        triton = try c.decodeIfPresent(TritonPin.self, forKey: .triton)
        python = try c.decode([String].self, forKey: .python)
        requiresPython = try c.decode(String.self, forKey: .requiresPython)
        pypiCUDA = try c.decodeIfPresent(Variant.self, forKey: .pypiCUDA)
        cudaVariants = try c.decode([Variant].self, forKey: .cudaVariants)
        rocmVariants = try c.decode([Variant].self, forKey: .rocmVariants)
        xpu = try c.decode(Bool.self, forKey: .xpu)
        testOnlyVariants = try c.decodeList(forKey: .testOnlyVariants)
        cudaToolkitPip = try c.decodeIfPresent(String.self, forKey: .cudaToolkitPip)
        cudnn = try c.decodeIfPresent(String.self, forKey: .cudnn)
        cxxStandard = try c.decodeIfPresent(String.self, forKey: .cxxStandard)
        uncertain = try c.decodeList(forKey: .uncertain)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(torch, forKey: .torch)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(torchvision, forKey: .torchvision)
        try c.encodeList(torchvisionYanked, forKey: .torchvisionYanked)
        try c.encodeIfPresent(torchvisionNote, forKey: .torchvisionNote)
        try c.encodeIfPresent(torchaudio, forKey: .torchaudio)
        try c.encodeList(torchaudioYanked, forKey: .torchaudioYanked)
        try c.encodeIfPresent(torchaudioNewestUsable, forKey: .torchaudioNewestUsable)
        try c.encodeIfPresent(torchaudioNote, forKey: .torchaudioNote)
        try c.encodeIfPresent(triton, forKey: .triton)
        try c.encode(python, forKey: .python)
        try c.encode(requiresPython, forKey: .requiresPython)
        try c.encodeIfPresent(pypiCUDA, forKey: .pypiCUDA)
        try c.encode(cudaVariants, forKey: .cudaVariants)
        try c.encode(rocmVariants, forKey: .rocmVariants)
        try c.encode(xpu, forKey: .xpu)
        try c.encodeList(testOnlyVariants, forKey: .testOnlyVariants)
        try c.encodeIfPresent(cudaToolkitPip, forKey: .cudaToolkitPip)
        try c.encodeIfPresent(cudnn, forKey: .cudnn)
        try c.encodeIfPresent(cxxStandard, forKey: .cxxStandard)
        try c.encodeList(uncertain, forKey: .uncertain)
        try c.encodeIfPresent(notes, forKey: .notes)
    }
}

/// torch's `Requires-Dist` pin on triton: the specifier (`==3.4.0`, `~=3.8.0`) and its marker, if any.
public struct TritonPin: Hashable, Sendable, Codable {
    public var specifier: String
    /// e.g. `python_version<"3.13"`.
    public var marker: String?

    public init(specifier: String, marker: String? = nil) {
        self.specifier = specifier
        self.marker = marker
    }

    /// `triton==3.4.0; python_version<"3.13"`.
    public var requirement: String {
        "triton\(specifier)" + (marker.map { "; \($0)" } ?? "")
    }
}

extension KeyedDecodingContainer {
    /// A list that may be omitted (read as empty).
    func decodeList<T: Decodable>(forKey key: Key) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }
}

extension KeyedEncodingContainer {
    /// Omits empty lists so documents stay short.
    mutating func encodeList<T: Encodable>(_ list: [T], forKey key: Key) throws {
        if !list.isEmpty { try encode(list, forKey: key) }
    }
}
