import Foundation
import Testing

@Suite("CLI surface")
struct CLITests {
    @Test func helpListsEverySubcommand() throws {
        let out = try CLI.run(["--help"])
        #expect(out.status == 0)
        for name in ["scan", "check", "plan", "apply", "matrix", "probe", "deps", "ci", "report", "watch"] {
            #expect(out.stdout.contains("  \(name) "), "help lacks \(name)")
        }
        #expect(out.stdout.contains("Exit codes"))
    }

    @Test func versionPrints() throws {
        let out = try CLI.run(["--version"])
        #expect(out.status == 0)
        #expect(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(arguments: [
        ["plan", "--torch", "two"],
        ["plan", "--torch", "2.7.0", "--cuda", "twelve"],
        ["plan", "--torch", "2.7.0", "--platform", "cuda,gpu9"],
        ["scan", "--format", "diff"],
        ["plan"],
        ["scan", "--no-such-flag"],
    ])
    func usageErrorsExitTwo(_ args: [String]) throws {
        let out = try CLI.run(args)
        #expect(out.status == 2, "\(args): \(out.stderr)")
        #expect(!out.stderr.isEmpty)
    }

    @Test(arguments: ["ci", "report", "watch"])
    func unimplementedCommandsSaySoAndExitTwo(_ name: String) throws {
        let out = try CLI.run([name])
        #expect(out.status == 2)
        #expect(out.stderr.contains("not implemented yet"))
    }

    @Test func scanOfAnEmptyDirectoryFindsNothingAndSucceeds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "print('hello')\n".write(to: dir.appendingPathComponent("main.py"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["scan", dir.path])
        #expect(out.status == 0)
        #expect(out.stdout.contains("no PyTorch pin sites found"))
    }

    @Test func scanOfAMissingDirectoryIsAUsageError() throws {
        let out = try CLI.run(["scan", "/nonexistent/torchbump/repo"])
        #expect(out.status == 2)
    }

    @Test func matrixShowsARelease() throws {
        let out = try CLI.run(["matrix", "2.7.0"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("0.22.0"))
        let unknown = try CLI.run(["matrix", "9.9.9"])
        #expect(unknown.status == 2)
    }
}
