import Foundation
/// Records the sites of tokenised shell text (a script, a Dockerfile `RUN`, a CI `run:`/`commands:` entry, a docs
/// code block): installer commands, `--build-arg K=V`, image references (`docker build -t`, `docker push`/`pull`/`tag`/
/// `run`), variable assignments,
/// `sed` pin-backs, and — for scripts — variant literals in tests and `case` patterns plus versions named in comments.
struct ShellScriptSites {
    /// How much beyond installer commands and assignments to report.
    struct Options {
        var role: SiteRole = .pin
        /// Variant literals in words (`[[ $w == *"cu118"* ]]`, `TAG=cu128`) and CUDA `case` patterns.
        var looseTokens = false
        /// Versions and variants named in `#` comments (role comment).
        var comments = false
        var constants: [String] = []
    }

    var options: Options
    private var guards = ShellGuards()
    /// Subjects of the `case` statements we are inside (`CUDA_VERSION` → cuda), innermost last.
    private var caseSubjects: [String?] = []

    init(options: Options) { self.options = options }

    mutating func record(_ script: ShellScript, platform: Platform, into rec: inout SiteCollector) {
        let firstSite = rec.sites.count
        defer { Self.refineByUse(script, from: firstSite, into: &rec) }
        for command in script.commands {
            let guardPlatform = guards.platform(for: command)
            let p = guardPlatform.map { PlatformRefinement.refine(platform, with: $0) } ?? platform
            self.command(command, platform: p, into: &rec)
        }
        for heredoc in script.heredocs where options.looseTokens {
            var nested = ShellScriptSites(options: options)
            nested.record(ShellWords.parse(heredoc), platform: platform, into: &rec)
        }
        if options.comments {
            let role: SiteRole = options.role == .doc ? .doc : .comment
            for comment in script.comments { Self.commentSites(comment.text, platform: platform, role: role, into: &rec) }
        }
    }

