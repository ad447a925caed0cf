import ArgumentParser
import TorchBumpKit

extension TorchBump {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report inconsistent pins (companions, variants, CMake vs build requirements, stale locks, RC leftovers).",
            discussion: """
                Rules: \(ConsistencyRule.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ")).

                Text output is `path:line: severity: message [rule]` sorted by path and line, then a summary. \
                --format json prints {"schema": 1, "findings": [{rule, severity, message, path, line, column, \
                related: [{path, line}]}], "diagnostics": [...]}; --format github prints workflow annotations. \
                Notes (e.g. pins held back on purpose) never fail the check.

                Exit codes: 0 consistent (notes only) · 1 an error or warning finding · 2 input error (nothing \
                could be scanned, bad configuration).
                """)

        @OptionGroup var repo: RepoOptions
        @Option(name: .long, help: "Output format: text, json or github (workflow annotations).")
        var format: OutputFormat = .text

        func validate() throws { try requireFormat(format, in: [.text, .json, .github], command: "check") }

        func run() async throws {
            let loaded = try LoadedRepository.load(repo.path)
            let loadedMatrix = try loadReleaseMatrix()
            let findings = ConsistencyChecker().check(loaded.inventory, matrix: loadedMatrix.matrix)
            let diagnostics = loadedMatrix.warnings + loaded.inventory.diagnostics
            switch format {
            case .json:
                Terminal.out(try CheckReport.json(findings, diagnostics: diagnostics))
            case .github:
                Terminal.out(CheckReport.github(findings, diagnostics: diagnostics))
            default:
                printDiagnostics(diagnostics)
                Terminal.out(CheckReport.text(findings))
            }
            if loaded.nothingScanned { throw ExitStatus.usage.exitCode }
            if findings.contains(where: \.isFailure) { throw ExitStatus.findings.exitCode }
        }
    }
}
