/// Finds pins in conda environment files (`environment.yml`, `environment-cuda.yaml`, `conda/*.yml`, `envs/*.yml`):
/// conda specs of the torch family and toolkits under `dependencies:` (`pytorch=2.8.0`, `torchvision==0.23.0`,
/// `pytorch-cuda=12.4`, `cuda-version=12.6`, `python=3.11`), and the `pip:` section's requirements and index options,
/// read like a requirements file. Spans cover the version only, so a plan rewrites it in place.
public struct CondaEnvironmentScanner: SiteScanner {
    public var fileKind: FileKind { .conda }

    public init() {}

    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else { return false }
        let name = PathName.last(lower)
        if name.hasPrefix("environment") || name.hasPrefix("conda") || name.hasPrefix("env-") || name.hasPrefix("env.") {
            return true
        }
        let parts = lower.split(separator: "/").dropLast()
        return parts.contains { $0 == "envs" || $0 == "conda" || $0 == "environments" }
    }

    public func prefilter(context: ScanContext) -> [String]? { ["dependencies"] }

    /// conda package names → the subject torchbump tracks.
    static let condaSubjects: [String: String] = [
        "pytorch": "torch", "pytorch-gpu": "torch", "pytorch-cpu": "torch", "torchvision": "torchvision",
        "torchaudio": "torchaudio", "triton": "triton", "xformers": "xformers", "torchao": "torchao",
    ]
    /// conda packages whose version is a toolkit's.
    static let toolkitPackages: [String: String] = [
        "pytorch-cuda": "cuda", "cuda-version": "cuda", "cudatoolkit": "cuda", "cuda-toolkit": "cuda",
        "cuda-nvcc": "cuda", "cuda": "cuda", "python": "python",
    ]

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        var rec = SiteCollector(file: file, fileKind: .conda, platform: PlatformInference.platform(forPath: file.path))
        var inDependencies = false
        var inChannels = false
        var channels: [String] = []
        var dependencyIndent = -1
        var pipIndent: Int?
        for n in 1...max(file.lineCount, 1) where n <= file.lineCount {
            let span = file.lineSpan(n)
            let bytes = Array(file.bytes[span.start..<span.end])
            let indent = bytes.prefix { $0 == 0x20 }.count
            let body = bytes.dropFirst(indent)
            guard let first = body.first, first != 0x23 else { continue }  // blank or comment
            if indent == 0 {
                inDependencies = body.starts(with: Array("dependencies:".utf8))
                inChannels = body.starts(with: Array("channels:".utf8))
                pipIndent = nil
                continue
            }
            if inChannels, first == 0x2D {
                let channel = String(decoding: body.dropFirst(), as: UTF8.self).split(separator: "#").first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                if !channel.isEmpty { channels.append(channel.lowercased()) }
                continue
            }
            guard inDependencies, first == 0x2D else {
                if let p = pipIndent, indent <= p { pipIndent = nil }
                continue
            }
            // `- item` of the dependencies list, or of a nested `pip:` list.
            if dependencyIndent < 0 { dependencyIndent = indent }
            if let p = pipIndent, indent <= p { pipIndent = nil }
            var start = span.start + indent + 1
            while start < span.end, file.bytes[start] == 0x20 { start += 1 }
            var end = span.end
            if let hash = Self.commentStart(file.bytes, from: start, to: end) { end = hash }
            while end > start, file.bytes[end - 1] == 0x20 || file.bytes[end - 1] == 0x09 { end -= 1 }
            guard end > start else { continue }
            let item = MappedText(file: file, span: Span(start, end))
            let text = item.string
            if text == "pip:" { pipIndent = indent; continue }
            if pipIndent != nil {
                pipItem(item, into: &rec)
            } else if indent == dependencyIndent {
                condaSpec(item, channels: channels, into: &rec)
            }
        }
        return rec.result
    }

    /// `pytorch=2.8.0`, `pytorch==2.8.0=py3.11_cuda12.4_0`, `pytorch::pytorch>=2.6`, `conda-forge::cuda-version=12.6`.
    private func condaSpec(_ item: MappedText, channels: [String], into rec: inout SiteCollector) {
        var b = item.bytes
        var offset = 0
        // The channel the package comes from: `channel::name`, else the first listed channel that is not `nvidia`.
        var channel = channels.first { $0 != "nvidia" } ?? "defaults"
        if let colons = ByteSearch.find("::", in: b, range: 0..<b.count) {
            channel = String(decoding: b[0..<colons], as: UTF8.self).lowercased()
            offset = colons + 2
            b = Array(b[offset...])
        }
        let note = "conda channel \(channel)"
        let nameEnd = b.firstIndex { !(ASCII.isAlnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E) } ?? b.count
        let name = String(decoding: b[0..<nameEnd], as: UTF8.self).lowercased()
        var j = nameEnd
        while j < b.count, b[j] == 0x20 { j += 1 }
        let opStart = j
        while j < b.count, [0x3D, 0x3E, 0x3C, 0x21, 0x7E].contains(b[j]) { j += 1 }
        var op = String(decoding: b[opStart..<j], as: UTF8.self)
        while j < b.count, b[j] == 0x20 { j += 1 }
        let vStart = j
        while j < b.count, ASCII.isAlnum(b[j]) || b[j] == 0x2E || b[j] == 0x2B { j += 1 }
        guard j > vStart, !op.isEmpty, let span = item.fileSpan((offset + vStart)..<(offset + j)) else { return }
        let value = String(decoding: b[vStart..<j], as: UTF8.self)
        if op == "=" { op = "==" }  // conda's `=2.8.0` pins that release (and `=2.8` the 2.8 series)
        if let subject = Self.condaSubjects[name], VersionText.isVersion(value) {
            let platform: Platform? = name == "pytorch-cpu" ? .cpu : nil
            // `pytorch=2.8` pins a series: a bare version that keeps its precision when it moves.
            let series = op == "==" && value.split(separator: ".").count < 3
            rec.add(series ? .version : .requirement, role: .pin, subject: subject, span: span, platform: platform,
                    name: name, op: series ? nil : op, note: note)
        } else if let subject = Self.toolkitPackages[name], VersionTokens.isDotted(value) {
            let platform: Platform? = subject == "cuda" ? PlatformRefinement.refine(rec.platform, with: .cuda) : nil
            rec.add(.version, role: .pin, subject: subject, span: span, platform: platform, name: name,
                    op: subject == "python" ? (op == "==" ? nil : op) : nil, note: subject == "python" ? nil : note)
        }
    }

    /// A `pip:` item: a requirement (`torch==2.8.0`) or an index option (`--extra-index-url …/whl/cu126`).
    private func pipItem(_ item: MappedText, into rec: inout SiteCollector) {
        let text = item.string
        for option in ["--extra-index-url", "--index-url", "-i", "--find-links", "-f"] {
            if text.hasPrefix(option + " ") || text.hasPrefix(option + "=") {
                var k = option.utf8.count
                while k < item.count, item.bytes[k] == 0x20 || item.bytes[k] == 0x3D { k += 1 }
                ValueClassifier.indexURL(item.slice(k..<item.count), name: option, role: .pin, platform: rec.platform,
                                         into: &rec)
                return
            }
        }
        guard let first = item.bytes.first, ASCII.isAlnum(first) else { return }
        InlineRequirementSites.record(item, role: .pin, platform: rec.platform, into: &rec)
    }

    /// The `#` that starts a YAML comment (after a blank) in `bytes[from..<to]`, if any.
    static func commentStart(_ bytes: [UInt8], from: Int, to: Int) -> Int? {
        var i = from
        while i < to {
            if bytes[i] == 0x23, i == from || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 { return i }
            i += 1
        }
        return nil
    }
}