    private mutating func command(_ command: ShellCommand, platform: Platform, into rec: inout SiteCollector) {
        // Keywords and Dockerfile `RUN --mount=…` flags before the command itself.
        let words = Array(command.words.drop { w in
            let s = w.string
            return ShellGuards.isRunFlag(s) || ["then", "do", "else", "{", "!", "time", "exec", "sudo", "env"].contains(s)
        })
        if let install = InstallCommandParser.recognise(words) {
            InstallCommandSites.record(install, role: options.role, platform: platform, constants: options.constants,
                                       into: &rec)
            return
        }
        guard let first = words.first?.string else { return }
        if first == "sed" { sed(words, platform: platform, into: &rec); return }
        if Self.scriptRef(words, platform: platform, role: options.role, into: &rec) { return }
        // `python -c "import torch; assert torch.__version__.startswith('2.8.0')"`.
        if InstallCommandParser.isPython(InstallCommandParser.basename(first)),
           let c = words.firstIndex(where: { $0.string == "-c" }), c + 1 < words.count {
            let code = words[c + 1].value
            for range in TorchVersionAssertion.versions(in: code.bytes) {
                guard let span = code.fileSpan(range) else { continue }
                rec.add(.version, role: options.role, subject: "torch", span: span, platform: platform,
                        name: "torch.__version__", note: "version assertion")
            }
        }
        // `bash -c "pip install …"`, `docker run … sh -lc '…'`: the script is one word; read it as shell too.
        if let c = words.indices.first(where: { k in
            k > 0 && ["bash", "sh", "/bin/bash", "/bin/sh", "zsh"].contains(words[k - 1].string)
                && words[k].string.hasPrefix("-") && words[k].string.hasSuffix("c") && !words[k].string.hasPrefix("--")
        }), c + 1 < words.count {
            var nested = ShellScriptSites(options: options)
            nested.record(ShellWords.parse(words[c + 1].value), platform: platform, into: &rec)
        }
        var i = 0
        // `case WORD in PATTERN)`
        if first == "case", words.count >= 3 {
            let subject = words[1].string.uppercased()
            caseSubjects.append(subject.contains("CUDA") ? "cuda" : subject.contains("ROCM") ? "rocm" : nil)
            i = 3
        } else if first == "esac" {
            if !caseSubjects.isEmpty { caseSubjects.removeLast() }
            return
        }
        if options.looseTokens, !caseSubjects.isEmpty, command.terminator == ")" || command.terminator == "|" {
            for w in words[min(i, words.count)...] { casePattern(w, platform: platform, into: &rec) }
            return
        }
        let buildsImage = Self.buildsImage(words)
        let runsMake = Self.runsMake(words)
        let imageOperands = Self.imageOperands(words)
        // `for CUDA in 13.0.2 12.6.3; do`: the toolkits a loop builds.
        if first == "for", words.count >= 4, words[2].string == "in" {
            let variable = words[1].string.uppercased()
            let subject: String? = variable.contains("CUDA") ? "cuda" : variable.contains("ROCM") ? "rocm" : nil
            if let subject {
                for w in words.dropFirst(3) {
                    let v = w.string.trimmingCharacters(in: CharacterSet(charactersIn: ";"))
                    guard VersionTokens.isDotted(v), v.contains("."), let span = w.value.fileSpan(0..<v.utf8.count) else { continue }
                    rec.add(.version, role: options.role, subject: subject, span: span,
                            platform: PlatformRefinement.refine(platform, with: subject == "cuda" ? .cuda : .rocm),
                            name: words[1].string)
                }
            }
        }
        // `+cu128torch2.8` in a glob, a pattern or a file name (`twine upload dist/pkg-*+cu128torch2.8-*.whl`): the
        // torch minor of a torch-tied wheel label (its `cu128` is a variant site of its own).
        for w in words where Self.has(w, "torch") && !Self.has(w, "://") && !Self.has(w, "==") {
            let b = w.value.bytes
            var i = 0
            while i + 9 <= b.count {
                guard b[i] == 0x63, b[i + 1] == 0x75, i + 2 < b.count, ASCII.isDigit(b[i + 2]) else { i += 1; continue }
                var j = i + 2
                while j < b.count, ASCII.isDigit(b[j]) { j += 1 }
                guard VersionTokens.hasWord(b, "torch", at: j) else { i = j; continue }
                if let v = Variant(tag: String(decoding: b[i..<j], as: UTF8.self)), v.isCUDA, let span = w.value.fileSpan(i..<j) {
                    rec.add(.variant, role: options.role, span: span, platform: PlatformRefinement.refine(platform, with: .cuda),
                            variant: v, note: "wheel label")
                }
                let start = j + 5
                let n = VersionTokens.dottedLength(b, at: start)
                if n > 0, let span = w.value.fileSpan(start..<(start + n)) {
                    rec.add(.version, role: options.role, subject: "torch", span: span, platform: platform, name: nil,
                            note: "wheel label")
                }
                i = start + max(n, 1)
            }
        }
        // `auditwheel repair --exclude libcudart.so.12`: a CUDA library soname carries the toolkit's major.
        for w in words where Self.has(w, ".so.") && (Self.has(w, "libcu") || Self.has(w, "libnv")) {
            let b = w.value.bytes
            guard let so = ByteSearch.find(".so.", in: b, range: 0..<b.count) else { continue }
            let start = so + 4
            var end = start
            while end < b.count, ASCII.isDigit(b[end]) { end += 1 }
            if end > start, end == b.count || !ASCII.isDigit(b[end]), let span = w.value.fileSpan(start..<end) {
                rec.add(.version, role: options.role, subject: "cuda", span: span,
                        platform: PlatformRefinement.refine(platform, with: .cuda), note: "CUDA library soname")
            }
        }
        // `[[ "$CUDA_VERSION" == 12.8 || … ]]`: a branch on the toolkit version (it does not move with the toolkit).
        for k in words.indices.dropFirst().dropLast() where ["==", "=", "!="].contains(words[k].string)
            && words[k - 1].string.contains("$") && words[k - 1].string.uppercased().contains("CUDA") {
            let value = words[k + 1]
            if VersionTokens.isDotted(value.string), value.string.contains("."), let span = value.value.fileSpan(0..<value.value.count) {
                rec.add(.version, role: options.role, subject: "cuda", span: span,
                        platform: PlatformRefinement.refine(platform, with: .cuda), note: "CUDA comparison")
            }
        }
        var j = 0
        while j < words.count {
            let w = words[j]
            let s = w.string
            // `docker push app:cu126-$SHA`, `docker tag A B`, `docker run … app:cu126-$SHA …`: the same image
            // reference as the `-t` of the build, so a variant in it moves with the build's tag.
            if imageOperands.contains(j) {
                ValueClassifier.image(w.value, name: "docker \(Self.imageSubcommand(words) ?? "")", role: options.role,
                                      platform: platform, into: &rec)
                j += 1
                continue
            }
            // `docker build -t app:cu128-$SHA` / `--tag=…`: the tag is an image reference (a variant in it is a site).
            if buildsImage, s == "-t" || s == "--tag", j + 1 < words.count {
                ValueClassifier.image(words[j + 1].value, name: "--tag", role: options.role, platform: platform, into: &rec)
                j += 2
                continue
            }
            if buildsImage, s.hasPrefix("--tag=") {
                ValueClassifier.image(w.value.slice(6..<w.value.count), name: "--tag", role: options.role,
                                      platform: platform, into: &rec)
                j += 1
                continue
            }
            if s == "--build-arg" || s == "--env" || s == "-e", j + 1 < words.count, InstallCommandParser.isAssignment(words[j + 1]) {
                assignment(words[j + 1], platform: platform, into: &rec)
                j += 2
                continue
            }
            if s.hasPrefix("--build-arg=") {
                let rest = w.value.slice(12..<w.value.count)
                assignment(ShellToken(value: rest, rawSpan: w.rawSpan, isQuoted: w.isQuoted), platform: platform, into: &rec)
                j += 1
                continue
            }
            if InstallCommandParser.isAssignment(w), j == 0 || runsMake || ["export", "local", "declare", "readonly", "ENV", "ARG"]
                .contains(words[j - 1].string) || InstallCommandParser.isAssignment(words[j - 1]) {
                assignment(w, platform: platform, into: &rec)
                j += 1
                continue
            }
            // `uv run --extra cu128`, `poetry install --extras cu128`: the name of one of the project's extras, which
            // can only change together with its definition; reading it as a variant tag would half-rename it.
            if s == "--extra" || s == "--extras" {
                j += 2
                continue
            }
            if s.hasPrefix("--extra=") || s.hasPrefix("--extras=") {
                j += 1
                continue
            }
            if options.looseTokens {
                if ValueClassifier.looksLikeIndexURL(s), s.hasPrefix("http") {
                    ValueClassifier.indexURL(w.value, name: j == 0 ? "url" : first, role: options.role, platform: platform,
                                             into: &rec)
                } else {
                    variantLiterals(w.value, name: nil, platform: platform, into: &rec)
                }
            }
            j += 1
        }
    }

