import Foundation
/// Rules for bare versions, variant tags, index URLs, images, arch lists, wheel URLs, git refs and lock files.
extension PlanBuilder {
    static let rcMarker = "release candidate; remove at GA"

    // MARK: Versions

    mutating func planVersion(_ site: PinSite) {
        guard site.role != .lock, site.role != .derived else { return }
        if planVersionBound(site) { return }
        switch site.subject {
        case "torch": planTorchVersion(site)
        case "cuda": planCUDAVersion(site)
        case "rocm": planROCmVersion(site)
        case "torchvision", "torchaudio":
            guard site.role == .pin || site.role == .comment || site.role == .doc, oldTorch != newTorch,
                  let new = site.subject == "torchvision" ? companions?.torchvision : (companions?.torchaudio ?? companions?.torchaudioHold)
            else { return }
            // Only a mention of the old companion (`torchvision 0.23.x` beside torch 2.8) follows it.
            if site.role != .pin, let old = site.subject == "torchvision" ? oldCompanions?.torchvision : oldCompanions?.torchaudio,
               !matchesOld(site.value, old) { return }
            let replacement = VersionEncoding.reencode(old: site.value, new: new)
            if site.role == .comment {
                pendingComments.append((site, replacement))
                return
            }
            guard isMoving(site) else { return }
            edit(site, to: replacement, (site.role == .doc ? "docs: " : "") + "\(site.subject!) companion of torch \(newTorch ?? "")")
        default:
            break
        }
    }

    mutating func planTorchVersion(_ site: PinSite) {
        if site.note == "wheel label" {
            // The project's own wheels follow its torch; another project's label names builds that project made.
            guard projectOwnsLabel(site) else {
                if let old = oldTorch, matchesOld(site.value, old), old != newTorch {
                    leave(site, "a wheel label of another project's build for torch \(site.value)")
                }
                return
            }
        }
        if newTorch != nil, Version(site.value)?.publicVersion.description != newTorch, let why = describesVendorROCmImage(site) {
            return leave(site, why)
        }
        if site.note == "version assertion", site.file != .python,
           let image = inventory.sites.first(where: { $0.path == site.path && $0.kind == .image && $0.subject == "torch" && $0.line < site.line }) {
            // The check runs in a job whose image brings its own torch: it follows that image.
            if let moved = plan.edits.first(where: { $0.path == image.path && $0.edit.span == image.span }) {
                if matchesOld(site.value, image.value), let new = newTorch {
                    edit(site, to: VersionEncoding.reencode(old: site.value, new: new), "asserts the torch of the image at \(image.location.short), which moves to \(moved.edit.replacement)")
                }
            } else {
                leave(site, "asserts the torch of the image at \(image.location.short) (torch \(image.value)), which stays")
            }
            return
        }
        if site.note?.contains("version gate") == true, isTestFile(site.path) {
            return  // a test asserts `.dev` semantics or mocks torch.__version__: not the project's gate
        }
        if site.note?.contains("version gate") == true, !isMoving(site) { return }
        if site.note?.contains("version gate") == true, let new = newTorch {
            // `is_torch_at_least("2.8.0.dev")` becomes `"2.8.0"` once the final release is what the project uses.
            if let v = Version(site.value), v.isDevrelease, let target = Version(new), target >= v.baseVersion {
                if target.channelIsFinal(target: self.target.channel) {
                    edit(site, to: v.baseVersion.description, "version gate: torch \(new) is final, the .dev gate becomes \(v.baseVersion)")
                } else {
                    attention(site, "version gate \(site.value): turn it into \(v.baseVersion) once the final release is in use")
                }
            }
            return
        }
        if site.role == .comment && site.heldReason != nil {
            // The reason a pin is held is about the old version: never rewrite it, flag it when the pin moves.
            if target.includeHeld, !plan.notes.contains(where: { $0.location?.path == site.path && $0.location?.line == site.line && $0.message.hasPrefix("the hold comment") }) {
                attention(site, "the hold comment (\(site.heldReason ?? "")) may no longer apply now that the pin moves: reword or remove it")
            }
            return
        }
        guard let new = newTorch, var old = oldTorch, old != new || platformTorch[site.platform].map({ $0 != new }) == true
        else { return }
        if let own = platformTorch[site.platform], site.platform != .cuda, site.platform != .all { old = own }
        if site.name?.uppercased().hasSuffix("_ROCM") == true, let rocmTorch = platformTorch[.rocm] { old = rocmTorch }
        guard old != new else { return }
        // `2.13.0+cu126` in a docs table or an image description: the public part follows torch, the label its variant.
        if site.role == .doc || site.role == .comment, let v = Version(site.value), let label = v.localLabel,
           v.publicVersion.description == Version(old)?.publicVersion.description {
            guard isMoving(site) else { return leave(site, "\(site.platform) platform is not part of this upgrade") }
            let mapped = Variant(localLabel: label).map { mappedVariant($0).tag } ?? label
            edit(site, to: "\(new)+\(mapped)", "docs: torch \(v.publicVersion) → \(new)")
            return
        }
        guard matchesOld(site.value, old) else {
            if site.role == .pin, site.name?.uppercased().contains("TORCH") == true, isMoving(site) {
                attention(site, "\(site.name ?? "torch version") is \(site.value), not the repository's torch \(old); left as is")
            }
            return
        }
        if site.role == .doc || site.role == .comment, let old = oldTorch, let minor = VersionEncoding.minor(old),
           site.context.range(of: "torch" + NSRegularExpression.escapedPattern(for: minor) + #"(?![0-9])"#, options: .regularExpression) != nil {
            // `| 12.8 | 2.8.0 | …/cu128/torch2.8/ |`, `quillkern-…+cu128torch2.8`: the line describes artifacts built
            // for this torch; they change with the release that publishes new ones, not with torch alone.
            leave(site, "describes artifacts built for torch \(minor) (`torch\(minor)` on the same line); update it with the release that publishes builds for torch \(newTorch ?? "")")
            return
        }
        if site.role == .doc || site.role == .comment, let new = newTorch, let minor = VersionEncoding.minor(new),
           VersionEncoding.minor(site.value) != minor,
           site.context.range(of: #"(?i)torch\s*v?"# + NSRegularExpression.escapedPattern(for: minor) + #"(?![0-9])"#,
                              options: .regularExpression) != nil {
            // "built for torch 2.8 must not be loaded into torch 2.9": the line already names the new torch, so it
            // compares releases; rewriting the old one would make it say nothing.
            leave(site, "the line names torch \(minor) too: it compares releases")
            return
        }
        if site.role == .doc, let ext = describedExtensionBuild(site) {
            // "Prebuilt flash-attn 2.8.3 wheels exist for torch 2.8": a fact about that release, not the project's torch.
            leave(site, "describes \(ext)'s builds for torch \(site.value), not the project's torch; reword it by hand if it should follow")
            return
        }
        if site.role == .comment {
            // Comments move with the pin on their line (or the pin right below a comment line), which may be
            // planned after the comment: decided once every site is (`settleComments`).
            if isMoving(site) && site.file != .requirements {
                edit(site, to: VersionEncoding.reencode(old: site.value, new: new), "comment names the torch version")
            } else {
                pendingComments.append((site, VersionEncoding.reencode(old: site.value, new: new)))
            }
            return
        }
        guard isMoving(site) else {
            leave(site, "\(site.platform) platform is not part of this upgrade")
            return
        }
        let what = site.name.map { "\($0)" } ?? "torch version"
        edit(site, to: VersionEncoding.reencode(old: site.value, new: new), "\(what): torch \(old) → \(new)")
        if site.file == .cmake, site.platform == .rocm,
           let image = inventory.sites.first(where: { $0.kind == .image && $0.subject == "torch" && $0.platform == .rocm }),
           matchesOld(image.value, old) {
            plan.notes.append(PlanNote(.attention, "ROCm builds take torch from the base image (\(image.location.short), torch \(image.value)) until it moves too; configure warns meanwhile", at: site.location))
        }
    }

