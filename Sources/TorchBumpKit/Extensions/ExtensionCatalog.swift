import Foundation

/// What torchbump knows about torch-compiled extensions: names, where their wheels live, how torch and CUDA are
/// encoded, version ↔ torch tables and source-build recipes. Decoded from bundled JSON data
/// (`BundledExtensionCatalog`) and extended by `[tool.torchbump.extensions]`.
public struct ExtensionCatalog: Hashable, Sendable, Codable {
    /// The document schema this torchbump reads.
    public static let schemaVersion = 1

    public var schema: Int
    public var entries: [ExtensionEntry]

    public init(entries: [ExtensionEntry]) {
        self.schema = Self.schemaVersion
        self.entries = entries
    }

    /// Decodes a catalogue document.
    public init(json: Data) throws {
        let decoded: ExtensionCatalog
        do {
            decoded = try JSONDecoder().decode(ExtensionCatalog.self, from: json)
        } catch let error as DecodingError {
            throw ExtensionError.invalidCatalog(detail: Self.describe(error))
        }
        guard decoded.schema <= Self.schemaVersion else {
            throw ExtensionError.invalidCatalog(
                detail: "schema \(decoded.schema) is newer than the supported \(Self.schemaVersion)")
        }
        for entry in decoded.entries {
            guard !entry.eras.isEmpty else {
                throw ExtensionError.invalidCatalog(detail: "\(entry.name) has no eras")
            }
            for era in entry.eras where (try? SpecifierSet(parsing: era.versions)) == nil {
                throw ExtensionError.invalidCatalog(detail: "\(entry.name): '\(era.versions)' is not a specifier set")
            }
        }
        self = decoded
    }

    private static let bundledResult: Result<ExtensionCatalog, ExtensionError> = {
        do {
            return .success(try ExtensionCatalog(json: Data(BundledExtensionCatalog.json.utf8)))
        } catch let error as ExtensionError {
            return .failure(error)
        } catch {
            return .failure(.invalidCatalog(detail: String(describing: error)))
        }
    }()

    /// The catalogue compiled into torchbump (decoded once).
    public static func bundled() throws -> ExtensionCatalog { try bundledResult.get() }

    /// The entry whose name or alias equals `name` after PEP 503 normalisation.
    public func entry(named name: String) -> ExtensionEntry? {
        let wanted = normalizePackageName(name)
        return entries.first { $0.allNames.contains(wanted) }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context): return "missing '\(key.stringValue)' at \(path(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default: return String(describing: error)
        }
    }
}

/// One extension: its distribution names, its version ↔ torch table and its behaviour per version era.
public struct ExtensionEntry: Hashable, Sendable, Codable {
    /// PEP 503-normalised distribution name (`flashinfer-python`).
    public var name: String
    /// Human name for reports (`FlashInfer`).
    public var display: String
    /// Other distribution names that mean this extension (`flashinfer`, `flashinfer-cubin`).
    public var aliases: [String]
    /// Which release-matrix table pairs versions with torch (`xformers`, `torchao`, `flashinfer`), if any.
    public var matrixTable: String?
    /// Version ↔ torch rows the catalogue itself carries (mamba-ssm, flash-attn, IPEX), newest last or any order.
    public var releases: [CatalogRelease]
    /// Behaviour by version range; the first era whose `versions` admits a version applies.
    public var eras: [ExtensionEra]
    /// Lowest SM architecture the extension supports (`7.5` for FlashInfer); lower arch-list entries are dropped.
    public var minimumArch: String?
    /// Newest torch minor the vendor published a release for (`2.8` for IPEX); later torch is blocked.
    public var lastTorch: String?
    /// Why the extension is blocked after `lastTorch`.
    public var blockedReason: String?
    /// Oldest torch the extension supports, when documented (bitsandbytes: `2.4`).
    public var minimumTorch: String?
    public var notes: [String]

    public init(name: String, display: String? = nil, aliases: [String] = [], matrixTable: String? = nil,
                releases: [CatalogRelease] = [], eras: [ExtensionEra], minimumArch: String? = nil,
                lastTorch: String? = nil, blockedReason: String? = nil, minimumTorch: String? = nil,
                notes: [String] = []) {
        self.name = normalizePackageName(name)
        self.display = display ?? name
        self.aliases = aliases
        self.matrixTable = matrixTable
        self.releases = releases
        self.eras = eras
        self.minimumArch = minimumArch
        self.lastTorch = lastTorch
        self.blockedReason = blockedReason
        self.minimumTorch = minimumTorch
        self.notes = notes
    }

    /// The name and aliases, normalised.
    public var allNames: [String] { [name] + aliases.map(normalizePackageName) }

