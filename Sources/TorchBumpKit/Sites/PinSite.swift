/// One place in a repository that pins torch, a companion, an extension, a toolkit version, an index or a uv
/// setting — with the exact byte span of the value so a plan can rewrite it and nothing else.
public struct PinSite: Hashable, Sendable, Codable {
    /// Repository-relative path with `/` separators.
    public var path: String
    /// What kind of file it was found in.
    public var file: FileKind
    /// What the value is.
    public var kind: SiteKind
    /// How authoritative the site is (a real pin, a comment, a label, a doc, …).
    public var role: SiteRole
    /// What the value is about: a normalised distribution name (`torch`, `torchvision`, `xformers`,
    /// `flashinfer-python`), or `cuda`, `rocm`, `python` for toolkit versions, `compute-capability` and `cuda-driver`
    /// for GPU and driver floors stated in docs; nil for indexes and strategies.
    public var subject: String?
    /// The exact text of `span` in the file.
    public var value: String
    /// Byte range of `value` in the original file.
    public var span: Span
    /// 1-based line and column of `span.start`.
    public var line: Int
    public var column: Int
    public var platform: Platform
    /// For index URLs, wheel URLs, labels and variant tags: the variant the site encodes.
    public var variant: Variant?
    /// For index URLs: the channel (release/test/nightly).
    public var channel: Channel?
    /// The variable, constant, key or option that holds the value (`CUDA_VERSION`, `MAIN_CUDA_VERSION`,
    /// `TORCH_SUPPORTED_VERSION_CUDA`, `--extra-index-url`, `requires`), when there is one.
    public var name: String?
    /// The comparison operator of a requirement specifier (`==`, `>=`, …), when `kind == .requirement`.
    public var op: String?
    /// The whole source line, trimmed, for reports.
    public var context: String
    /// Why this site must be left alone by default (a comment saying why the pin is held back).
    public var heldReason: String?
    /// Anything else a reader should know (e.g. "index suffix computed from CUDA_VERSION").
    public var note: String?
    /// For values of a generated file (role `generated`): what regenerates the file and what it is generated from.
    public var generator: Generator?
    /// Sites of one file that share a group change together or not at all: the CUDA of a CI matrix `include` entry,
    /// the full toolkit (`cuda_full: "12.8.1"`) and the container image of that same entry (`matrix-entry@30`, the
    /// entry's first line). nil for sites that stand alone.
    public var group: String?

    public init(
        path: String, file: FileKind, kind: SiteKind, role: SiteRole = .pin, subject: String? = nil,
        value: String, span: Span, line: Int, column: Int, platform: Platform = .all,
        variant: Variant? = nil, channel: Channel? = nil, name: String? = nil, op: String? = nil,
        context: String = "", heldReason: String? = nil, note: String? = nil, generator: Generator? = nil,
        group: String? = nil
    ) {
        self.path = path
        self.file = file
        self.kind = kind
        self.role = role
        self.subject = subject
        self.value = value
        self.span = span
        self.line = line
        self.column = column
        self.platform = platform
        self.variant = variant
        self.channel = channel
        self.name = name
        self.op = op
        self.context = context
        self.heldReason = heldReason
        self.note = note
        self.generator = generator
        self.group = group
    }

    public var location: SourceLocation { SourceLocation(path: path, line: line, column: column) }
}

/// The kind of file a site was found in (which scanner found it).
public enum FileKind: String, Hashable, Sendable, Codable, CaseIterable {
    case requirements, lock, pyproject, python, cmake, dockerfile, bake, buildkite, githubActions = "github-actions",
         precommit = "pre-commit", yaml, shell, makefile, doc, json, conda, setupCfg = "setup-cfg", tox, custom,
         /// A Compose file (`docker-compose.yml`, `compose.yaml`): build args and image references of services.
         compose
}

/// What a site's value is; this decides how a plan re-encodes it.
public enum SiteKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The version token of a PEP 508 requirement specifier of a tracked package (`2.6.0` in `torch==2.6.0`,
    /// with any local label: `2.6.0+cpu`). `subject` is the package, `op` the operator.
    case requirement
    /// A bare version of `subject` outside a requirement: `ARG CUDA_VERSION=12.4.1`, `MAIN_CUDA_VERSION = "12.4"`,
    /// `set(TORCH_SUPPORTED_VERSION_CUDA "2.6.0")`, `ARG TORCH_VERSION=2.6.0`, a version in a comment or label.
    case version
    /// A variant tag standing alone: `--torch-backend cu124`, `cu124` in a script branch or a step key.
    case variant
    /// An index URL (`--extra-index-url …`, `[[tool.uv.index]] url`, `ARG PIP_EXTRA_INDEX_URL=…`).
    case indexURL = "index-url"
    /// A uv index strategy value (`unsafe-best-match`) in a flag, env var or config.
    case indexStrategy = "index-strategy"
    /// A `TORCH_CUDA_ARCH_LIST` (or similar) value.
    case archList = "arch-list"
    /// A container image reference whose tag embeds a CUDA/ROCm/torch version (`nvidia/cuda:12.4.1-devel-ubuntu22.04`).
    case image
    /// A direct wheel URL of a tracked package (`…/torch-2.6.0%2Bcu124-cp312-….whl`).
    case wheelURL = "wheel-url"
    /// A git reference of a tracked package (`git+https://github.com/org/repo@v1.2.3`), value = the ref.
    case gitRef = "git-ref"
    /// A generated lock file; value = the command recorded in its header. Never edited as text.
    case lockFile = "lock-file"
    /// The name of a uv extra or dependency group that encodes a variant (`cu128`), where it is defined
    /// (`[project.optional-dependencies]` key, note `definition`) or referenced (`conflicts`, `extra =` sources,
    /// `--extra cu128`, `.[cu128]`, a CI matrix value passed to `--extra`). `name` is `extra` or `group`. The
    /// definition and every reference are renamed together or not at all.
    case extraName = "extra-name"
}

/// How much a site counts as evidence and how a plan treats it.
public enum SiteRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// A real pin or setting that tools read.
    case pin
    /// A version mentioned in a comment next to code (`# Requires PyTorch 2.6.0`).
    case comment
    /// A pin in a commented-out line (`# xformers==…`): reported, never uncommented silently.
    case disabled
    /// A CI step label, key or id naming a version or variant.
    case label
    /// Documentation (install commands and prose in `*.md`, `*.rst`).
    case doc
    /// A lock file (or a pin inside one): regenerate, never edit.
    case lock
    /// Computed from another site (e.g. an index suffix computed from `CUDA_VERSION`): needs no edit of its own.
    case derived
    /// A value in a generated file (a `versions.json` mirror of Dockerfile ARGs): regenerate the file with its
    /// generator (`PinSite.generator`), never edit it.
    case generated
}

/// How a generated file is regenerated, as the file or the repository records it.
public struct Generator: Hashable, Sendable, Codable {
    /// The command that regenerates the file (`python tools/generate_versions_json.py`); nil when the file says it is
    /// generated but names no command or script.
    public var command: String?
    /// Where that is recorded: `"_comment" (docker/versions.json:2)`, `pre-commit hook generate-versions-json`.
    public var recordedIn: String
    /// Repository files the values are copied from (`docker/Dockerfile`), when the marker or the hook names them;
    /// empty means unknown (Dockerfiles are assumed).
    public var sources: [String]

    public init(command: String?, recordedIn: String, sources: [String] = []) {
        self.command = command
        self.recordedIn = recordedIn
        self.sources = sources
    }
}
