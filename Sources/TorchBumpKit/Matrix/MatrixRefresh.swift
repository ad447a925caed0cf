import Foundation

/// Rebuilds the release matrix from the live indexes: torch's final releases (≥ 2.0.0) from the PyPI-compatible
/// index, their Python tags, triton pin, CUDA build and cuDNN from torch's PEP 658 metadata, companions from the
/// exact `torch==` pins in torchvision/torchaudio metadata, and variant lists from the PyTorch index's
/// `<base>/<variant>/torch/` pages. Only metadata is fetched, never a wheel.
///
/// Scope (`Scope.recentAndUncertain`, the default): metadata is read for releases of the newest bundled minor and
/// later, releases the bundled data does not know, and releases with a cell the bundled data marks uncertain —
/// in practice nearly every release from 2.1, about 100 small metadata requests at 4 in flight. Variant pages are
/// fetched once each and answer every release. Cells the live data cannot answer keep their bundled value and
/// their bundled uncertainty; a cell answered live loses its uncertain mark. CUDA toolkits, wheel arch lists and
/// extension tables are not on any index and are kept as bundled.
public struct MatrixRefresh: Sendable {
    /// Which releases get their metadata re-read.
    public enum Scope: String, Sendable, Hashable {
        /// The newest bundled minor and later, unknown releases, and releases with uncertain cells.
        case recentAndUncertain = "recent-and-uncertain"
        /// Every final release from 2.0.0.
        case all
    }

    public var client: IndexClient
    /// The PyPI-compatible index (`https://pypi.org/simple`).
    public var pypiIndex: URL
    /// The PyTorch index root (`https://download.pytorch.org/whl`).
    public var pytorchBase: String
    /// The data to start from and compare with.
    public var bundled: ReleaseMatrix
    public var scope: Scope
    public var maxConcurrent: Int
    /// `YYYY-MM-DD` for `generated` and for releases without an upload time.
    public var today: String

    public init(client: IndexClient, pypiIndex: URL, pytorchBase: String = IndexConfiguration.defaultPyTorchBase,
                bundled: ReleaseMatrix, scope: Scope = .recentAndUncertain, maxConcurrent: Int = 4,
                today: String = MatrixRefresh.dateString(Date())) {
        self.client = client
        self.pypiIndex = pypiIndex
        self.pytorchBase = pytorchBase
        self.bundled = bundled
        self.scope = scope
        self.maxConcurrent = max(1, maxConcurrent)
        self.today = today
    }

