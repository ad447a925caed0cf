/// Builds for another CPU architecture (aarch64 CI steps, their comments, docs that speak of aarch64 wheels): they
/// often sit on another CUDA than the x86 default because PyTorch publishes aarch64 CUDA wheels for fewer variants.
/// A plan keeps them out of the x86 role swap and says when the default moves away from them.
extension PlanBuilder {
    /// Parses the steps of every CI file once.
    mutating func collectCISteps() {
        let ciKinds: Set<FileKind> = [.buildkite, .githubActions, .yaml]
        for path in Set(inventory.sites.filter { ciKinds.contains($0.file) }.map(\.path)).sorted() {
            guard let file = inventory.files[path] else { continue }
            ciSteps[path] = CIStepStructure.parse(file)
        }
    }

    /// The CI step a line belongs to, counting the comment block right above a step as part of it.
    func ciStep(_ path: String, line: Int) -> CIStep? {
        ciSteps[path]?.first { step in
            step.lines.contains(line) || step.commentLine.map { ($0..<step.lines.lowerBound).contains(line) } == true
        }
    }

    /// Whether a site belongs to an aarch64 build: inside (or right above) an aarch64-only CI step, or on a line that
    /// names aarch64 and not x86 (`aarch64 (GH200/GB200) wheels are built with CUDA 12.9 only.`).
    func isOtherArchitecture(_ site: PinSite) -> Bool {
        if ciStep(site.path, line: site.line)?.architecture == .aarch64 { return true }
        return CIStepStructure.architecture(of: site.context) == .aarch64
    }

    /// The value a site has once the plan is applied.
    func plannedValue(_ site: PinSite) -> String {
        plan.edits.first { $0.path == site.path && $0.edit.span == site.span }?.edit.replacement ?? site.value
    }

    /// The CUDA build-arg sites of a CI step (`CUDA_VERSION=12.9.1`), not a library's own CUDA.
    func cudaSites(of step: CIStep, in path: String) -> [PinSite] {
        inventory.sites.filter {
            $0.path == path && step.lines.contains($0.line) && $0.subject == "cuda" && $0.kind == .version
                && $0.role == .pin && !isLibrarySpecificCUDA($0.name ?? "")
        }
    }

    /// aarch64 CI builds the default CUDA moves away from, comments about aarch64 CUDA wheels written for the old
    /// torch, and multi-arch manifests that would pair images of different CUDA versions.
    mutating func checkOtherArchitectureBuilds() {
        guard let torch = newTorch, let oldMain = plan.current.cuda, let newMain = newMainCUDA, moving.contains(.cuda)
        else { return }
        let torchMinorMoves = oldTorch.flatMap(MatrixVersion.minor) != MatrixVersion.minor(torch)
        let mainMoves = oldMain != newMain
        guard torchMinorMoves || mainMoves else { return }
        for (path, steps) in ciSteps.sorted(by: { $0.key < $1.key }) {
            let arm = steps.filter { $0.architecture == .aarch64 }
            guard !arm.isEmpty else { continue }
            // Comments right above aarch64 steps that name a CUDA version ("wheels exist only for CUDA 12.9").
            let claims = arm.compactMap { step -> PinSite? in
                guard let first = step.commentLine else { return nil }
                return inventory.sites.first {
                    $0.path == path && $0.role == .comment && $0.subject == "cuda" && (first..<step.lines.lowerBound).contains($0.line)
                }
            }
            let behind = arm.flatMap { cudaSites(of: $0, in: path) }
                .filter { VersionEncoding.minor(plannedValue($0)) != newMain }
            let docs = inventory.sites.filter {
                ($0.role == .doc || $0.role == .comment) && $0.subject == "cuda" && $0.path != path
                    && CIStepStructure.architecture(of: $0.context) == .aarch64
            }
            let claim = claims.first
            let also = docs.isEmpty ? "" : " (also stated at \(docs.map(\.location.short).joined(separator: ", ")))"
            let quoted = claim.map { " The comment here (\"\(commentText($0))\") was written for torch \(oldTorch ?? "")." } ?? ""
            if mainMoves, let first = behind.first {
                let minors = Set(behind.map { VersionEncoding.minor(plannedValue($0)) ?? $0.value }).sorted().joined(separator: ", ")
                var message = "aarch64 builds stay on CUDA \(minors) (\(behind.map { ":\($0.line)" }.joined(separator: ", "))) while the default moves to CUDA \(newMain).\(quoted)"
                message += " Check which CUDA variants torch \(torch) publishes aarch64 wheels for (`torchbump probe --torch \(torch) --arch aarch64 --variant \(Variant(cudaVersion: newMain)?.tag ?? newMain)`), then move these builds"
                let lists = inventory.sites.filter { s in s.path == path && s.kind == .archList && arm.contains { $0.lines.contains(s.line) } }
                let adjusted = Set(lists.map(\.value)).sorted().compactMap { list -> String? in
                    let new = matrix.adjustArchList(list, cuda: newMain).list
                    return new == list ? nil : "'\(list)' becomes '\(new)'"
                }
                if !adjusted.isEmpty { message += " (their arch list for CUDA \(newMain): \(adjusted.joined(separator: "; ")))" }
                message += " or keep them on \(minors) on purpose\(also)"
                plan.notes.append(PlanNote(.attention, message, at: claim?.location ?? first.location))
            } else if torchMinorMoves, let claim {
                plan.notes.append(PlanNote(.attention,
                    "this comment about aarch64 CUDA wheels (\"\(commentText(claim))\") was written for torch \(oldTorch ?? ""): check it still holds for torch \(torch) (`torchbump probe --torch \(torch) --arch aarch64 --variant \(Variant(cudaVersion: claim.value)?.tag ?? claim.value)`)\(also)",
                    at: claim.location))
            }
            checkManifests(path, steps: steps)
        }
    }

    /// A multi-arch manifest step whose images would be built with different CUDA versions after the plan.
    mutating func checkManifests(_ path: String, steps: [CIStep]) {
        guard let file = inventory.files[path] else { return }
        for manifest in steps where manifest.architecture == .both && !manifest.dependsOn.isEmpty {
            let parts = steps.filter { step in step.id.map(manifest.dependsOn.contains) == true }
            let sites = parts.map { ($0, cudaSites(of: $0, in: path)) }.filter { !$0.1.isEmpty }
            let before = Set(sites.flatMap { $0.1.compactMap { VersionEncoding.minor($0.value) } })
            let after = Set(sites.flatMap { $0.1.compactMap { VersionEncoding.minor(plannedValue($0)) } })
            guard after.count > 1, after != before else { continue }
            let line = manifest.lines.first { file.line($0).contains("manifest create") || file.line($0).contains("imagetools create") }
                ?? manifest.lines.lowerBound
            let described = sites.map { step, cuda in
                "\(step.id ?? "a step") (CUDA \(cuda.compactMap { VersionEncoding.minor(plannedValue($0)) }.first ?? ""), :\(cuda[0].line))"
            }.joined(separator: ", ")
            plan.notes.append(PlanNote(.attention,
                "this multi-arch manifest would pair images built with CUDA \(after.sorted().joined(separator: " and ")) (today \(before.sorted().joined(separator: " and "))): \(described); move them together or publish the odd one under its own tag",
                at: SourceLocation(path: path, line: line)))
        }
    }

    /// The text of a comment line without `#` and surrounding blanks.
    func commentText(_ site: PinSite) -> String {
        guard let file = inventory.files[site.path] else { return site.context }
        var text = file.line(site.line).trimmingCharacters(in: .whitespaces)
        while text.hasPrefix("#") { text.removeFirst() }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
