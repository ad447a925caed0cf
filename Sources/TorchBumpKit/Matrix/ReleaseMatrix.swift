import Foundation

/// What torchbump knows about PyTorch releases: companions, published variants, CUDA toolkits, PyTorch's own
/// wheel arch lists and extension pairings. Built from the bundled data or a refreshed cache file.
///
/// Version inputs are strings (`2.7.0`; a local label such as `+cu128` is ignored). Answers that rest on a cell
/// the reference marks unverified say so (`Availability.uncertain`, `uncertain` flags).
public struct ReleaseMatrix: Hashable, Sendable {
    /// The document schema this torchbump reads and writes.
    public static let schemaVersion = 1

    public private(set) var schema: Int
    /// When the data was produced (`YYYY-MM-DD`).
    public private(set) var generated: String
    /// Where the data comes from, in words.
    public private(set) var source: String
    /// Sorted ascending by version; never empty.
    public private(set) var releases: [TorchRelease]
    /// Sorted ascending by CUDA minor.
    public private(set) var cuda: [CUDAToolkit]
    public private(set) var wheelArchLists: [WheelArchList]
    public private(set) var extensions: ExtensionTables
    /// The OS flavours of NVIDIA's `nvidia/cuda` images and the CUDA minors each is published for.
    public internal(set) var cudaImages: [CUDAImageOS]
    public let newestRelease: TorchRelease

    /// Builds a matrix from values (the refresh feature uses this); sorts releases and toolkits.
    public init(generated: String, source: String, releases: [TorchRelease], cuda: [CUDAToolkit],
                wheelArchLists: [WheelArchList], extensions: ExtensionTables, cudaImages: [CUDAImageOS] = []) throws {
        for (i, r) in releases.enumerated() where MatrixVersion.key(r.torch) == nil {
            throw MatrixError.invalidValue(field: "releases[\(i)].torch", detail: "'\(r.torch)' is not a dotted version")
        }
        for (i, t) in cuda.enumerated() where MatrixVersion.cudaMinor(t.version) == nil {
            throw MatrixError.invalidValue(field: "cuda[\(i)].version", detail: "'\(t.version)' is not a CUDA minor")
        }
        for (i, r) in releases.enumerated() {
            if let bad = r.cudaVariants.first(where: { !$0.isCUDA }) {
                throw MatrixError.invalidValue(field: "releases[\(i)].cudaVariants", detail: "'\(bad.tag)' is not a CUDA variant")
            }
            if let bad = r.rocmVariants.first(where: { !$0.isROCm }) {
                throw MatrixError.invalidValue(field: "releases[\(i)].rocmVariants", detail: "'\(bad.tag)' is not a ROCm variant")
            }
        }
        let sorted = releases.sorted { MatrixVersion.less($0.torch, $1.torch) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where MatrixVersion.same(a.torch, b.torch) {
            throw MatrixError.duplicateRelease(b.torch)
        }
        guard let newest = sorted.last else { throw MatrixError.noReleases }
        self.schema = Self.schemaVersion
        self.generated = generated
        self.source = source
        self.releases = sorted
        self.cuda = cuda.sorted { MatrixVersion.less($0.version, $1.version) }
        self.wheelArchLists = wheelArchLists
        self.extensions = extensions
        self.cudaImages = cudaImages
        self.newestRelease = newest
    }

    /// Decodes a matrix document (the bundled data or a refreshed cache file).
    public init(json: Data) throws {
        let document: MatrixDocument
        do {
            let probe = try JSONDecoder().decode(SchemaProbe.self, from: json)
            guard let schema = probe.schema else { throw MatrixError.missingField("schema") }
            guard schema <= Self.schemaVersion else {
                throw MatrixError.unsupportedSchema(found: schema, supported: Self.schemaVersion)
            }
            document = try JSONDecoder().decode(MatrixDocument.self, from: json)
        } catch let error as DecodingError {
            throw MatrixError.from(error)
        }
        try self.init(generated: document.generated, source: document.source, releases: document.releases,
                      cuda: document.cuda, wheelArchLists: document.wheelArchLists, extensions: document.extensions,
                      cudaImages: document.cudaImages ?? [])
    }

    private static let bundledResult: Result<ReleaseMatrix, MatrixError> = {
        do {
            return .success(try ReleaseMatrix(json: Data(BundledReleaseData.json.utf8)))
        } catch let error as MatrixError {
            return .failure(error)
        } catch {
            return .failure(.invalidJSON(detail: String(describing: error)))
        }
    }()

    /// The data compiled into torchbump (decoded once).
    public static func bundled() throws -> ReleaseMatrix {
        try bundledResult.get()
    }

    /// The document as pretty JSON with sorted keys (stable across runs).
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(MatrixDocument(
            schema: schema, generated: generated, source: source, releases: releases, cuda: cuda,
            wheelArchLists: wheelArchLists, extensions: extensions, cudaImages: cudaImages.isEmpty ? nil : cudaImages))
    }

