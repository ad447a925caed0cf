import Foundation

/// Finds pins in `pyproject.toml`: build requirements, dependencies, extras and groups, uv indexes, sources,
/// strategy and backend, Poetry sources and dependencies, and the PDM torch plugin. Extras and groups named after
/// a variant (`cu128 = [...]`) are `extra-name` sites where they are defined and wherever the file names them
/// (`conflicts`, `extra =` sources, `default-groups`, `project[cu128]`, `uv sync --extra cu128` in a comment).
public struct PyprojectScanner: SiteScanner {
    public var fileKind: FileKind { .pyproject }

    public init() {}

    public func accepts(path: String) -> Bool {
        (PathName.last(path)) == "pyproject.toml"
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let doc = TOMLDocument(parsing: file)
        var scan = PyprojectScan(file: file, doc: doc)
        scan.run()
        scan.result.sites = ExtraNames.supersedingVariants(scan.result.sites)
        scan.result.sites.sort { $0.span < $1.span }
        return scan.result
    }
}

/// One pass over a parsed `pyproject.toml`.
private struct PyprojectScan {
    let file: SourceFile
    let doc: TOMLDocument
    let builder: RequirementSiteBuilder
    var result = ScanResult()

    init(file: SourceFile, doc: TOMLDocument) {
        self.file = file
        self.doc = doc
        self.builder = RequirementSiteBuilder(recorder: SiteRecorder(file: file, fileKind: .pyproject))
        result.diagnostics = doc.errors.map { $0.diagnostic(path: file.path) }
    }

    private var recorder: SiteRecorder { builder.recorder }
    /// `[project] name`, normalised: a requirement on it with extras (`demo[cu128]`) names the project's own extras.
    private var projectName: String? { doc.value(at: ["project", "name"])?.stringValue.map(normalizePackageName) }

    mutating func run() {
        for comment in doc.comments {
            result.sites += builder.commentSites(in: comment)
            commentedExtraUses(comment)
        }
        for entry in doc.entries {
            let p = entry.path
            switch p.count {
            case 2 where p == ["build-system", "requires"]:
                requirements(entry.value, name: "build-system.requires")
            case 2 where p == ["project", "dependencies"]:
                requirements(entry.value, name: "project.dependencies")
            case 2 where p == ["project", "requires-python"]:
                requiresPython(entry.value)
            case 2 where p == ["project", "classifiers"]:
                pythonClassifiers(entry.value)
            case 3 where p[0] == "project" && p[1] == "optional-dependencies":
                definition(key: p[2], keySpan: entry.keySpan, selector: .extra)
                requirements(entry.value, name: "project.optional-dependencies.\(p[2])", group: p[2])
            case 2 where p[0] == "project" && p[1] == "optional-dependencies":
                for pair in entry.value.tablePairs ?? [] {
                    let extra = pair.key.joined(separator: ".")
                    if pair.key.count == 1 { definition(key: extra, keySpan: pair.keySpan, selector: .extra) }
                    requirements(pair.value, name: "project.optional-dependencies.\(extra)", group: extra)
                }
            case 2 where p[0] == "dependency-groups":
                definition(key: p[1], keySpan: entry.keySpan, selector: .group)
                requirements(entry.value, name: "dependency-groups.\(p[1])", group: p[1])
            case _ where p.starts(with: ["tool", "uv"]):
                uv(entry, rest: Array(p.dropFirst(2)))
            case _ where p.starts(with: ["tool", "poetry"]):
                poetry(entry, rest: Array(p.dropFirst(2)))
            case 5 where p.starts(with: ["tool", "pdm", "plugins", "torch"]):
                pdmTorch(entry, key: p[4])
            default:
                break
            }
        }
    }

