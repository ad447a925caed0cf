import Foundation
import Testing

/// `torchbump deps` end to end: the built binary on a fixture repository written here. The fixture declares its
/// pins through `[[sites]]` rules so the test does not depend on which built-in scanners exist.
@Suite struct DepsCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func binary() throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for dir in candidates {
            let url = dir.appendingPathComponent("torchbump")
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue { return url }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "torchbump binary next to the tests"])
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("torchbump-deps-cache-\(UUID().uuidString)")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache.path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A repository with requirements, a Dockerfile and `torchbump.toml` rules that report their pins.
    static func fixture(requirements: [String], dockerfile: [String] = [], extraConfig: String = "") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("torchbump-deps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("docker"), withIntermediateDirectories: true)
        try (requirements.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("requirements-cuda.txt"),
                                                                atomically: true, encoding: .utf8)
        try (dockerfile.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("docker/Dockerfile"),
                                                              atomically: true, encoding: .utf8)
        var config = ""
        for line in requirements {
            guard let eq = line.range(of: "==") else { continue }
            let name = String(line[..<eq.lowerBound])
            config += """
                [[sites]]
                files = ["requirements-cuda.txt"]
                pattern = '^\(name)==(?<value>\\S+)'
                subject = "\(name)"
                kind = "requirement"


                """
        }
        config += """
            [[sites]]
            files = ["docker/Dockerfile"]
            pattern = '^ARG TORCH_CUDA_ARCH_LIST="(?<value>[^"]+)"'
            subject = "cuda"
            kind = "arch-list"

            [[sites]]
            files = ["docker/Dockerfile"]
            pattern = '^ARG PYTHON_VERSION=(?<value>\\S+)'
            subject = "python"
            kind = "version"

            """ + extraConfig
        try config.write(to: dir.appendingPathComponent("torchbump.toml"), atomically: true, encoding: .utf8)
        return dir
    }

    static let mixed = [
        "torch==2.8.0", "xformers==0.0.32.post2", "flashinfer-python==0.2.6.post1+cu128torch2.8", "flash-attn==2.8.3",
        "bitsandbytes==0.45.3",
    ]
    static let dockerfile = [
        "FROM nvidia/cuda:12.8.1-devel-ubuntu22.04", "ARG PYTHON_VERSION=3.11",
        #"ARG TORCH_CUDA_ARCH_LIST="7.0 7.5 8.0 8.9 9.0 10.0 12.0+PTX""#,
    ]

    @Test func offlineTextReportExitsOneWhenSomethingMustBeBuilt() throws {
        let repo = try Self.fixture(requirements: Self.mixed, dockerfile: Self.dockerfile)
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.run(["deps", repo.path, "--torch", "2.9.0", "--cuda", "12.8", "--offline"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("torch 2.9.0 · cu128 · Python 3.11 (repository)"))
        #expect(run.stdout.contains("xformers 0.0.32.post2 → 0.0.33.post1 — wheel"))
        #expect(run.stdout.contains("flashinfer-python 0.2.6.post1 — source build"))
        #expect(run.stdout.contains(#"export TORCH_CUDA_ARCH_LIST="7.5 8.0 8.9 9.0 10.0 12.0+PTX" MAX_JOBS=4"#))
        #expect(run.stdout.contains("bitsandbytes 0.45.3 — no build needed"))
        #expect(run.stdout.contains("summary: 1 wheel · 1 no build needed · 2 source builds — exit 1"))
    }

    @Test func jsonIsStableAndMachineReadable() throws {
        let repo = try Self.fixture(requirements: Self.mixed, dockerfile: Self.dockerfile)
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.run(["deps", repo.path, "--torch", "2.9.0", "--cuda", "12.8", "--offline", "--python", "3.12",
                                "--format", "json"])
        #expect(run.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? Int == 1)
        #expect(object?["exitStatus"] as? Int == 1)
        let extensions = object?["extensions"] as? [[String: Any]] ?? []
        #expect(extensions.compactMap { $0["name"] as? String }
            == ["flashinfer-python", "xformers", "flash-attn", "bitsandbytes"])
        #expect(extensions.compactMap { $0["outcome"] as? String }
            == ["source-build", "wheel", "source-build", "no-build-needed"])
        let target = object?["target"] as? [String: Any]
        #expect(target?["pythons"] as? [String] == ["3.12"])
        #expect(target?["offline"] as? Bool == true)
        #expect(run.stderr.contains("summary:"))
        let again = try Self.run(["deps", repo.path, "--torch", "2.9.0", "--cuda", "12.8", "--offline", "--python", "3.12",
                                  "--format", "json"])
        #expect(again.stdout == run.stdout)
    }

    @Test func dockerfileFormatPrintsRunStanzas() throws {
        let repo = try Self.fixture(requirements: Self.mixed, dockerfile: Self.dockerfile)
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.run(["deps", repo.path, "--torch", "2.9.0", "--cuda", "12.8", "--offline", "--format", "dockerfile"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("# torchbump deps: extension builds for torch 2.9.0 · cu128"))
        #expect(run.stdout.contains("RUN --mount=type=cache,target=/root/.cache/uv \\\n"))
        #expect(run.stdout.contains(#"ARG FLASH_ATTN_CUDA_ARCHS="80;89;90;100;120""#))
    }

    @Test func everyExtensionWithAWheelExitsZero() throws {
        let repo = try Self.fixture(requirements: ["torch==2.7.1", "xformers==0.0.30", "bitsandbytes==0.45.3"])
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.run(["deps", repo.path, "--torch", "2.8.0", "--cuda", "12.8", "--offline"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("Python 3.12 (default; pass --python)"))
    }

    @Test func configuredExtensionIsBuiltFromItsGitURL() throws {
        let extra = """

            [[sites]]
            files = ["docker/Dockerfile"]
            pattern = '^ARG MY_KERNELS_REF=(?<value>\\S+)'
            subject = "my-kernels"
            kind = "git-ref"

            [extensions.my-kernels]
            git = "https://git.example.com/acme/my-kernels.git"
            build-time = "about 12 min on 32 cores"
            """
        let repo = try Self.fixture(requirements: ["torch==2.8.0"], dockerfile: ["ARG MY_KERNELS_REF=release-7"],
                                    extraConfig: extra)
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try Self.run(["deps", repo.path, "--torch", "2.9.0", "--cuda", "12.8", "--offline"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("my-kernels — source build"))
        #expect(run.stdout.contains(#""git+https://git.example.com/acme/my-kernels.git@release-7""#))
        #expect(run.stdout.contains("about 12 min on 32 cores"))
    }

    @Test(arguments: [
        ["deps", "."],
        ["deps", ".", "--torch", "2.9.0", "--format", "diff"],
        ["deps", ".", "--torch", "not-a-version"],
        ["deps", ".", "--torch", "2.9.0", "--python", "three"],
        ["deps", "/nonexistent/torchbump-repo", "--torch", "2.9.0", "--offline"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
    }
}
