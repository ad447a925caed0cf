import Foundation
import Testing

/// `torchbump check` run as a binary on copies of Examples/llm-server.
@Suite("check command")
struct CheckCommandTests {
    /// Replaces `old` by `new` in one file of the copied repository.
    func edit(_ repo: URL, _ path: String, _ old: String, _ new: String) throws {
        let url = repo.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(path) lacks \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func exampleIsConsistentApartFromTheHeldCPUPin() throws {
        // EXPECTED.md: the example sits at torch 2.6.0 / CUDA 12.4 throughout; the x86_64 CPU pin is held at
        // 2.5.1+cpu on purpose (and the triton pin beside it pairs with 2.6.0). Both are notes, not failures.
        let repo = try CLI.copyExample("llm-server")
        let out = try CLI.run(["check", repo.path])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last?.hasPrefix("no inconsistencies found") == true)
        #expect(!lines.contains { $0.contains(": error: ") || $0.contains(": warning: ") }, "\(out.stdout)")
        #expect(lines.contains { $0.hasPrefix("requirements/cpu.txt:6: note: ") && $0.hasSuffix("[torch-pins-disagree]") })
        #expect(lines.contains { $0.hasPrefix("requirements/cpu.txt:19: note: ") && $0.hasSuffix("[companion-mismatch]") })
    }

    @Test func bumpedLockInputWithoutRegeneratingTheLockFails() throws {
        // The reference upgrade's `.in` edits (EXPECTED.md §1) without regenerating requirements/test.txt.
        let repo = try CLI.copyExample("llm-server")
        try edit(repo, "requirements/test.in", "torch==2.6.0\ntorchaudio==2.6.0\ntorchvision==0.21.0",
                 "torch==2.7.0\ntorchaudio==2.7.0\ntorchvision==0.22.0")
        let out = try CLI.run(["check", repo.path])
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        for (lockLine, inputLine) in [(215, 16), (220, 17), (222, 18)] {
            #expect(lines.contains {
                $0.hasPrefix("requirements/test.txt:\(lockLine): error: ") && $0.contains("requirements/test.in:\(inputLine)")
                    && $0.hasSuffix("[lock-stale]")
            }, "no stale-lock finding for test.txt:\(lockLine)\n\(out.stdout)")
        }
        // test.in now disagrees with the other CUDA/common pins.
        #expect(lines.contains { $0.hasPrefix("requirements/test.in:16: error: ") && $0.hasSuffix("[torch-pins-disagree]") })
        #expect(lines.last?.contains("findings") == true)
        // Sorted by path, then line.
        let located = lines.dropLast().compactMap { line -> (String, Int)? in
            let parts = line.split(separator: ":", maxSplits: 2)
            guard parts.count == 3, let n = Int(parts[1]) else { return nil }
            return (String(parts[0]), n)
        }
        #expect(located.map(\.0) == located.map(\.0).sorted())
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let repo = try CLI.copyExample("llm-server")
        try edit(repo, "CMakeLists.txt", "set(TORCH_SUPPORTED_VERSION_CUDA \"2.6.0\")", "set(TORCH_SUPPORTED_VERSION_CUDA \"2.7.0\")")
        let out = try CLI.run(["check", "--format", "json", repo.path])
        #expect(out.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect(object["diagnostics"] is [Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let cmake = try #require(findings.first { $0["rule"] as? String == "cmake-vs-build" })
        #expect(cmake["severity"] as? String == "error")
        #expect(cmake["path"] as? String == "CMakeLists.txt" && cmake["line"] as? Int == 42)
        #expect(cmake["column"] as? Int == 35)
        let related = try #require(cmake["related"] as? [[String: Any]])
        #expect(Set(related.compactMap { $0["path"] as? String }) == ["pyproject.toml", "requirements/build.txt"])
        #expect(findings.filter { $0["severity"] as? String == "note" }.count == 2)
    }

    @Test func githubAnnotations() throws {
        let repo = try CLI.copyExample("llm-server")
        try edit(repo, "requirements/cuda.txt", "torchvision==0.21.0", "torchvision==0.22.0")
        let out = try CLI.run(["check", "--format", "github", repo.path])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains {
            $0.hasPrefix("::error file=requirements/cuda.txt,line=11,") && $0.contains("requirements/cuda.txt:8")
                && $0.hasSuffix("[companion-mismatch]")
        }, "\(out.stdout)")
        #expect(lines.contains { $0.hasPrefix("::notice file=requirements/cpu.txt,line=6,") })
    }

    @Test func releaseCandidateIndexInTheDockerfileWithoutStrategy() throws {
        // EXPECTED.md §4: RC mode switches the computed indexes to /whl/test/ and needs UV_INDEX_STRATEGY in every
        // stage that installs from them. Done only halfway here (no strategy added, torch 2.6.0 already final).
        let repo = try CLI.copyExample("llm-server")
        try edit(repo, "docker/Dockerfile", "download.pytorch.org/whl/cu$(", "download.pytorch.org/whl/test/cu$(")
        let out = try CLI.run(["check", repo.path])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        for line in [58, 73, 156, 185] {
            #expect(lines.contains { $0.hasPrefix("docker/Dockerfile:\(line): warning: ") && $0.hasSuffix("[rc-index-without-strategy]") },
                    "no strategy finding at docker/Dockerfile:\(line)\n\(out.stdout)")
            #expect(lines.contains { $0.hasPrefix("docker/Dockerfile:\(line): warning: RC index left behind") })
        }
    }

    @Test func missingDirectoryIsAUsageError() throws {
        let out = try CLI.run(["check", "/nonexistent/torchbump/repo"])
        #expect(out.status == 2)
        let format = try CLI.run(["check", "--format", "markdown", "."])
        #expect(format.status == 2)
    }
}
