import Foundation

extension ProbeReport {
    /// A plain-text matrix: one block per package, one line per variant, one column per Python × architecture;
    /// `✓ <sha256 prefix>` for present wheels, `missing`, `unknown`, `n/a`, `FAILED`; then the details.
    public func renderText() -> String {
        var lines: [String] = []
        let channelText = spec.channel == .release ? "release" : spec.channel.rawValue
        lines.append("torch \(spec.torch) · \(channelText) channel · \(redact(spec.pytorchBase))"
            + (spec.pypiIndex.map { " · PyPI-compatible index \(redact($0))" } ?? ""))
        if offline {
            lines.append("offline: nothing was fetched; every answer comes from the HTTP cache")
        }
        if let unresolved {
            lines.append("")
            lines.append("nothing checked: \(unresolved)")
        }
        let columns = spec.arches.flatMap { arch in spec.pythons.map { "\($0)/\(arch)" } }
        if !rows.isEmpty {
            let labelWidth = max(12, rows.map { $0.variant.tag.count + 2 }.max() ?? 0)
            let cellTexts = rows.map { $0.cells.map(Self.cellText) }
            let widths = columns.indices.map { i in
                max(columns[i].count, cellTexts.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0)
            }
            func line(_ label: String, _ cells: [String]) -> String {
                var s = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                for (i, c) in cells.enumerated() {
                    s += "  " + (i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0))
                }
                return s
            }
            lines.append("")
            lines.append(line("", columns))
            var previous: String?
            for (row, texts) in zip(rows, cellTexts) {
                let heading = "\(row.package) \(row.version)" + (row.note.map { "  (\($0))" } ?? "")
                if heading != previous {
                    lines.append(heading)
                    previous = heading
                }
                lines.append(line("  " + row.variant.tag, texts))
            }
        }

        let problems = cells.filter { !$0.cell.status.isPresent && !($0.cell.status.kind == "not-applicable") }
        if !problems.isEmpty {
            lines.append("")
            let missingCount = missing.count, unknownCount = unknown.count
            var counts: [String] = []
            if missingCount > 0 { counts.append("\(missingCount) missing") }
            if unknownCount > 0 { counts.append("\(unknownCount) unknown") }
            let failedCount = problems.count - missingCount - unknownCount
            if failedCount > 0 { counts.append("\(failedCount) failed") }
            lines.append(counts.joined(separator: ", ") + " of \(cells.filter { $0.cell.status.kind != "not-applicable" }.count) wheels:")
            // One line per row and reason, listing the Python/arch cells it applies to.
            var groups: [(key: String, cells: [String])] = []
            for (row, cell) in problems {
                let key = "\(row.package) \(row.version) \(row.variant.tag): \(cell.status.kind): \(cell.status.reason ?? "")"
                if let i = groups.firstIndex(where: { $0.key == key }) {
                    groups[i].cells.append("\(cell.python)/\(cell.arch)")
                } else {
                    groups.append((key, ["\(cell.python)/\(cell.arch)"]))
                }
            }
            for g in groups { lines.append("  \(g.key) [\(g.cells.joined(separator: ", "))]") }
        }
        if !respins.isEmpty {
            lines.append("")
            lines.append("release candidates re-spun under the same filename (what you tested is not what is served now):")
            for r in respins { lines.append("  " + r.description) }
        }
        if !failures.isEmpty {
            lines.append("")
            lines.append("index failures (availability not established):")
            for f in failures { lines.append("  " + (f.errorDescription ?? f.url)) }
        }
        if outcome == .allPresent {
            lines.append("")
            lines.append("all \(cells.filter { $0.cell.status.isPresent }.count) requested wheels are present")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cellText(_ cell: ProbeCell) -> String {
        switch cell.status {
        case .present(_, let sha, _): return "✓ " + (sha.map { String($0.prefix(8)) } ?? "(no sha256)")
        case .missing: return "missing"
        case .unknown: return "unknown"
        case .notApplicable: return "n/a"
        case .failed: return "FAILED"
        }
    }

    /// The report as JSON (stable keys, documented in the README's JSON shapes).
    public func renderJSON() throws -> String {
        let document = JSONReport(
            torch: spec.torch.description, channel: spec.channel.rawValue, pytorchBase: redact(spec.pytorchBase),
            pypiIndex: spec.pypiIndex.map(redact), offline: offline, outcome: outcome.rawValue,
            variants: variants.map(\.tag), pythons: spec.pythons, arches: spec.arches,
            packages: spec.packages, unresolved: unresolved,
            rows: rows.map { row in
                JSONRow(package: row.package, version: row.version, variant: row.variant.tag, page: row.page,
                        note: row.note, cells: row.cells.map { cell in
                            var c = JSONCell(python: cell.python, arch: cell.arch, status: cell.status.kind,
                                             reason: cell.status.reason)
                            if case let .present(filename, sha256, url) = cell.status {
                                c.filename = filename
                                c.sha256 = sha256
                                c.url = url
                            }
                            return c
                        })
            },
            respins: respins, summary: summary, failures: failures.map { $0.errorDescription ?? $0.url },
            diagnostics: diagnostics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    private struct JSONReport: Encodable {
        var torch: String
        var channel: String
        var pytorchBase: String
        var pypiIndex: String?
        var offline: Bool
        var outcome: String
        var variants: [String]
        var pythons: [String]
        var arches: [String]
        var packages: [ProbePackage]
        var unresolved: String?
        var rows: [JSONRow]
        var respins: [RCRespin]
        var summary: [String: Int]
        var failures: [String]
        var diagnostics: [Diagnostic]
    }

    private struct JSONRow: Encodable {
        var package: String
        var version: String
        var variant: String
        var page: String
        var note: String?
        var cells: [JSONCell]
    }

    private struct JSONCell: Encodable {
        var python: String
        var arch: String
        var status: String
        var reason: String?
        var filename: String?
        var sha256: String?
        var url: String?
    }
}