    /// `YYYY-MM-DD` in UTC.
    public static func dateString(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    static let floor = Version(epoch: 0, release: [2, 0, 0])

    /// Fetches, derives and assembles. Throws `IndexError` when an index cannot be read (network, authentication,
    /// torch absent from the PyPI-compatible index); unreadable metadata files are diagnostics, not errors.
    public func run() async throws -> MatrixRefreshResult {
        var diagnostics: [Diagnostic] = []
        let torchPage = try await client.page(project: "torch", index: pypiIndex)
        let onIndex = Self.finalReleases(torchPage, package: "torch", floor: Self.floor).filter { !$0.allYanked }
        guard !onIndex.isEmpty else {
            diagnostics.append(.warning("no final torch release from 2.0.0 on \(redact(torchPage.url.absoluteString)); "
                + "nothing refreshed"))
            return MatrixRefreshResult(matrix: bundled, changes: [], diagnostics: diagnostics)
        }
        let inScope = onIndex.filter(isInScope)

        // Variant pages answer every release at once.
        let variantVersions = try await fetchVariantPages(diagnostics: &diagnostics)

        // torch metadata of the releases in scope.
        let torchMetadata = try await metadata(for: inScope.compactMap { Self.preferredWheel($0.wheels) },
                                               diagnostics: &diagnostics)
        var metadataByVersion: [Version: CoreMetadata] = [:]
        for release in inScope {
            guard let wheel = Self.preferredWheel(release.wheels) else {
                diagnostics.append(.note("torch \(release.version): no wheel on the index advertises PEP 658 metadata; "
                    + "its pins are kept as bundled"))
                continue
            }
            if let m = torchMetadata[wheel.file.filename] { metadataByVersion[release.version] = m }
        }

        // Companions: exact torch pins in torchvision/torchaudio metadata.
        let minScoped = inScope.first?.version ?? Self.floor
        let companions = try await companionPins(minimumTorch: minScoped, diagnostics: &diagnostics)

        // Assemble.
        var releases: [TorchRelease] = []
        var refreshed: [String] = []
        var added: [String] = []
        let indexVersions = Set(onIndex.map(\.version))
        for old in bundled.releases {
            guard let v = Version(old.torch), indexVersions.contains(v.publicVersion) else {
                releases.append(old)
                continue
            }
            guard let files = inScope.first(where: { $0.version == v.publicVersion }) else {
                releases.append(old)
                continue
            }
            let found = facts(for: files, metadata: metadataByVersion[files.version], companions: companions,
                              variants: variantVersions, diagnostics: &diagnostics)
            releases.append(Self.merge(old, facts: found))
            refreshed.append(old.torch)
        }
        for files in inScope where bundled.release(files.version.description) == nil {
            let found = facts(for: files, metadata: metadataByVersion[files.version], companions: companions,
                              variants: variantVersions, diagnostics: &diagnostics)
            let template = releases.filter { MatrixVersion.less($0.torch, files.version.description) }.last
                ?? bundled.newestRelease
            releases.append(Self.newRelease(files.version.description, facts: found, template: template, today: today))
            releases.sort { MatrixVersion.less($0.torch, $1.torch) }
            added.append(files.version.description)
        }
        let missing = bundled.releases.filter { r in Version(r.torch).map { !indexVersions.contains($0.publicVersion) } ?? true }
        if !missing.isEmpty {
            diagnostics.append(.note("not on \(redact(pypiIndex.absoluteString)) (kept as bundled): "
                + missing.map(\.torch).joined(separator: ", ")))
        }

        let matrix = try ReleaseMatrix(
            generated: today,
            source: "refreshed \(today) from \(redact(pypiIndex.absoluteString)) (torch, torchvision, torchaudio "
                + "metadata) and \(redact(pytorchBase)) (variant pages); cells the indexes cannot answer kept from: "
                + bundled.source,
            releases: releases, cuda: bundled.cuda, wheelArchLists: bundled.wheelArchLists,
            extensions: bundled.extensions, cudaImages: bundled.cudaImages)
        return MatrixRefreshResult(matrix: matrix, changes: bundled.diff(against: matrix), diagnostics: diagnostics,
                                   refreshed: refreshed, added: added)
    }

    func isInScope(_ release: ReleaseFiles) -> Bool {
        if scope == .all { return true }
        guard let known = bundled.release(release.version.description) else { return true }
        if !known.uncertain.isEmpty { return true }
        guard let newest = Version(bundled.newestRelease.torch) else { return true }
        return (release.version.major, release.version.minor) >= (newest.major, newest.minor)
    }

    // MARK: - Variant pages

    /// Candidate variants: every one the bundled data names, plus the labels on the `<base>/torch/` root page.
    func candidateVariants(diagnostics: inout [Diagnostic]) async throws -> [Variant] {
        var set = Set<Variant>([.xpu])
        for r in bundled.releases {
            set.formUnion(r.cudaVariants)
            set.formUnion(r.rocmVariants)
            set.formUnion(r.testOnlyVariants)
        }
        guard let root = URL(string: Self.trimmed(pytorchBase) + "/") else { return set.sorted() }
        do {
            let page = try await client.page(project: "torch", index: root)
            for file in page.files {
                if let w = try? WheelFilename(parsing: file.filename), let v = w.variant, v != .cpu { set.insert(v) }
            }
        } catch let error as IndexError where error.isNotFound {
            diagnostics.append(.note("no torch root page at \(error.url); only the known variants are checked"))
        }
        return set.sorted()
    }

    /// Public torch versions per variant page; a variant whose page is absent has none.
    func fetchVariantPages(diagnostics: inout [Diagnostic]) async throws -> [Variant: Set<Version>] {
        let variants = try await candidateVariants(diagnostics: &diagnostics)
        let requests = variants.compactMap { v in
            IndexConfiguration.pytorchIndexURL(base: pytorchBase, channel: .release, variant: v)
                .map { IndexClient.PageRequest(project: "torch", index: $0) }
        }
        let results = await client.pages(requests, maxConcurrent: maxConcurrent)
        var out: [Variant: Set<Version>] = [:]
        for (variant, result) in zip(variants, results) {
            switch result {
            case .success(let page):
                var versions = Set<Version>()
                for file in page.files {
                    guard let w = try? WheelFilename(parsing: file.filename), w.name == "torch", w.variant == variant,
                          !w.version.isPrerelease else { continue }
                    versions.insert(w.version.publicVersion)
                }
                out[variant] = versions
            case .failure(let error) where error.isNotFound:
                out[variant] = []
            case .failure(let error):
                throw error
            }
        }
        return out
    }

    static func trimmed(_ base: String) -> String {
        var b = base
        while b.hasSuffix("/") { b.removeLast() }
        return b
    }

    // MARK: - Metadata

    /// Metadata by filename. Network and authentication failures throw; an unreadable or mismatching file is a
    /// diagnostic naming its URL, and the cells it would have answered keep their bundled values.
    func metadata(for wheels: [Wheel], diagnostics: inout [Diagnostic]) async throws -> [String: CoreMetadata] {
        let client = self.client
        let results = await BoundedConcurrency.map(wheels, limit: maxConcurrent) { wheel -> Result<CoreMetadata?, IndexError> in
            do {
                return .success(try await client.metadata(for: wheel.file))
            } catch {
                return .failure(IndexClient.indexError(error, url: wheel.file.metadataURL))
            }
        }
        var out: [String: CoreMetadata] = [:]
        for (wheel, result) in zip(wheels, results) {
            switch result {
            case .success(let m?):
                out[wheel.file.filename] = m
            case .success(nil):
                diagnostics.append(.note("no metadata file for \(redact(wheel.file.url.absoluteString)); "
                    + "its cells are kept as bundled"))
            case .failure(let error):
                switch error {
                case .malformedResponse, .hashMismatch, .notFound:
                    diagnostics.append(.warning("\(error.localizedDescription); its cells are kept as bundled"))
                default:
                    throw error
                }
            }
        }
        return out
    }

    /// Companion pins: torch version → newest torchvision/torchaudio pinning it exactly (and yanked ones), plus
    /// the range requirements of the others (for inferring torchaudio after its freeze).
    func companionPins(minimumTorch: Version, diagnostics: inout [Diagnostic]) async throws -> CompanionPins {
        var pins = CompanionPins()
        let requests = ["torchvision", "torchaudio"].map { IndexClient.PageRequest(project: $0, index: pypiIndex) }
        let pages = await client.pages(requests, maxConcurrent: maxConcurrent)
        for (request, result) in zip(requests, pages) {
            let page: SimpleIndexPage
            switch result {
            case .success(let p): page = p
            case .failure(let error) where error.isNotFound:
                diagnostics.append(.note("no \(request.project) on \(redact(pypiIndex.absoluteString)); "
                    + "its pairings are kept as bundled"))
                continue
            case .failure(let error): throw error
            }
            let isVision = request.project == "torchvision"
            let floor = isVision
                ? Version(epoch: 0, release: [0, minimumTorch.minor + 15, 0])
                : Version(epoch: 0, release: [2, min(minimumTorch.minor, 11), 0])
            let releases = Self.finalReleases(page, package: request.project, floor: floor)
            let wheels = releases.compactMap { Self.preferredWheel($0.wheels) }
            let metadata = try await metadata(for: wheels, diagnostics: &diagnostics)
            for release in releases {
                guard let wheel = Self.preferredWheel(release.wheels), let m = metadata[wheel.file.filename] else { continue }
                let requirement = Self.torchRequirement(m.requiresDist.compactMap(DistRequirement.init))
                let entry = CompanionPins.Entry(version: release.version, yanked: release.allYanked,
                                                exactTorch: requirement?.exact, range: requirement?.range,
                                                declaresTorch: requirement != nil)
                if isVision { pins.torchvision.append(entry) } else { pins.torchaudio.append(entry) }
            }
        }
        return pins
    }
}

/// Companion versions read from metadata.
struct CompanionPins: Sendable {
    struct Entry: Sendable {
        var version: Version
        var yanked: Bool
        var exactTorch: String?
        var range: SpecifierSet?
        var declaresTorch: Bool
    }

