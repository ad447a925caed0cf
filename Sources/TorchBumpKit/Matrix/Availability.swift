/// Whether the matrix says a build exists: yes, no, or uncertain with the reason (an unverified cell, an
/// unknown release, the nightly channel).
public enum Availability: Hashable, Sendable, CustomStringConvertible {
    case yes
    case no
    case uncertain(String)

    public var isUncertain: Bool { if case .uncertain = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .yes: return "yes"
        case .no: return "no"
        case let .uncertain(reason): return "uncertain: \(reason)"
        }
    }
}

/// A variant together with how sure the matrix is that it is published.
public struct VariantChoice: Hashable, Sendable {
    public var variant: Variant
    public var availability: Availability

    public init(variant: Variant, availability: Availability) {
        self.variant = variant
        self.availability = availability
    }
}

/// The companion packages that go with one torch release.
public struct Companions: Hashable, Sendable {
    public var torch: String
    public var torchvision: CompanionPin?
    public var torchaudio: CompanionPin?
    /// torch's own triton requirement (read from its metadata, never derived).
    public var triton: TritonPin?

    public init(torch: String, torchvision: CompanionPin?, torchaudio: CompanionPin?, triton: TritonPin?) {
        self.torch = torch
        self.torchvision = torchvision
        self.torchaudio = torchaudio
        self.triton = triton
    }
}

/// The version of one companion package to pin next to a torch release.
public struct CompanionPin: Hashable, Sendable {
    public var version: String
    /// True when no release matches the torch and an older one is kept (torchaudio after its 2.11 freeze).
    public var held: Bool
    /// Why it is held, or any other note on the pairing.
    public var reason: String?
    /// Whether the pairing rests on an unverified cell.
    public var uncertain: Bool
    /// Yanked alternates of the same line (do not pin these).
    public var yanked: [String]

    public init(version: String, held: Bool = false, reason: String? = nil, uncertain: Bool = false,
                yanked: [String] = []) {
        self.version = version
        self.held = held
        self.reason = reason
        self.uncertain = uncertain
        self.yanked = yanked
    }
}
