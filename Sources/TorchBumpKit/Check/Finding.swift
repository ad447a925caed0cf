/// One inconsistency between pin sites, naming the site that is off and the sites it disagrees with.
public struct Finding: Hashable, Sendable {
    /// Stable rule id (`torch-pins-disagree`, …); see `ConsistencyRule`.
    public var rule: String
    public var severity: Diagnostic.Severity
    /// One sentence naming both sites as `path:line`.
    public var message: String
    /// The site that should change (or the one that is wrong).
    public var primary: SourceLocation
    /// The sites it was compared with.
    public var related: [SourceLocation]

    public init(rule: String, severity: Diagnostic.Severity, message: String, primary: SourceLocation,
                related: [SourceLocation] = []) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.primary = primary
        self.related = related
    }

    init(_ rule: ConsistencyRule, _ severity: Diagnostic.Severity, _ message: String, at primary: SourceLocation,
         related: [SourceLocation] = []) {
        self.init(rule: rule.rawValue, severity: severity, message: message, primary: primary, related: related)
    }

    /// Whether this finding makes `torchbump check` fail (errors and warnings; notes are informational).
    public var isFailure: Bool { severity != .note }

    /// The finding as a diagnostic at its primary location, with the rule id appended to the message.
    public var diagnostic: Diagnostic { Diagnostic(severity, "\(message) [\(rule)]", at: primary) }
}

/// The rules `ConsistencyChecker` applies, with their stable ids.
public enum ConsistencyRule: String, CaseIterable, Sendable {
    /// Exact torch pins of one platform name different public versions.
    case torchPinsDisagree = "torch-pins-disagree"
    /// torchvision/torchaudio/triton/xformers pins that do not belong with the torch pinned beside them.
    case companionMismatch = "companion-mismatch"
    /// A PyTorch CUDA index or uv torch backend that is not the main CUDA version.
    case indexVariantMismatch = "index-variant-mismatch"
    /// CMake's supported torch differs from the torch of the build requirements.
    case cmakeVsBuild = "cmake-vs-build"
    /// A lock file that no longer matches its input, or whose header disagrees with the pre-commit hook.
    case lockStale = "lock-stale"
    /// A release-candidate (`/whl/test/`) index left in place after the release.
    case testIndexInRelease = "test-index-in-release"
    /// uv resolving across PyPI and an RC or non-default-variant PyTorch extra index without `unsafe-best-match`.
    case rcIndexWithoutStrategy = "rc-index-without-strategy"
    /// A range specifier with a local version label (`torch>=2.7.0+cpu`), which PEP 440 forbids.
    case invalidLocalLabelRange = "invalid-local-label-range"
    /// A value of a generated file (a JSON mirror of Dockerfile ARGs) that differs from the site it is copied from.
    case generatedStale = "generated-stale"

    /// One line for `--help` and the README.
    public var summary: String {
        switch self {
        case .torchPinsDisagree: return "exact torch pins of one platform disagree"
        case .companionMismatch: return "torchvision/torchaudio/triton/xformers pin does not match the torch beside it"
        case .indexVariantMismatch: return "PyTorch CUDA index or --torch-backend differs from the main CUDA version"
        case .cmakeVsBuild: return "CMake TORCH_SUPPORTED_VERSION_* differs from the build requirements' torch"
        case .lockStale: return "lock file differs from its input or from the pre-commit hook that generates it"
        case .generatedStale: return "generated file (e.g. versions.json) differs from the Dockerfile ARGs it copies"
        case .testIndexInRelease: return "release-candidate index left behind after the release"
        case .rcIndexWithoutStrategy: return "uv uses an RC or non-default-variant extra index without unsafe-best-match"
        case .invalidLocalLabelRange: return "range specifier with a local version label, which PEP 440 forbids"
        }
    }
}
