import Foundation

/// Finds pins in requirements files (`requirements*.txt`, `requirements/**/*.txt`, `*.in`, and any `*.txt` that
/// reads as one): tracked requirements (each specifier's version), index options, direct wheel URLs, git refs,
/// commented-out pins, torch versions named in comments and hold comments; follows `-r`/`-c` includes.
/// Compiled lock files are left to `LockFileScanner`.
public struct RequirementsScanner: SiteScanner {
    public var fileKind: FileKind { .requirements }

    public init() {}

    /// `*.txt` names that are never requirements files.
    static let unrelatedNames: Set<String> = [
        "cmakelists.txt", "license.txt", "licence.txt", "notice.txt", "readme.txt", "changelog.txt", "changes.txt",
        "authors.txt", "contributors.txt", "copying.txt", "robots.txt", "third_party_notices.txt", "version.txt",
        "entry_points.txt", "top_level.txt", "sources.txt", "dependency_links.txt", "llms.txt",
    ]

    /// `*.in` names that are templates or manifests, not pip-compile inputs.
    static let unrelatedInputs: Set<String> = ["manifest.in", "makefile.in", "configure.in", "dockerfile.in"]

    public func accepts(path: String) -> Bool {
        let name = (PathName.last(path)).lowercased()
        if name.hasSuffix(".in") { return Self.isRequirementsInput(name) }
        return name.hasSuffix(".txt") && !Self.unrelatedNames.contains(name)
    }

    /// `test.in`, `requirements.in`; not `config.h.in`, `setup.py.in` or `MANIFEST.in`.
    static func isRequirementsInput(_ lowercasedName: String) -> Bool {
        !unrelatedInputs.contains(lowercasedName) && !lowercasedName.dropLast(3).contains(".")
    }

    /// Whether the path alone says "requirements file": the name mentions requirements/constraints or a folder is
    /// `requirements*` / `reqs`. (`*.in` files also need content that reads as requirements.)
    static func isRequirementsPath(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/").map(String.init)
        guard let name = parts.last else { return false }
        if name.contains("requirements") || name.contains("constraints") || name.hasPrefix("requirement") { return true }
        return parts.dropLast().contains { $0.hasPrefix("requirements") || $0 == "reqs" || $0 == "requirement" }
    }

    /// Whether most non-blank, non-comment lines parse as requirements or options.
    static func readsAsRequirements(_ parsed: RequirementsFile) -> Bool {
        var good = 0, total = 0
        for line in parsed.lines {
            switch line.entry {
            case .blank, .comment: continue
            case .requirement, .option, .url: good += 1
            case .invalid: break
            }
            total += 1
        }
        return total > 0 && good * 2 > total
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        guard LockFileScanner.header(of: file) == nil else { return ScanResult() }
        let parsed = RequirementsFile(file)
        guard Self.isRequirementsPath(file.path) || Self.readsAsRequirements(parsed) else { return ScanResult() }
        var visited: Set<String> = [file.path]
        return scan(file, parsed: parsed, context: context, visited: &visited, depth: 0)
    }

    private func scan(_ file: SourceFile, parsed: RequirementsFile, context: ScanContext, visited: inout Set<String>,
                      depth: Int) -> ScanResult {
        let recorder = SiteRecorder(file: file, fileKind: .requirements)
        let builder = RequirementSiteBuilder(recorder: recorder, basePlatform: Self.basePlatform(recorder, parsed))
        var result = ScanResult(diagnostics: parsed.diagnostics)
        var previous: RequirementsLine?
        for line in parsed.lines {
            defer { previous = line }
            var lineSites: [PinSite] = []
            switch line.entry {
            case let .requirement(requirement, comment):
                let held = comment.flatMap { RequirementsComments.holdReason(file[$0.span]) }
                    ?? holdCommentAbove(line, previous: previous, file: file)
                let (sites, problems) = builder.sites(for: requirement, role: .pin, heldReason: held)
                lineSites += sites
                if let pin = sites.first(where: { $0.kind == .requirement && ($0.op == "==" || $0.op == "===") }) {
                    result.sites += releaseLinkAbove(line, previous: previous, pin: pin, recorder: recorder)
                }
                for (problem, offset) in problems { result.diagnostics.append(problem.diagnostic(at: file.location(of: offset))) }
            case let .url(url, span, comment):
                guard file[span] == url else { break }
                let held = comment.flatMap { RequirementsComments.holdReason(file[$0.span]) }
                    ?? holdCommentAbove(line, previous: previous, file: file)
                lineSites += builder.urlSites(url: url, span: span, subject: Self.eggName(url), marker: line.marker,
                                              role: .pin, name: nil, heldReason: held)
            case let .comment(comment):
                if let requirement = comment.commentedOutRequirement {
                    let held = RequirementsComments.holdReason(file[comment.span])
                    lineSites += builder.sites(for: requirement, role: .disabled, heldReason: held).sites
                }
            case .option, .blank, .invalid:
                break
            }
            for option in line.options {
                lineSites += optionSites(option, line: line, file: file, builder: builder, context: context,
                                         visited: &visited, depth: depth, result: &result)
            }
            if let comment = line.entry.comment {
                // A comment next to a pin belongs to the pin's platform, and to its hold.
                let pin = lineSites.first
                var commentSites = builder.commentSites(in: comment.span, platform: pin?.platform)
                commentSites.removeAll { c in lineSites.contains { $0.span.overlaps(c.span) } }
                for k in commentSites.indices { commentSites[k].heldReason = pin?.heldReason }
                lineSites += commentSites
            }
            result.sites += lineSites
        }
        return result
    }

