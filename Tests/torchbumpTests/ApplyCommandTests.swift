import Foundation
import Testing

@Suite("apply and plan on the bundled examples (real binary, temp copies)")
struct ApplyCommandTests {
    @Test func planWritesNothingAndApplyWritesThePlan() throws {
        let repo = try CLI.copyExample("llm-server", git: true)
        let before = try CLI.read(repo, "requirements/cuda.txt")
        let plan = try CLI.run(["plan", repo.path, "--torch", "2.7.0", "--cuda", "12.8"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("+torch==2.7.0"))
        #expect(try CLI.read(repo, "requirements/cuda.txt") == before, "plan must not write")

        let apply = try CLI.run(["apply", repo.path, "--torch", "2.7.0", "--cuda", "12.8"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let cuda = try CLI.read(repo, "requirements/cuda.txt")
        #expect(cuda.contains("\ntorch==2.7.0\n"))
        #expect(cuda.contains("torchvision==0.22.0  # Required for phi3v processor."))
        #expect(cuda.contains("xformers==0.0.30; platform_system == 'Linux' and platform_machine == 'x86_64'  # Requires PyTorch 2.7.0"))
        #expect(try CLI.read(repo, "pyproject.toml").contains("\"torch == 2.7.0\","))
        #expect(try CLI.read(repo, "setup.py").contains("MAIN_CUDA_VERSION = \"12.8\""))
        let cpu = try CLI.read(repo, "requirements/cpu.txt")
        #expect(cpu.contains("torch==2.5.1+cpu; platform_machine == \"x86_64\""), "held pin untouched")
        // The lock is never edited by hand.
        #expect(try CLI.read(repo, "requirements/test.txt").contains("torch==2.6.0+cu124"))
        #expect(apply.stdout.contains("requirements/test.txt"))

        let again = try CLI.run(["apply", repo.path, "--torch", "2.7.0", "--cuda", "12.8", "--allow-dirty"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("nothing to change"))
    }

    @Test func applyRefusesDirtyFilesUnlessAllowed() throws {
        let repo = try CLI.copyExample("llm-server", git: true)
        let path = repo.appendingPathComponent("requirements/cuda.txt")
        try (try String(contentsOf: path, encoding: .utf8) + "# local edit\n").write(to: path, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["apply", repo.path, "--torch", "2.7.0", "--cuda", "12.8"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("requirements/cuda.txt"))
        #expect(try CLI.read(repo, "setup.py").contains("MAIN_CUDA_VERSION = \"12.4\""), "nothing written when refused")
        let allowed = try CLI.run(["apply", repo.path, "--torch", "2.7.0", "--cuda", "12.8", "--allow-dirty"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try CLI.read(repo, "requirements/cuda.txt").hasSuffix("# local edit\n"))
    }

    @Test func impossibleTargetExitsOneWithTheReason() throws {
        let repo = try CLI.copyExample("llm-server")
        let out = try CLI.run(["plan", repo.path, "--torch", "2.6.0", "--cuda", "12.8"])
        #expect(out.status == 1)
        #expect(out.stdout.contains("publishes no cu128"))
    }

    @Test func byteExactPreservationOfCRLFBOMAndMissingFinalNewline() throws {
        let repo = try CLI.copyExample("uv-project", git: true)
        let path = repo.appendingPathComponent("requirements-dev.txt")
        let original = try Data(contentsOf: path)
        #expect(original.starts(with: [0xEF, 0xBB, 0xBF]))
        let out = try CLI.run(["apply", repo.path, "--torch", "2.8.0", "--cuda", "12.8"])
        #expect(out.status == 0, "\(out.stderr)\n\(out.stdout)")
        let after = try Data(contentsOf: path)
        #expect(after.starts(with: [0xEF, 0xBB, 0xBF]), "BOM kept")
        let text = String(decoding: after, as: UTF8.self)
        #expect(text.contains("torch==2.8.0\r\n") || text.contains("torch==2.8.0"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line endings")
        #expect(after.last == original.last, "final-newline state kept")
        // Only version tokens changed: same length lines otherwise.
        #expect(String(decoding: original, as: UTF8.self).components(separatedBy: "\r\n").count
                == text.components(separatedBy: "\r\n").count)
    }

    @Test func applyKeepsFileModes() throws {
        let repo = try CLI.copyExample("llm-server", git: true)
        let script = repo.appendingPathComponent("setup.py")
        try FileManager.default.setAttributes([.posixPermissions: 0o751], ofItemAtPath: script.path)
        try CLI.shell(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "mode"], in: repo)
        let out = try CLI.run(["apply", repo.path, "--torch", "2.7.0", "--cuda", "12.8"])
        #expect(out.status == 0, "\(out.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: script.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o751)
        #expect(try CLI.read(repo, "setup.py").contains("\"12.8\""))
    }

    @Test func jsonPlanIsParseable() throws {
        let repo = try CLI.copyExample("llm-server")
        let out = try CLI.run(["plan", repo.path, "--torch", "2.7.0", "--cuda", "12.8", "--format", "json"])
        #expect(out.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? Int == 1)
        #expect((object?["files"] as? [Any])?.isEmpty == false)
    }
}
