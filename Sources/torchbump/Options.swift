import ArgumentParser
import TorchBumpKit

/// The repository to work on.
struct RepoOptions: ParsableArguments {
    @Argument(help: "Path to the repository (default: current directory).")
    var path: String = "."
}

/// What to upgrade to.
struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: "Target torch version, e.g. 2.7.0 (release candidates carry the final number).")
    var torch: String?

    @Option(name: .long, help: "Move the main CUDA to X.Y (e.g. 12.8).")
    var cuda: String?

    @Option(name: .long, help: "Move ROCm to X.Y[.Z] (e.g. 6.3).")
    var rocm: String?

    @Option(name: .long, help: "Wheel channel: release, test (release candidates), nightly.")
    var channel: Channel = .release

    @Option(name: .long, help: "Comma-separated platforms to change: cuda,cpu,rocm,xpu,tpu,hpu,neuron,arm,ppc64le,s390x.")
    var platform: String?

    func validate() throws {
        if let torch, Version(torch) == nil {
            throw ValidationError("--torch \(torch) is not a valid PEP 440 version")
        }
        if let cuda, Variant(cudaVersion: cuda) == nil {
            throw ValidationError("--cuda \(cuda) is not a CUDA version like 12.8")
        }
        if let rocm, Variant(tag: "rocm" + rocm) == nil {
            throw ValidationError("--rocm \(rocm) is not a ROCm version like 6.3 or 6.2.4")
        }
        if let platform {
            let parsed = Platform.parseList(platform)
            if !parsed.unknown.isEmpty {
                throw ValidationError("unknown platform(s) in --platform: \(parsed.unknown.joined(separator: ", "))")
            }
        }
    }

    var platforms: [Platform]? { platform.map { Platform.parseList($0).platforms } }
}

/// Network behaviour shared by the commands that may reach an index.
struct NetworkOptions: ParsableArguments {
    @Flag(name: .long, help: "Use only bundled and cached knowledge; never touch the network.")
    var offline = false

    @Option(name: .long, help: "PyTorch wheel index base (default https://download.pytorch.org/whl).")
    var indexBase: String?

    @Option(name: .long, help: "PyPI-compatible index (default: from uv/pip settings).")
    var indexURL: String?
}

/// Output format (each command accepts a subset).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, diff, markdown, dockerfile, buildkite, html
}

extension Channel: ExpressibleByArgument {}

/// Parses a comma-separated list option.
func commaList(_ text: String?) -> [String] {
    (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

func requireFormat(_ format: OutputFormat, in allowed: [OutputFormat], command: String) throws {
    guard allowed.contains(format) else {
        throw ValidationError(
            "`torchbump \(command)` supports --format \(allowed.map(\.rawValue).joined(separator: "|")), not \(format.rawValue)")
    }
}
