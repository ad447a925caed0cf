import Foundation

/// Finds user-defined pin sites (`[[tool.torchbump.sites]]`): every match of the rule's regex, whose named
/// capture `value` is the version.
public struct CustomSiteScanner: SiteScanner {
    public var rule: CustomSiteRule
    public var fileKind: FileKind { .custom }

    public init(rule: CustomSiteRule) { self.rule = rule }

    public func accepts(path: String) -> Bool { rule.files.contains { Glob.matches($0, path) } }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        guard let regex = try? NSRegularExpression(pattern: rule.pattern, options: [.anchorsMatchLines]) else {
            return ScanResult(diagnostics: [.error("custom site pattern does not compile: \(rule.pattern)")])
        }
        let text = file.text
        let utf16 = text.utf16
        var result = ScanResult()
        for match in regex.matches(in: text, range: NSRange(location: 0, length: utf16.count)) {
            let range = match.range(withName: "value")
            guard range.location != NSNotFound,
                  let lower = utf16.index(utf16.startIndex, offsetBy: range.location, limitedBy: utf16.endIndex),
                  let upper = utf16.index(lower, offsetBy: range.length, limitedBy: utf16.endIndex),
                  let start = lower.samePosition(in: text.utf8), let end = upper.samePosition(in: text.utf8)
            else { continue }
            let span = Span(text.utf8.distance(from: text.utf8.startIndex, to: start),
                            text.utf8.distance(from: text.utf8.startIndex, to: end))
            let loc = file.location(of: span.start)
            let variant = Variant(tag: file[span])
            result.sites.append(PinSite(
                path: file.path, file: .custom, kind: variant != nil && rule.kind == .version ? .variant : rule.kind,
                subject: rule.subject, value: file[span], span: span, line: loc.line, column: loc.column,
                platform: rule.platform ?? PlatformInference.platform(forPath: file.path),
                variant: variant, name: "custom", context: file.line(loc.line).trimmingCharacters(in: .whitespaces)))
        }
        return result
    }
}