    /// The `>=3.9` lower bound of a Poetry Python constraint (`">=3.9,<3.13"`, `"^3.9"`, `"~3.9"`: caret and
    /// tilde constraints start at the version they name).
    private mutating func pythonLowerBound(_ value: TOMLValue, name: String) {
        guard case let .string(s) = value, s.isVerbatim else { return }
        let bytes = Array(file.bytes[s.span.start..<s.span.end])
        var range = PythonLowerBound.versionRange(bytes)
        var op = ">="
        if range == nil, let first = bytes.first, first == UInt8(ascii: "^") || first == UInt8(ascii: "~"),
           bytes.count > 1, bytes[1] != UInt8(ascii: "=") {
            var j = 1
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            let n = VersionTokens.dottedLength(bytes, at: j)
            if n > 0 { range = j..<(j + n); op = String(UnicodeScalar(first)) }
        }
        guard let range else { return }
        let span = Span(s.span.start + range.lowerBound, s.span.start + range.upperBound)
        result.sites.append(recorder.site(.version, subject: "python", span: span, name: name, op: op))
    }

    /// `"Programming Language :: Python :: 3.9"`: a Python the project says it supports (flagged when the new torch
    /// ships no wheels for it; never a Python the repository's builds use).
    private mutating func pythonClassifiers(_ value: TOMLValue) {
        guard case let .array(items, _) = value else { return }
        let prefix = "Programming Language :: Python :: "
        for item in items {
            guard case let .string(s) = item, s.isVerbatim, s.value.hasPrefix(prefix) else { continue }
            let version = String(s.value.dropFirst(prefix.count))
            guard version.split(separator: ".").count == 2, VersionTokens.isDotted(version) else { continue }
            let start = s.span.start + s.value.utf8.count - version.utf8.count
            let span = Span(start, start + version.utf8.count)
            guard span.end <= s.span.end, file[span] == version else { continue }
            result.sites.append(recorder.site(.version, subject: "python", span: span, name: "project.classifiers",
                                              op: "==", note: "classifier"))
        }
    }