    /// `flash-attn 2.8.3` when the site's line names a torch-compiled extension together with a version of it (the
    /// torch version then describes that release's builds), else nil.
    func describedExtensionBuild(_ site: PinSite) -> String? {
        let line = site.context.lowercased()
        for name in TrackedExtensionNames.compiled.sorted(by: { $0.count > $1.count }) {
            for spelling in Set([name, name.replacingOccurrences(of: "-", with: "_"), name.replacingOccurrences(of: "-", with: "")]) {
                guard let r = line.range(of: spelling + " ") ?? line.range(of: spelling + "=="),
                      let next = line[r.upperBound...].drop(while: { $0 == "=" || $0 == " " || $0 == "v" }).first,
                      next.isNumber else { continue }
                let version = line[r.upperBound...].drop(while: { $0 == "=" || $0 == " " || $0 == "v" })
                    .prefix { $0.isNumber || $0 == "." || $0.isLetter }
                return "\(name) \(version)"
            }
        }
        return nil
    }

    /// Whether a path is a test module (`tests/…`, `test_*.py`, `*_test.py`).
    func isTestFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        let name = parts.last ?? path
        return parts.dropLast().contains { $0 == "tests" || $0 == "test" } || name.hasPrefix("test_") || name.hasSuffix("_test.py")
    }

    /// Whether `value` (any precision) names the old version `old` (`2.6` matches `2.6.0`).
    func matchesOld(_ value: String, _ old: String) -> Bool {
        guard let a = VersionEncoding.components(value), let b = VersionEncoding.components(old), a.count >= 2 else {
            return false
        }
        return Array(b.prefix(a.count)) == a || (a.count > b.count && Array(a.prefix(b.count)) == b && a.dropFirst(b.count).allSatisfy { $0 == 0 })
    }

    mutating func planCUDAVersion(_ site: PinSite) {
        if !cudaMap.isEmpty, target.platforms?.contains(.nightly) != true, let step = ciStep(site.path, line: site.line),
           let nightly = inventory.sites.first(where: {
               $0.path == site.path && step.lines.contains($0.line) && ($0.platform == .nightly || $0.channel == .nightly)
           }) {
            // A nightly job's toolkit goes with its nightly torch (`/whl/nightly/cu128`), which this upgrade leaves.
            leave(site, "belongs to the nightly job with \(nightly.location.short); it moves with the nightly index, not with this upgrade")
            return
        }
        if site.note == "CUDA library soname" {
            // `libcudart.so.12`: names the runtime of one CUDA major; a move to another major needs the new one too.
            guard let old = cudaMap.keys.first, let new = cudaMap[old],
                  let oldMajor = old.split(separator: ".").first, let newMajor = new.split(separator: ".").first,
                  oldMajor != newMajor, site.value == oldMajor else { return }
            attention(site, "names the CUDA \(oldMajor) runtime library (`.so.\(oldMajor)`): CUDA \(new) builds link `.so.\(newMajor)`; add or switch it (`\(site.context.prefix(80))`)")
            return
        }
        if site.note == "CUDA comparison" {
            // `[[ $CUDA_VERSION == 12.8 || $CUDA_VERSION == 12.9 ]]`: flagged when the new CUDA takes another branch.
            guard let old = cudaMap.keys.first, let new = cudaMap[old], VersionEncoding.minor(site.value) == old,
                  !site.context.contains(new) else { return }
            attention(site, "compares the CUDA version with \(site.value): CUDA \(new) takes the other branch here; check what it gates (`\(site.context.prefix(80))`)")
            return
        }
        if site.note?.hasPrefix("case pattern") == true {
            // A `case` branch keeps matching its toolkit; the variant on its line adds the branch for the new one.
            guard let old = cudaMap.keys.first, let new = cudaMap[old], let file = inventory.files[site.path],
                  Self.casePattern(site.value + "*", covers: old) || Self.casePattern(site.value, covers: old),
                  !Self.caseBranches(in: file, around: site.line).contains(where: { $0.split(separator: "|").contains { Self.casePattern(String($0), covers: new) } }),
                  !inventory.sites.contains(where: { $0.path == site.path && $0.line == site.line && $0.kind == .variant })
            else { return }
            attention(site, "`case` branch for CUDA \(site.value): CUDA \(new) matches no branch of this `case`; add one")
            return
        }
        if site.note == "CUDA major check" {
            // `cuda_major == "12"`: nothing to edit, but a move to another major flips the branch.
            guard let old = cudaMap.keys.first, let new = cudaMap[old],
                  let oldMajor = old.split(separator: ".").first, let newMajor = new.split(separator: ".").first,
                  oldMajor != newMajor, site.value == oldMajor || site.value == newMajor else { return }
            attention(site, "branches on the CUDA major (\(site.op ?? "==") \"\(site.value)\"): CUDA \(new) builds take the other branch than CUDA \(old) did; check what it gates")
            return
        }
        if site.group != nil { return planMatrixEntry(site) }
        switch cudaDecision(site) {
        case .none:
            break
        case .leave(let why):
            leave(site, why)
        case .attention(let why):
            attention(site, why)
        case .move(let new, let reason):
            if let line = matrixEntryHolding(site) {
                return leave(site, "stays with the matrix entry at line \(line), which cannot move")
            }
            let matrix = self.matrix
            edit(site, to: VersionEncoding.reencode(old: site.value, new: new, patchFor: { matrix.latestPatch(cuda: $0) }), reason)
        }
    }

    /// What the CUDA rules make of one CUDA version site (a version, an image tag, a label), without recording it.
    func cudaDecision(_ site: PinSite) -> CUDADecision {
        guard !cudaMap.isEmpty, let minor = VersionEncoding.minor(site.value), let new = cudaMap[minor] else { return .none }
        if site.note?.contains("toolkit gate") == true { return .none }
        if site.role == .comment || site.role == .doc, statesABound(site) {
            return .leave("states a toolkit requirement (\(site.context.trimmingCharacters(in: .whitespaces).prefix(60))…), not the project's CUDA")
        }
        if let name = site.name, [.dockerfile, .bake, .compose, .buildkite, .githubActions, .yaml, .shell, .makefile, .json].contains(site.file),
           isLibrarySpecificCUDA(name) {
            return .leave("\(name) is a library's own CUDA version and may lag on purpose; check that library supports CUDA \(new)")
        }
        guard isMoving(site) else { return .leave("\(site.platform) platform is not part of this upgrade") }
        if minor == swappedCUDA, isOtherArchitecture(site) {
            return .leave("aarch64 build: it stays on CUDA \(minor), where the default moves; only the x86 builds swap roles")
        }
        // A list that already names the new CUDA (a test matrix, "12.6 (also tested on 12.8)") keeps the old
        // entry while it is still published, and drops it by hand otherwise: never turn it into a duplicate.
        if siblingNames(site, minor: new) {
            if let v = Variant(cudaVersion: minor), let torch = newTorch, case .no = matrix.isPublished(v, for: torch, channel: .release) {
                return .attention("CUDA \(minor) is no longer published for torch \(torch) and \(new) is already listed here: remove this entry")
            }
            return .leave("this list already names CUDA \(new); \(minor) stays as another tested variant")
        }
        let main = minor == plan.current.cuda
        let reason = main ? "CUDA \(minor) → \(new)" : "secondary CUDA \(minor) build → \(new) (torch \(newTorch ?? "") publishes no cu\(minor.replacingOccurrences(of: ".", with: "")))"
        return .move(to: new, reason: site.role == .label ? "\(reason) (label)" : reason)
    }

    /// Whether another site of the same file and key (same line for prose) already names CUDA `minor`.
    func siblingNames(_ site: PinSite, minor: String) -> Bool {
        inventory.sites.contains { other in
            // A sibling that moves away itself (the default build and a gated one swapping roles) is no duplicate.
            let movesAway = site.file != .githubActions
                && (other.subject == "cuda" ? VersionEncoding.minor(other.value) : other.variant?.toolkitVersion)
                    .flatMap { cudaMap[$0] } != nil
            return !movesAway && other.path == site.path && other.span != site.span && other.role == site.role
                && (other.name == site.name || other.line == site.line)
                && (site.role == .doc || site.role == .comment ? other.line == site.line : true)
                && (VersionEncoding.minor(other.value) == minor && other.subject == "cuda"
                    || other.variant.flatMap(\.toolkitVersion) == minor && other.variant?.isCUDA == true)
                && !(site.file == .dockerfile && other.file == .dockerfile)
        }
    }

    /// Whether the words right before a version state a bound (`CUDA < 12.8`, `needs CUDA >= 12.8`, `at least 12.8`).
    func statesABound(_ site: PinSite) -> Bool {
        guard let file = inventory.files[site.path] else { return false }
        let lineSpan = file.lineSpan(site.line)
        let before = file[Span(max(lineSpan.start, site.span.start - 24), site.span.start)].lowercased()
        let markers = ["<", ">", "at least", "minimum", "needs", "requires", "require ", "older than", "newer than", "or later", "or newer"]
        if markers.contains(where: { before.contains($0) }) { return true }
        // "CUDA 12.8 adds sm100", "introduced in CUDA 12.8": a fact about that toolkit.
        let after = file[Span(site.span.end, min(lineSpan.end, site.span.end + 16))].lowercased()
        return ["adds ", "added ", "introduced", "introduces "].contains { after.hasPrefix(" " + $0) || after.hasPrefix($0) }
            || before.hasSuffix("introduced in cuda ") || before.hasSuffix("added in cuda ") || before.hasSuffix("since cuda ")
    }

    /// Whether a doc site sits under a heading about earlier releases ("Previous releases", "History", "Older
    /// versions"): history, left as it was.
    func inHistorySection(_ site: PinSite) -> Bool {
        guard site.role == .doc, let file = inventory.files[site.path], site.line > 1 else { return false }
        let words = ["previous", "older", "history", "past release", "archive", "legacy", "earlier", "old release", "changelog"]
        for n in stride(from: site.line - 1, through: 1, by: -1) {
            let line = file.line(n).trimmingCharacters(in: .whitespaces)
            let next = n < file.lineCount ? file.line(n + 1).trimmingCharacters(in: .whitespaces) : ""
            let isHeading = line.hasPrefix("#") || (!line.isEmpty && !next.isEmpty && next.allSatisfy { "=-~^".contains($0) } && next.count >= 3)
            guard isHeading else { continue }
            let lower = line.lowercased()
            return words.contains { lower.contains($0) }
        }
        return false
    }

    func isLibrarySpecificCUDA(_ name: String) -> Bool {
        let n = name.uppercased()
        if n == "CUDA_VERSION" || n == "CUDA" || n.contains("MAIN_CUDA") || n.contains("DEFAULT_CUDA") || n.contains("PRIMARY_CUDA")
            || n == "LABEL" || n == "ID" || n == "KEY"
            || n == "DEPENDS_ON" || n.hasPrefix("CUDA_") || n.hasPrefix("-") || n.hasPrefix("MATRIX") { return false }
        return n.hasSuffix("_CUDA_VERSION") || n.hasSuffix("_CUDA")
    }

    mutating func planROCmVersion(_ site: PinSite) {
        guard !rocmMap.isEmpty else { return }
        for (old, new) in rocmMap where site.value == old || VersionEncoding.minor(site.value) == VersionEncoding.minor(old) {
            guard isMoving(site) else { return leave(site, "rocm platform is not part of this upgrade") }
            if let why = heldByVendorROCmImage(site) {
                leave(site, why)
                noteVendorROCmHold(site)
                return
            }
            edit(site, to: VersionEncoding.reencode(old: site.value, new: new), "ROCm \(old) → \(new)")
            return
        }
    }

    // MARK: Variant tags

    mutating func planVariant(_ site: PinSite) {
        guard site.role != .lock, site.role != .derived, let variant = site.variant ?? Variant(tag: site.value) else { return }
        if planVariantKey(site) { return }
        if site.group != nil, variant.isCUDA { return planMatrixEntry(site) }
        let mapped = mappedVariant(variant)
        // A uv backend has no test channel: a release candidate needs the explicit test index instead.
        if site.name == "--torch-backend", site.file == .precommit, target.channel == .test, isMoving(site) || site.platform == .all {
            replaceTorchBackendWithTestIndex(site, variant: mapped)
            return
        }
        guard mapped != variant else { return }
        if let file = inventory.files[site.path], site.span.end + 6 <= file.bytes.count,
           file[Span(site.span.end, site.span.end + 5)] == "torch", ASCII.isDigit(file.bytes[site.span.end + 5]),
           site.role != .pin || !projectOwnsLabel(site) {
            // `+cu128torch2.8`: a build label. In prose, or of another project's wheels, it names a published build
            // and keeps both halves; the project's own globs and patterns follow the plan.
            leave(site, "part of the label of a published build (`\(variant.tag)torch…`)")
            return
        }
        guard isMoving(site) else {
            return leave(site, "\(site.platform) platform is not part of this upgrade")
        }
        if variant.isROCm, let why = heldByVendorROCmImage(site) {
            leave(site, why)
            noteVendorROCmHold(site)
            return
        }
        if variant.isCUDA, variant.toolkitVersion == swappedCUDA, isOtherArchitecture(site) {
            return leave(site, "aarch64 build: it stays on \(variant.tag), where the default moves; only the x86 builds swap roles")
        }
        if let minor = mapped.toolkitVersion, mapped.isCUDA, siblingNames(site, minor: minor) {
            leave(site, "\(mapped.tag) is already named beside it; \(variant.tag) is left for a human to drop or keep")
            return
        }
        if site.file == .pyproject, let named = extensionIndexNamed(in: site) {
            // `name = "flashinfer-cu130"` and its `index = "flashinfer-cu130"` references: an extension's index,
            // whose URL moves with that project's builds, keeps its name with its URL.
            leave(site, "names the \(named.subject ?? "extension") index (\(named.location.short)), which stays with that project's builds")
            return
        }
        if addCaseBranch(site, from: variant, to: mapped) { return }
        var text = mapped.tag
        if site.value.lowercased() != site.value { text = text.uppercased() }
        let reason = site.role == .comment ? "comment names the \(variant.tag) variant" : "\(variant.tag) → \(mapped.tag)"
        edit(site, to: text, reason)
    }

    /// The extension index (`[[tool.uv.index]]` with an extension's URL) a variant inside an index name belongs to.
    func extensionIndexNamed(in site: PinSite) -> PinSite? {
        guard let r = site.context.range(of: #"(?:name|index)\s*=\s*"([^"]+)""#, options: .regularExpression) else { return nil }
        let assignment = site.context[r]
        guard let open = assignment.firstIndex(of: "\"") else { return nil }
        let name = assignment[assignment.index(after: open)...].dropLast()
        guard name.contains(site.value) else { return nil }
        return inventory.sites.first { $0.path == site.path && $0.kind == .indexURL && $0.name == String(name) && $0.subject != nil }
    }

    /// `12.8.*) CUDA_TAG=cu128 ;;` in a shell `case` on the CUDA version maps one toolkit to its variant: rewriting
    /// the tag would send 12.8 builds to the new index and leave the new CUDA unmatched. The branch stays and a
    /// branch for the new CUDA is added after it (unless the `case` already has one). Returns whether it handled
    /// the site.
    mutating func addCaseBranch(_ site: PinSite, from variant: Variant, to mapped: Variant) -> Bool {
        guard variant.isCUDA, mapped.isCUDA, let oldMinor = variant.toolkitVersion, let newMinor = mapped.toolkitVersion,
              let file = inventory.files[site.path] else { return false }
        let lineSpan = file.lineSpan(site.line)
        let before = file[Span(lineSpan.start, site.span.start)]
        // `<indent><pattern>) NAME=` before the tag.
        let indent = String(before.prefix { $0 == " " || $0 == "\t" })
        let trimmed = before.dropFirst(indent.count)
        guard let close = trimmed.firstIndex(of: ")") else { return false }
        let pattern = String(trimmed[..<close])
        let assignment = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard Self.isVersionCasePattern(pattern), assignment.hasSuffix("="),
              assignment.dropLast().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        let alternatives = pattern.split(separator: "|").map(String.init)
        guard let covering = alternatives.first(where: { Self.casePattern($0, covers: oldMinor) }) else {
            return true  // a branch for another toolkit: its tag is right for it
        }
        // `12.*) TAG=cu126` serves 12.8 too: the one branch moves to the new variant.
        if alternatives.contains(where: { Self.casePattern($0, covers: newMinor) }) { return false }
        if Self.caseBranches(in: file, around: site.line).contains(where: { $0.split(separator: "|").contains { Self.casePattern(String($0), covers: newMinor) } }) {
            leave(site, "the `case` already maps CUDA \(newMinor); this branch keeps serving CUDA \(oldMinor)")
            return true
        }
        let oldMajor = String(oldMinor.split(separator: ".").first ?? ""), newMajor = String(newMinor.split(separator: ".").first ?? "")
        let newPattern = covering.hasPrefix(oldMinor) ? newMinor + covering.dropFirst(oldMinor.count)
            : newMajor + covering.dropFirst(oldMajor.count)
        let patternStart = lineSpan.start + indent.utf8.count
        let tail = file[Span(patternStart + pattern.utf8.count, lineSpan.end)]
        let tagOffset = site.span.start - patternStart - pattern.utf8.count
        guard let between = String(tail.utf8.prefix(tagOffset)),
              let after = String(tail.utf8.dropFirst(tagOffset + site.span.count)) else { return false }
        insert(indent + newPattern + between + mapped.tag + after + file.preferredNewline,
               at: file.fullLineSpan(site.line).end, in: site.path, line: site.line + 1, platform: site.platform,
               "the `case` gets a branch for CUDA \(newMinor) → \(mapped.tag); CUDA \(oldMinor) keeps \(variant.tag)")
        leave(site, "this `case` branch keeps serving CUDA \(oldMinor); a branch for CUDA \(newMinor) is added after it")
        return true
    }

    /// `12.8.*`, `12.*|11.8*`, `13.0`: a `case` pattern made of toolkit versions and globs.
    static func isVersionCasePattern(_ pattern: String) -> Bool {
        pattern.first?.isNumber == true && pattern.allSatisfy { $0.isNumber || ".*|".contains($0) }
    }

    /// Whether one `case` alternative matches the toolkit `minor` (`12.*` and `12.8*` cover 12.8; `12.6.*` does not).
    static func casePattern(_ alternative: String, covers minor: String) -> Bool {
        var p = Substring(alternative)
        let glob = p.hasSuffix("*")
        if glob { p = p.dropLast() }
        return glob ? (minor + ".").hasPrefix(p) : p == minor || p.hasPrefix(minor + ".")
    }

    /// The version patterns of the branches (`12.6.*`, `12.8.*|12.9.*`) of the `case` statement around `line`.
    static func caseBranches(in file: SourceFile, around line: Int) -> [String] {
        var first = line, last = line
        while first > 1, !file.line(first).contains("case ") { first -= 1 }
        while last < file.lineCount, !file.line(last).contains("esac") { last += 1 }
        return (first...last).compactMap { n -> String? in
            let t = file.line(n).drop { $0 == " " || $0 == "\t" }
            guard let close = t.firstIndex(of: ")") else { return nil }
            let pattern = String(t[..<close])
            return isVersionCasePattern(pattern) ? pattern : nil
        }
    }

    /// `--torch-backend, cu124` (list form) / `--torch-backend cu124` / `--torch-backend=cu124` →
    /// the same with `--extra-index-url <base>/test/<variant>`.
    mutating func replaceTorchBackendWithTestIndex(_ site: PinSite, variant: Variant) {
        guard let file = inventory.files[site.path] else { return }
        let lineSpan = file.lineSpan(site.line)
        let before = file[Span(lineSpan.start, site.span.start)]
        guard let r = before.range(of: "--torch-backend", options: .backwards) else { return }
        let flagStart = lineSpan.start + before.utf8.distance(from: before.utf8.startIndex, to: r.lowerBound.samePosition(in: before.utf8)!)
        let separator = file[Span(flagStart + "--torch-backend".utf8.count, site.span.start)]
        let url = "\(indexBase)/test/\(variant.tag)"
        replace(Span(flagStart, site.span.end), in: site.path, line: site.line,
                with: "--extra-index-url\(separator)\(url)", platform: site.platform,
                "release candidates are only on the test index, which uv's --torch-backend cannot reach")
    }

    /// At GA: `--extra-index-url, …/whl/test/cu128` in a uv compile hook goes back to `--torch-backend, cu128`.
    mutating func restoreTorchBackend(_ site: PinSite, variant: Variant) -> Bool {
        guard let file = inventory.files[site.path] else { return false }
        let lineSpan = file.lineSpan(site.line)
        let before = file[Span(lineSpan.start, site.span.start)]
        guard let r = before.range(of: "--extra-index-url", options: .backwards),
              let flagOffset = r.lowerBound.samePosition(in: before.utf8) else { return false }
        let flagStart = lineSpan.start + before.utf8.distance(from: before.utf8.startIndex, to: flagOffset)
        let separator = file[Span(flagStart + "--extra-index-url".utf8.count, site.span.start)]
        guard separator.allSatisfy({ $0 == "," || $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }) else { return false }
        replace(Span(flagStart, site.span.end), in: site.path, line: site.line,
                with: "--torch-backend\(separator)\(variant.tag)", platform: site.platform,
                "release: uv's --torch-backend reaches the stable index again")
        return true
    }

    // MARK: Index URLs

    mutating func planIndexURL(_ site: PinSite) {
        guard site.role != .lock else { return }
        guard let parsed = PyTorchIndexURL(site.value) else {
            if site.subject != nil, oldTorch != newTorch || !cudaMap.isEmpty,
               site.value.range(of: "torch[0-9]", options: .regularExpression) != nil || site.value.range(of: "/cu[0-9]{2,3}", options: .regularExpression) != nil {
                attention(site, "\(site.subject ?? "extension") index encodes CUDA/torch: check it has builds for the target (`torchbump deps`)")
            }
            return
        }
        if parsed.channel == .nightly && target.channel != .nightly {
            return  // nightly installs are out of scope
        }
        let wantChannel: Channel = site.role == .doc ? .release : (target.channel == .nightly ? parsed.channel : target.channel)
        if !parsed.isPyTorchHost, !site.value.contains("$"),
           parsed.rest.range(of: #"^/torch[0-9]"#, options: .regularExpression) != nil || parsed.variant == nil && parsed.rest.isEmpty {
            // Another project's index in PyTorch's layout (`…/whl/cu128/torch2.8/`, a bare `…/whl/`): it has no test
            // channel, and its per-torch pages exist only for the builds that project published.
            if oldTorch != newTorch || !cudaMap.isEmpty {
                leave(site, "another project's index (\(parsed.base)): it moves with that project's builds, not with torch")
            }
            return
        }
        if site.subject != nil && !parsed.isPyTorchHost {
            // An extension's own index with a `/whl` path (flashinfer.ai): it has no test/nightly channels. Per-CUDA
            // pages (`/whl/cu130`) matter when the CUDA moves; per-torch pages (`/whl/cu124/torch2.6`) when torch does.
            let perTorch = parsed.rest.range(of: #"torch[0-9]"#, options: .regularExpression) != nil
            if (perTorch && oldTorch != newTorch) || !cudaMap.isEmpty, site.role != .derived {
                attention(site, "\(site.subject!) index: check it has builds for the target (`torchbump deps`)")
            }
            return
        }
        if site.role == .derived {
            guard isMoving(site), parsed.channel != wantChannel else {
                if !cudaMap.isEmpty, site.note != nil {
                    plan.notes.append(PlanNote(.unchanged, "index URL computed from \(site.name ?? "CUDA_VERSION"); follows it without an edit", at: site.location))
                }
                return
            }
            edit(site, to: rewriteChannel(site.value, to: wantChannel),
                 wantChannel == .test ? "release candidate: use the test channel" : "back to the stable channel")
            return
        }
        guard isMoving(site) else {
            if let v = parsed.variant, mappedVariant(v) != v || parsed.channel != wantChannel {
                leave(site, "\(site.platform) platform is not part of this upgrade")
            }
            return
        }
        if target.channel == .release, parsed.channel == .test, site.file == .precommit, let v = parsed.variant,
           restoreTorchBackend(site, variant: mappedVariant(v)) {
            return
        }
        if target.channel == .release, parsed.channel == .test, let file = inventory.files[site.path],
           file.line(site.line).contains(Self.rcMarker) {
            // The RC step added this line: remove it whole.
            replace(file.fullLineSpan(site.line), in: site.path, line: site.line, with: "", platform: site.platform,
                    "release: drop the test-channel index the release-candidate step added")
            return
        }
        if wantChannel == .test, parsed.channel == .release, let staying = keepsOldTorchPins(site.path) {
            attention(site, "kept on the stable index: \(staying.location.short) stays on torch \(staying.value), which the test index does not carry")
            return
        }
        var updated = parsed
        // Only installs that resolve torch-family packages follow the RC channel (a `pip install timm --index-url
        // …/whl/cpu` just avoids CUDA wheels).
        if !installsTorchFamily(site) { updated.channel = parsed.channel } else { updated.channel = wantChannel }
        if let v = parsed.variant { updated.variant = mappedVariant(v) }
        guard updated != parsed else { return }
        var text = updated.url
        if site.value.hasSuffix("/") { text += "/" }
        var reasons: [String] = []
        if updated.variant != parsed.variant, let a = parsed.variant, let b = updated.variant { reasons.append("\(a.tag) → \(b.tag)") }
        if updated.channel != parsed.channel {
            reasons.append(updated.channel == .test ? "release candidate: test channel" : "back to the stable channel")
        }
        handledIndexFiles.insert(site.path)
        edit(site, to: text, (site.role == .doc ? "docs: " : "") + "index " + reasons.joined(separator: ", "))
    }

    /// Whether the line of an index site installs something from the torch family (or reads requirements/wheels).
    func installsTorchFamily(_ site: PinSite) -> Bool {
        let line = site.context.lowercased()
        guard line.contains("install") || line.contains("compile") else { return true }
        let signals = ["torch", "triton", "xformers", "flashinfer", "-r ", "--requirement", ".whl", "requirements",
                       ".txt", ".in ", "-e "]
        let withoutURL = line.replacingOccurrences(of: site.value.lowercased(), with: " ")
        return signals.contains { withoutURL.contains($0) } || withoutURL.hasSuffix(" .")
    }

    /// Puts `/test` (or nothing) right after the `/whl` segment of a URL whose variant part may be shell-computed.
    func rewriteChannel(_ url: String, to channel: Channel) -> String {
        guard let r = url.range(of: "/whl") else { return url }
        var rest = String(url[r.upperBound...])
        for ch in [Channel.test, .nightly] where rest.hasPrefix("/\(ch.rawValue)/") || rest == "/\(ch.rawValue)" {
            rest.removeFirst(ch.rawValue.count + 1)
        }
        return String(url[..<r.upperBound]) + channel.pathSegment + rest
    }

    // MARK: Images, arch lists, wheel URLs, git refs, locks

    mutating func planImage(_ site: PinSite) {
        if let pair = torchImage(site) {
            // An image versioned by torch and CUDA (`pytorch/pytorch:2.8.0-cuda12.8-cudnn9-devel`): both tokens are
            // decided together, or the tag names an image that cannot exist.
            if site.subject == "torch" { planTorchImage(torch: pair.torch, cuda: pair.cuda) }
            return
        }
        switch site.subject {
        case "cuda":
            planCUDAVersion(site)
        case "torch", "rocm":
            if site.subject == "torch", let old = oldTorch, matchesOld(site.value, old), old != newTorch {
                attention(site, "image tag names torch \(site.value): move it when a matching image for torch \(newTorch ?? "") exists")
            } else if site.subject == "rocm", rocmMap[site.value] != nil || rocmMap.keys.contains(where: { VersionEncoding.minor($0) == VersionEncoding.minor(site.value) }) {
                if let why = heldByVendorROCmImage(site) {
                    leave(site, why)
                    noteVendorROCmHold(site)
                    return
                }
                // The tag of an image this repository builds (`docker build -t …-rocm7.1`) follows the plan.
                if ["-t", "--tag"].contains(site.name ?? ""), isMoving(site),
                   let old = rocmMap.keys.first(where: { $0 == site.value || VersionEncoding.minor($0) == VersionEncoding.minor(site.value) }),
                   let new = rocmMap[old] {
                    edit(site, to: VersionEncoding.reencode(old: site.value, new: new), "the tag of the image built here: ROCm \(site.value) → \(new)")
                    return
                }
                attention(site, "image tag names ROCm \(site.value): move it when an image for the new ROCm exists")
            }
        default:
            break
        }
    }

    /// The torch token of the image reference a torch or CUDA image site belongs to, with its CUDA token.
    func torchImage(_ site: PinSite) -> (torch: PinSite, cuda: PinSite?)? {
        guard site.kind == .image, site.subject == "torch" || site.subject == "cuda" else { return nil }
        let same = inventory.sites.filter { $0.path == site.path && $0.line == site.line && $0.kind == .image && $0.role == site.role }
        guard let torch = same.first(where: { $0.subject == "torch" }) else { return nil }
        return (torch, same.first(where: { $0.subject == "cuda" }))
    }

    /// Whether an image site's repository is named after the project (`ghcr.io/example/trainstack` in project
    /// `trainstack`, or `visionplat/train` in project `visionplat`): the project builds that image, so its tag follows
    /// the plan.
    func isOwnImage(_ site: PinSite) -> Bool {
        guard let file = inventory.files[site.path] else { return false }
        let b = file.bytes
        var start = site.span.start, end = site.span.end
        func delimiter(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x22 || c == 0x27 || c == 0x60 || c == 0x3D || c == 0x2C || c == 0x5B || c == 0x5D }
        while start > 0, !delimiter(b[start - 1]) { start -= 1 }
        while end < b.count, !delimiter(b[end]) { end += 1 }
        let ref = String(decoding: b[start..<end], as: UTF8.self)
        guard !ref.contains("://"), let colon = ref.lastIndex(of: ":") else { return false }
        let repository = String(ref[..<colon])
        // Any path component counts (`registry.example.com/visionplat/train`), but not a registry host.
        var components = repository.lowercased().split(separator: "/").map(String.init)
        if components.count > 1, let host = components.first, host.contains(".") || host.contains(":") || host == "localhost" {
            components.removeFirst()
        }
        let names = projectNames
        return !names.isEmpty && components.contains { names.contains($0.replacingOccurrences(of: "_", with: "-")) }
    }

    /// Whether the file of a wheel-label site names the project (its own wheels, which follow the plan).
    func projectOwnsLabel(_ site: PinSite) -> Bool {
        guard let file = inventory.files[site.path] else { return false }
        let text = file.text.lowercased()
        return projectNames.contains { text.contains($0) }
    }

    /// The project's names: `[project] name` of its pyproject.toml files and the repository folder's name, normalised.
    var projectNames: Set<String> {
        var names: Set<String> = []
        for (path, pyproject) in inventory.files where path == "pyproject.toml" || path.hasSuffix("/pyproject.toml") {
            var inProject = false
            for line in pyproject.text.split(whereSeparator: \.isNewline) {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("[") { inProject = t == "[project]" || t == "[tool.poetry]"; continue }
                if inProject, t.hasPrefix("name"), let q = t.firstIndex(where: { $0 == "\"" || $0 == "'" }) {
                    let rest = t[t.index(after: q)...]
                    if let e = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) { names.insert(String(rest[..<e])) }
                }
            }
        }
        names.insert(inventory.root.lastPathComponent)
        return Set(names.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") }.filter { $0.count >= 3 })
    }

    mutating func planTorchImage(torch: PinSite, cuda: PinSite?) {
        guard let new = newTorch, let imageTorch = Version(torch.value), let target = Version(new), imageTorch <= target else { return }
        let oldCUDA = cuda.flatMap { VersionEncoding.minor($0.value) }
        var newCUDA = oldCUDA.map { cudaMap[$0] ?? $0 }
        // An image left on the previous main CUDA by an earlier step (a release candidate holds images) catches up
        // with the main CUDA, unless the repository still builds that CUDA.
        if let o = oldCUDA, let cuda, cudaMap[o] == nil, let main = newMainCUDA, o != main,
           !inventory.sites.contains(where: { other in
               other.subject == "cuda" && other.role == .pin && other.span != cuda.span && other.kind != .image
                   && VersionEncoding.minor(other.value) == o
           }) {
            newCUDA = main
        }
        guard imageTorch < target || oldCUDA != newCUDA else { return }
        if let why = describesVendorROCmImage(torch) { return leave(torch, why) }
        guard isMoving(torch) else {
            leave(torch, "\(torch.platform) platform is not part of this upgrade")
            return
        }
        if isOwnImage(torch) {
            // The project's own image (named after it): its tag names the torch the project builds it with.
            edit(torch, to: VersionEncoding.reencode(old: torch.value, new: new), "the project's own image is built with torch \(new)")
            if let cuda, let oldCUDA, let newCUDA, oldCUDA != newCUDA {
                edit(cuda, to: VersionEncoding.reencode(old: cuda.value, new: newCUDA), "the image's CUDA moves with its torch: \(oldCUDA) → \(newCUDA)")
            }
            return
        }
        // PyTorch's own images are published for every final release and each of its CUDA variants.
        let official = torch.context.contains("pytorch/pytorch:")
        let published = newCUDA.map { minor in
            Variant(cudaVersion: minor).map { matrix.release(new)?.cudaVariants.contains($0) == true } ?? false
        } ?? true
        if official, self.target.channel == .release, target.isPrerelease == false, published {
            if imageTorch < target {
                edit(torch, to: VersionEncoding.reencode(old: torch.value, new: new),
                     "pytorch/pytorch publishes torch \(new) images" + (newCUDA.map { " for CUDA \($0)" } ?? ""))
            }
            if let cuda, let oldCUDA, let newCUDA, oldCUDA != newCUDA {
                edit(cuda, to: VersionEncoding.reencode(old: cuda.value, new: newCUDA), "the image's CUDA moves with its torch: \(oldCUDA) → \(newCUDA)")
            }
            return
        }
        attention(torch, "image tag names torch \(torch.value): move it when a matching image for torch \(new)"
            + (newCUDA.map { " and CUDA \($0)" } ?? "") + " exists")
        if let cuda, let oldCUDA, let newCUDA, oldCUDA != newCUDA {
            leave(cuda, "the image's CUDA moves together with its torch version (no torch \(torch.value) image for CUDA \(newCUDA))")
        }
    }

    mutating func planArchList(_ site: PinSite) {
        guard let new = newMainCUDA, !cudaMap.isEmpty, isMoving(site) || site.platform == .all,
              site.subject != "rocm", !site.value.lowercased().contains("gfx"),
              [.dockerfile, .bake, .githubActions, .cmake, .shell, .makefile, .python].contains(site.file),
              site.context.uppercased().hasPrefix("ARG ") || site.context.uppercased().hasPrefix("ENV ")
                || site.file == .bake || site.file == .githubActions || site.file == .cmake && !cmakeToolkitGated(site)
                || [.shell, .makefile, .python].contains(site.file) && site.role == .pin && site.note?.contains("case") != true
        else { return }
        let declaration = site.context.uppercased().hasPrefix("ARG ") || site.context.uppercased().hasPrefix("ENV ")
            || site.file == .buildkite || site.file == .githubActions
        let issues = matrix.validateArchList(site.value, cuda: new)
        let errors = issues.filter { $0.severity == .error }
        let name = site.name ?? "arch list"
        if !errors.isEmpty {
            let adjusted = matrix.adjustArchList(site.value, cuda: new)
            attention(site, "\(name) '\(site.value)' has entries CUDA \(new) cannot target (\(errors.map(\.description).joined(separator: "; ")))"
                + (adjusted.list != site.value ? "; suggested: '\(adjusted.list)'" : ""))
        }
        // Arches the project builds for that PyTorch's own wheels for the new torch/variant leave out (sm_70 in
        // torch 2.7's cu128 wheels): kernels would build, but torch itself cannot run there.
        if declaration, site.role == .pin, let torch = newTorch, let variant = Variant(cudaVersion: new),
           let wheelList = matrix.pytorchWheelArchList(torch: torch, variant: variant) {
            let wheelArchs = Set(ReleaseMatrix.archTokens(wheelList).map { $0.replacingOccurrences(of: "+PTX", with: "") })
            let listed = ReleaseMatrix.archTokens(site.value).map { $0.replacingOccurrences(of: "+PTX", with: "") }
            let lowest = wheelArchs.compactMap(Double.init).min() ?? 0
            let missing = listed.filter { !wheelArchs.contains($0) && (Double($0) ?? 99) < lowest }
            if !missing.isEmpty {
                attention(site, "torch \(torch)'s \(variant.tag) wheels are built for \(wheelList): GPUs with compute capability \(missing.joined(separator: ", ")) cannot run them; drop those entries or keep such GPUs on another variant")
            }
        }
        for warning in issues where warning.severity != .error && site.file != .cmake {
            plan.notes.append(PlanNote(.info, "\(name): \(warning.description)", at: site.location))
        }
        // A move onto a toolkit that can target newer GPUs: name the ones PyTorch's own wheels for that variant
        // target and the project's main arch list lacks (CMake lists are usually gated per toolkit: skip them).
        if let old = plan.current.cuda, site.role == .pin, site.file != .cmake, declaration,
           let torch = newTorch, let variant = Variant(cudaVersion: new),
           let wheelList = matrix.pytorchWheelArchList(torch: torch, variant: variant),
           let oldTargets = matrix.archTargets(cuda: old) {
            let wheelArchs = ReleaseMatrix.archTokens(wheelList).map { $0.replacingOccurrences(of: "+PTX", with: "") }
            let listed = ReleaseMatrix.archTokens(site.value)
            let missing = wheelArchs.filter { a in !oldTargets.contains(a) && !listed.contains { $0.hasPrefix(a) } }
            if !missing.isEmpty {
                plan.notes.append(PlanNote(.attention, "CUDA \(new) can target \(missing.joined(separator: ", ")) (not in \(name) '\(site.value)'); add them if the project should run on those GPUs", at: site.location))
            }
        }
    }

    /// Whether a CMake site sits in an `if`/`elseif`/`else` chain that tests the CUDA toolkit version (each branch
    /// then holds the list for its toolkits, and the new toolkit picks its own).
    func cmakeToolkitGated(_ site: PinSite) -> Bool {
        guard let file = inventory.files[site.path], site.line > 1 else { return false }
        var depth = 0
        var chain: [String] = []
        for n in stride(from: site.line - 1, through: 1, by: -1) {
            var text = file.line(n).trimmingCharacters(in: .whitespaces).lowercased()
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
            let word = text.prefix { $0.isLetter }
            switch word {
            case "endif": depth += 1
            case "if":
                if depth == 0 {
                    // The condition may continue on the next lines (`if(DEFINED X AND` / `X VERSION_GREATER 13.0)`).
                    chain.append((n...min(n + 2, site.line - 1)).map { file.line($0).lowercased() }.joined(separator: " "))
                    return chain.contains { $0.contains("cuda_compiler_version") || $0.contains("cuda_version")
                        || $0.contains("cudatoolkit_version") || $0.contains("cudaToolkit_VERSION".lowercased()) }
                }
                depth -= 1
            case "elseif" where depth == 0:
                chain.append((n...min(n + 2, site.line - 1)).map { file.line($0).lowercased() }.joined(separator: " "))
            default: break
            }
        }
        return false
    }

    mutating func planWheelURL(_ site: PinSite) {
        guard oldTorch != newTorch || !cudaMap.isEmpty, site.role != .lock, !isMovingExcludedNightly(site) else { return }
        if site.subject == "torch" || site.subject == "torchvision" || site.subject == "torchaudio" {
            attention(site, "direct \(site.subject!) wheel URL: point it at the \(newTorch ?? "") wheel (check the name with `torchbump probe`)")
        } else {
            let advice = extensionAdvice(site.subject)
            attention(site, "prebuilt \(site.subject ?? "extension") wheel built for another torch/CUDA: \(advice)")
            plan.deferrals.append(Deferral(platform: site.platform, current: site.value.split(separator: "/").last.map(String.init) ?? site.value,
                                           reason: "extension wheel is built for the old torch/CUDA; \(advice)", location: site.location))
        }
    }

    mutating func planGitRef(_ site: PinSite) {
        guard let torch = newTorch, oldTorch != newTorch, isMoving(site) else { return }
        switch site.subject {
        case "xformers":
            if let pairing = matrix.xformers(for: torch) {
                edit(site, to: (site.value.hasPrefix("v") ? "v" : "") + pairing.version, "xformers \(pairing.version) is built for torch \(torch)")
            } else {
                attention(site, "no xformers release for torch \(torch): keep building from source at a newer ref")
            }
        case "torchvision":
            if let image = vendorTorchImage(in: site.path) {
                leave(site, "records what the base image (\(image.location.short), torch \(image.value)) was built from: move it together with that image")
                return
            }
            if let vision = companions?.torchvision, Version(site.value) != nil {
                edit(site, to: (site.value.hasPrefix("v") ? "v" : "") + vision, "torchvision companion of torch \(torch)")
            }
        default:
            if site.subject != nil, TrackedExtensionNames.compiled.contains(site.subject!) {
                let advice = site.platform == .rocm
                    ? "for ROCm see `torchbump deps --torch \(torch) --rocm …`"
                    : extensionAdvice(site.subject)
                extensionAttention(site, extension: site.subject!, "\(site.subject!) is built from \(site.value): rebuild it against torch \(torch); \(advice)")
            }
        }
    }

    /// A nightly site (nightly platform, or a `.dev` version in the URL) outside a nightly upgrade.
    func isMovingExcludedNightly(_ site: PinSite) -> Bool {
        guard target.platforms?.contains(.nightly) != true else { return false }
        return site.platform == .nightly || site.value.contains(".dev")
    }

    /// A vendor base image in the same file whose tag names torch (its ARGs describe that image).
    func vendorTorchImage(in path: String) -> PinSite? {
        inventory.sites.first { $0.path == path && $0.kind == .image && $0.subject == "torch" }
    }

    mutating func planLock(_ site: PinSite) {
        guard isMoving(site) || site.platform == .all && moving.contains(.cuda) else { return }
        let staleBackend = site.value.split(separator: " ").contains { word in
            guard let v = Variant(tag: String(word)), v.isCUDA, let main = newMainCUDA else { return false }
            return v != Variant(cudaVersion: main)
        }
        let stalePins = inventory.sites.contains {
            $0.path == site.path && $0.role == .lock && $0.subject == "torch"
                && Version($0.value)?.publicVersion.description != newTorch
        }
        guard oldTorch != newTorch || !cudaMap.isEmpty || target.channel != .release || plan.current.channels.contains(.test)
                || staleBackend || stalePins else { return }
        if let regenerate = site.name, LockFileScanner.wholeFileLocks[site.value] == regenerate {
            // `uv.lock`, `poetry.lock`, `pdm.lock`: the project file holds the indexes (already planned); the tool
            // re-locks from it, with no flags of its own.
            plan.locks.append(LockAction(path: site.path, recorded: regenerate, command: regenerate))
            let how = regenerate == "uv lock" ? "`torchbump apply --lock` runs it" : "run it after `apply`"
            plan.notes.append(PlanNote(.attention, "lock file: regenerate with `\(regenerate)` (never edited by hand; \(how))", at: site.location))
            return
        }
        var words = site.value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var i = 0
        var hasStrategy = false
        while i < words.count {
            let w = words[i]
            if w == "--torch-backend" || w.hasPrefix("--torch-backend=") {
                let inline = w.hasPrefix("--torch-backend=")
                let value = inline ? String(w.dropFirst("--torch-backend=".count)) : (i + 1 < words.count ? words[i + 1] : "")
                if let v = Variant(tag: value) {
                    // A lock compiled for CUDA follows the main CUDA (its header may be stale from an earlier plan).
                    var mapped = mappedVariant(v)
                    if v.isCUDA, let main = newMainCUDA.flatMap({ Variant(cudaVersion: $0) }) { mapped = main }
                    if target.channel == .test {
                        let flag = ["--extra-index-url", "\(indexBase)/test/\(mapped.tag)"]
                        words.replaceSubrange(i..<(inline ? i + 1 : i + 2), with: flag)
                    } else if inline {
                        words[i] = "--torch-backend=\(mapped.tag)"
                    } else if i + 1 < words.count {
                        words[i + 1] = mapped.tag
                    }
                }
            } else if w.hasPrefix("--index-strategy") {
                hasStrategy = true
            } else if let parsed = PyTorchIndexURL(w), parsed.channel == .test, target.channel == .release,
                      i > 0, words[i - 1] == "--extra-index-url", let v = parsed.variant {
                // Back from a release candidate: the backend flag replaces the explicit test index.
                words.replaceSubrange((i - 1)...i, with: ["--torch-backend", mappedVariant(v).tag])
                i -= 1
            } else if let parsed = PyTorchIndexURL(w), parsed.channel != .nightly {
                var u = parsed
                if let v = u.variant { u.variant = mappedVariant(v) }
                u.channel = target.channel == .nightly ? parsed.channel : target.channel
                words[i] = u.url + (w.hasSuffix("/") ? "/" : "")
            }
            i += 1
        }
        if target.channel == .test && !hasStrategy { words += ["--index-strategy", "unsafe-best-match"] }
        let command = words.joined(separator: " ")
        plan.locks.append(LockAction(path: site.path, recorded: site.value, command: command))
        plan.notes.append(PlanNote(.attention, "lock file: regenerate with `\(command)` (never edited by hand; `torchbump apply --lock` runs it)", at: site.location))
    }
}

/// Extensions compiled against torch (their builds must be redone when torch or CUDA moves).
enum TrackedExtensionNames {
    static let compiled: Set<String> = [
        "xformers", "flashinfer-python", "flashinfer", "flashinfer-jit-cache", "mamba-ssm", "causal-conv1d", "flash-attn",
        "torchao", "intel-extension-for-pytorch", "apex", "deep-gemm", "fbgemm-gpu", "fbgemm-gpu-genai",
    ]
}

extension Version {
    /// Whether a plan on `channel` pins final releases (release channel) rather than candidates or nightlies.
    func channelIsFinal(target channel: Channel) -> Bool { channel == .release && !isDevrelease }
}