    /// Whether a word's bytes contain `needle` (no `String` per word).
    private static func has(_ word: ShellToken, _ needle: String) -> Bool {
        ByteSearch.find(needle, in: word.value.bytes, range: 0..<word.value.count) != nil
    }

    /// A variable set without a platform of its own (`TORCH_VERSION=2.8.0`) whose every use is an install for one
    /// platform (`pip install "torch==${TORCH_VERSION}+cpu" --extra-index-url …/whl/cpu`) belongs to that platform:
    /// it moves when that platform does.
    static func refineByUse(_ script: ShellScript, from first: Int, into rec: inout SiteCollector) {
        guard first < rec.sites.count else { return }
        for k in first..<rec.sites.count {
            let site = rec.sites[k]
            guard site.platform == .all, site.role == .pin, let name = site.name, !name.isEmpty,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            var platforms = Set<Platform>()
            var uses = 0
            for command in script.commands {
                let words = Array(command.words.drop { ShellGuards.isRunFlag($0.string) })
                guard words.contains(where: { $0.string.contains("${\(name)}") || $0.string.contains("$\(name)")
                    && !$0.string.contains("$\(name)_") }) else { continue }
                uses += 1
                guard let install = InstallCommandParser.recognise(words) else { platforms.insert(.all); continue }
                var p = InstallCommandSites.evidence(install)
                for req in install.requirements where req.string.contains(name) {
                    if let plus = req.string.lastIndex(of: "+"),
                       let v = Variant(localLabel: String(req.string[req.string.index(after: plus)...].prefix { $0.isLetter || $0.isNumber || $0 == "." })) {
                        p = p ?? v.platform
                    }
                }
                platforms.insert(p ?? .all)
            }
            if uses > 0, platforms.count == 1, let only = platforms.first, only != .all {
                rec.sites[k].platform = only
            }
        }
    }

