import Foundation

/// Every pin site of a repository plus the diagnostics met on the way.
public struct Inventory: Sendable {
    public var root: URL
    public var sites: [PinSite]
    public var diagnostics: [Diagnostic]
    /// Number of files read by at least one scanner.
    public var filesScanned: Int
    /// The source files that produced sites, by repository-relative path (kept so a plan can edit them).
    public var files: [String: SourceFile]

    public init(root: URL, sites: [PinSite] = [], diagnostics: [Diagnostic] = [], filesScanned: Int = 0,
                files: [String: SourceFile] = [:]) {
        self.root = root
        self.sites = sites
        self.diagnostics = diagnostics
        self.filesScanned = filesScanned
        self.files = files
    }

    public var isEmpty: Bool { sites.isEmpty }

    /// Sites of one platform (sites marked `all` are included).
    public func sites(for platform: Platform) -> [PinSite] {
        sites.filter { $0.platform == platform || $0.platform == .all }
    }
}

/// Runs every scanner over a repository and gathers an `Inventory`.
public struct RepositoryScanner: Sendable {
    public var scanners: [any SiteScanner]
    public var config: TorchBumpConfig

    public init(scanners: [any SiteScanner] = SiteScanners.all, config: TorchBumpConfig = TorchBumpConfig()) {
        self.scanners = scanners
        self.config = config
    }

    public func scan(root: URL) -> Inventory {
        var walker = RepositoryWalker(root: root)
        walker.useGit = true
        let config = self.config
        let accept: @Sendable (String) -> Bool = { path in
            if config.exclude.contains(where: { Glob.matches($0, path) }) { return false }
            if config.include.contains(where: { Glob.matches($0, path) }) { return true }
            return scanners.contains { $0.accepts(path: path) }
                || config.customSites.contains { rule in rule.files.contains { Glob.matches($0, path) } }
        }
        let (entries, walkDiagnostics) = walker.files(accept: accept)
        // Scanners may read other repository files (requirements includes); never outside the root.
        let rootURL = walker.root
        let context = ScanContext(config: config, readFile: { path in
            let url = rootURL.appendingPathComponent(path).standardizedFileURL
            guard url.resolvingSymlinksInPath().path.hasPrefix(rootURL.path + "/") else { return nil }
            return try? SourceFile.read(url, displayPath: path)
        })
        var inventory = Inventory(root: walker.root, diagnostics: walkDiagnostics)
        // Scan files in parallel (results are merged in path order, so the inventory stays deterministic).
        let outcomes = ParallelMap.map(entries) { entry in
            Self.scanOne(entry, scanners: scanners, config: config, context: context)
        }
        for outcome in outcomes {
            inventory.diagnostics += outcome.preDiagnostics
            guard outcome.scanned else { continue }
            inventory.filesScanned += 1
            if let file = outcome.file, !outcome.result.sites.isEmpty { inventory.files[file.path] = file }
            // Sites found in files the walk did not list (followed includes) need their file too.
            for path in Set(outcome.result.sites.map(\.path)) where inventory.files[path] == nil {
                inventory.files[path] = context.readFile?(path)
            }
            inventory.sites += outcome.result.sites.map { site in
                var site = site
                if let override = config.platforms.first(where: { Glob.matches($0.glob, site.path) }) {
                    site.platform = override.platform
                }
                return site
            }
            inventory.diagnostics += outcome.result.diagnostics
        }
        inventory.sites.sort { ($0.path, $0.span.start, $0.span.end) < ($1.path, $1.span.start, $1.span.end) }
        // A file included from several requirements files is scanned once per include.
        var seen = Set<PinSite>()
        inventory.sites.removeAll { !seen.insert($0).inserted }
        // An extra name (`extra: cu128` in CI) is planned with its definition, not as a bare variant tag.
        inventory.sites = ExtraNames.supersedingVariants(inventory.sites)
        return inventory
    }

    struct FileOutcome: Sendable {
        var file: SourceFile?
        var scanned = false
        var result = ScanResult()
        var preDiagnostics: [Diagnostic] = []
    }

    /// Reads and scans one file; pure apart from reading it.
    static func scanOne(_ entry: RepositoryWalker.Entry, scanners: [any SiteScanner], config: TorchBumpConfig,
                        context: ScanContext) -> FileOutcome {
        var outcome = FileOutcome()
        let raw: (bytes: [UInt8], mode: UInt16)
        do {
            raw = try SourceFile.readBytes(path: entry.absolutePath)
        } catch {
            outcome.preDiagnostics.append(.error("cannot read file: \(error.localizedDescription)",
                                                 at: SourceLocation(path: entry.path, line: 1)))
            return outcome
        }
        if raw.bytes.prefix(8192).contains(0) { return outcome }  // binary
        outcome.scanned = true
        // Decide on the raw bytes which scanners want the file before building its line table.
        let wanted = scanners.filter { scanner in
            scanner.accepts(path: entry.path)
                && (scanner.prefilter(context: context).map { ByteSearch.containsAny(raw.bytes, $0) } ?? true)
        }
        let rules = config.customSites.filter { rule in rule.files.contains(where: { Glob.matches($0, entry.path) }) }
        if wanted.isEmpty && rules.isEmpty { return outcome }
        let file = SourceFile(path: entry.path, bytes: raw.bytes, mode: raw.mode)
        outcome.file = file
        if !file.isValidUTF8 {
            outcome.preDiagnostics.append(.warning("file is not valid UTF-8; invalid bytes were replaced while scanning",
                                                   at: SourceLocation(path: entry.path, line: firstInvalidLine(file))))
        }
        for scanner in wanted {
            outcome.result.append(scanner.scan(file, context: context))
        }
        for rule in rules {
            outcome.result.append(CustomSiteScanner(rule: rule).scan(file, context: context))
        }
        return outcome
    }

    private static func firstInvalidLine(_ file: SourceFile) -> Int {
        for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
            let span = file.lineSpan(n)
            if String(validating: file.bytes[span.start..<span.end], as: UTF8.self) == nil { return n }
        }
        return 1
    }
}

/// The built-in scanners, one per file kind.
public enum SiteScanners {
    public static var all: [any SiteScanner] {
        [RequirementsScanner(), LockFileScanner(), PyprojectScanner(), PythonConstantsScanner(), CMakeScanner(),
         DockerfileScanner(), BakeScanner(), CIYAMLScanner(), PreCommitScanner(), ShellScanner(), MakefileScanner(),
         DocsScanner(), GeneratedJSONScanner(), ExtraNameScanner(), CondaEnvironmentScanner(),
         SetupCfgScanner(), ToxIniScanner(), ComposeScanner()]
    }
}
