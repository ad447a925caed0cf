import Foundation

/// What one probe checks: a torch release and its companions on one channel, for every variant × Python × CPU
/// architecture, on the PyTorch index (and the PyPI-compatible index for CUDA triton).
public struct ProbeSpec: Hashable, Sendable {
    /// The torch version as requested (`2.7.0`; for nightly also a base such as `2.9.0` or an exact `.devN`).
    public var torch: Version
    public var channel: Channel
    /// Variants to check; empty means "discover from the channel's `torch` root page".
    public var variants: [Variant]
    /// CPython versions as `3.12` or `3.13t`.
    public var pythons: [String]
    /// Linux CPU architectures: `x86_64`, `aarch64`.
    public var arches: [String]
    /// torch first, then the companions to check with their versions.
    public var packages: [ProbePackage]
    /// Whether to check the triton build torch's metadata requires.
    public var includeTriton: Bool
    /// PyTorch index root, e.g. `https://download.pytorch.org/whl` (may carry credentials; never printed raw).
    public var pytorchBase: String
    /// The PyPI-compatible default index (CUDA triton comes from it on the release channel).
    public var pypiIndex: String?
    /// Triton pin from the release matrix, used when torch's metadata cannot be read.
    public var fallbackTriton: TritonPin?

    public init(
        torch: Version, channel: Channel, variants: [Variant], pythons: [String], arches: [String],
        packages: [ProbePackage], includeTriton: Bool = true, pytorchBase: String = IndexConfiguration.defaultPyTorchBase,
        pypiIndex: String? = nil, fallbackTriton: TritonPin? = nil
    ) {
        self.torch = torch
        self.channel = channel
        self.variants = variants
        self.pythons = pythons
        self.arches = arches
        self.packages = packages
        self.includeTriton = includeTriton
        self.pytorchBase = pytorchBase
        self.pypiIndex = pypiIndex
        self.fallbackTriton = fallbackTriton
    }

    /// `<base>[/test|/nightly]/<variant>/`.
    public func variantIndex(_ variant: Variant) -> URL? {
        IndexConfiguration.pytorchIndexURL(base: pytorchBase, channel: channel, variant: variant)
    }

    /// `<base>[/test|/nightly]/` (its project pages mix every variant).
    public var channelRoot: URL? {
        var b = pytorchBase
        while b.hasSuffix("/") { b.removeLast() }
        return URL(string: b + channel.pathSegment + "/")
    }
}

/// One package the probe checks, with the version it must find.
public struct ProbePackage: Hashable, Sendable, Codable {
    /// Normalised distribution name (`torch`, `torchvision`, `torchaudio`).
    public var name: String
    /// The version to find (`0.22.0`); for nightly a base version whose newest `.devN` counts.
    public var version: String
    /// Why this version (held torchaudio, an inferred pairing); nil when the matrix states it plainly.
    public var note: String?

    public init(name: String, version: String, note: String? = nil) {
        self.name = normalizePackageName(name)
        self.version = version
        self.note = note
    }
}
