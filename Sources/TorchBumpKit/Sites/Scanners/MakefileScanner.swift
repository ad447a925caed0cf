/// Finds pin sites in Makefiles (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`): variable assignments of every flavour
/// read like shell variables (`TORCH_VERSION ?= 2.8.0`, `export CUDA_TAG := cu128`, `test: TORCH_CUDA_ARCH_LIST = …`),
/// recipe lines and `define` bodies read as shell scripts (`pip install torch==… --index-url …`, `uv sync --extra
/// cu128`), and versions named in comments. Make references (`$(TORCH_VERSION)`, `$(subst .,,$(CUDA_VERSION))`) are
/// computed values: what they feed is derived from the variable, never edited in place.
public struct MakefileScanner: SiteScanner {
    public var fileKind: FileKind { .makefile }

    public init() {}

    public func accepts(path: String) -> Bool {
        let name = (PathName.last(path)).lowercased()
        return name == "makefile" || name == "gnumakefile" || (name.hasSuffix(".mk") && name.count > 3)
    }

    /// A site needs one of these: a torch/CUDA/ROCm/XPU/Python word, a variant tag, a PyTorch index path, a tracked
    /// package's name or variable prefix (`XFORMERS_`, `FA_`, `VISION_`), or a variable the value classifier reads by
    /// name alone (`UV_INDEX_STRATEGY`, `ARCH_LIST`). C/C++ `.mk` fragments seldom hold any and are skipped unparsed.
    public func prefilter(context: ScanContext) -> [String]? {
        var needles = Self.needles
        for c in context.config.constants { needles += [c, c.uppercased(), c.lowercased()] }
        return needles
    }

    static let needles = [
        "orch", "ORCH", "uda", "UDA", "ocm", "OCm", "OCM", "xpu", "XPU", "ython", "YTHON", "PY_VER", "py_ver",
        "cu1", "CU1", "cu9", "cu8", "/whl", "INDEX_STRATEGY", "index_strategy", "index-strategy", "ARCH_LIST", "arch_list",
        "riton", "RITON", "former", "FORMER", "infer", "INFER", "amba", "AMBA", "onv1d", "ONV1D", "flash", "Flash",
        "FLASH", "FA_", "ipex", "IPEX", "apex", "APEX", "ccl", "CCL", "xla", "XLA", "gemm", "GEMM", "ensorrt", "ENSORRT",
        "ensorRT", "vision", "Vision", "VISION", "audio", "Audio", "AUDIO",
    ]

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let make = MakefileStructure(parsing: file)
        var rec = SiteCollector(file: file, fileKind: .makefile, platform: Self.platform(file.path, make))
        let platform = rec.platform
        let options = ShellScriptSites.Options(role: .pin, looseTokens: true, comments: true,
                                               constants: context.config.constants)
        var comments = make.comments
        // Variables first: `NAME ?= value` means what `NAME=value` means in a script.
        let variables = ShellScriptSites(options: options)
        var commands: [MappedText] = []
        for assignment in make.assignments {
            // `NAME != command` runs a shell command: its text is shell, its result is computed.
            if assignment.op == "!=" { commands.append(assignment.value); continue }
            variables.assignment(name: assignment.name, value: Self.unquoted(assignment.value), platform: platform,
                                 into: &rec)
        }
        // Recipes: one shell parse per logical line, one shell state (`if`/`case` nesting) per rule or `define`.
        var sites: ShellScriptSites?
        var group: Int?
        for text in make.shellTexts {
            if text.group != group { sites = ShellScriptSites(options: options); group = text.group }
            let script = ShellWords.parse(text.text)
            sites?.record(script, platform: platform, into: &rec)
            comments += script.comments.map(\.text)
        }
        for command in commands {
            var shell = ShellScriptSites(options: options)
            let script = ShellWords.parse(command)
            shell.record(script, platform: platform, into: &rec)
            comments += script.comments.map(\.text)
        }
        for comment in make.comments {
            ShellScriptSites.commentSites(comment, platform: platform, into: &rec)
        }
        HoldComments(file: file).apply(to: &rec, comments: comments)
        rec.sites.sort { $0.span < $1.span }
        return rec.result
    }

    /// Make keeps quotes in values (`ARCHS := "8.0 9.0"`); the shell that later receives them drops one pair, and so
    /// does the classifier, so the span stays inside the quotes.
    static func unquoted(_ value: MappedText) -> MappedText {
        let t = value.trimmed
        guard t.count >= 2, let first = t.bytes.first, first == 0x22 || first == 0x27, t.bytes.last == first else {
            return t
        }
        return t.slice(1..<(t.count - 1))
    }

    /// From the path (`docker/rocm.mk` → rocm), else cuda when the only variants named are CUDA ones, else all.
    static func platform(_ path: String, _ make: MakefileStructure) -> Platform {
        let fromPath = PlatformInference.platform(forPath: path)
        if fromPath != .all { return fromPath }
        var platforms = Set<Platform>()
        for text in make.assignments.map(\.value) + make.shellTexts.map(\.text) {
            for m in VersionTokens.variants(in: text.bytes) { if let v = m.variant { platforms.insert(v.platform) } }
        }
        return platforms == [.cuda] ? .cuda : .all
    }
}
