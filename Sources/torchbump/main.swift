import ArgumentParser
import Foundation
import TorchBumpKit

// Parse and run by hand so that usage errors exit 2 (ArgumentParser's default is 64), as documented.
func runAsync(_ command: inout any AsyncParsableCommand) async throws {
    try await command.run()
}

do {
    var command = try await TorchBump.asyncParseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsync(&asyncCommand)
    } else {
        try command.run()
    }
} catch {
    Terminal.flush()
    let code = TorchBump.exitCode(for: error)
    if code == .success || error is ExitCode || error is CleanExit {
        TorchBump.exit(withError: error)
    } else if code == .validationFailure {
        FileHandle.standardError.write(Data((TorchBump.fullMessage(for: error) + "\n").utf8))
        exit(ExitStatus.usage.rawValue)
    } else if let failure = error as? CommandFailure {
        FileHandle.standardError.write(Data(("error: " + failure.message + "\n").utf8))
        exit(failure.status.rawValue)
    } else {
        FileHandle.standardError.write(Data(("error: " + error.localizedDescription + "\n").utf8))
        exit(ExitStatus.usage.rawValue)
    }
}
