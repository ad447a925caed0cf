/// The command recorded in a lock file's header (`uv pip compile reqs/test.in -o reqs/test.txt …`).
struct LockHeader: Sendable {
    var site: PinSite
    var arguments: CommandArguments
    /// `uv` (uv pip compile), `pip-compile`, or nil for another generator.
    var tool: String?

    init(site: PinSite) {
        self.site = site
        let tokens = CommandToken.split(site.value, at: site.location)
        let words = tokens.map(\.text)
        if let uv = words.firstIndex(where: { $0 == "uv" || $0.hasSuffix("/uv") }),
           words.dropFirst(uv + 1).starts(with: ["pip", "compile"]) {
            tool = "uv"
            arguments = CommandArguments(Array(tokens[(uv + 3)...]))
        } else if let pc = words.firstIndex(where: { $0 == "pip-compile" || $0.hasSuffix("/pip-compile") }) {
            tool = "pip-compile"
            arguments = CommandArguments(Array(tokens[(pc + 1)...]))
        } else {
            tool = nil
            arguments = CommandArguments(tokens)
        }
    }

    static func all(_ c: CheckContext) -> [LockHeader] {
        c.sites.filter { $0.kind == .lockFile }.map(LockHeader.init)
    }
}

/// `lock-stale`: a lock whose torch-family pins no longer match its input, or whose header flags no longer match
/// the pre-commit hook that regenerates it.
enum LockRules {
    static let family = ["torch", "torchvision", "torchaudio"]

    static func lockStale(_ c: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let hooks = c.preCommitHooks
        for header in LockHeader.all(c) {
            if LockFileScanner.wholeFileLocks[header.site.value] != nil {
                out += wholeFileLockStale(header, c)
                continue
            }
            out += staleAgainstInputs(header, c)
            if let hook = hooks.first(where: { generates($0, lock: header.site.path) }) {
                out += headerAgainstHook(header, hook)
            }
        }
        return out
    }

    /// The lock's torch-family pins against the requirements of its inputs (and the files they include).
    static func staleAgainstInputs(_ header: LockHeader, _ c: CheckContext) -> [Finding] {
        let lockPath = header.site.path
        let known = Set(c.sites.map(\.path)).union(c.files.keys)
        let inputPaths = header.arguments.inputs.compactMap { input in
            RepoPath.candidates(input.text, relativeTo: lockPath).first(where: known.contains)
        }
        guard !inputPaths.isEmpty else { return [] }
        let scope = Set(inputPaths.flatMap { includedFiles(from: $0, c) })
        var out: [Finding] = []
        for package in family {
            let locked = c.sites.filter {
                $0.path == lockPath && $0.kind == .requirement && $0.subject == package
                    && ($0.role == .lock || $0.role == .pin)
            }
            let wanted = c.sites.filter {
                scope.contains($0.path) && $0.path != lockPath && $0.kind == .requirement && $0.role == .pin
                    && $0.subject == package && compiled($0, header.arguments)
            }
            for lockPin in locked {
                guard let lockVersion = CheckContext.publicVersion(lockPin) else { continue }
                for input in wanted where !admits(input, lockVersion) {
                    let op = input.op?.trimmingCharacters(in: .whitespaces) ?? "=="
                    out.append(Finding(
                        .lockStale, .error,
                        "\(lockPath) locks \(package) \(lockVersion) (\(CheckContext.at(lockPin))) but its input "
                            + "\(CheckContext.at(input)) requires \(package)\(op)\(input.value); regenerate the lock with "
                            + "its header command (\(CheckContext.at(header.site)))",
                        at: lockPin.location, related: [input.location, header.site.location]))
                    break
                }
            }
        }
        return out
    }

    /// `uv.lock` (poetry.lock, pdm.lock) against the pyproject.toml beside it: every torch-family version the lock
    /// holds must be admitted by one of the project's requirements (a universal lock holds one per backend fork), and
    /// every exact pin must be locked.
    static func wholeFileLockStale(_ header: LockHeader, _ c: CheckContext) -> [Finding] {
        let lockPath = header.site.path
        let directory = lockPath.split(separator: "/").dropLast().joined(separator: "/")
        let project = directory.isEmpty ? "pyproject.toml" : directory + "/pyproject.toml"
        let tool = header.site.name ?? "uv lock"
        var out: [Finding] = []
        for package in family {
            let locked = c.sites.filter { $0.path == lockPath && $0.kind == .requirement && $0.subject == package && $0.role == .lock }
            let wanted = c.sites.filter {
                $0.path == project && $0.kind == .requirement && $0.role == .pin && $0.subject == package
                    && $0.name?.hasPrefix("build-system") != true
            }
            guard !locked.isEmpty, !wanted.isEmpty else { continue }
            let lockedVersions = locked.compactMap { site in CheckContext.publicVersion(site).map { (site, $0) } }
            if let (lockPin, version) = lockedVersions.first(where: { pair in !wanted.contains { admits($0, pair.1) } }),
               let input = wanted.first {
                out.append(Finding(
                    .lockStale, .error,
                    "\(lockPath) locks \(package) \(version) (\(CheckContext.at(lockPin))), which no requirement of "
                        + "\(project) admits (e.g. \(CheckContext.at(input)) \(package)\(input.op ?? "==")\(input.value)); "
                        + "regenerate it with `\(tool)`",
                    at: lockPin.location, related: [input.location]))
                continue
            }
            for input in wanted where CheckContext.isExact(input) && !lockedVersions.contains(where: { admits(input, $0.1) }) {
                out.append(Finding(
                    .lockStale, .error,
                    "\(project) pins \(package)==\(input.value) (\(CheckContext.at(input))) but \(lockPath) locks no such "
                        + "version; regenerate it with `\(tool)`",
                    at: input.location, related: [header.site.location]))
                break
            }
        }
        return out
    }