    /// The era a version belongs to (pre-releases included); the last era when the version is unknown or
    /// matches none.
    public func era(for version: String?) -> ExtensionEra? {
        guard let version, let v = Version(version)?.publicVersion else { return eras.last }
        return eras.first { era in
            (try? SpecifierSet(parsing: era.versions))?.contains(v, prereleases: true) ?? false
        } ?? eras.last
    }

    private enum CodingKeys: String, CodingKey {
        case name, display, aliases, matrixTable, releases, eras, minimumArch, lastTorch, blockedReason
        case minimumTorch, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = normalizePackageName(try c.decode(String.self, forKey: .name))
        display = try c.decodeIfPresent(String.self, forKey: .display) ?? name
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        matrixTable = try c.decodeIfPresent(String.self, forKey: .matrixTable)
        releases = try c.decodeIfPresent([CatalogRelease].self, forKey: .releases) ?? []
        eras = try c.decode([ExtensionEra].self, forKey: .eras)
        minimumArch = try c.decodeIfPresent(String.self, forKey: .minimumArch)
        lastTorch = try c.decodeIfPresent(String.self, forKey: .lastTorch)
        blockedReason = try c.decodeIfPresent(String.self, forKey: .blockedReason)
        minimumTorch = try c.decodeIfPresent(String.self, forKey: .minimumTorch)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}

/// How an extension's binaries depend on torch.
public enum TorchCoupling: String, Hashable, Sendable, Codable {
    /// One release per exact torch version (`Requires-Dist: torch==2.7.0`): xformers, torchao.
    case exactTorch = "exact-torch"
    /// Built per torch minor (and CUDA, Python, ABI), encoded in the wheel's local label or URL.
    case torchMinor = "torch-minor"
    /// Not linked against torch: one wheel for every torch (FlashInfer ≥ 0.4 core, bitsandbytes).
    case none
    /// Never published as a usable wheel: always built from source (DeepGEMM, apex).
    case sourceOnly = "source-only"
    /// Published only by a vendor, not buildable in practice (IPEX).
    case vendor
}

/// A version range of an extension that shares wheel locations and a build recipe.
public struct ExtensionEra: Hashable, Sendable, Codable {
    /// PEP 440 specifier set on the extension's version (`>=0.2.6,<0.3`); empty = every version.
    public var versions: String
    /// One line for reports (`0.3.x: AOT wheels per CUDA × torch`).
    public var label: String
    public var coupling: TorchCoupling
    /// The distribution name in this era when it differs from the entry's (`flashinfer` before 0.2).
    public var distribution: String?
    /// Where wheels are looked for, in probe order.
    public var locations: [WheelLocation]
    public var recipe: RecipeTemplate?
    public var notes: [String]
    /// Whether this era's distribution on PyPI is a JIT package (no compiled kernels, FlashInfer 0.2–0.3): a plain
    /// PyPI pin of it is not built against torch, whatever the era's other wheels are.
    public var pypiIsJIT: Bool

    public init(versions: String = "", label: String, coupling: TorchCoupling, distribution: String? = nil,
                locations: [WheelLocation] = [], recipe: RecipeTemplate? = nil, notes: [String] = [],
                pypiIsJIT: Bool = false) {
        self.pypiIsJIT = pypiIsJIT
        self.versions = versions
        self.label = label
        self.coupling = coupling
        self.distribution = distribution
        self.locations = locations
        self.recipe = recipe
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey { case versions, label, coupling, distribution, locations, recipe, notes, pypiIsJIT }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versions = try c.decodeIfPresent(String.self, forKey: .versions) ?? ""
        label = try c.decode(String.self, forKey: .label)
        coupling = try c.decode(TorchCoupling.self, forKey: .coupling)
        distribution = try c.decodeIfPresent(String.self, forKey: .distribution)
        locations = try c.decodeIfPresent([WheelLocation].self, forKey: .locations) ?? []
        recipe = try c.decodeIfPresent(RecipeTemplate.self, forKey: .recipe)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        pypiIsJIT = try c.decodeIfPresent(Bool.self, forKey: .pypiIsJIT) ?? false
    }
}

/// One place prebuilt wheels may live. Templates use `{placeholders}` (see `TemplateValues`).
public struct WheelLocation: Hashable, Sendable, Codable {
    /// The kind of place.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// PyPI (or the configured PyPI-compatible index).
        case pypi
        /// download.pytorch.org `/whl[/test|/nightly]/<variant>/`.
        case pytorchIndex = "pytorch-index"
        /// A project's own simple index (`https://flashinfer.ai/whl/cu128/torch2.7/`).
        case projectIndex = "project-index"
        /// A GitHub release asset with a computed name, checked with HEAD.
        case githubAsset = "github-asset"
    }