    /// `tools/install_deepgemm.sh --ref 0a1b2c3d`, `bash build_flashinfer.sh --tag=v0.3.1`: the ref a project's own
    /// build script is told to build overrides the script's default, so it is the extension's git ref.
    /// Returns whether a site was recorded.
    static func scriptRef(_ words: [ShellToken], platform: Platform, role: SiteRole, into rec: inout SiteCollector) -> Bool {
        var k = 0
        if k < words.count, ["bash", "sh", "/bin/bash", "/bin/sh", "source", "."].contains(words[k].string) { k += 1 }
        guard k < words.count else { return false }
        var name = InstallCommandParser.basename(words[k].string)
        guard name.hasSuffix(".sh") else { return false }
        name.removeLast(3)
        for prefix in ["install_", "install-", "build_", "build-", "setup_", "setup-"] where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
            break
        }
        guard let package = PackageAliases.package(forVariablePrefix: name.uppercased().replacingOccurrences(of: "-", with: "_"))
        else { return false }
        let refOptions: Set<String> = ["--ref", "--git-ref", "--commit", "--tag", "--branch", "--sha", "--revision"]
        var recorded = false
        var j = k + 1
        while j < words.count {
            let s = words[j].string
            if refOptions.contains(s), j + 1 < words.count {
                recorded = ValueClassifier.gitRefValue(words[j + 1].value, subject: package, name: s, role: role,
                                                       platform: platform, into: &rec) || recorded
                j += 2
                continue
            }
            if let eq = s.firstIndex(of: "="), refOptions.contains(String(s[..<eq])) {
                let offset = s.utf8.distance(from: s.utf8.startIndex, to: eq) + 1
                let value = words[j].value.slice(offset..<words[j].value.count)
                recorded = ValueClassifier.gitRefValue(value, subject: package, name: String(s[..<eq]), role: role,
                                                       platform: platform, into: &rec) || recorded
            }
            j += 1
        }
        return recorded
    }

    /// `make`, `gmake` or a Makefile's `$(MAKE)` (after any `VAR=value` prefixes): `NAME=value` arguments are variable
    /// overrides (`make -C kernels TORCH_CUDA_ARCH_LIST="8.0 9.0"`).
    static func runsMake(_ words: [ShellToken]) -> Bool {
        var k = 0
        while k < words.count, InstallCommandParser.isAssignment(words[k]) { k += 1 }
        guard k < words.count else { return false }
        return ["make", "gmake", "${make}", "$make"].contains(InstallCommandParser.basename(words[k].string))
    }

    /// `docker build`, `docker buildx build`, `docker image build`, `podman build`, `buildah bud`, `nerdctl build`
    /// (after any `VAR=value` prefixes): commands whose `-t` means a tag (in `docker run`, `-t` is a terminal).
    static func buildsImage(_ words: [ShellToken]) -> Bool {
        var k = 0
        while k < words.count, InstallCommandParser.isAssignment(words[k]) { k += 1 }
        guard k < words.count else { return false }
        let tool = InstallCommandParser.basename(words[k].string)
        guard ["docker", "podman", "buildah", "nerdctl"].contains(tool) else { return false }
        let rest = words[(k + 1)...].prefix(2).map(\.string)
        guard let sub = rest.first else { return false }
        return sub == "build" || sub == "bud" || (["buildx", "image"].contains(sub) && rest.dropFirst().first == "build")
    }

    /// The container tool's subcommand that takes image references as operands (`push`, `pull`, `tag`, `run`, also as
    /// `docker image push` / `docker container run`), after any `VAR=value` prefixes; nil for other commands.
    static func imageSubcommand(_ words: [ShellToken]) -> String? {
        var k = 0
        while k < words.count, InstallCommandParser.isAssignment(words[k]) { k += 1 }
        guard k < words.count,
              ["docker", "podman", "nerdctl"].contains(InstallCommandParser.basename(words[k].string)) else { return nil }
        var sub = words.count > k + 1 ? words[k + 1].string : ""
        if ["image", "container"].contains(sub), words.count > k + 2 { sub = words[k + 2].string }
        return ["push", "pull", "tag", "run"].contains(sub) ? sub : nil
    }

    /// Indices of the words of `docker push|pull IMAGE`, `docker tag SOURCE TARGET` and `docker run [OPTIONS] IMAGE …`
    /// that are image references. For `run`, options are skipped (with their value unless they are known flags or
    /// written `--opt=value`), as are array expansions (`"${DOCKER_ARGS[@]}"`); the first other word is the image.
    static func imageOperands(_ words: [ShellToken]) -> Set<Int> {
        guard let sub = imageSubcommand(words),
              let at = words.firstIndex(where: { $0.string == sub }) else { return [] }
        let flags: Set<String> = ["--rm", "-d", "--detach", "-i", "--interactive", "-t", "--tty", "-it", "-ti",
                                  "--privileged", "--init", "--read-only", "-P", "--publish-all", "-q", "--quiet",
                                  "-a", "--all-tags", "--disable-content-trust", "--sig-proxy", "--no-healthcheck",
                                  "--oom-kill-disable"]
        var out: Set<Int> = []
        var j = at + 1
        while j < words.count {
            let s = words[j].string
            if s == "&&" || s == "||" || s == ";" || s == "|" { break }
            if s.hasPrefix("-") {
                j += (flags.contains(s) || s.contains("=")) ? 1 : 2
                continue
            }
            if s.contains("[@]") || s.contains("[*]") { j += 1; continue }
            out.insert(j)
            if sub != "tag" || out.count == 2 { break }
            j += 1
        }
        return out
    }

    private func assignment(_ w: ShellToken, platform: Platform, into rec: inout SiteCollector) {
        let b = w.value.bytes
        guard let eq = b.firstIndex(of: 0x3D) else { return }
        let name = String(decoding: b[0..<eq], as: UTF8.self)
        assignment(name: name, value: w.value.slice((eq + 1)..<b.count), platform: platform, into: &rec)
    }

    /// `NAME=value` read the way a shell assignment is (also used for variables defined outside shell text, such
    /// as Makefile assignments): a classified value, else — with loose tokens — the variant tags in it.
    func assignment(name: String, value: MappedText, platform: Platform, into rec: inout SiteCollector) {
        if ValueClassifier.assignment(name: name, value: value, role: options.role, platform: platform,
                                      constants: options.constants, into: &rec) { return }
        if options.looseTokens { variantLiterals(value, name: name, platform: platform, into: &rec) }
    }

    private func variantLiterals(_ text: MappedText, name: String?, platform: Platform, into rec: inout SiteCollector) {
        for m in VersionTokens.variants(in: text.bytes) {
            guard let v = m.variant, let span = text.fileSpan(m.range) else { continue }
            rec.add(.variant, role: options.role, span: span, platform: PlatformRefinement.refine(platform, with: v.platform),
                    variant: v, name: name)
        }
    }

    /// `12.*`, `12.8*`, `"12.8"` in a `case "$CUDA_VERSION" in` statement.
    private func casePattern(_ w: ShellToken, platform: Platform, into rec: inout SiteCollector) {
        guard let subject = caseSubjects.last ?? nil else {
            variantLiterals(w.value, name: nil, platform: platform, into: &rec)
            return
        }
        let b = w.value.bytes
        var start = 0
        while start < b.count && (b[start] == 0x2A || b[start] == 0x22 || b[start] == 0x27) { start += 1 }
        let n = VersionTokens.versionLength(b, at: start, minParts: 1, local: false)
        guard n > 0, let span = w.value.fileSpan(start..<(start + n)) else { return }
        rec.add(.version, role: options.role, subject: subject, span: span,
                platform: PlatformRefinement.refine(platform, with: subject == "cuda" ? .cuda : .rocm),
                note: "case pattern on the \(subject.uppercased()) version")
    }

    /// `sed -i 's/^torch==.*/torch==2.8.0/' reqs/x.in` (a pin-back: requirement site in the replacement) and
    /// `sed -i 's#/whl/cu#/whl/nightly/cu#' …` (a channel rewrite: a note).
    private func sed(_ words: [ShellToken], platform: Platform, into rec: inout SiteCollector) {
        var expressions: [MappedText] = []
        var files: [String] = []
        var j = 1
        var sawExpression = false
        while j < words.count {
            let s = words[j].string
            if s == "-e" || s == "--expression", j + 1 < words.count {
                expressions.append(words[j + 1].value); sawExpression = true; j += 2; continue
            }
            if s.hasPrefix("-") { j += 1; continue }
            if !sawExpression { expressions.append(words[j].value); sawExpression = true } else { files.append(s) }
            j += 1
        }
        let target = files.isEmpty ? "its input" : files.joined(separator: " ")
        for e in expressions {
            let b = e.bytes
            // `/^torch/d`: deletes pins (e.g. to reuse a preinstalled torch); edits must keep pins matching it.
            if let last = b.last, last == 0x64, b.first == 0x2F, b.count > 3 {
                let pattern = e[1..<(b.count - 2)]
                let names = pattern.split(whereSeparator: { !$0.isLetter && $0 != "_" && $0 != "-" }).map(String.init)
                if names.contains(where: { PackageAliases.isTracked(PackageAliases.normalize($0)) }) {
                    rec.note("sed deletes lines matching /\(pattern)/ in \(target); keep rewritten pins matching that "
                             + "pattern (name at the start of the line)", at: e.fileOffset(0))
                }
                continue
            }
            guard b.count > 3, b[0] == 0x73 else { continue }  // s<delim>pattern<delim>replacement<delim>flags
            let d = b[1]
            var parts: [Range<Int>] = []
            var start = 2, k = 2
            while k < b.count && parts.count < 2 {
                if b[k] == 0x5C { k += 2; continue }
                if b[k] == d { parts.append(start..<k); start = k + 1 }
                k += 1
            }
            if parts.count < 2 && start <= b.count { parts.append(start..<b.count) }
            guard parts.count == 2 else { continue }
            let pattern = e[parts[0]], replacement = e.slice(parts[1])
            if pattern.contains("/whl") || replacement.string.contains("/whl") || pattern.contains("download.pytorch.org") {
                rec.note("sed rewrites index URLs in \(target): '\(pattern)' → '\(replacement.string)'; "
                         + "the channel or variant there is set by this command", at: e.fileOffset(0))
                continue
            }
            InlineRequirementSites.record(replacement, role: options.role, platform: platform,
                                    note: "pin-back: sed rewrites the pin in \(target)", into: &rec)
        }
    }

    /// Versions and variants named in a comment (`# aarch64 wheels exist only for CUDA 12.9`, `# default: cu128`).
    static func commentSites(_ text: MappedText, platform: Platform, role: SiteRole = .comment,
                             into rec: inout SiteCollector) {
        for m in VersionTokens.mentions(in: text.bytes) {
            guard let subject = m.subject, let span = text.fileSpan(m.range) else { continue }
            let evidence: Platform? = subject == "cuda" ? .cuda : subject == "rocm" ? .rocm : nil
            rec.add(.version, role: role, subject: subject, span: span,
                    platform: PlatformRefinement.refine(platform, with: evidence), note: "comment")
        }
        for m in VersionTokens.variants(in: text.bytes) {
            guard let v = m.variant, let span = text.fileSpan(m.range) else { continue }
            rec.add(.variant, role: role, span: span, platform: PlatformRefinement.refine(platform, with: v.platform),
                    variant: v, note: "comment")
        }
    }
}
