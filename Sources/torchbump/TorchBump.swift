import ArgumentParser
import TorchBumpKit

struct TorchBump: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "torchbump",
        abstract: "Upgrade PyTorch (and CUDA/ROCm/XPU) across every pin site of a downstream ML project.",
        discussion: """
            Exit codes: 0 success or nothing to do · 1 findings (inconsistencies, missing wheels, blocking plan \
            problems) · 2 usage or input error · 3 network or index failure.
            """,
        version: TorchBumpVersion.current,
        subcommands: []
    )
}
