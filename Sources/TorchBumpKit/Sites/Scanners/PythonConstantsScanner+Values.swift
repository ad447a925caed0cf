/// Values of Python code that are not version constants: index URLs anywhere in a string literal
/// (`session.install(…, "--index-url", "https://download.pytorch.org/whl/cu126")`, a base `TORCH_INDEX = "…/whl"`),
/// versioned PyTorch docs URLs in a Sphinx `conf.py` (intersphinx), variant tags held by a name or a backend key
/// (`"rocm": "rocm6.3"`), and assertions on the CUDA of the installed build (`torch.version.cuda == '12.6'`).
extension PythonConstantsScanner {
    /// Flags of install commands whose next argument is an index.
    static let indexFlags: Set<String> = ["--index-url", "--extra-index-url", "-i", "--find-links", "-f", "--index"]

    /// Index URLs and (in `conf.py`) PyTorch docs URLs in the string literals of one line.
    func urlSites(_ code: String, strings: PythonStringLiterals, lineStart: Int, recorder: SiteRecorder,
                  taken: Set<Span>) -> [PinSite] {
        var collector = SiteCollector(file: recorder.file, fileKind: .python, platform: recorder.platform)
        let path = recorder.file.path
        let isSphinxConf = path == "conf.py" || path.hasSuffix("/conf.py")
        var assigned: String??
        for (k, literal) in strings.literals.enumerated() where literal.value.contains("://") {
            let bytes = Array(literal.value.utf8)
            var i = 0
            while i < bytes.count {
                guard !ASCII.isSpace(bytes[i]) else { i += 1; continue }
                var end = i
                while end < bytes.count, !ASCII.isSpace(bytes[end]) { end += 1 }
                defer { i = end }
                let token = String(decoding: bytes[i..<end], as: UTF8.self)
                // An f-string's `{…}` part is computed (`f"{TORCH_INDEX}/{variant}"`); a `.whl` is a wheel, not an index.
                guard token.contains("://"), !(literal.isFormatted && token.contains("{")), !token.hasSuffix(".whl")
                else { continue }
                let start = lineStart + literal.span.start + i
                let span = Span(start, start + token.utf8.count)
                guard !taken.contains(where: { $0.overlaps(span) }) else { continue }
                if isSphinxConf, let (subject, range) = Self.docsVersion(in: token) {
                    collector.add(.version, subject: subject,
                                  span: Span(start + range.lowerBound, start + range.upperBound), name: "docs URL")
                    continue
                }
                // The name: the flag before it (same literal or the previous argument), else the assigned constant.
                var name: String?
                let inLiteral = String(decoding: bytes[..<i], as: UTF8.self).split(separator: " ").last.map(String.init)
                if let flag = inLiteral, Self.indexFlags.contains(flag) { name = flag }
                else if k > 0, Self.indexFlags.contains(strings.literals[k - 1].value),
                        strings.code(between: strings.literals[k - 1], literal).trimmingCharacters(in: .whitespaces) == "," {
                    name = strings.literals[k - 1].value
                }
                if name == nil {
                    if assigned == nil { assigned = .some(Self.assignedName(code)) }
                    name = assigned ?? nil
                }
                ValueClassifier.indexURL(MappedText(file: recorder.file, span: span), name: name ?? "index URL",
                                         role: .pin, platform: recorder.platform, into: &collector)
            }
        }
        return collector.sites
    }

    /// `https://docs.pytorch.org/docs/2.8/`, `https://pytorch.org/vision/0.23/`: the package the docs are of and the
    /// byte range of the version segment in `url`.
    static func docsVersion(in url: String) -> (String, Range<Int>)? {
        let bytes = Array(url.utf8)
        let host = Array("pytorch.org/".utf8)
        guard let at = (0...max(0, bytes.count - host.count)).first(where: { bytes.count >= host.count && bytes[$0..<($0 + host.count)].elementsEqual(host) })
        else { return nil }
        let path = bytes[(at + host.count)...]
        let segments = path.split(separator: 0x2F, maxSplits: 2, omittingEmptySubsequences: false)
        guard segments.count >= 2 else { return nil }
        let first = String(decoding: segments[0], as: UTF8.self).lowercased()
        let subject = first == "docs" ? "torch" : PackageAliases.package(forVariablePrefix: first)
        guard let subject, ["torch", "torchvision", "torchaudio"].contains(subject),
              VersionText.isVersion(String(decoding: segments[1], as: UTF8.self)) else { return nil }
        return (subject, segments[1].startIndex..<segments[1].endIndex)
    }

    /// CUDA and ROCm variant tags held by a name or a key: `TORCH_VARIANT = "cu126"`, `"rocm": "rocm6.3"` (the value
    /// of a backend dict), `("cuda", "cu126")` pairs. A key that is itself a tag (`"cu126": …`) is a label: it names
    /// the backend callers select (`nox -s "gpu(backend='cu126')"`), not what is installed. Tags compared in a
    /// condition (`if backend == "cu126"`) and list items are not sites.
    func variantSites(_ code: String, strings: PythonStringLiterals, lineStart: Int, recorder: SiteRecorder,
                      taken: Set<Span>) -> [PinSite] {
        var sites: [PinSite] = []
        let literals = strings.literals
        for (k, literal) in literals.enumerated() where !literal.isFormatted {
            guard literal.value.count <= 9, let variant = Variant(tag: literal.value), variant.isCUDA || variant.isROCm
            else { continue }
            let span = literal.span.shifted(by: lineStart)
            guard !taken.contains(span) else { continue }
            let before = strings.code(before: literal).trimmingCharacters(in: .whitespaces)
            let next = k + 1 < literals.count ? literals[k + 1] : nil
            let after = strings.bytes[literal.outer.end...].first { $0 != 0x20 && $0 != 0x09 }
            let platform = PlatformRefinement.refine(recorder.platform, with: variant.platform)
            if let next, strings.code(between: literal, next).trimmingCharacters(in: .whitespaces) == ":" {
                sites.append(recorder.site(.variant, .label, subject: nil, span: span, platform: platform,
                                           variant: variant, name: "dict key", note: "dict key"))
            } else if k > 0, before == ":" || before == "," && after == UInt8(ascii: ")")
                        && strings.code(before: literals[k - 1]).trimmingCharacters(in: .whitespaces).hasSuffix("(") {
                sites.append(recorder.site(.variant, subject: nil, span: span, platform: platform, variant: variant,
                                           name: literals[k - 1].value))
            } else if k == 0, Self.isDirectAssignment(before), let name = Self.assignedName(code) {
                sites.append(recorder.site(.variant, subject: nil, span: span, platform: platform, variant: variant,
                                           name: name))
            }
        }
        return sites
    }

    /// `assert torch.version.cuda == '12.6'` (also inside a `python -c "…"` argument): the CUDA of the build the
    /// project installs, which follows the main CUDA like torch version assertions follow torch.
    func cudaAssertionSites(_ code: String, lineStart: Int, recorder: SiteRecorder, taken: Set<Span>) -> [PinSite] {
        guard code.contains("version.cuda") else { return [] }
        return TorchVersionAssertion.versions(in: Array(code.utf8), attribute: "torch.version.cuda").compactMap { range in
            let span = Span(lineStart + range.lowerBound, lineStart + range.upperBound)
            guard !taken.contains(where: { $0.overlaps(span) }) else { return nil }
            return recorder.site(.version, subject: "cuda", span: span, platform: .cuda, name: "torch.version.cuda",
                                 note: "version assertion")
        }
    }
}
