import Foundation
@testable import TorchBumpKit

/// A hand-built repository for checker tests: file texts plus the sites a scanner would report for them, with
/// spans, lines and columns computed from the text (values are read from the text, so edits flow into sites).
struct CheckFixture {
    var files: [String: SourceFile] = [:]
    var sites: [PinSite] = []

    /// Site declarations: (path, line, anchor, properties); the value starts right after `anchor`.
    struct Declaration {
        var path: String
        var line: Int
        var anchor: String
        var kind: SiteKind
        var role: SiteRole = .pin
        var subject: String?
        var name: String?
        var op: String?
        var platform: Platform?
        var heldReason: String?
        var toEndOfLine = false
    }

    init(files texts: [String: String], declarations: [Declaration]) {
        for (path, text) in texts { files[path] = SourceFile(path: path, text: text) }
        for d in declarations { if let site = makeSite(d) { sites.append(site) } }
    }

    static func fileKind(_ path: String, role: SiteRole) -> FileKind {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if role == .lock { return .lock }
        if name == "pyproject.toml" { return .pyproject }
        if name.hasSuffix(".py") { return .python }
        if name == "CMakeLists.txt" || name.hasSuffix(".cmake") { return .cmake }
        if name.lowercased().hasPrefix("dockerfile") { return .dockerfile }
        if name.hasPrefix(".pre-commit-config") { return .precommit }
        if path.hasPrefix(".buildkite/") { return .buildkite }
        if name.hasSuffix(".md") { return .doc }
        return .requirements
    }

    func makeSite(_ d: Declaration) -> PinSite? {
        guard let file = files[d.path], d.line <= file.lineCount else { return nil }
        let lineText = file.line(d.line)
        guard let anchor = lineText.range(of: d.anchor) else { return nil }
        let lineStart = file.lineSpan(d.line).start
        let startOffset = lineText.utf8.distance(from: lineText.startIndex, to: anchor.upperBound)
        let rest = lineText[anchor.upperBound...]
        let stops: Set<Character> = [" ", ";", "\"", "'", ",", ")", "]", "\t"]
        let valueText = d.toEndOfLine ? String(rest) : String(rest.prefix { !stops.contains($0) })
        let span = Span(lineStart + startOffset, lineStart + startOffset + valueText.utf8.count)
        let location = file.location(of: span.start)
        var platform = d.platform ?? PlatformInference.platform(forPath: d.path)
        var variant: Variant?
        var channel: Channel?
        if d.kind == .requirement, let label = Version(valueText)?.localLabel, let v = Variant(localLabel: label) {
            variant = v
            if d.platform == nil && platform == .all { platform = v.platform }
        }
        if d.kind == .indexURL, let parsed = PyTorchIndexURL(valueText) {
            variant = d.role == .derived ? nil : parsed.variant
            channel = parsed.channel
            if d.platform == nil, platform == .all, let v = parsed.variant { platform = v.platform }
        }
        if d.kind == .variant { variant = Variant(tag: valueText) }
        return PinSite(
            path: d.path, file: Self.fileKind(d.path, role: d.role), kind: d.kind, role: d.role, subject: d.subject,
            value: valueText, span: span, line: location.line, column: location.column, platform: platform,
            variant: variant, channel: channel, name: d.name, op: d.op,
            context: lineText.trimmingCharacters(in: .whitespaces), heldReason: d.heldReason)
    }

    var inventory: Inventory {
        Inventory(root: URL(fileURLWithPath: "/repo"), sites: sites, filesScanned: files.count, files: files)
    }

    func check() -> [Finding] {
        ConsistencyChecker().check(inventory, matrix: CheckFixture.matrix)
    }

    static let matrix: ReleaseMatrix = {
        do { return try ReleaseMatrix.bundled() } catch { fatalError("bundled matrix: \(error)") }
    }()
}

// MARK: - Declaration shorthands

extension CheckFixture.Declaration {
    static func pin(_ path: String, _ line: Int, _ package: String, op: String = "==", role: SiteRole = .pin,
                    platform: Platform? = nil, held: String? = nil) -> Self {
        Self(path: path, line: line, anchor: package + op, kind: .requirement, role: role, subject: package, op: op,
             platform: platform, heldReason: held)
    }

    static func spacedPin(_ path: String, _ line: Int, _ package: String, name: String? = nil) -> Self {
        Self(path: path, line: line, anchor: package + " == ", kind: .requirement, subject: package, name: name, op: "==")
    }

    static func version(_ path: String, _ line: Int, after anchor: String, subject: String, name: String?,
                        role: SiteRole = .pin, platform: Platform? = nil) -> Self {
        Self(path: path, line: line, anchor: anchor, kind: .version, role: role, subject: subject, name: name,
             platform: platform)
    }

    static func index(_ path: String, _ line: Int, after anchor: String, name: String, role: SiteRole = .pin,
                      platform: Platform? = nil) -> Self {
        Self(path: path, line: line, anchor: anchor, kind: .indexURL, role: role, name: name, platform: platform)
    }

    static func backend(_ path: String, _ line: Int, after anchor: String) -> Self {
        Self(path: path, line: line, anchor: anchor, kind: .variant, name: "--torch-backend")
    }

    static func strategy(_ path: String, _ line: Int, after anchor: String, name: String) -> Self {
        Self(path: path, line: line, anchor: anchor, kind: .indexStrategy, name: name)
    }

    static func lockHeader(_ path: String, _ line: Int = 2) -> Self {
        Self(path: path, line: line, anchor: "#    ", kind: .lockFile, role: .lock, name: "uv pip compile",
             toEndOfLine: true)
    }
}
