import ArgumentParser
import TorchBumpKit

struct TorchBump: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "torchbump",
        abstract: "Upgrade PyTorch (and CUDA/ROCm/XPU) across every pin site of a downstream ML project.",
        discussion: """
            Typical flow: `scan` (inventory) → `check` (consistency) → `probe` (are the wheels there?) → \
            `plan` (dry-run diff) → `apply` (write) → `deps` (extension builds) → `ci` / `report`.

            Exit codes: 0 success or nothing to do · 1 findings (inconsistencies, missing wheels, blocking plan \
            problems) · 2 usage or input error · 3 network or index failure.
            """,
        version: TorchBumpVersion.current,
        subcommands: [
            Scan.self, Check.self, Plan.self, Apply.self, Matrix.self, Probe.self, Deps.self, CI.self, Report.self,
            Watch.self,
        ]
    )
}

/// The documented exit statuses.
enum ExitStatus: Int32 {
    case success = 0, findings = 1, usage = 2, network = 3
    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// An error the CLI reports with a message and a documented exit status.
struct CommandFailure: Error {
    var message: String
    var status: ExitStatus
}

/// Thrown by subcommands whose issue has not landed yet: says so and exits 2, never pretends.
func notImplemented(_ name: String) -> CommandFailure {
    CommandFailure(
        message: "`torchbump \(name)` is not implemented yet in torchbump \(TorchBumpVersion.current).",
        status: .usage)
}
