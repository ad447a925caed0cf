/// What the user asked for: a torch version, optionally a CUDA/ROCm move, a channel and platforms.
public struct UpgradeTarget: Sendable, Hashable, Codable {
    public var torch: String?
    /// CUDA `X.Y` to move the main CUDA build to.
    public var cuda: String?
    /// ROCm `X.Y[.Z]` to move the ROCm build to.
    public var rocm: String?
    public var channel: Channel
    /// Platforms to change; nil = the platforms whose torch pin equals the CUDA platform's.
    public var platforms: [Platform]?
    public var includeHeld: Bool

    public init(torch: String? = nil, cuda: String? = nil, rocm: String? = nil, channel: Channel = .release,
                platforms: [Platform]? = nil, includeHeld: Bool = false) {
        self.torch = torch
        self.cuda = cuda
        self.rocm = rocm
        self.channel = channel
        self.platforms = platforms
        self.includeHeld = includeHeld
    }
}

/// One planned replacement in one file, with the reason a reviewer reads.
public struct PlannedEdit: Sendable, Hashable, Codable {
    public var path: String
    public var line: Int
    public var edit: TextEdit
    /// The text being replaced (empty for insertions).
    public var before: String
    public var after: String
    public var reason: String
    public var platform: Platform

    public init(path: String, line: Int, edit: TextEdit, before: String, reason: String, platform: Platform) {
        self.path = path
        self.line = line
        self.edit = edit
        self.before = before
        self.after = edit.replacement
        self.reason = reason
        self.platform = platform
    }
}

/// A site that mentions an old version but is deliberately left unchanged, or anything else a reviewer must know.
public struct PlanNote: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Left unchanged on purpose (held, other platform, derived, doc history …).
        case unchanged
        /// Needs a human (an extension without a release, an arch list to review …).
        case attention
        case info
    }
    public var kind: Kind
    public var message: String
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}

/// A platform (or extension) left behind by this plan, with its current pin and why.
public struct Deferral: Sendable, Hashable, Codable {
    public var platform: Platform
    /// e.g. `torch==2.5.1+cpu` at `requirements/cpu.txt:4`.
    public var current: String
    public var reason: String
    public var location: SourceLocation?

    public init(platform: Platform, current: String, reason: String, location: SourceLocation? = nil) {
        self.platform = platform
        self.current = current
        self.reason = reason
        self.location = location
    }
}

/// A lock file the plan does not edit: the command that regenerates it.
public struct LockAction: Sendable, Hashable, Codable {
    public var path: String
    /// The command recorded in the lock's header.
    public var recorded: String
    /// The command to run now (flags updated for the target variant/channel).
    public var command: String
}

/// A generated file the plan does not edit (a JSON mirror of Dockerfile ARGs): the command that regenerates it
/// and what regeneration will change. torchbump never runs it (`apply --lock` runs lock tools only).
public struct GeneratedFileAction: Sendable, Hashable, Codable {
    public var path: String
    /// Where the command is recorded (the file's marker member, a pre-commit hook).
    public var recorded: String
    /// The command to run after applying the plan; nil when the file names no command.
    public var command: String?
    /// What regeneration changes: `CUDA_VERSION 12.8.1 → 12.9.1`.
    public var changes: [String]

    public init(path: String, recorded: String, command: String?, changes: [String]) {
        self.path = path
        self.recorded = recorded
        self.command = command
        self.changes = changes
    }
}

/// The full, deterministic plan for an upgrade: edits per file, notes, deferrals, lock and generated-file
/// regenerations and blocking problems.
public struct UpgradePlan: Sendable, Codable {
    public var target: UpgradeTarget
    /// What the repository is on now (as inferred from its sites).
    public var current: RepositoryState
    /// Platforms this plan changes.
    public var platforms: [Platform]
    public var edits: [PlannedEdit]
    public var notes: [PlanNote]
    public var deferrals: [Deferral]
    public var locks: [LockAction]
    /// Generated files to regenerate after applying (never edited by the plan).
    public var generated: [GeneratedFileAction]
    /// Problems that make the plan unusable as asked (exit 1).
    public var problems: [Diagnostic]
    /// Input problems met while scanning.
    public var diagnostics: [Diagnostic]

    public init(target: UpgradeTarget, current: RepositoryState, platforms: [Platform] = [], edits: [PlannedEdit] = [],
                notes: [PlanNote] = [], deferrals: [Deferral] = [], locks: [LockAction] = [],
                generated: [GeneratedFileAction] = [], problems: [Diagnostic] = [], diagnostics: [Diagnostic] = []) {
        self.target = target
        self.current = current
        self.platforms = platforms
        self.edits = edits
        self.notes = notes
        self.deferrals = deferrals
        self.locks = locks
        self.generated = generated
        self.problems = problems
        self.diagnostics = diagnostics
    }

    public var isBlocked: Bool { !problems.isEmpty }

    /// Edits grouped by file, in path order.
    public var editsByFile: [(path: String, edits: [PlannedEdit])] {
        Dictionary(grouping: edits, by: \.path).sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted { $0.edit.span < $1.edit.span }) }
    }
}

/// What the repository is on before the upgrade.
public struct RepositoryState: Sendable, Hashable, Codable {
    /// The torch version of the main (CUDA or common) pins.
    public var torch: String?
    /// The main CUDA version (`12.4`), from the Dockerfile/CI/constants/lock backend.
    public var cuda: String?
    /// The ROCm variant in use (`6.2.4`).
    public var rocm: String?
    /// Channels the PyTorch index sites use now.
    public var channels: [Channel]

    public init(torch: String? = nil, cuda: String? = nil, rocm: String? = nil, channels: [Channel] = []) {
        self.torch = torch
        self.cuda = cuda
        self.rocm = rocm
        self.channels = channels
    }
}