    // MARK: - Releases and companions

    /// The release with exactly this version (`2.7.0`, `2.7.0+cu128`); nil when the matrix does not know it.
    public func release(_ torch: String) -> TorchRelease? {
        releases.first { MatrixVersion.same($0.torch, torch) }
    }

    /// The releases of one torch minor (`2.7` → 2.7.0, 2.7.1).
    public func releases(minor: String) -> [TorchRelease] {
        releases.filter { MatrixVersion.same($0.minor, minor) }
    }

    /// torchvision, torchaudio (held at the newest usable version after the torchaudio freeze) and triton.
    public func companions(of torch: String) -> Companions? {
        guard let r = release(torch) else { return nil }
        let vision = r.torchvision.map {
            CompanionPin(version: $0, reason: r.torchvisionNote, uncertain: r.isUncertain("torchvision"),
                         yanked: r.torchvisionYanked)
        }
        var audio: CompanionPin?
        if let version = r.torchaudio {
            audio = CompanionPin(version: version, reason: r.torchaudioNote, uncertain: r.isUncertain("torchaudio"),
                                 yanked: r.torchaudioYanked)
        } else if let usable = r.torchaudioNewestUsable {
            var reason = "no torchaudio release matches torch \(r.torch) (torchaudio froze after 2.11); "
                + "\(usable) is the newest usable"
            if let note = r.torchaudioNote { reason += "; \(note)" }
            audio = CompanionPin(version: usable, held: true, reason: reason,
                                 uncertain: r.isUncertain("torchaudioNewestUsable"))
        }
        return Companions(torch: r.torch, torchvision: vision, torchaudio: audio, triton: r.triton)
    }

    /// The CUDA build plain PyPI serves on Linux x86_64.
    public func pypiDefaultVariant(for torch: String) -> Variant? {
        release(torch)?.pypiCUDA
    }

    // MARK: - Variants

    /// Whether download.pytorch.org publishes `torch` for `variant` on `channel` (Linux x86_64). The test channel
    /// carries the release variants plus any test-only ones; nightly is not tracked and answers uncertain.
    public func isPublished(_ variant: Variant, for torch: String, channel: Channel = .release) -> Availability {
        if channel == .nightly {
            return .uncertain("nightly builds are not tracked by the release matrix; probe the index")
        }
        guard let r = release(torch) else {
            return .uncertain("torch \(MatrixVersion.publicPart(torch)) is not in the release matrix "
                + "(newest known: \(newestRelease.torch)); refresh the matrix or probe the index")
        }
        let field: String
        let listed: Bool
        switch variant {
        case .cpu:
            return .yes
        case .xpu:
            if r.isUncertain("xpu") { return .uncertain(r.uncertaintyReason("xpu")) }
            return r.xpu ? .yes : .no
        case .cuda:
            field = "cudaVariants"
            listed = r.cudaVariants.contains(variant)
        case .rocm:
            field = "rocmVariants"
            listed = r.rocmVariants.contains(variant)
        }
        if listed {
            return r.isUncertain(field, item: variant.tag) ? .uncertain(r.uncertaintyReason(field, item: variant.tag)) : .yes
        }
        if channel == .test, r.testOnlyVariants.contains(variant) {
            return .uncertain(r.uncertaintyReason("testOnlyVariants", item: variant.tag))
        }
        if r.isUncertain(field) {
            return .uncertain("\(variant.tag) is not in the best-known list for torch \(r.torch), which is unverified"
                + (r.notes.map { " (\($0))" } ?? ""))
        }
        return .no
    }

    /// Every variant the matrix lists for `torch` on `channel`, with availability (empty for unknown releases).
    public func knownVariants(for torch: String, channel: Channel = .release) -> [VariantChoice] {
        guard let r = release(torch) else { return [] }
        var variants: [Variant] = [.cpu] + r.cudaVariants + r.rocmVariants
        if r.xpu { variants.append(.xpu) }
        if channel != .release { variants += r.testOnlyVariants.filter { !variants.contains($0) } }
        return variants.map { VariantChoice(variant: $0, availability: isPublished($0, for: torch, channel: channel)) }
    }

    /// The closest variant of the same kind (CUDA→CUDA, ROCm→ROCm) newer than `old` that `torch` is published
    /// for, e.g. cu121 → cu126 for 2.7.0. Use `nearestNewerChoice` to see whether the answer is verified.
    public func nearestNewerVariant(than old: Variant, for torch: String) -> Variant? {
        nearestNewerChoice(than: old, for: torch)?.variant
    }