    /// Whether a requirement of an input file is part of what the command compiles: every line of a requirements
    /// file; of a pyproject, the project dependencies plus the extras and groups the command selects (never
    /// `[build-system].requires`).
    static func compiled(_ site: PinSite, _ args: CommandArguments) -> Bool {
        guard site.file == .pyproject else { return true }
        let name = site.name ?? ""
        if name == "project.dependencies" { return true }
        if name.hasPrefix("project.optional-dependencies.") {
            return args.allExtras || args.extras.contains(String(name.dropFirst("project.optional-dependencies.".count)))
        }
        if name.hasPrefix("dependency-groups.") {
            return args.groups.contains(String(name.dropFirst("dependency-groups.".count)))
        }
        return false
    }

    /// Whether the input requirement admits the locked public version (local labels ignored).
    static func admits(_ input: PinSite, _ locked: Version) -> Bool {
        let op = input.op?.trimmingCharacters(in: .whitespaces) ?? "=="
        if op == "==" || op == "===" {
            guard let want = CheckContext.publicVersion(input) else { return true }
            if input.value.contains("*"), let spec = try? Specifier(parsing: op + input.value) {
                return spec.contains(locked, prereleases: true)
            }
            return want == locked
        }
        guard !input.value.contains("+"), let spec = try? Specifier(parsing: op + input.value) else { return true }
        return spec.contains(locked, prereleases: true)
    }

    /// `path` and the files it pulls in with `-r`/`-c` (as far as the scanned files show), without cycles.
    static func includedFiles(from path: String, _ c: CheckContext) -> [String] {
        var out: [String] = []
        var queue = [path]
        while let next = queue.first, out.count < 64 {
            queue.removeFirst()
            guard !out.contains(next) else { continue }
            out.append(next)
            guard let file = c.files[next] else { continue }
            for (_, _, line) in file.lines {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" }).map(String.init)
                guard words.count >= 2, ["-r", "--requirement", "-c", "--constraint"].contains(words[0]) else { continue }
                // pip resolves includes against the including file's directory.
                let candidates = RepoPath.candidates(words[1], relativeTo: next).reversed()
                if let resolved = candidates.first(where: { c.files[$0] != nil }) { queue.append(resolved) }
            }
        }
        return out
    }

    /// Whether a pre-commit hook writes `lock` (`-o lock` / `--output-file lock`).
    static func generates(_ hook: PreCommitHook, lock: String) -> Bool {
        guard let output = hook.arguments.output?.text else { return false }
        return RepoPath.normalize(output) == lock
    }

    /// The header's `--torch-backend` and PyTorch index flags against the hook's.
    static func headerAgainstHook(_ header: LockHeader, _ hook: PreCommitHook) -> [Finding] {
        let lock = header.arguments, args = hook.arguments
        var out: [Finding] = []
        if lock.torchBackend?.text != args.torchBackend?.text {
            let primary = lock.torchBackend?.location ?? header.site.location
            let related = args.torchBackend?.location ?? hook.location
            out.append(Finding(
                .lockStale, .error,
                "lock header \(primary.short) was compiled with \(describe(lock.torchBackend)) but the pre-commit hook "
                    + "'\(hook.id)' (\(related.short)) passes \(describe(args.torchBackend)); regenerate "
                    + "\(header.site.path) with the hook",
                at: primary, related: [related]))
        }
        let lockIndexes = pytorchIndexes(lock), hookIndexes = pytorchIndexes(args)
        if lockIndexes.map(\.url) != hookIndexes.map(\.url) {
            let primary = lockIndexes.first?.token.location ?? header.site.location
            let related = hookIndexes.first?.token.location ?? hook.location
            let lockText = lockIndexes.isEmpty ? "no PyTorch index" : lockIndexes.map(\.url).joined(separator: ", ")
            let hookText = hookIndexes.isEmpty ? "no PyTorch index" : hookIndexes.map(\.url).joined(separator: ", ")
            out.append(Finding(
                .lockStale, .error,
                "lock header \(primary.short) was compiled with \(lockText) but the pre-commit hook '\(hook.id)' "
                    + "(\(related.short)) uses \(hookText); regenerate \(header.site.path) with the hook",
                at: primary, related: [related]))
        }
        return out
    }

    static func describe(_ backend: CommandToken?) -> String {
        backend.map { "--torch-backend \($0.text)" } ?? "no --torch-backend"
    }

    static func pytorchIndexes(_ args: CommandArguments) -> [(url: String, token: CommandToken)] {
        (args.extraIndexes + args.primaryIndexes).compactMap { token in
            CheckContext.pytorchIndex(token.text).map { ($0.url, token) }
        }.sorted { $0.url < $1.url }
    }
}