    /// How to answer "is there a wheel here?" without the network.
    public enum OfflineRule: String, Hashable, Sendable, Codable {
        /// PyPI carries one CUDA build: the table's PyPI variant, else torch's own PyPI CUDA.
        case pypiVariant = "pypi-variant"
        /// The variants the release table lists for the chosen release.
        case releaseVariants = "release-variants"
        /// Every variant download.pytorch.org publishes torch for (torchao follows torch).
        case torchVariants = "torch-variants"
        /// The catalogue row's torch minors, CUDA majors, Pythons and C++11 ABI values.
        case releaseRow = "release-row"
        /// Nothing is known offline.
        case unknown
    }

    public var kind: Kind
    /// Index URL (`project-index`) or asset directory (`github-asset`) template.
    public var url: String?
    /// Asset filename template (`github-asset`).
    public var filename: String?
    /// Project name on the index, when it differs from the era's distribution.
    public var project: String?
    /// Local label a wheel must carry here (`{cuda_tag}torch{torch_minor}`); without it any label of the target
    /// variant (or none) is accepted on a variant index and no label on PyPI.
    public var localLabel: String?
    /// PyPI has only source distributions: the page lists versions but no usable wheel.
    public var sdistOnly: Bool
    /// The variants this location serves (`["xpu"]`); empty = any.
    public var variants: [Variant]
    public var offline: OfflineRule?
    public var note: String?

    public init(kind: Kind, url: String? = nil, filename: String? = nil, project: String? = nil,
                localLabel: String? = nil, sdistOnly: Bool = false, variants: [Variant] = [],
                offline: OfflineRule? = nil, note: String? = nil) {
        self.kind = kind
        self.url = url
        self.filename = filename
        self.project = project
        self.localLabel = localLabel
        self.sdistOnly = sdistOnly
        self.variants = variants
        self.offline = offline
        self.note = note
    }

    /// The offline rule, defaulting by kind.
    public var offlineRule: OfflineRule {
        if let offline { return offline }
        if sdistOnly { return .unknown }
        switch kind {
        case .pypi: return .pypiVariant
        case .pytorchIndex, .projectIndex: return .releaseVariants
        case .githubAsset: return .releaseRow
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, url, filename, project, localLabel, sdistOnly, variants, offline, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        filename = try c.decodeIfPresent(String.self, forKey: .filename)
        project = try c.decodeIfPresent(String.self, forKey: .project)
        localLabel = try c.decodeIfPresent(String.self, forKey: .localLabel)
        sdistOnly = try c.decodeIfPresent(Bool.self, forKey: .sdistOnly) ?? false
        variants = try c.decodeIfPresent([Variant].self, forKey: .variants) ?? []
        offline = try c.decodeIfPresent(OfflineRule.self, forKey: .offline)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}

/// A release row the catalogue carries: which torch minors (and CUDA majors, Pythons, ABIs) it published
/// wheels for. A nil field means "not known".
public struct CatalogRelease: Hashable, Sendable, Codable {
    public var version: String
    /// torch minors (`2.8`) with published wheels; nil when unknown, empty when none.
    public var torch: [String]?
    /// Variants the row is for (IPEX: `xpu` or `cpu`).
    public var variants: [Variant]?
    /// CUDA majors in asset names (`12` in `+cu12torch2.8`).
    public var cudaMajors: [Int]?
    /// Python versions (`3.12`).
    public var python: [String]?
    /// `TRUE` / `FALSE` values of the `cxx11abi` part of asset names.
    public var cxx11abi: [String]?
    public var uncertain: Bool
    public var notes: String?

    public init(version: String, torch: [String]?, variants: [Variant]? = nil, cudaMajors: [Int]? = nil,
                python: [String]? = nil, cxx11abi: [String]? = nil, uncertain: Bool = false, notes: String? = nil) {
        self.version = version
        self.torch = torch
        self.variants = variants
        self.cudaMajors = cudaMajors
        self.python = python
        self.cxx11abi = cxx11abi
        self.uncertain = uncertain
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case version, torch, variants, cudaMajors, python, cxx11abi, uncertain, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        torch = try c.decodeIfPresent([String].self, forKey: .torch)
        variants = try c.decodeIfPresent([Variant].self, forKey: .variants)
        cudaMajors = try c.decodeIfPresent([Int].self, forKey: .cudaMajors)
        python = try c.decodeIfPresent([String].self, forKey: .python)
        cxx11abi = try c.decodeIfPresent([String].self, forKey: .cxx11abi)
        uncertain = try c.decodeIfPresent(Bool.self, forKey: .uncertain) ?? false
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}
