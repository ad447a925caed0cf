import Foundation

/// What `torchbump deps` decided for every torch-compiled extension of a repository.
public struct ExtensionPlan: Hashable, Sendable, Codable {
    /// The JSON schema of `--format json`.
    public static let schemaVersion = 1

    public var schema: Int
    public var target: ExtensionTarget
    /// The repository's arch list moved to the target CUDA (before per-extension limits); nil off CUDA.
    public var archList: DerivedArchList?
    public var decisions: [ExtensionDecision]
    public var diagnostics: [Diagnostic]

    public init(target: ExtensionTarget, archList: DerivedArchList?, decisions: [ExtensionDecision],
                diagnostics: [Diagnostic] = []) {
        self.schema = Self.schemaVersion
        self.target = target
        self.archList = archList
        self.decisions = decisions
        self.diagnostics = diagnostics
    }

    /// The decisions that need a source build (or may need one: `unknown` offline).
    public var sourceBuilds: [ExtensionDecision] { decisions.filter { $0.recipe != nil && $0.outcome.needsBuild } }

    /// Whether a probe failed in a way that left an extension undecided.
    public var networkFailed: Bool { decisions.contains { $0.networkFailed } }

    /// 0 every extension has a wheel or needs none · 1 some need a source build, are blocked or undecided ·
    /// 3 a network failure left some undecided.
    public var exitStatus: Int32 {
        if networkFailed { return 3 }
        return decisions.allSatisfy { $0.outcome == .wheel || $0.outcome == .noBuildNeeded } ? 0 : 1
    }

    /// How many decisions have each outcome.
    public var counts: [ExtensionOutcome: Int] {
        Dictionary(grouping: decisions, by: \.outcome).mapValues(\.count)
    }
}

/// The torch, variant, Pythons and channel the extensions must match.
public struct ExtensionTarget: Hashable, Sendable, Codable {
    public var torch: String
    /// The main variant (`cu128`); extensions used only on XPU or CPU are checked against those.
    public var variant: Variant
    public var channel: Channel
    /// Python versions (`3.12`) every wheel must support.
    public var pythons: [String]
    /// Where `pythons` came from (`--python`, the repository, or the default).
    public var pythonSource: String
    public var offline: Bool
    /// PyPI-compatible index (simple API root).
    public var pypiIndex: String
    /// PyTorch's wheel index base (`https://download.pytorch.org/whl`).
    public var pytorchIndexBase: String
    /// CPU architecture wheels must run on.
    public var arch: String
    /// The virtual environment the project's images install into (`/opt/venv`), nil for the system Python: install
    /// commands use `uv pip install` there (uv follows `VIRTUAL_ENV`) and `uv pip install --system` otherwise.
    public var virtualEnv: String?

    /// The uv install command for this target's Python.
    public var pipInstall: String { virtualEnv == nil ? "uv pip install --system" : "uv pip install" }

    /// The virtual environment a repository's Dockerfiles install into: `ENV VIRTUAL_ENV=/opt/venv`, or a
    /// `uv venv /opt/venv` / `python -m venv /opt/venv` step; nil when they install into the system Python.
    public static func virtualEnv(in files: [String: SourceFile]) -> String? {
        for path in files.keys.sorted() where DockerfileScanner().accepts(path: path) {
            guard let text = files[path]?.text else { continue }
            for raw in text.split(whereSeparator: \.isNewline) {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if let r = line.range(of: "VIRTUAL_ENV=") {
                    let value = line[r.upperBound...].prefix { !$0.isWhitespace }.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    if value.hasPrefix("/") { return value }
                }
                for marker in ["uv venv ", "-m venv ", "virtualenv "] {
                    guard let r = line.range(of: marker) else { continue }
                    let words = line[r.upperBound...].split(separator: " ").filter { !$0.hasPrefix("-") }
                    if let path = words.first, path.hasPrefix("/") { return String(path) }
                }
            }
        }
        return nil
    }

    public init(torch: String, variant: Variant, channel: Channel = .release, pythons: [String],
                pythonSource: String = "--python", offline: Bool, pypiIndex: String = "",
                pytorchIndexBase: String = "https://download.pytorch.org/whl", arch: String = "x86_64",
                virtualEnv: String? = nil) {
        self.virtualEnv = virtualEnv
        self.torch = torch
        self.variant = variant
        self.channel = channel
        self.pythons = pythons
        self.pythonSource = pythonSource
        self.offline = offline
        self.pypiIndex = pypiIndex
        self.pytorchIndexBase = pytorchIndexBase
        self.arch = arch
    }

    /// `2.7` for `2.7.1`.
    public var torchMinor: String { MatrixVersion.minor(torch) ?? torch }

    /// The PyTorch variant index for a variant on this channel (`…/whl/test/cu128`).
    public func pytorchIndex(for variant: Variant) -> String {
        var base = pytorchIndexBase
        while base.hasSuffix("/") { base.removeLast() }
        return base + channel.pathSegment + "/" + variant.tag
    }
}