    /// `requires-python = ">=3.9"`: the lower bound is a Python version site (a new torch may drop it).
    private mutating func requiresPython(_ value: TOMLValue) {
        guard case let .string(s) = value, s.isVerbatim else { return }
        let text = s.value
        guard let r = text.range(of: #">=\s*[0-9]+\.[0-9]+"#, options: .regularExpression) else { return }
        let match = text[r]
        guard let digits = match.firstIndex(where: \.isNumber) else { return }
        let lo = text.utf8.distance(from: text.utf8.startIndex, to: digits.samePosition(in: text.utf8)!)
        let hi = text.utf8.distance(from: text.utf8.startIndex, to: r.upperBound.samePosition(in: text.utf8)!)
        let span = Span(s.span.start + lo, s.span.start + hi)
        guard span.end <= s.span.end, file[span] == String(text[digits..<r.upperBound]) else { return }
        result.sites.append(recorder.site(.version, subject: "python", span: span, name: "project.requires-python", op: ">="))
    }

    // MARK: requirements

    /// Requirement strings in `value` (a string, an array of strings; include-group tables are skipped).
    /// An extra or group named after a platform or variant (`cpu`, `cu128`, `rocm`) gives its pins that platform.
    private mutating func requirements(_ value: TOMLValue, name: String, group: String? = nil) {
        let strings: [TOMLString]
        switch value {
        case let .string(s): strings = [s]
        case let .array(items, _): strings = items.compactMap(\.string)
        default: strings = []
        }
        var groupBuilder = builder
        if let group, builder.basePlatform == .all {
            groupBuilder.basePlatform = PlatformInference.platform(forPath: group)
        }
        for string in strings { requirement(string, name: name, builder: groupBuilder) }
    }

    private mutating func requirement(_ string: TOMLString, name: String, builder: RequirementSiteBuilder? = nil) {
        let builder = builder ?? self.builder
        let text = string.isVerbatim ? file[string.span] : string.value
        do {
            let parsed = try Requirement.parse(text, offset: string.span.start)
            if string.isVerbatim, parsed.normalizedName == projectName, let extras = parsed.extrasSpan {
                uses(in: extras, role: .pin, note: "the project's own extras")
            }
            let (sites, problems) = builder.sites(for: parsed, role: .pin, name: name)
            result.sites += sites
            for (problem, offset) in problems { result.diagnostics.append(problem.diagnostic(at: file.location(of: offset))) }
        } catch {
            // Only complain about strings that look like a tracked requirement; other arrays may hold anything.
            let head = text.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            guard TrackedPackages.contains(String(head)) else { return }
            result.diagnostics.append(RequirementsScanProblem.unparsableRequirement(error.localizedDescription)
                .diagnostic(at: file.location(of: string.span.start)))
        }
    }

    // MARK: uv

    private mutating func uv(_ entry: TOMLDocument.Entry, rest: [String]) {
        switch rest {
        case ["index", "url"]:
            // `[[tool.uv.index]]` element: its name is a sibling entry of the same header.
            guard let url = entry.value.string else { return }
            let name = doc.entries.first { $0.header == entry.header && $0.key == ["name"] }?.value.stringValue
            result.sites.append(builder.indexSite(span: url.span, name: name))
        case ["index", "name"]:
            if let name = entry.value.string { variantInName(name, siteName: "tool.uv.index.name") }
        case ["index"]:
            // `index = [{ name = "…", url = "…" }]`
            for item in entry.value.arrayItems ?? [] {
                if let url = item["url"]?.string {
                    result.sites.append(builder.indexSite(span: url.span, name: item["name"]?.stringValue))
                }
                if let name = item["name"]?.string { variantInName(name, siteName: "tool.uv.index.name") }
            }
        case ["index-strategy"], ["pip", "index-strategy"]:
            if let s = entry.value.string {
                result.sites.append(recorder.site(.indexStrategy, subject: nil, span: s.span, name: "index-strategy"))
            }
        case ["pip", "torch-backend"]:
            if let s = entry.value.string {
                let variant = Variant(tag: s.value)
                result.sites.append(recorder.site(.variant, subject: nil, span: s.span,
                                                  platform: variant?.platform ?? builder.basePlatform,
                                                  variant: variant, name: "torch-backend"))
            }
        case ["index-url"], ["extra-index-url"], ["pip", "index-url"], ["pip", "extra-index-url"],
             ["find-links"], ["pip", "find-links"]:
            for s in entry.value.allStrings { result.sites.append(builder.indexSite(span: s.span, name: rest.last)) }
        case _ where rest.count == 2 && rest[0] == "sources":
            sources(entry.value, package: rest[1])
        case ["sources"]:
            for pair in entry.value.tablePairs ?? [] { sources(pair.value, package: pair.key.joined(separator: ".")) }
        case ["conflicts"]:
            // `conflicts = [[{ extra = "cu128" }, { extra = "cpu" }], …]`
            for set in entry.value.arrayItems ?? [] {
                for item in set.arrayItems ?? [] { selectorReference(in: item, note: "uv conflicts") }
            }
        case ["default-groups"]:
            for s in entry.value.allStrings { reference(s, selector: .group, note: "uv default-groups") }
        case ["constraint-dependencies"], ["override-dependencies"], ["dev-dependencies"], ["build-constraint-dependencies"]:
            requirements(entry.value, name: "tool.uv.\(rest[0])")
        case _ where rest.count == 2 && rest[0] == "extra-build-dependencies":
            for item in entry.value.arrayItems ?? [] {
                if let s = item.string ?? item["requirement"]?.string {
                    requirement(s, name: "tool.uv.extra-build-dependencies.\(rest[1])")
                }
            }
        default:
            break
        }
    }

    /// `[tool.uv.sources]` entry: `{ index = "torch-cu128" }` or an array of such tables; git sources with a tag.
    private mutating func sources(_ value: TOMLValue, package: String) {
        let tables = value.arrayItems ?? [value]
        let subject = TrackedPackages.normalize(package)
        for table in tables {
            let marker = table["marker"]?.stringValue
            if let index = table["index"]?.string {
                variantInName(index, siteName: "tool.uv.sources.\(package)", marker: marker)
            }
            selectorReference(in: table, note: "uv source of \(package)")
            if TrackedPackages.contains(subject), table["git"] != nil {
                for key in ["tag", "rev", "branch"] {
                    guard let ref = table[key]?.string else { continue }
                    result.sites.append(recorder.site(.gitRef, subject: subject, span: ref.span,
                                                      platform: builder.platform(version: nil, marker: marker, variant: nil),
                                                      name: "tool.uv.sources.\(package).\(key)"))
                }
            }
            if TrackedPackages.contains(subject), let url = table["url"]?.string {
                result.sites += builder.urlSites(url: url.value, span: url.span, subject: subject, marker: marker,
                                                 role: .pin, name: "tool.uv.sources.\(package)", heldReason: nil)
            }
        }
    }

    // MARK: extra and group names

    /// The key that defines an extra or group, when its name encodes a variant.
    private mutating func definition(key: String, keySpan: Span, selector: ExtraNames.Selector) {
        guard let variant = ExtraNames.variant(in: key) else { return }
        // The span of the (last) key part without quotes: `cu128` in `cu128 = [`, `"cu128"`, `optional-dependencies.cu128`.
        let raw = Array(file.bytes[keySpan.start..<keySpan.end])
        var end = raw.count
        if end > 0, raw[end - 1] == UInt8(ascii: "\"") || raw[end - 1] == UInt8(ascii: "'") { end -= 1 }
        let length = key.utf8.count
        guard end >= length, Array(raw[(end - length)..<end]) == Array(key.utf8) else { return }
        let span = Span(keySpan.start + end - length, keySpan.start + end)
        result.sites.append(recorder.site(.extraName, subject: nil, span: span, platform: variant.platform,
                                          variant: variant, name: selector.rawValue, note: ExtraNames.definitionNote))
    }

    /// `extra = "cu128"` / `group = "cu128"` inside an inline table (a conflict set member, a uv source).
    private mutating func selectorReference(in table: TOMLValue, note: String) {
        if let s = table["extra"]?.string { reference(s, selector: .extra, note: note) }
        if let s = table["group"]?.string { reference(s, selector: .group, note: note) }
    }

    private mutating func reference(_ string: TOMLString, selector: ExtraNames.Selector, note: String) {
        guard string.isVerbatim, let variant = ExtraNames.variant(in: string.value) else { return }
        result.sites.append(recorder.site(.extraName, subject: nil, span: string.span, platform: variant.platform,
                                          variant: variant, name: selector.rawValue, note: note))
    }

    /// `uv sync --extra cu128` written in a comment.
    private mutating func commentedExtraUses(_ comment: Span) {
        uses(in: comment, role: .comment, note: nil)
    }

    /// Selector names in a span of the file (a comment, the `[…]` of a requirement on the project itself).
    private mutating func uses(in span: Span, role: SiteRole, note: String?) {
        let bytes = Array(file.bytes[span.start..<span.end])
        let found: [ExtraNames.Use]
        if note != nil {
            // `[cu128,kernels]`: the extras list of a requirement.
            found = ExtraNames.uses(in: [UInt8(ascii: ".")] + bytes).map { var u = $0; u.start -= 1; u.end -= 1; return u }
        } else {
            found = ExtraNames.uses(in: bytes)
        }
        for use in found {
            let site = Span(span.start + use.start, span.start + use.end)
            guard let variant = ExtraNames.variant(in: file[site]) else { continue }
            result.sites.append(recorder.site(.extraName, role, subject: nil, span: site, platform: variant.platform,
                                              variant: variant, name: use.selector.rawValue, note: note ?? use.note))
        }
    }

    /// A variant site for the variant token inside an index name (`torch-cu128` → `cu128`), if it has one.
    private mutating func variantInName(_ string: TOMLString, siteName: String, marker: String? = nil) {
        guard string.isVerbatim, let token = Self.variantToken(in: string.value) else { return }
        let span = Span(string.span.start + token.start, string.span.start + token.end)
        let variant = Variant(tag: recorder.file[span])
        var platform = variant?.platform ?? builder.basePlatform
        if let marker, let p = PlatformInference.platform(forMarker: marker) { platform = p }
        result.sites.append(recorder.site(.variant, subject: nil, span: span, platform: platform, variant: variant,
                                          name: siteName))
    }

    /// Byte range of a variant tag inside a name such as `pytorch-cu126`, `torch_rocm6.3`, `cpu`.
    static func variantToken(in name: String) -> (start: Int, end: Int)? { ExtraNames.variantToken(in: name) }

    // MARK: Poetry

    private mutating func poetry(_ entry: TOMLDocument.Entry, rest: [String]) {
        if rest == ["source", "url"], let url = entry.value.string {
            let name = doc.entries.first { $0.header == entry.header && $0.key == ["name"] }?.value.stringValue
            result.sites.append(builder.indexSite(span: url.span, name: name))
            return
        }
        if rest == ["source", "name"], let name = entry.value.string {
            variantInName(name, siteName: "tool.poetry.source.name")
            return
        }
        // `python = ">=3.9,<3.13"`: Poetry's Python constraint, read like `requires-python`.
        if rest == ["dependencies", "python"] {
            pythonLowerBound(entry.value, name: "tool.poetry.dependencies.python")
            return
        }
        // `dependencies.torch`, `dev-dependencies.torch`, `group.<g>.dependencies.torch`.
        let package: String
        if rest.count == 2, rest[0] == "dependencies" || rest[0] == "dev-dependencies" {
            package = rest[1]
        } else if rest.count == 4, rest[0] == "group", rest[2] == "dependencies" {
            package = rest[3]
        } else {
            return
        }
        let subject = TrackedPackages.normalize(package)
        guard TrackedPackages.contains(subject) else { return }
        let siteName = "tool.poetry." + rest.joined(separator: ".")
        for constraint in entry.value.arrayItems ?? [entry.value] {
            let versionString = constraint.string ?? constraint["version"]?.string
            let marker = constraint["markers"]?.stringValue
            if let versionString { poetryVersions(versionString, subject: subject, name: siteName, marker: marker) }
            if let source = constraint["source"]?.string { variantInName(source, siteName: siteName, marker: marker) }
            if let tag = constraint["tag"]?.string ?? constraint["rev"]?.string, constraint["git"] != nil {
                result.sites.append(recorder.site(.gitRef, subject: subject, span: tag.span, name: siteName))
            }
        }
    }

    /// Poetry constraints: `2.8.0`, `^2.8`, `~2.8.0`, `>=2.7,<2.9`, `==2.8.0+cu128`.
    private mutating func poetryVersions(_ string: TOMLString, subject: String, name: String, marker: String?) {
        guard string.isVerbatim else { return }
        let bytes = Array(file.bytes[string.span.start..<string.span.end])
        var k = 0
        while k < bytes.count {
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "|") { k += 1 }
            let opStart = k
            while k < bytes.count, "=<>!~^".utf8.contains(bytes[k]) { k += 1 }
            let op = String(decoding: bytes[opStart..<k], as: UTF8.self)
            while k < bytes.count, bytes[k] == 0x20 { k += 1 }
            let versionStart = k
            while k < bytes.count, bytes[k] != 0x20, bytes[k] != UInt8(ascii: ","), bytes[k] != UInt8(ascii: "|") { k += 1 }
            guard k > versionStart else { if k == opStart { k += 1 }; continue }
            let span = Span(string.span.start + versionStart, string.span.start + k)
            let version = file[span]
            if version.contains("$") {
                result.diagnostics.append(RequirementsScanProblem.interpolatedVersion(package: subject, text: version)
                    .diagnostic(at: file.location(of: span.start)))
                continue
            }
            guard version != "*", Version(version) != nil else { continue }
            let label = version.split(separator: "+", maxSplits: 1).dropFirst().first.map(String.init)
            let variant = label.flatMap { Variant(localLabel: $0) }
            result.sites.append(recorder.site(.requirement, subject: subject, span: span,
                                              platform: builder.platform(version: version, marker: marker, variant: variant),
                                              variant: variant, name: name, op: op.isEmpty ? "==" : op))
        }
    }

    // MARK: PDM

    private mutating func pdmTorch(_ entry: TOMLDocument.Entry, key: String) {
        switch key {
        case "cuda-versions", "rocm-versions":
            for s in entry.value.allStrings {
                let variant = Variant(tag: s.value) ?? (key == "rocm-versions" ? Variant(tag: "rocm" + s.value) : nil)
                result.sites.append(recorder.site(.variant, subject: nil, span: s.span,
                                                  platform: variant?.platform ?? builder.basePlatform,
                                                  variant: variant, name: key))
            }
        case "dependencies":
            requirements(entry.value, name: "tool.pdm.plugins.torch.dependencies")
        default:
            break
        }
    }
}
