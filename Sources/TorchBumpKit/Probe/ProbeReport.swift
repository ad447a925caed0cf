import Foundation

/// What a probe found: one row per package × variant, one cell per Python × architecture, plus release-candidate
/// re-spins, diagnostics and the index failures that make the answer incomplete.
public struct ProbeReport: Sendable {
    public var spec: ProbeSpec
    /// The variants actually checked (the spec's, or those discovered on the index).
    public var variants: [Variant]
    public var rows: [ProbeRow]
    /// Test-channel wheels whose SHA-256 differs from the one recorded earlier under the same filename.
    public var respins: [RCRespin]
    public var diagnostics: [Diagnostic]
    /// Requests that failed for reasons other than "absent" (network, auth, unreadable pages), URLs redacted.
    public var failures: [IndexError]
    /// Whether the client ran in offline mode (answers from the HTTP cache only, nothing fetched).
    public var offline: Bool
    /// Why nothing could be checked at all (variant discovery found no such torch); nil normally.
    public var unresolved: String?

    public init(spec: ProbeSpec, variants: [Variant], rows: [ProbeRow] = [], respins: [RCRespin] = [],
                diagnostics: [Diagnostic] = [], failures: [IndexError] = [], offline: Bool = false) {
        self.spec = spec
        self.variants = variants
        self.rows = rows
        self.respins = respins
        self.diagnostics = diagnostics
        self.failures = failures
        self.offline = offline
    }

    /// Every cell with its row.
    public var cells: [(row: ProbeRow, cell: ProbeCell)] { rows.flatMap { row in row.cells.map { (row, $0) } } }

    public var missing: [(row: ProbeRow, cell: ProbeCell)] { cells.filter { $0.cell.status.isMissing } }
    public var unknown: [(row: ProbeRow, cell: ProbeCell)] { cells.filter { $0.cell.status.isUnknown } }

    /// How the command should end.
    public var outcome: ProbeOutcome {
        if !failures.isEmpty { return .indexFailure }
        if !missing.isEmpty || !unknown.isEmpty || unresolved != nil { return .incomplete }
        return .allPresent
    }

    /// Counts by status kind.
    public var summary: [String: Int] {
        var out = ["present": 0, "missing": 0, "unknown": 0, "not-applicable": 0, "failed": 0]
        for (_, cell) in cells { out[cell.status.kind, default: 0] += 1 }
        return out
    }
}

/// The three ways a probe ends (the CLI maps them to exit codes 0, 1 and 3).
public enum ProbeOutcome: String, Hashable, Sendable {
    /// Every requested wheel was found.
    case allPresent = "all-present"
    /// Something requested is missing, or could not be confirmed offline.
    case incomplete
    /// An index could not be read (network, authentication, unreadable response).
    case indexFailure = "index-failure"
}

/// One package at one version (or requirement) on one variant's index.
public struct ProbeRow: Hashable, Sendable {
    public var package: String
    /// The version looked for (`2.7.0`) or, for triton, the requirement (`==3.3.0`).
    public var version: String
    public var variant: Variant
    /// The redacted URL of the page consulted.
    public var page: String
    public var note: String?
    public var cells: [ProbeCell]

    public init(package: String, version: String, variant: Variant, page: String, note: String? = nil,
                cells: [ProbeCell] = []) {
        self.package = package
        self.version = version
        self.variant = variant
        self.page = page
        self.note = note
        self.cells = cells
    }
}

/// The answer for one Python × architecture.
public struct ProbeCell: Hashable, Sendable {
    public var python: String
    public var arch: String
    public var status: ProbeStatus

    public init(python: String, arch: String, status: ProbeStatus) {
        self.python = python
        self.arch = arch
        self.status = status
    }
}

/// Whether a wheel was found.
public enum ProbeStatus: Hashable, Sendable {
    /// Found; `sha256` is nil when the page gives none (nightly pages omit it).
    case present(filename: String, sha256: String?, url: String)
    /// The index answered and has no matching wheel.
    case missing(String)
    /// Not known: offline without a cached page, or the torch wheel this depends on is absent.
    case unknown(String)
    /// Nothing to check (no ROCm/XPU builds for aarch64, a dependency whose marker excludes this Python).
    case notApplicable(String)
    /// The page could not be read; the message names the URL.
    case failed(String)

    public var isPresent: Bool { if case .present = self { return true } else { return false } }
    public var isMissing: Bool { if case .missing = self { return true } else { return false } }
    public var isUnknown: Bool { if case .unknown = self { return true } else { return false } }

    /// `present`, `missing`, `unknown`, `not-applicable`, `failed`.
    public var kind: String {
        switch self {
        case .present: return "present"
        case .missing: return "missing"
        case .unknown: return "unknown"
        case .notApplicable: return "not-applicable"
        case .failed: return "failed"
        }
    }

    /// The explanation for every status but `present`.
    public var reason: String? {
        switch self {
        case .present: return nil
        case .missing(let r), .unknown(let r), .notApplicable(let r), .failed(let r): return r
        }
    }
}
