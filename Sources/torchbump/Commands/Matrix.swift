import ArgumentParser
import Foundation
import TorchBumpKit

extension TorchBump {
    struct Matrix: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show PyTorch's release matrix (companions, CUDA/ROCm variants, Python), or refresh it from the indexes.",
            discussion: """
                Data comes from the refreshed copy in the user cache ($XDG_CACHE_HOME/torchbump/release-matrix.json) \
                when present and valid, else from the data bundled with torchbump. Cells marked `?` are unverified.
                Exit codes: 0 ok · 2 unknown version · 3 network failure (--refresh).
                """)

        @Argument(help: "A torch version to show (default: the whole table).") var version: String?
        @Flag(name: .long, help: "Rebuild the data from the live indexes into the user cache and print what changed.")
        var refresh = false
        @OptionGroup var network: NetworkOptions
        @Option(name: .long, help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            try requireFormat(format, in: [.text, .json], command: "matrix")
            if refresh && network.offline { throw ValidationError("--refresh needs the network; drop --offline") }
        }

        func run() async throws {
            if refresh { return try await runRefresh() }
            let loaded = try loadReleaseMatrix()
            printDiagnostics(loaded.warnings)
            let matrix = loaded.matrix
            if let version {
                guard let release = matrix.release(version) else {
                    throw CommandFailure(
                        message: "torch \(version) is not in the release matrix (newest known: \(matrix.newestRelease.torch)); try `torchbump matrix --refresh`",
                        status: .usage)
                }
                if format == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    Terminal.out(String(decoding: try encoder.encode(release), as: UTF8.self))
                } else {
                    Terminal.out(matrix.renderRelease(release))
                }
            } else if format == .json {
                Terminal.out(String(decoding: try matrix.encodedJSON(), as: UTF8.self))
            } else {
                Terminal.out(matrix.renderTable())
            }
        }

        /// `--refresh`: rebuild the data from the live indexes into the user cache and print what changed relative
        /// to the bundled data. Exit 3 when an index cannot be read; unreadable metadata files are warnings.
        private func runRefresh() async throws {
            let config = IndexConfiguration.discover(
                flags: .init(indexURL: network.indexURL, indexBase: network.indexBase))
            printDiagnostics(config.diagnostics)
            let pypi = config.defaultIndex?.url ?? "https://pypi.org/simple"
            guard let pypiURL = URL(string: pypi), pypiURL.scheme != nil else {
                throw CommandFailure(message: "not an absolute index URL: \(redact(pypi))", status: .usage)
            }
            let bundled: ReleaseMatrix
            do {
                bundled = try ReleaseMatrix.bundled()
            } catch {
                throw CommandFailure(message: "release matrix: \(error.localizedDescription)", status: .usage)
            }
            let client = IndexClient.standard(pytorchBase: config.pytorchBase.url)
            let refresh = MatrixRefresh(client: client, pypiIndex: pypiURL, pytorchBase: config.pytorchBase.url,
                                        bundled: bundled)
            let result: MatrixRefreshResult
            do {
                result = try await refresh.run()
            } catch let error as IndexError {
                throw CommandFailure(message: "matrix refresh: \(error.localizedDescription)", status: .network)
            } catch let error as MatrixError {
                throw CommandFailure(message: "matrix refresh: \(error.localizedDescription)", status: .usage)
            }
            let file: URL
            do {
                file = try result.write(cacheDirectory: ReleaseMatrix.defaultCacheDirectory())
            } catch {
                throw CommandFailure(message: "cannot write the refreshed matrix: \(error.localizedDescription)",
                                     status: .usage)
            }
            if format == .json {
                Terminal.out(try RefreshReport(result: result, file: file.path).json())
            } else {
                var lines = ["refreshed release matrix written to \(file.path)",
                             "re-read \(result.refreshed.count) known release(s); added: "
                                + (result.added.isEmpty ? "none" : result.added.joined(separator: ", ")),
                             ""]
                if result.changes.isEmpty {
                    lines.append("no changes from the bundled data")
                } else {
                    lines.append("\(result.changes.count) change(s) from the bundled data:")
                    lines += result.changes.map { "  \($0)" }
                }
                Terminal.out(lines.joined(separator: "\n"))
                for d in result.diagnostics where d.severity != .note { Terminal.err(d.description) }
            }
        }
    }
}

/// The JSON shape of `matrix --refresh --format json`.
private struct RefreshReport: Encodable {
    struct Change: Encodable {
        var kind: String
        var path: String
        var old: String?
        var new: String?
    }

    var file: String
    var refreshed: [String]
    var added: [String]
    var changes: [Change]
    var diagnostics: [Diagnostic]

    init(result: MatrixRefreshResult, file: String) {
        self.file = file
        refreshed = result.refreshed
        added = result.added
        changes = result.changes.map { Change(kind: $0.kind.rawValue, path: $0.path, old: $0.old, new: $0.new) }
        diagnostics = result.diagnostics
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
