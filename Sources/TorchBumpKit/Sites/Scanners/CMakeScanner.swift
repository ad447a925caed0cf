import Foundation

/// Finds torch/CUDA pins in `CMakeLists.txt` and `*.cmake`: `set(TORCH_SUPPORTED_VERSION_CUDA "2.8.0")`,
/// version constants, arch lists, `CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.8` toolkit gates and
/// `GIT_TAG` refs of `FetchContent_Declare` / `ExternalProject_Add`.
public struct CMakeScanner: SiteScanner {
    public var fileKind: FileKind { .cmake }

    public init() {}

    public func accepts(path: String) -> Bool {
        let name = PathName.last(path)
        return name == "CMakeLists.txt" || name.lowercased().hasSuffix(".cmake")
    }

    static let comparisons: Set<String> = [
        "VERSION_GREATER_EQUAL", "VERSION_GREATER", "VERSION_LESS", "VERSION_LESS_EQUAL", "VERSION_EQUAL",
    ]

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let recorder = SiteRecorder(file: file, fileKind: .cmake)
        let parsed = CMakeCommands(file)
        var result = ScanResult()
        for problem in parsed.problems {
            switch problem {
            case let .unterminatedQuote(line):
                result.diagnostics.append(RequirementsScanProblem.cmakeUnterminatedQuote
                    .diagnostic(at: SourceLocation(path: file.path, line: line)))
            case let .unterminatedCommand(name, line):
                result.diagnostics.append(RequirementsScanProblem.cmakeUnterminatedCommand(name)
                    .diagnostic(at: SourceLocation(path: file.path, line: line)))
            }
        }
        let constants = Set(context.config.constants.map { $0.uppercased() })
        for command in parsed.commands {
            switch command.name {
            case "set":
                result.sites += setSites(command, recorder: recorder, constants: constants)
            case "if", "elseif":
                result.sites += gateSites(command, recorder: recorder)
            case "fetchcontent_declare", "externalproject_add", "cpmaddpackage":
                result.sites += gitTagSites(command, recorder: recorder)
            default:
                break
            }
        }
        return result
    }

    private func setSites(_ command: CMakeCommands.Command, recorder: SiteRecorder, constants: Set<String>) -> [PinSite] {
        guard command.arguments.count >= 2 else { return [] }
        let name = command.arguments[0].text
        let upper = name.uppercased()
        var values = Array(command.arguments.dropFirst())
        // `set(VAR value CACHE STRING "doc")`
        if let cache = values.firstIndex(where: { !$0.quoted && $0.text == "CACHE" }) { values = Array(values[..<cache]) }
        if let last = values.last, !last.quoted, last.text == "PARENT_SCOPE" { values.removeLast() }
        guard let first = values.first, let last = values.last, !values.contains(where: { $0.text.contains("$") })
        else { return [] }

        if upper.contains("ARCH") {
            // One quoted list, or several unquoted items (`set(CUDA_ARCHS 7.0;8.0)` / `set(ARCHS 7.0 8.0)`).
            let span = values.count == 1 ? first.span : Span(first.span.start, last.span.end)
            let text = recorder.file[span]
            guard values.allSatisfy({ !$0.quoted }) || values.count == 1, VersionText.isArchList(text) else { return [] }
            let rocm = upper.contains("HIP") || upper.contains("ROCM") || text.lowercased().contains("gfx")
            return [recorder.site(.archList, subject: rocm ? "rocm" : "cuda", span: span,
                                  platform: rocm ? .rocm : platform(forName: upper, default: recorder.platform), name: name)]
        }
        guard values.count == 1, VersionText.isVersion(first.text) else { return [] }
        let mentionsTorch = upper.contains("TORCH")
        let isConstant = constants.contains(upper)
            || upper.contains("CUDA_VERSION") || upper.contains("ROCM_VERSION") || upper.contains("TORCH_VERSION")
        guard mentionsTorch || isConstant,
              let subject = VersionText.subject(forConstantName: name, value: first.text)
        else { return [] }
        return [recorder.site(.version, subject: subject, span: first.span,
                              platform: platform(forName: upper, default: recorder.platform), name: name)]
    }

    /// `…_CUDA` → cuda, `…_ROCM`/`…_HIP` → rocm, else the file's platform.
    private func platform(forName upper: String, default fallback: Platform) -> Platform {
        if upper.contains("ROCM") || upper.contains("HIP") { return .rocm }
        if upper.contains("CUDA") { return .cuda }
        return fallback
    }

    private func gateSites(_ command: CMakeCommands.Command, recorder: SiteRecorder) -> [PinSite] {
        var sites: [PinSite] = []
        let args = command.arguments
        for (k, arg) in args.enumerated() where !arg.quoted && Self.comparisons.contains(arg.text) {
            guard k > 0, k + 1 < args.count else { continue }
            let left = args[k - 1].text.uppercased()
            let right = args[k + 1]
            guard VersionText.isVersion(right.text) else { continue }
            if left.contains("CUDA") {
                sites.append(recorder.site(.version, subject: "cuda", span: right.span, platform: .cuda,
                                           name: args[k - 1].text, op: arg.text, note: "toolkit gate"))
            } else if left.contains("HIP") || left.contains("ROCM") {
                sites.append(recorder.site(.version, subject: "rocm", span: right.span, platform: .rocm,
                                           name: args[k - 1].text, op: arg.text, note: "toolkit gate"))
            } else if left.contains("TORCH") {
                sites.append(recorder.site(.version, subject: "torch", span: right.span, name: args[k - 1].text,
                                           op: arg.text, note: "version gate"))
            }
        }
        return sites
    }

    private func gitTagSites(_ command: CMakeCommands.Command, recorder: SiteRecorder) -> [PinSite] {
        let args = command.arguments
        guard let first = args.first else { return [] }
        var subject = first.text.lowercased()
        if command.name == "cpmaddpackage", let nameIndex = args.firstIndex(where: { $0.text == "NAME" }),
           nameIndex + 1 < args.count {
            subject = args[nameIndex + 1].text.lowercased()
        }
        var sites: [PinSite] = []
        for (k, arg) in args.enumerated() where !arg.quoted && arg.text == "GIT_TAG" {
            guard k + 1 < args.count else { continue }
            let value = args[k + 1]
            guard !value.text.isEmpty, !value.text.contains("$") else { continue }
            sites.append(recorder.site(.gitRef, subject: subject, span: value.span, name: "GIT_TAG"))
        }
        return sites
    }
}