    var torchvision: [Entry] = []
    var torchaudio: [Entry] = []

    /// The newest non-yanked version pinning `torch` exactly, and the yanked ones that did.
    static func exact(_ entries: [Entry], torch: String) -> (version: String?, yanked: [String]) {
        let matching = entries.filter { $0.exactTorch == torch }
        let live = matching.filter { !$0.yanked }.map(\.version).max()
        return (live?.description, matching.filter(\.yanked).map { $0.version.description })
    }
}

/// The outcome of a refresh: the new matrix, what changed from the bundled data, and what could not be answered.
public struct MatrixRefreshResult: Sendable {
    public var matrix: ReleaseMatrix
    /// `bundled.diff(against: matrix)`.
    public var changes: [MatrixChange]
    public var diagnostics: [Diagnostic]
    /// Bundled releases whose cells were re-read.
    public var refreshed: [String]
    /// Releases the bundled data did not know.
    public var added: [String]

    public init(matrix: ReleaseMatrix, changes: [MatrixChange], diagnostics: [Diagnostic] = [],
                refreshed: [String] = [], added: [String] = []) {
        self.matrix = matrix
        self.changes = changes
        self.diagnostics = diagnostics
        self.refreshed = refreshed
        self.added = added
    }

    /// Writes the matrix to `ReleaseMatrix.cacheFile(in:)` atomically and returns the file.
    @discardableResult
    public func write(cacheDirectory: URL) throws -> URL {
        let file = ReleaseMatrix.cacheFile(in: cacheDirectory)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try matrix.encodedJSON().write(to: file, options: .atomic)
        return file
    }
}
