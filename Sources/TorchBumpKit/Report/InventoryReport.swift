import Foundation

/// Renders an inventory as text (grouped by platform and kind) or as the documented JSON document.
public enum InventoryReport {
    /// JSON schema version of `torchbump scan --format json`.
    public static let schema = 1

    public static func text(_ inventory: Inventory, repoName: String) -> String {
        let state = RepositoryStateInference.infer(from: inventory.sites)
        var out = ""
        let files = Set(inventory.sites.map(\.path)).count
        var summary: [String] = []
        if let t = state.torch { summary.append("torch \(t)") }
        if let c = state.cuda { summary.append("CUDA \(c)") }
        if let r = state.rocm { summary.append("ROCm \(r)") }
        if inventory.sites.isEmpty {
            out += "\(repoName): no PyTorch pin sites found (\(inventory.filesScanned) files scanned)\n"
        } else {
            out += "\(repoName): \(inventory.sites.count) pin sites in \(files) files"
            out += summary.isEmpty ? "\n" : " (\(summary.joined(separator: ", ")))\n"
        }
        let byPlatform = Dictionary(grouping: inventory.sites, by: \.platform)
        for platform in byPlatform.keys.sorted() {
            let sites = byPlatform[platform]!
            out += "\n\(platform) (\(sites.count))\n"
            let byKind = Dictionary(grouping: sites, by: \.kind)
            for kind in SiteKind.allCases where byKind[kind] != nil {
                out += "  \(kind.rawValue)\n"
                for site in byKind[kind]! {
                    out += "    " + line(site) + "\n"
                }
            }
        }
        if !inventory.diagnostics.isEmpty {
            out += "\ndiagnostics\n"
            for d in inventory.diagnostics { out += "  \(d)\n" }
        }
        return out
    }

    static func line(_ site: PinSite) -> String {
        let loc = "\(site.path):\(site.line)"
        var what = site.subject ?? ""
        if site.kind == .requirement { what += (site.op ?? "") + site.value } else {
            what += what.isEmpty ? site.value : " \(site.value)"
        }
        if let name = site.name, site.kind != .requirement { what = "\(name): " + what }
        var tags: [String] = []
        if site.role != .pin { tags.append(site.role.rawValue) }
        if let v = site.variant, site.kind != .variant, site.kind != .extraName { tags.append(v.tag) }
        if let c = site.channel, c != .release { tags.append(c.rawValue) }
        if let held = site.heldReason { tags.append("held: \(held)") }
        if let note = site.note { tags.append(note) }
        if let generator = site.generator { tags.append("regenerate: \(generator.command ?? "with its generator")") }
        if let group = site.group { tags.append(group) }
        let padded = loc.padding(toLength: max(loc.count, 44), withPad: " ", startingAt: 0)
        return padded + " " + what + (tags.isEmpty ? "" : "  [\(tags.joined(separator: "; "))]")
    }

    struct Document: Codable {
        var schema: Int
        var root: String
        var filesScanned: Int
        var state: RepositoryState
        var sites: [PinSite]
        var diagnostics: [Diagnostic]
    }

    public static func json(_ inventory: Inventory) throws -> String {
        let doc = Document(schema: schema, root: inventory.root.path, filesScanned: inventory.filesScanned,
                           state: RepositoryStateInference.infer(from: inventory.sites),
                           sites: inventory.sites, diagnostics: inventory.diagnostics)
        return try encodeJSON(doc)
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
