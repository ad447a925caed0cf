import Testing
@testable import TorchBumpKit

/// Scans `text` as `path` and checks the span invariant of every site.
func scanFixture(_ scanner: any SiteScanner, path: String, _ text: String,
                 config: TorchBumpConfig = TorchBumpConfig(),
                 files: [String: String] = [:]) -> (sites: [PinSite], diagnostics: [String], file: SourceFile) {
    let file = SourceFile(path: path, text: text)
    var context = ScanContext(config: config)
    if !files.isEmpty {
        let provided = files
        context.readFile = { p in provided[p].map { SourceFile(path: p, text: $0) } }
    }
    let result = scanner.scan(file, context: context)
    for site in result.sites where site.path == path {
        #expect(file[site.span] == site.value, "span of \(site.value) at line \(site.line)")
        #expect(file.location(of: site.span.start).line == site.line)
        #expect(site.context == file.line(site.line).trimmingCharacters(in: .whitespaces))
    }
    return (result.sites, result.diagnostics.map(\.description), file)
}

/// `line kind role subject value platform` plus the optional fields that are set.
func describe(_ site: PinSite) -> String {
    var s = "\(site.line) \(site.kind.rawValue) \(site.role.rawValue) \(site.subject ?? "-") \(site.value) \(site.platform)"
    if let name = site.name { s += " name=\(name)" }
    if let op = site.op { s += " op=\(op)" }
    if let variant = site.variant { s += " variant=\(variant)" }
    if let channel = site.channel { s += " channel=\(channel)" }
    if site.heldReason != nil { s += " held" }
    if let note = site.note { s += " note=\(note)" }
    return s
}
