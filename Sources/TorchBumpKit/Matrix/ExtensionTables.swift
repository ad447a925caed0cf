/// Version ↔ torch tables of torch-compiled extensions (xformers, torchao, torchcodec) and FlashInfer's
/// per-tag AOT wheel matrix.
public struct ExtensionTables: Hashable, Sendable, Codable {
    public var xformers: [ExtensionRelease]
    public var torchao: [ExtensionRelease]
    public var torchcodec: [ExtensionRelease]
    public var flashinfer: [FlashInferBuildRange]

    public init(xformers: [ExtensionRelease] = [], torchao: [ExtensionRelease] = [],
                torchcodec: [ExtensionRelease] = [], flashinfer: [FlashInferBuildRange] = []) {
        self.xformers = xformers
        self.torchao = torchao
        self.torchcodec = torchcodec
        self.flashinfer = flashinfer
    }

    /// The version table of a package (`xformers`, `torchao`, `torchcodec`; case-insensitive).
    public func table(for package: String) -> [ExtensionRelease]? {
        switch package.lowercased() {
        case "xformers": return xformers
        case "torchao": return torchao
        case "torchcodec": return torchcodec
        default: return nil
        }
    }

    private enum CodingKeys: String, CodingKey { case xformers, torchao, torchcodec, flashinfer }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        xformers = try c.decodeList(forKey: .xformers)
        torchao = try c.decodeList(forKey: .torchao)
        torchcodec = try c.decodeList(forKey: .torchcodec)
        flashinfer = try c.decodeList(forKey: .flashinfer)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(xformers, forKey: .xformers)
        try c.encode(torchao, forKey: .torchao)
        try c.encode(torchcodec, forKey: .torchcodec)
        try c.encode(flashinfer, forKey: .flashinfer)
    }
}

/// One extension release and the torch it requires (`==2.7.0`, `==2.11.*` for a whole minor, `>=2.10`).
public struct ExtensionRelease: Hashable, Sendable, Codable {
    public var version: String
    /// A specifier on torch.
    public var torch: String
    /// CUDA variants built for download.pytorch.org.
    public var variants: [Variant]
    /// The CUDA build uploaded to PyPI.
    public var pypiVariant: Variant?
    public var uncertain: Bool
    public var notes: String?

    public init(version: String, torch: String, variants: [Variant] = [], pypiVariant: Variant? = nil,
                uncertain: Bool = false, notes: String? = nil) {
        self.version = version
        self.torch = torch
        self.variants = variants
        self.pypiVariant = pypiVariant
        self.uncertain = uncertain
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey { case version, torch, variants, pypiVariant, uncertain, notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        torch = try c.decode(String.self, forKey: .torch)
        variants = try c.decodeList(forKey: .variants)
        pypiVariant = try c.decodeIfPresent(Variant.self, forKey: .pypiVariant)
        uncertain = try c.decodeIfPresent(Bool.self, forKey: .uncertain) ?? false
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(torch, forKey: .torch)
        try c.encodeList(variants, forKey: .variants)
        try c.encodeIfPresent(pypiVariant, forKey: .pypiVariant)
        if uncertain { try c.encode(true, forKey: .uncertain) }
        try c.encodeIfPresent(notes, forKey: .notes)
    }
}

/// FlashInfer tags `fromTag…throughTag` and the (torch minor × CUDA variant) AOT wheels their workflow built.
public struct FlashInferBuildRange: Hashable, Sendable, Codable {
    public var fromTag: String
    public var throughTag: String
    public var builds: [FlashInferBuild]
    public var uncertain: Bool
    public var notes: String?

    public init(fromTag: String, throughTag: String, builds: [FlashInferBuild], uncertain: Bool = false,
                notes: String? = nil) {
        self.fromTag = fromTag
        self.throughTag = throughTag
        self.builds = builds
        self.uncertain = uncertain
        self.notes = notes
    }

    /// Whether the range built a wheel for this torch minor and variant.
    public func built(torch: String, variant: Variant) -> Bool {
        guard let minor = MatrixVersion.minor(torch) else { return false }
        return builds.contains { MatrixVersion.same($0.torch, minor) && $0.variants.contains(variant) }
    }

    private enum CodingKeys: String, CodingKey { case fromTag, throughTag, builds, uncertain, notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fromTag = try c.decode(String.self, forKey: .fromTag)
        throughTag = try c.decode(String.self, forKey: .throughTag)
        builds = try c.decode([FlashInferBuild].self, forKey: .builds)
        uncertain = try c.decodeIfPresent(Bool.self, forKey: .uncertain) ?? false
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fromTag, forKey: .fromTag)
        try c.encode(throughTag, forKey: .throughTag)
        try c.encode(builds, forKey: .builds)
        if uncertain { try c.encode(true, forKey: .uncertain) }
        try c.encodeIfPresent(notes, forKey: .notes)
    }
}

/// The CUDA variants FlashInfer built for one torch minor.
public struct FlashInferBuild: Hashable, Sendable, Codable {
    /// torch minor, `2.6`.
    public var torch: String
    public var variants: [Variant]

    public init(torch: String, variants: [Variant]) {
        self.torch = torch
        self.variants = variants
    }
}

/// The answer to "which release of this extension goes with this torch", with how sure the matrix is.
public struct ExtensionPairing: Hashable, Sendable {
    public var package: String
    public var version: String
    /// The extension's requirement on torch, as in the table.
    public var torchRequirement: String
    /// Whether the requirement names one torch version exactly (`==2.7.0`).
    public var exactPin: Bool
    public var variants: [Variant]
    public var pypiVariant: Variant?
    public var uncertain: Bool
    public var notes: [String]

    public init(package: String, version: String, torchRequirement: String, exactPin: Bool,
                variants: [Variant] = [], pypiVariant: Variant? = nil, uncertain: Bool = false, notes: [String] = []) {
        self.package = package
        self.version = version
        self.torchRequirement = torchRequirement
        self.exactPin = exactPin
        self.variants = variants
        self.pypiVariant = pypiVariant
        self.uncertain = uncertain
        self.notes = notes
    }
}