/// The verdict for one extension.
public enum ExtensionOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// A prebuilt wheel matches the target.
    case wheel
    /// The extension does not depend on torch's ABI (FlashInfer ≥ 0.4 core, bitsandbytes).
    case noBuildNeeded = "no-build-needed"
    /// No wheel: build from source with the recipe.
    case sourceBuild = "source-build"
    /// Only the vendor could publish a matching build, and has not.
    case blocked
    /// Offline and no table answers: the recipe is the fallback until a probe says otherwise.
    case unknown

    public var needsBuild: Bool { self == .sourceBuild || self == .unknown }
}

/// The extension release chosen for the target torch, and why.
public struct ReleaseChoice: Hashable, Sendable, Codable {
    public var version: String
    /// In words: `xformers table of the release matrix (torch ==2.9.0)`, `Requires-Dist torch==2.9.0 on PyPI`.
    public var basis: String
    public var uncertain: Bool
    /// CUDA variants built (empty: unknown).
    public var variants: [Variant]
    public var pypiVariant: Variant?
    /// For catalogue rows: CUDA majors, Pythons and ABI values (nil: unknown).
    public var cudaMajors: [Int]?
    public var pythons: [String]?
    public var cxx11abi: [String]?
    public var notes: [String]

    public init(version: String, basis: String, uncertain: Bool = false, variants: [Variant] = [],
                pypiVariant: Variant? = nil, cudaMajors: [Int]? = nil, pythons: [String]? = nil,
                cxx11abi: [String]? = nil, notes: [String] = []) {
        self.version = version
        self.basis = basis
        self.uncertain = uncertain
        self.variants = variants
        self.pypiVariant = pypiVariant
        self.cudaMajors = cudaMajors
        self.pythons = pythons
        self.cxx11abi = cxx11abi
        self.notes = notes
    }
}

/// What one wheel location said.
public struct LocationProbe: Hashable, Sendable, Codable {
    /// The answer.
    public enum Status: String, Hashable, Sendable, Codable {
        /// The catalogue lists a matching wheel here (offline; not probed).
        case listed
        /// The catalogue lists no matching wheel here (offline; not probed).
        case notListed = "not-listed"
        /// Offline and nothing known.
        case unknown
        /// Probed: a matching wheel exists.
        case present
        /// Probed: no matching wheel.
        case absent
        /// Probed, but the request failed (network); says nothing about presence.
        case failed
        /// Not applicable to the target (another variant, no release to compute a name from).
        case skipped

        public var found: Bool { self == .listed || self == .present }
    }

    public var kind: WheelLocation.Kind
    /// Short place name: `PyPI`, `download.pytorch.org/whl/cu128`, `GitHub release assets`.
    public var label: String
    /// The index page or asset URL(s) concerned.
    public var urls: [String]
    public var status: Status
    public var detail: String
    /// The version found or listed here.
    public var version: String?

    public init(kind: WheelLocation.Kind, label: String, urls: [String] = [], status: Status, detail: String,
                version: String? = nil) {
        self.kind = kind
        self.label = label
        self.urls = urls
        self.status = status
        self.detail = detail
        self.version = version
    }
}

/// A wheel to install instead of building.
public struct FoundWheel: Hashable, Sendable, Codable {
    public var version: String
    public var label: String
    /// One install command per Python when the URL differs per Python (GitHub assets), else one.
    public var install: [String]
    public var verified: Bool

    public init(version: String, label: String, install: [String], verified: Bool) {
        self.version = version
        self.label = label
        self.install = install
        self.verified = verified
    }
}

/// The decision for one extension, with everything a report shows.
public struct ExtensionDecision: Hashable, Sendable, Codable {
    public var name: String
    public var display: String
    public var currentVersion: String?
    /// `path:line` of the sites that use it.
    public var sites: [String]
    /// The variant this extension was checked for (`xpu` for an XPU-only IPEX).
    public var variant: Variant
    /// The era label of the catalogue entry that applied.
    public var era: String?
    public var release: ReleaseChoice?
    public var probes: [LocationProbe]
    public var outcome: ExtensionOutcome
    public var reason: String
    public var wheel: FoundWheel?
    public var recipe: BuildRecipe?
    public var networkFailed: Bool
    public var notes: [String]

    public init(name: String, display: String, currentVersion: String?, sites: [String], variant: Variant,
                era: String? = nil, release: ReleaseChoice? = nil, probes: [LocationProbe] = [],
                outcome: ExtensionOutcome, reason: String, wheel: FoundWheel? = nil, recipe: BuildRecipe? = nil,
                networkFailed: Bool = false, notes: [String] = []) {
        self.name = name
        self.display = display
        self.currentVersion = currentVersion
        self.sites = sites
        self.variant = variant
        self.era = era
        self.release = release
        self.probes = probes
        self.outcome = outcome
        self.reason = reason
        self.wheel = wheel
        self.recipe = recipe
        self.networkFailed = networkFailed
        self.notes = notes
    }
}