    /// The file's platform; a file without one takes the platform of its PyTorch index (nightly channel → nightly)
    /// when all its variant indexes agree.
    static func basePlatform(_ recorder: SiteRecorder, _ parsed: RequirementsFile) -> Platform {
        guard recorder.platform == .all else { return recorder.platform }
        var platforms = Set<Platform>()
        for option in parsed.options where option.isIndex {
            guard let value = option.value else { continue }
            let (variant, channel) = RequirementSiteBuilder.indexVariant(value)
            guard TrackedPackages.extensionSubject(forIndexURL: value) == nil else { continue }
            if channel == .nightly { platforms.insert(.nightly) } else if let variant { platforms.insert(variant.platform) }
        }
        return platforms.count == 1 ? platforms.first ?? .all : .all
    }

    /// The hold reason in a whole-line comment directly above `line` (not a commented-out requirement).
    private func holdCommentAbove(_ line: RequirementsLine, previous: RequirementsLine?, file: SourceFile) -> String? {
        guard let previous, case let .comment(comment) = previous.entry, comment.commentedOutRequirement == nil else {
            return nil
        }
        let previousEnd = file.lineNumber(at: max(previous.span.start, previous.span.end - 1))
        guard previousEnd + 1 == line.lineNumber else { return nil }
        return RequirementsComments.holdReason(file[comment.span])
    }

    /// The pinned version inside a link on the whole-line comment directly above the pin
    /// (`# https://github.com/facebookresearch/xformers/releases/tag/v0.0.32.post1`): the project's note of where the
    /// pinned build comes from, which must name the same release as the pin.
    private func releaseLinkAbove(_ line: RequirementsLine, previous: RequirementsLine?, pin: PinSite,
                                  recorder: SiteRecorder) -> [PinSite] {
        guard let previous, case let .comment(comment) = previous.entry, comment.commentedOutRequirement == nil else {
            return []
        }
        let file = recorder.file
        guard file.lineNumber(at: max(previous.span.start, previous.span.end - 1)) + 1 == line.lineNumber else { return [] }
        let text = file[comment.span]
        guard text.contains("://"), let offset = Self.versionToken(pin.value, in: text) else { return [] }
        let start = comment.span.start + offset
        return [recorder.site(.version, .comment, subject: pin.subject, span: Span(start, start + pin.value.utf8.count),
                              platform: pin.platform, heldReason: pin.heldReason, note: "release link of the pin below")]
    }

    /// Byte offset of `version` in `text` as a whole token (`/v0.0.32.post1`, `-2.7.4/`, `==2.8.0`), not as part of a
    /// longer version (`10.0.32.post1`, `0.0.32.post10`); nil when absent.
    static func versionToken(_ version: String, in text: String) -> Int? {
        let bytes = Array(text.utf8), needle = Array(version.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        func isVersionByte(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || b == 46 || b == 43 }
        for i in 0...(bytes.count - needle.count) where bytes[i..<(i + needle.count)].elementsEqual(needle) {
            let before = i > 0 ? bytes[i - 1] : 32, after = i + needle.count < bytes.count ? bytes[i + needle.count] : 32
            let afterNext = i + needle.count + 1 < bytes.count ? bytes[i + needle.count + 1] : 32
            // `.` after the version ends it only when no digit follows (`v2.8.0.tar.gz`, not `2.8.0.1`).
            let endsHere = !isVersionByte(after) || (after == 46 && !(afterNext >= 48 && afterNext <= 57))
            if !isVersionByte(before), endsHere, !(before >= 97 && before <= 122 && before != 118) { return i }
        }
        return nil
    }

    /// `xformers` in `git+https://…#egg=xformers`.
    static func eggName(_ url: String) -> String? {
        guard let hash = url.firstIndex(of: "#") else { return nil }
        for part in url[url.index(after: hash)...].split(separator: "&") where part.hasPrefix("egg=") {
            let name = part.dropFirst(4).prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            return name.isEmpty ? nil : String(name)
        }
        return nil
    }

    // MARK: options and includes

    private func optionSites(_ option: RequirementsOption, line: RequirementsLine, file: SourceFile,
                             builder: RequirementSiteBuilder, context: ScanContext, visited: inout Set<String>,
                             depth: Int, result: inout ScanResult) -> [PinSite] {
        guard let span = option.valueSpan, let value = option.value, !value.contains("$") else { return [] }
        if option.isIndex {
            guard file[span] == value else { return [] }
            return [builder.indexSite(span: span, name: option.name)]
        }
        if option.kind == .requirement || option.kind == .constraint {
            follow(include: value, from: file, line: line.lineNumber, context: context, visited: &visited, depth: depth,
                   result: &result)
        }
        return []
    }

    /// Checks that an included file exists and scans it when the repository walk would not (its name does not
    /// look like a requirements file).
    private func follow(include: String, from file: SourceFile, line: Int, context: ScanContext,
                        visited: inout Set<String>, depth: Int, result: inout ScanResult) {
        guard let readFile = context.readFile, !include.contains("://") else { return }
        let location = SourceLocation(path: file.path, line: line)
        guard let path = Self.resolve(include, relativeTo: file.path) else {
            result.diagnostics.append(RequirementsScanProblem.includeOutsideRepository(include).diagnostic(at: location))
            return
        }
        guard let included = readFile(path) else {
            result.diagnostics.append(RequirementsScanProblem.missingInclude(path).diagnostic(at: location))
            return
        }
        guard !accepts(path: path), depth < 8, visited.insert(path).inserted else { return }
        let parsed = RequirementsFile(included)
        result.append(scan(included, parsed: parsed, context: context, visited: &visited, depth: depth + 1))
    }

    /// `include` resolved against the directory of `path` (both repository-relative); nil if it leaves the repository.
    static func resolve(_ include: String, relativeTo path: String) -> String? {
        if include.hasPrefix("/") { return nil }
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for part in include.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default:
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
