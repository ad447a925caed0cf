extension ReleaseMatrix {
    /// The whole matrix as a plain-text table, one row per release; `?` marks unverified cells.
    public func renderTable() -> String {
        let header = ["torch", "date", "torchvision", "torchaudio", "triton", "python", "PyPI", "CUDA", "ROCm", "XPU"]
        let rows = releases.map { r -> [String] in
            [
                r.torch, r.date, Self.mark(r.torchvision ?? "-", r.isUncertain("torchvision")),
                Self.torchaudioCell(r), r.triton.map(Self.tritonCell) ?? "-", Self.pythonSummary(r.python),
                r.pypiCUDA?.tag ?? "-", Self.variantsCell(r, "cudaVariants", r.cudaVariants),
                Self.variantsCell(r, "rocmVariants", r.rocmVariants), Self.mark(r.xpu ? "yes" : "-", r.isUncertain("xpu")),
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var lines = all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        lines.append("")
        lines.append("? = unverified; (held) = no torchaudio matches torch, the newest usable one is shown")
        lines.append("data generated \(generated) from \(source)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One release in detail: companions, Python, variants, toolkit pins, PyTorch's arch lists and extension
    /// pairings; `?` marks unverified cells.
    public func renderRelease(_ r: TorchRelease) -> String {
        var rows: [(String, String)] = []
        var vision = Self.mark(r.torchvision ?? "none", r.isUncertain("torchvision"))
        if !r.torchvisionYanked.isEmpty { vision += " (yanked: \(r.torchvisionYanked.joined(separator: ", ")))" }
        if let note = r.torchvisionNote { vision += "; \(note)" }
        rows.append(("torchvision", vision))
        var audio = Self.torchaudioCell(r)
        if !r.torchaudioYanked.isEmpty { audio += " (yanked: \(r.torchaudioYanked.joined(separator: ", ")))" }
        if let note = r.torchaudioNote { audio += "; \(note)" }
        rows.append(("torchaudio", audio))
        rows.append(("triton", r.triton?.requirement ?? "none"))
        rows.append(("python", r.python.joined(separator: " ") + " (Requires-Python \(r.requiresPython))"))
        if let cxx = r.cxxStandard { rows.append(("C++ standard", cxx)) }
        var pypi = r.pypiCUDA?.tag ?? "none"
        let pins = [r.cudaToolkitPip.map { Self.mark($0, r.isUncertain("cudaToolkitPip")) },
                    r.cudnn.map { "cuDNN " + Self.mark($0, r.isUncertain("cudnn")) }].compactMap { $0 }
        if !pins.isEmpty { pypi += " (" + pins.joined(separator: ", ") + ")" }
        rows.append(("PyPI CUDA", pypi))
        rows.append(("CUDA indexes", Self.variantsCell(r, "cudaVariants", r.cudaVariants)))
        rows.append(("ROCm indexes", Self.variantsCell(r, "rocmVariants", r.rocmVariants)))
        rows.append(("XPU", Self.mark(r.xpu ? "yes" : "no", r.isUncertain("xpu"))))
        if !r.testOnlyVariants.isEmpty {
            rows.append(("test channel adds", Self.variantsCell(r, "testOnlyVariants", r.testOnlyVariants)))
        }
        for variant in r.cudaVariants {
            if let entry = wheelArchListEntry(torch: r.torch, variant: variant) {
                rows.append(("arch list \(variant.tag)", Self.mark(entry.archList, entry.uncertain)))
            }
        }
        for package in ["xformers", "torchao", "torchcodec"] {
            if let pairing = extensionPairing(package, for: r.torch) {
                rows.append((package, Self.mark(pairing.version, pairing.uncertain) + " (torch\(pairing.torchRequirement))"))
            }
        }
        if let notes = r.notes { rows.append(("notes", notes)) }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = ["torch \(r.torch) (\(r.date))"]
        lines += rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        if lines.contains(where: { $0.contains("?") }) { lines.append("  ? = unverified") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mark(_ text: String, _ uncertain: Bool) -> String { uncertain ? text + "?" : text }

    private static func torchaudioCell(_ r: TorchRelease) -> String {
        if let audio = r.torchaudio { return mark(audio, r.isUncertain("torchaudio")) }
        if let usable = r.torchaudioNewestUsable { return mark(usable, r.isUncertain("torchaudioNewestUsable")) + " (held)" }
        return "none"
    }

    private static func variantsCell(_ r: TorchRelease, _ field: String, _ variants: [Variant]) -> String {
        variants.isEmpty ? "-" : variants.map { mark($0.tag, r.isUncertain(field, item: $0.tag)) }.joined(separator: " ")
    }

    /// `==3.1.0 (py<3.13)`.
    static func tritonCell(_ pin: TritonPin) -> String {
        guard let marker = pin.marker else { return pin.specifier }
        let short = marker.replacingOccurrences(of: "python_version", with: "py")
            .replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: " ", with: "")
        return "\(pin.specifier) (\(short))"
    }

    /// `3.9-3.13 3.13t`: contiguous CPython minors as a range, free-threaded tags after it.
    static func pythonSummary(_ tags: [String]) -> String {
        let regular = tags.filter { !$0.hasSuffix("t") }
        let threaded = tags.filter { $0.hasSuffix("t") }
        let minors = regular.compactMap { tag -> Int? in
            let parts = tag.split(separator: ".")
            return parts.count == 2 && parts[0] == "3" ? Int(parts[1]) : nil
        }
        var head = regular.joined(separator: " ")
        if minors.count == regular.count, let first = minors.first, let last = minors.last, minors.count > 1,
           minors == Array(first...last) {
            head = "3.\(first)-3.\(last)"
        }
        return ([head] + threaded).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
