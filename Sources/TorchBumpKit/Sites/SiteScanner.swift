/// A scanner for one kind of file: decides which paths it reads and returns the pin sites and diagnostics
/// it finds. Scanners are pure: they get the file's bytes and never touch the disk or run code.
public protocol SiteScanner: Sendable {
    /// The file kind this scanner reports.
    var fileKind: FileKind { get }
    /// Whether this scanner reads the file at `path` (repository-relative, `/`-separated).
    func accepts(path: String) -> Bool
    /// Finds the sites in `file`. `file.path` is repository-relative.
    func scan(_ file: SourceFile, context: ScanContext) -> ScanResult
    /// Byte strings at least one of which a file must contain to hold any site for this scanner; nil = always scan.
    /// Lets large source and documentation files without any mention of torch/CUDA be skipped at memchr speed.
    func prefilter(context: ScanContext) -> [String]?
}

extension SiteScanner {
    public func prefilter(context: ScanContext) -> [String]? { nil }
}

/// What a scanner knows besides the file: the repository configuration, and a way to read other files of the
/// repository (used to follow `-r`/`-c` includes).
public struct ScanContext: Sendable {
    public var config: TorchBumpConfig
    /// Reads a repository file by repository-relative path; nil when the file does not exist or cannot be read.
    /// When this is nil, scanners do not follow includes.
    public var readFile: (@Sendable (String) -> SourceFile?)?

    public init(config: TorchBumpConfig = TorchBumpConfig(), readFile: (@Sendable (String) -> SourceFile?)? = nil) {
        self.config = config
        self.readFile = readFile
    }
}

/// Sites and diagnostics found in one file (or a whole repository).
public struct ScanResult: Sendable {
    public var sites: [PinSite]
    public var diagnostics: [Diagnostic]

    public init(sites: [PinSite] = [], diagnostics: [Diagnostic] = []) {
        self.sites = sites
        self.diagnostics = diagnostics
    }

    public mutating func append(_ other: ScanResult) {
        sites += other.sites
        diagnostics += other.diagnostics
    }
}
