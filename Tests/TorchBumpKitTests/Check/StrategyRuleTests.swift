import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct StrategyRuleTests {
    func strategyFindings(_ fixture: CheckFixture) -> [Finding] {
        fixture.check().filter { $0.rule == ConsistencyRule.rcIndexWithoutStrategy.rawValue }
    }

    /// A repository with torch 2.7.0 (PyPI default cu126) and one Dockerfile written by the test.
    func dockerRepository(_ dockerfile: String, extraFiles: [String: String] = [:],
                          sites: [CheckFixture.Declaration] = []) -> CheckFixture {
        var files = ["requirements/cuda.txt": "torch==2.7.0\n", "docker/Dockerfile": dockerfile]
        files.merge(extraFiles) { a, _ in a }
        return CheckFixture(files: files, declarations: [.pin("requirements/cuda.txt", 1, "torch")] + sites)
    }

    @Test(arguments: [
        // (Dockerfile, expected finding lines)
        ("FROM ubuntu AS base\nRUN uv pip install --system torch==2.7.0 --extra-index-url https://download.pytorch.org/whl/test/cu128\n", [2]),
        ("FROM ubuntu AS base\nRUN uv pip install --system torch==2.7.0 \\\n    --extra-index-url=https://download.pytorch.org/whl/cu128\n", [3]),
        // Strategy in the same stage, inherited from a parent stage, inline, or as a flag.
        ("FROM ubuntu AS base\nENV UV_INDEX_STRATEGY=\"unsafe-best-match\"\nRUN uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/test/cu128\n", []),
        ("FROM ubuntu AS base\nENV UV_INDEX_STRATEGY=unsafe-best-match\nFROM base AS build\nRUN uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/test/cu128\n", []),
        ("FROM ubuntu AS base\nRUN UV_INDEX_STRATEGY=unsafe-best-match uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/test/cu128\n", []),
        ("FROM ubuntu AS base\nRUN uv pip install --system --index-strategy unsafe-best-match torch --extra-index-url https://download.pytorch.org/whl/test/cu128\n", []),
        ("FROM ubuntu AS base\nARG UV_INDEX_STRATEGY=unsafe-best-match\nRUN uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/test/cu128\n", []),
        // A strategy in another, unrelated stage does not help.
        ("FROM ubuntu AS a\nENV UV_INDEX_STRATEGY=unsafe-best-match\nFROM ubuntu AS b\nRUN uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/cpu\n", [4]),
        // Not an extra index, not uv, the default variant, nightly, or not a PyTorch index: nothing to say.
        ("FROM ubuntu\nRUN uv pip install --system torch --index-url https://download.pytorch.org/whl/test/cu128\n", []),
        ("FROM ubuntu\nRUN pip install torch --extra-index-url https://download.pytorch.org/whl/test/cu128\n", []),
        ("FROM ubuntu\nRUN uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/cu126\n", []),
        ("FROM ubuntu\nRUN uv pip install --system --pre torch --extra-index-url https://download.pytorch.org/whl/nightly/cu128\n", []),
        ("FROM ubuntu\nRUN uv pip install --system flashinfer-python --extra-index-url https://flashinfer.ai/whl/cu128/torch2.7\n", []),
        // ARG-based URL and an ENV extra index.
        ("ARG TORCH_INDEX_BASE=https://download.pytorch.org/whl\nFROM ubuntu\nARG TORCH_INDEX_BASE\nRUN uv pip install --system torch --extra-index-url ${TORCH_INDEX_BASE}/test/cu128\n", [4]),
        ("FROM ubuntu AS base\nARG PIP_EXTRA_INDEX_URL=\"https://download.pytorch.org/whl/cpu\"\nENV UV_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}\nRUN uv pip install --system torch\n", [4]),
        // Variant computed from CUDA_VERSION: cu128 is not PyPI's default for 2.7.0, cu126 is.
        ("ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\nARG CUDA_VERSION\nRUN uv pip install --system torch \\\n    --extra-index-url https://download.pytorch.org/whl/cu$(echo $CUDA_VERSION | cut -d. -f1,2 | tr -d '.')\n", [5]),
        ("ARG CUDA_VERSION=12.6.3\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\nARG CUDA_VERSION\nRUN uv pip install --system torch \\\n    --extra-index-url https://download.pytorch.org/whl/cu$(echo $CUDA_VERSION | cut -d. -f1,2 | tr -d '.')\n", []),
        // A cache mount whose target ends in /uv before the command; uv called by path.
        ("FROM ubuntu\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/test/cu126\n", [3]),
        ("FROM ubuntu\nRUN /root/.local/bin/uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/test/cu126\n", [2]),
        // Several commands in one RUN, with shell branches.
        ("FROM ubuntu\nRUN if [ \"$X\" = 1 ]; then \\\n      pip install torch --extra-index-url https://download.pytorch.org/whl/cpu; \\\n    else \\\n      uv pip install --system torch --extra-index-url https://download.pytorch.org/whl/cpu; \\\n    fi\n", [5]),
    ])
    func dockerfileStages(dockerfile: String, lines: [Int]) {
        let findings = strategyFindings(dockerRepository(dockerfile))
        #expect(findings.map(\.primary.line) == lines, "\(findings.map(\.message))")
        for finding in findings {
            #expect(finding.severity == .warning)
            #expect(finding.message.contains("unsafe-best-match"))
            #expect(!finding.related.isEmpty)
        }
    }

    @Test func requirementsFileIndexInstalledByUV() throws {
        let fixture = dockerRepository(
            "FROM ubuntu AS cpu\nCOPY requirements/cpu.txt requirements/cpu.txt\nRUN uv pip install --system -r requirements/cpu.txt\n",
            extraFiles: ["requirements/cpu.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.7.0+cpu\n"],
            sites: [.index("requirements/cpu.txt", 1, after: "--extra-index-url ", name: "--extra-index-url")])
        let finding = try #require(strategyFindings(fixture).first)
        #expect(finding.primary.short == "docker/Dockerfile:3")
        #expect(finding.related.map(\.short) == ["requirements/cpu.txt:1"])
        #expect(finding.message.contains("requirements/cpu.txt:1") && finding.message.contains("docker/Dockerfile:3"))
    }

    @Test func sampleRepositoryDockerfilesAreFine() {
        // Main Dockerfile: computed cu124 index = PyPI's default for 2.6.0; CPU Dockerfile sets the strategy.
        #expect(strategyFindings(SampleRepository.fixture()).isEmpty)
        // Release candidate on the computed index: both uv stages (behind cache mounts) are flagged.
        let rc = SampleRepository.fixture(replacing: [("docker/Dockerfile", "whl/cu$(", "whl/test/cu$(")])
        #expect(strategyFindings(rc).map(\.primary.short) == ["docker/Dockerfile:8", "docker/Dockerfile:13"])
        let withoutStrategy = SampleRepository.fixture(
            replacing: [("docker/Dockerfile.cpu", "ENV UV_INDEX_STRATEGY=\"unsafe-best-match\"", "ENV UV_HTTP_TIMEOUT=500")],
            sites: [])
        let findings = strategyFindings(withoutStrategy)
        // The ENV extra index and the -r file's index are the same index reaching one uv command: one finding.
        #expect(findings.map(\.primary.short) == ["docker/Dockerfile.cpu:7"])
        #expect(findings.first?.related.map(\.short) == ["docker/Dockerfile.cpu:4"])
    }

    @Test(arguments: [
        ("--index-strategy, unsafe-best-match, --torch-backend, cu124", false),
        ("--extra-index-url, https://download.pytorch.org/whl/test/cu124, --index-strategy, unsafe-best-match", false),
        ("--extra-index-url, https://download.pytorch.org/whl/test/cu124", true),
        ("--extra-index-url, https://download.pytorch.org/whl/cpu", true),
        ("--torch-backend, cu126", false),
    ])
    func preCommitHookArgs(args: String, flagged: Bool) {
        let fixture = SampleRepository.fixture(replacing: [
            (".pre-commit-config.yaml", "--index-strategy, unsafe-best-match, --torch-backend, cu124", args),
        ])
        let findings = strategyFindings(fixture).filter { $0.primary.path == ".pre-commit-config.yaml" }
        #expect(findings.isEmpty != flagged, "\(args)")
        if flagged {
            #expect(findings.first?.related.map(\.short) == [".pre-commit-config.yaml:10"])
            #expect(findings.first?.primary.line == 11)
        }
    }

    @Test func lockHeaderWithoutStrategy() throws {
        let fixture = SampleRepository.fixture(replacing: [
            ("requirements/test.txt", "--index-strategy unsafe-best-match --torch-backend cu124",
             "--extra-index-url https://download.pytorch.org/whl/test/cu124"),
            (".pre-commit-config.yaml", "--index-strategy, unsafe-best-match, --torch-backend, cu124",
             "--extra-index-url, https://download.pytorch.org/whl/test/cu124, --index-strategy, unsafe-best-match"),
        ])
        let findings = strategyFindings(fixture)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.primary.short == "requirements/test.txt:2")
        #expect(finding.related.map(\.short) == [".pre-commit-config.yaml:10"])
        // pip-compile headers are not uv: never flagged.
        let pipCompile = SampleRepository.fixture(replacing: [
            ("requirements/test.txt", "uv pip compile requirements/test.in -o requirements/test.txt --index-strategy unsafe-best-match --torch-backend cu124",
             "pip-compile requirements/test.in -o requirements/test.txt --extra-index-url https://download.pytorch.org/whl/cpu"),
        ])
        #expect(strategyFindings(pipCompile).filter { $0.primary.path == "requirements/test.txt" }.isEmpty)
    }
}
