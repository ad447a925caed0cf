/// Finds pin sites in Dockerfiles: `ARG`/`ENV` values (CUDA, torch, extension versions, refs, index URLs,
/// uv settings, arch lists, images), `FROM` image tags, installer commands and `sed` pin-backs in `RUN`, and
/// versions named in comments.
public struct DockerfileScanner: SiteScanner {
    public var fileKind: FileKind { .dockerfile }

    public init() {}

    public func accepts(path: String) -> Bool {
        let name = (PathName.last(path))
        let lower = name.lowercased()
        if lower == "dockerfile" || lower.hasPrefix("dockerfile.") || lower.hasPrefix("dockerfile-")
            || lower == "containerfile" || lower.hasPrefix("containerfile.")
            || lower.hasSuffix(".dockerfile") || lower.hasSuffix("-dockerfile") {
            return !lower.hasSuffix(".dockerignore") && !lower.hasSuffix(".md")
        }
        // Files under a `docker/` folder named like Dockerfiles (`docker/cuda.Dockerfile`, `docker/Dockerfile_rocm`).
        let inDocker = path.lowercased().split(separator: "/").dropLast().contains { $0 == "docker" || $0 == "dockerfiles" }
        return inDocker && lower.contains("dockerfile") && !lower.hasSuffix(".md") && !lower.hasSuffix(".sh")
            && !lower.hasSuffix(".py") && !lower.hasSuffix(".json") && !lower.hasSuffix(".dockerignore")
    }

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let structure = DockerfileStructure(parsing: file)
        var rec = SiteCollector(file: file, fileKind: .dockerfile, platform: Self.platform(file.path, structure))
        let constants = context.config.constants
        let platform = rec.platform
        let holds = HoldComments(file: file)

        for (index, instruction) in structure.instructions.enumerated() {
            let before = rec.sites.count
            switch instruction.keyword {
            case "FROM":
                let words = ShellWords.words(instruction.arguments).filter { !$0.string.hasPrefix("--") }
                if let image = words.first {
                    ValueClassifier.image(image.value, name: nil, role: .pin, platform: platform, into: &rec)
                }
            case "ARG", "ENV":
                for decl in structure.declarations where decl.instruction == index {
                    guard let value = decl.value else { continue }
                    ValueClassifier.assignment(name: decl.name, value: value, platform: platform,
                                               constants: constants, into: &rec)
                }
            case "RUN":
                var sites = ShellScriptSites(options: .init(role: .pin, constants: constants))
                sites.record(ShellWords.parse(instruction.arguments), platform: platform, into: &rec)
                for body in instruction.heredocs {
                    var nested = ShellScriptSites(options: .init(role: .pin, comments: true, constants: constants))
                    nested.record(ShellWords.parse(body), platform: platform, into: &rec)
                }
            case "LABEL":
                // `org.opencontainers.image.description="… PyTorch 2.8.0 (CUDA 12.8 by default)"`: prose about the
                // image, read like a comment.
                for word in ShellWords.words(instruction.arguments) {
                    guard let eq = word.value.bytes.firstIndex(of: 0x3D) else { continue }
                    let value = word.value.slice((eq + 1)..<word.value.count)
                    ShellScriptSites.commentSites(value, platform: platform, into: &rec)
                }
            default:
                break
            }
            if let reason = holds.reason(before: instruction.line) {
                for i in before..<rec.sites.count where rec.sites[i].role == .pin { rec.sites[i].heldReason = reason }
            }
        }
        for comment in structure.comments {
            var text = MappedText(file: file, span: comment)
            text = text.slice(1..<text.count)
            if Self.isDirective(text.string, line: file.lineNumber(at: comment.start), structure) { continue }
            ShellScriptSites.commentSites(text, platform: platform, into: &rec)
        }
        return rec.result
    }

    /// Platform from the file name (`Dockerfile.rocm`, `Dockerfile.nightly_torch`), else cuda for a file built on
    /// `nvidia/cuda` or declaring a CUDA version, else all.
    static func platform(_ path: String, _ structure: DockerfileStructure) -> Platform {
        let fromPath = PlatformInference.platform(forPath: path)
        if fromPath != .all { return fromPath }
        let cudaBase = structure.stages.contains { $0.baseImage.contains("nvidia/cuda") || $0.baseImage.contains("/cuda:") }
        let cudaArg = structure.declarations.contains { d in
            d.name.uppercased().contains("CUDA_VERSION") && d.value.map { VersionTokens.isDotted($0.string) } == true
        }
        let cudaImageArg = structure.declarations.contains { $0.value?.string.contains("nvidia/cuda") == true }
        return cudaBase || cudaArg || cudaImageArg ? .cuda : .all
    }

    /// `# syntax=…` / `# escape=…` parser directives at the top of the file.
    static func isDirective(_ text: String, line: Int, _ structure: DockerfileStructure) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let firstInstruction = structure.instructions.first?.line ?? Int.max
        return line < firstInstruction && (t.hasPrefix("syntax=") || t.hasPrefix("escape=") || t.hasPrefix("check="))
    }
}
