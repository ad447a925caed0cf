import Foundation
import Testing
@testable import TorchBumpKit

/// `--format dockerfile`: structurally a Dockerfile, and equal to the reviewed golden file.
@Suite struct DockerfileStanzasTests {
    /// A vLLM-shaped repository moving to torch 2.10.0 + CUDA 13.0 (offline, so the output is deterministic).
    static let plan: ExtensionPlan = {
        let sites = [
            Sites.archList("7.0 7.5 8.0 8.9 9.0 10.0 10.1 12.0+PTX", line: 12),
            Sites.requirement("xformers", "0.0.33.post2", line: 2),
            Sites.requirement("flashinfer-python", "0.3.1+cu126torch2.6", line: 3),
            Sites.requirement("flash-attn", "2.8.3", line: 4),
            Sites.requirement("torchao", "0.15.0", line: 5),
            Sites.requirement("mamba-ssm", "2.2.5", line: 6),
            Sites.requirement("bitsandbytes", "0.45.3", line: 7),
            Sites.gitRef("deep-gemm", "0f5f2662027f0db05d4e3f6a94e56e2d8fc45c51", name: "DEEPGEMM_GIT_REF", line: 30),
            Sites.requirement("intel-extension-for-pytorch", "2.8.10+xpu", path: "requirements/xpu.txt",
                              platform: .xpu, variant: .xpu),
        ]
        return Fixtures.planner.plan(sites: sites, target: Fixtures.target(torch: "2.10.0", variant: Fixtures.cuda("13.0")))
    }()

    static var goldenURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/deps-torch2.10-cu130.dockerfile")
    }

    static let instructions: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    /// Problems that would make Docker reject or misread the text: lines outside a continuation must be blank,
    /// a comment or start with an instruction; a continuation (`\` at the end) must be followed by a non-blank,
    /// non-comment line; `ARG` must be `NAME[=value]`; the text must not end inside a continuation.
    static func structuralProblems(_ text: String) -> [String] {
        var problems: [String] = []
        var continuing = false
        let argPattern = try? NSRegularExpression(pattern: #"^ARG [A-Za-z_][A-Za-z0-9_]*(=("[^"]*"|\S+))?$"#)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            let s = String(line)
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            if continuing {
                if trimmed.isEmpty || trimmed.hasPrefix("#") { problems.append("\(n): continuation into '\(s)'") }
                continuing = s.hasSuffix("\\")
                continue
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if s.first?.isWhitespace == true { problems.append("\(n): indented line outside a continuation") }
            let word = String(trimmed.prefix { !$0.isWhitespace })
            if !instructions.contains(word) { problems.append("\(n): '\(word)' is not a Dockerfile instruction") }
            if word == "ARG", argPattern?.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                problems.append("\(n): malformed ARG '\(s)'")
            }
            continuing = s.hasSuffix("\\")
        }
        if continuing { problems.append("the text ends inside a continuation") }
        return problems
    }

    /// The `RUN` instructions with their continuation lines joined.
    static func runInstructions(_ text: String) -> [String] {
        var runs: [String] = []
        var current: String?
        for line in text.split(separator: "\n").map(String.init) {
            if var open = current {
                open += " " + line.trimmingCharacters(in: .whitespaces)
                current = open
            } else if line.hasPrefix("RUN ") {
                current = line
            } else {
                continue
            }
            if let c = current, !c.hasSuffix("\\") {
                runs.append(c)
                current = nil
            } else if let c = current {
                current = String(c.dropLast()).trimmingCharacters(in: .whitespaces)
            }
        }
        return runs
    }

    @Test func outputIsStructurallyADockerfile() {
        let text = DockerfileStanzas.render(Self.plan)
        #expect(Self.structuralProblems(text) == [])
    }

    @Test func structuralCheckCatchesBrokenText() {
        #expect(!Self.structuralProblems("RUN echo \\\n\nRUN x").isEmpty)
        #expect(!Self.structuralProblems("run-this").isEmpty)
        #expect(!Self.structuralProblems("RUN a \\").isEmpty)
        #expect(!Self.structuralProblems("ARG 1BAD=x").isEmpty)
        #expect(Self.structuralProblems("# c\nARG A=\"x y\"\nRUN a \\\n    b\n").isEmpty)
    }

    @Test func everyBuildUsesTheUvCacheMountSystemAndNoIsolation() {
        let runs = Self.runInstructions(DockerfileStanzas.render(Self.plan))
        #expect(runs.count == 5)  // build requirements + flashinfer, flash-attn, torchao, DeepGEMM
        for run in runs {
            #expect(run.hasPrefix("RUN --mount=type=cache,target=/root/.cache/uv "))
            #expect(run.contains("uv pip install --system"))
        }
        for run in runs.dropFirst() { #expect(run.contains("--no-build-isolation --reinstall-package")) }
    }

    @Test func matchesTheReviewedGoldenFile() throws {
        let text = DockerfileStanzas.render(Self.plan)
        if ProcessInfo.processInfo.environment["TORCHBUMP_UPDATE_GOLDEN"] == "1" {
            try text.write(to: Self.goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.goldenURL, encoding: .utf8)
        #expect(text == golden)
    }

    @Test func nothingToBuildSaysSo() {
        let plan = Fixtures.planner.plan(sites: [Sites.requirement("bitsandbytes", "0.45.3")],
                                         target: Fixtures.target(torch: "2.9.0", variant: Fixtures.cuda("12.8")))
        let text = DockerfileStanzas.render(plan)
        #expect(text.contains("# nothing to build"))
        #expect(!text.contains("RUN "))
        #expect(Self.structuralProblems(text) == [])
    }
}