    /// `nearestNewerVariant` with the availability of the chosen variant.
    public func nearestNewerChoice(than old: Variant, for torch: String) -> VariantChoice? {
        guard old.isCUDA || old.isROCm else { return nil }
        return knownVariants(for: torch)
            .filter { $0.variant.platform == old.platform && $0.variant > old && $0.availability != .no }
            .min { $0.variant < $1.variant }
    }

    // MARK: - CUDA toolkits

    /// The toolkit entry for a CUDA minor given as `12.8`, `12.8.1` or `cu128`.
    public func cudaToolkit(_ cuda: String) -> CUDAToolkit? {
        guard let minor = MatrixVersion.cudaMinor(cuda) else { return nil }
        return self.cuda.first { MatrixVersion.same($0.version, minor) }
    }

    /// The patch level images usually use: `12.8` → `12.8.1`.
    public func latestPatch(cuda minorVersion: String) -> String? {
        cudaToolkit(minorVersion)?.latestPatch
    }

    /// SM architectures the toolkit can target, `7.5` style; nil when unknown. See `CUDAToolkit.smUncertain`.
    public func archTargets(cuda: String) -> [String]? {
        cudaToolkit(cuda)?.sm
    }

    /// The `TORCH_CUDA_ARCH_LIST` of PyTorch's own Linux x86_64 wheel (`7.5;8.0;…;12.0+PTX`).
    /// Use `wheelArchListEntry` to see whether the cell is verified.
    public func pytorchWheelArchList(torch: String, variant: Variant) -> String? {
        wheelArchListEntry(torch: torch, variant: variant)?.archList
    }

    /// The table row behind `pytorchWheelArchList`; nil when unknown or when the variant is not published.
    public func wheelArchListEntry(torch: String, variant: Variant) -> WheelArchList? {
        if release(torch) != nil, isPublished(variant, for: torch) == .no { return nil }
        return wheelArchLists.first { $0.variant == variant && $0.covers(torch: torch) }
    }

    // MARK: - Extensions

    /// The newest xformers release whose torch requirement admits `torch`. For 2.10.0 that is 0.0.35
    /// (`>=2.10`), not 0.0.34 (`==2.10.0`): the newest release wins, whatever the requirement's shape.
    public func xformers(for torch: String) -> ExtensionPairing? { extensionPairing("xformers", for: torch) }

    /// The newest torchao release paired with `torch` (torchao's compatibility table).
    public func torchao(for torch: String) -> ExtensionPairing? { extensionPairing("torchao", for: torch) }

    /// The newest torchcodec line paired with `torch` (torchcodec's README table).
    public func torchcodec(for torch: String) -> ExtensionPairing? { extensionPairing("torchcodec", for: torch) }

    /// The newest release of `package` whose torch requirement admits `torch`. A match through an open range
    /// (`>=2.10`) beyond the range's first minor is marked uncertain: nobody has confirmed that pairing.
    public func extensionPairing(_ package: String, for torch: String) -> ExtensionPairing? {
        guard let table = extensions.table(for: package) else { return nil }
        let torchVersion = MatrixVersion.publicPart(torch)
        guard let best = table.filter({ MatrixVersion.satisfies(torchVersion, $0.torch) })
            .max(by: { MatrixVersion.less($0.version, $1.version) })
        else { return nil }
        let requirement = best.torch.trimmingCharacters(in: .whitespaces)
        let exact = requirement.hasPrefix("==") && !requirement.hasSuffix(".*") && !requirement.contains(",")
        var uncertain = best.uncertain
        var notes = best.notes.map { [$0] } ?? []
        if requirement.hasPrefix(">="), let floor = MatrixVersion.minor(String(requirement.dropFirst(2))),
           let wanted = MatrixVersion.minor(torchVersion), !MatrixVersion.same(floor, wanted) {
            uncertain = true
            notes.append("\(package) \(best.version) admits torch \(torchVersion) through '\(requirement)'; "
                + "the pairing is not confirmed")
        }
        return ExtensionPairing(package: package.lowercased(), version: best.version, torchRequirement: requirement,
                                exactPin: exact, variants: best.variants, pypiVariant: best.pypiVariant,
                                uncertain: uncertain, notes: notes)
    }

    /// FlashInfer tag ranges that built an AOT wheel for this torch minor and CUDA variant (FlashInfer ≤ 0.3.x).
    public func flashinferBuilds(for torch: String, variant: Variant) -> [FlashInferBuildRange] {
        extensions.flashinfer.filter { $0.built(torch: torch, variant: variant) }
    }
}

/// The on-disk shape of a matrix document.
struct MatrixDocument: Codable {
    var schema: Int
    var generated: String
    var source: String
    var releases: [TorchRelease]
    var cuda: [CUDAToolkit]
    var wheelArchLists: [WheelArchList]
    var extensions: ExtensionTables
    /// Absent in documents written before the table existed.
    var cudaImages: [CUDAImageOS]?
}

private struct SchemaProbe: Decodable {
    var schema: Int?
}
