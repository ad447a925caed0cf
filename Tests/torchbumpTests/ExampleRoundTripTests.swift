import Foundation
import Testing

/// Every bundled example, upgraded the common ways with the real binary: the plan succeeds, `apply` twice changes
/// nothing the second time, and a release candidate followed by GA ends where the direct upgrade ends.
@Suite("bundled examples: apply is idempotent and RC → GA equals the direct upgrade")
struct ExampleRoundTripTests {
    static let cases: [(String, [String])] = [
        ("vision-platform", ["--torch", "2.9.0"]),
        ("kernel-lib", ["--torch", "2.9.0"]),
        ("agent-runtime", ["--torch", "2.14.0"]),
        ("train-stack", ["--torch", "2.9.0"]),
        ("train-stack", ["--torch", "2.9.0", "--cuda", "13.0"]),
        ("vision-platform", ["--torch", "2.9.0", "--cuda", "12.8"]),
        ("kernel-lib", ["--torch", "2.9.0", "--cuda", "13.0"]),
        ("agent-runtime", ["--torch", "2.15.0", "--cuda", "13.2"]),
        ("serving-engine", ["--torch", "2.9.0", "--cuda", "12.9"]),
        ("llm-server", ["--torch", "2.7.0", "--cuda", "12.8"]),
        ("uv-project", ["--torch", "2.8.0", "--cuda", "12.8"]),
    ]

    @Test(arguments: cases)
    func roundTrip(example: String, target: [String]) throws {
        let direct = try CLI.copyExample(example, git: true)
        let first = try CLI.run(["apply", direct.path] + target)
        #expect(first.status == 0, "\(first.stderr)")
        try Scenario.commitAll(direct)
        let again = try CLI.run(["plan", direct.path] + target)
        #expect(again.status == 0 && again.stdout.contains("nothing to change"), "\(example): \(again.stdout)")

        let staged = try CLI.copyExample(example, git: true)
        #expect(try CLI.run(["apply", staged.path] + target + ["--channel", "test"]).status == 0)
        try Scenario.commitAll(staged)
        #expect(try CLI.run(["apply", staged.path] + target + ["--channel", "release"]).status == 0)
        let a = try Scenario.tree(direct), b = try Scenario.tree(staged)
        for path in Set(a.keys).union(b.keys).sorted() where !path.hasPrefix(".git/") {
            #expect(a[path] == b[path], "\(example): \(path) differs between RC → GA and the direct upgrade")
        }
    }

    /// A patch release after the minor: applies, and a second run changes nothing.
    @Test(arguments: [("serving-engine", "2.9.0", "2.9.1"), ("vision-platform", "2.9.0", "2.9.1"),
                      ("kernel-lib", "2.9.0", "2.9.1"), ("agent-runtime", "2.14.0", "2.14.1"), ("train-stack", "2.9.0", "2.9.1")])
    func patchAfterMinorIsIdempotent(example: String, minor: String, patch: String) throws {
        let repo = try CLI.copyExample(example, git: true)
        #expect(try CLI.run(["apply", repo.path, "--torch", minor]).status == 0)
        try Scenario.commitAll(repo)
        let out = try CLI.run(["apply", repo.path, "--torch", patch])
        #expect(out.status == 0, "\(out.stderr)")
        try Scenario.commitAll(repo)
        let again = try CLI.run(["plan", repo.path, "--torch", patch])
        #expect(again.stdout.contains("nothing to change"), "\(example): \(again.stdout)")
    }

    /// `check` is clean on every untouched example (a CI gate on it must not start red).
    @Test(arguments: ["agent-runtime", "kernel-lib", "llm-server", "serving-engine", "train-stack", "uv-project", "vision-platform"])
    func checkIsCleanBeforeAnyUpgrade(example: String) throws {
        let out = try CLI.run(["check", CLI.packageRoot.appendingPathComponent("Examples/\(example)").path])
        #expect(out.status == 0, "\(example): \(out.stdout)")
    }
}

/// Every command that reads the release matrix says so when it ignores a broken user cache, and still works.
@Suite("commands with a corrupt release-matrix cache")
struct CorruptMatrixCacheTests {
    @Test(arguments: [["plan"], ["check"], ["deps", "--offline"]])
    func warnsAndFallsBackToTheBundledData(command: [String]) throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("tb-corrupt-cache-\(UUID().uuidString)")
        let dir = cache.appendingPathComponent("torchbump")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: dir.appendingPathComponent("release-matrix.json"))
        let example = CLI.packageRoot.appendingPathComponent("Examples/serving-engine").path
        var args = [command[0], example]
        if command[0] != "check" { args += ["--torch", "2.9.0"] }
        args += command.dropFirst()
        let out = try CLI.run(args, environment: ["XDG_CACHE_HOME": cache.path])
        #expect(out.stderr.contains("ignoring the cached release matrix"), "\(command): \(out.stderr)")
        #expect(out.status == 0 || out.status == 1, "\(command): \(out.status) \(out.stderr)")
    }
}
