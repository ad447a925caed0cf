/// A PyTorch build variant: the sub-index name on download.pytorch.org and the local version label
/// (`cpu`, `cu128` ↔ CUDA 12.8, `rocm6.3`/`rocm6.2.4`, `xpu`).
public enum Variant: Hashable, Sendable, Comparable, CustomStringConvertible {
    case cpu
    case cuda(major: Int, minor: Int)
    /// ROCm with its dotted version as published (`6.3`, `6.2.4`, `7.1`).
    case rocm(String)
    case xpu

    /// Parses a variant tag: `cpu`, `cu128`, `cu92`, `rocm6.3`, `rocm6.2.4`, `xpu` (case-insensitive).
    public init?(tag raw: String) {
        let tag = raw.lowercased()
        switch tag {
        case "cpu": self = .cpu
        case "xpu": self = .xpu
        default:
            if tag.hasPrefix("cu"), tag.count >= 4, tag.count <= 5,
               tag.dropFirst(2).allSatisfy(\.isASCIIDigit) {
                let digits = tag.dropFirst(2)
                guard let major = Int(digits.dropLast()), let minor = Int(digits.suffix(1)) else { return nil }
                self = .cuda(major: major, minor: minor)
            } else if tag.hasPrefix("rocm") {
                let v = tag.dropFirst(4)
                let parts = v.split(separator: ".", omittingEmptySubsequences: false)
                guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
                else { return nil }
                self = .rocm(String(v))
            } else {
                return nil
            }
        }
    }

    /// The variant for CUDA `X.Y[.Z]` (patch ignored): `12.8.1` → `cu128`.
    public init?(cudaVersion: String) {
        let parts = cudaVersion.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]), (0...9).contains(minor)
        else { return nil }
        self = .cuda(major: major, minor: minor)
    }

    /// The variant named by a local version label (`cu128`, `rocm6.3`, `cpu`, `xpu`); `cpu.cxx11.abi` (and the
    /// `cpu-cxx11-abi` spelling) counts as cpu. Other labels (`cu124torch2.6`, `cpuonly`) are not variants.
    public init?(localLabel raw: String) {
        let label = raw.hasPrefix("+") ? String(raw.dropFirst()) : raw
        if let v = Variant(tag: label) { self = v; return }
        let first = label.lowercased().split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).first
        if first == "cpu" { self = .cpu; return }
        return nil
    }

    /// The sub-index / label text: `cu128`, `rocm6.3`, `cpu`, `xpu`.
    public var tag: String {
        switch self {
        case .cpu: return "cpu"
        case .xpu: return "xpu"
        case let .cuda(major, minor): return "cu\(major)\(minor)"
        case let .rocm(v): return "rocm\(v)"
        }
    }

    public var description: String { tag }

    /// `12.8` for `cu128`, the ROCm version for ROCm, nil otherwise.
    public var toolkitVersion: String? {
        switch self {
        case let .cuda(major, minor): return "\(major).\(minor)"
        case let .rocm(v): return v
        default: return nil
        }
    }

    public var isCUDA: Bool { if case .cuda = self { return true } else { return false } }
    public var isROCm: Bool { if case .rocm = self { return true } else { return false } }

    /// The platform this variant builds for.
    public var platform: Platform {
        switch self {
        case .cpu: return .cpu
        case .cuda: return .cuda
        case .rocm: return .rocm
        case .xpu: return .xpu
        }
    }

    private var sortKey: (Int, [Int]) {
        switch self {
        case .cpu: return (0, [])
        case let .cuda(a, b): return (1, [a, b])
        case let .rocm(v): return (2, v.split(separator: ".").compactMap { Int($0) })
        case .xpu: return (3, [])
        }
    }

    public static func < (a: Variant, b: Variant) -> Bool {
        let (ka, va) = a.sortKey, (kb, vb) = b.sortKey
        if ka != kb { return ka < kb }
        return va.lexicographicallyPrecedes(vb)
    }
}

extension Variant: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = Variant(tag: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a PyTorch variant tag: \(s)")
        }
        self = v
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(tag)
    }
}

/// The download.pytorch.org channel: final releases, release candidates (`/whl/test/`), or nightlies.
public enum Channel: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case release, test, nightly
    public var description: String { rawValue }
    /// Path segment after `/whl`: `""`, `"/test"`, `"/nightly"`.
    public var pathSegment: String { self == .release ? "" : "/\(rawValue)" }
}

/// What a PyTorch index URL says: its channel, its variant (if any) and where the base ends.
public struct PyTorchIndexURL: Hashable, Sendable, Codable {
    /// e.g. `https://download.pytorch.org/whl`.
    public var base: String
    public var channel: Channel
    /// nil for a channel root such as `…/whl` or `…/whl/nightly`.
    public var variant: Variant?
    /// Anything after the variant segment (`/torch/`, `/flashinfer/`), usually empty.
    public var rest: String

    public init(base: String, channel: Channel, variant: Variant?, rest: String = "") {
        self.base = base
        self.channel = channel
        self.variant = variant
        self.rest = rest
    }

    /// Recognises `…/whl[/test|/nightly][/<variant>][/…]` on any host (mirrors keep the `/whl` layout).
    /// Returns nil for URLs without a `/whl` segment.
    public init?(_ url: String) {
        var s = url
        while s.hasSuffix("/") { s.removeLast() }
        // The first `/whl` that is a whole path segment.
        guard let whl = Self.whlSegment(in: s) else { return nil }
        base = String(s[..<whl.upperBound])
        var segments = s[whl.upperBound...].split(separator: "/").map(String.init)
        channel = .release
        if let first = segments.first, let ch = Channel(rawValue: first), ch != .release {
            channel = ch
            segments.removeFirst()
        }
        variant = nil
        if let first = segments.first, let v = Variant(tag: first) {
            variant = v
            segments.removeFirst()
        }
        rest = segments.isEmpty ? "" : "/" + segments.joined(separator: "/")
    }

    private static func whlSegment(in s: String) -> Range<String.Index>? {
        var search = s.startIndex..<s.endIndex
        while let r = s.range(of: "/whl", range: search) {
            if r.upperBound == s.endIndex || s[r.upperBound] == "/" { return r }
            search = r.upperBound..<s.endIndex
        }
        return nil
    }

    /// Whether this looks like PyTorch's own index (host download.pytorch.org or a `/whl/<variant>` path).
    public var isPyTorchHost: Bool { base.contains("download.pytorch.org") }

    /// The URL text: `base + /channel + /variant + rest`.
    public var url: String {
        var s = base + channel.pathSegment
        if let variant { s += "/" + variant.tag }
        return s + rest
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}
