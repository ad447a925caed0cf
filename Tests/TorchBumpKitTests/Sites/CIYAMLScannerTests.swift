import Testing
@testable import TorchBumpKit

@Suite struct CIYAMLScannerTests {
    let scanner = CIYAMLScanner()

    @Test(arguments: [
        (".buildkite/release-pipeline.yaml", true), (".buildkite/nightly/build.yml", true),
        (".github/workflows/ci.yml", true), (".gitlab-ci.yml", true), (".pre-commit-config.yaml", false),
        ("docs/mkdocs.yml", false), (".github/dependabot.yml", false),
    ])
    func acceptsCIFiles(_ path: String, _ expected: Bool) {
        #expect(scanner.accepts(path: path) == expected)
    }

    @Test func buildkitePipeline() {
        let text = """
        steps:
          # CUDA 12.8 is the default variant
          - label: "Build wheel - CUDA 12.8"
            id: build-wheel-cuda-12-8
            agents:
              queue: cpu_queue
            commands:
              - "DOCKER_BUILDKIT=1 docker build --build-arg max_jobs=16 --build-arg CUDA_VERSION=12.8.1 --build-arg torch_cuda_arch_list='8.0 9.0+PTX' --tag x --target build --progress plain -f docker/Dockerfile ."
              - "mkdir artifacts"
          - block: "Build CUDA 12.6 wheel"
            key: block-build-cu126-wheel
            depends_on: ~
          - label: Build wheel - CUDA 12.6
            depends_on: block-build-cu126-wheel
            command: |
              docker build --build-arg CUDA_VERSION=12.6.3 \\
                --build-arg BUILD_BASE_IMAGE=nvidia/cuda:12.6.3-devel-ubuntu20.04 .
          - label: ":python: torchao"
            command: >
              uv pip install --system torchao==0.13.0
              --index-url https://download.pytorch.org/whl/cu128
        """
        let result = SiteExpect.scan(scanner, ".buildkite/release-pipeline.yaml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version comment cuda 12.8 cuda -",
            "version label cuda 12.8 cuda label",
            "version label cuda 12-8 cuda id",
            "version pin cuda 12.8.1 cuda CUDA_VERSION",
            "arch-list pin cuda 8.0 9.0+PTX cuda torch_cuda_arch_list",
            "version label cuda 12.6 cuda block",
            "variant label cuda cu126 cuda key",
            "version label cuda 12.6 cuda label",
            "variant label cuda cu126 cuda depends_on",
            "version pin cuda 12.6.3 cuda CUDA_VERSION",
            "image pin cuda 12.6.3 cuda BUILD_BASE_IMAGE",
            "requirement pin torchao 0.13.0 cuda -",
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda --index-url",
        ])
        #expect(result.sites.allSatisfy { $0.file == .buildkite })
        #expect(result.diagnostics.isEmpty)
    }

    @Test func githubActionsWorkflow() {
        let text = """
        name: wheels
        on:
          push:
            branches: [main]
        jobs:
          build:
            runs-on: ubuntu-latest
            container: nvidia/cuda:12.8.1-devel-ubuntu22.04
            strategy:
              matrix:
                cuda: ["12.6", "12.8"]
                torch: ['2.7.1']
                include:
                  - cuda_tag: cu128
            env:
              CUDA_VERSION: "12.4"
              UV_INDEX_STRATEGY: unsafe-best-match
              TORCH_CUDA_ARCH_LIST: "8.0 9.0"
            steps:
              - uses: Jimver/cuda-toolkit@v0.2.16
                with: { cuda: "12.8.1" }
              - name: Install
                run: |
                  pip install torch==${{ matrix.torch }} --index-url https://download.pytorch.org/whl/cu${{ matrix.cuda_tag }}
                  pip install -r requirements.txt  # uses cu128
        """
        let result = SiteExpect.scan(scanner, ".github/workflows/wheels.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "image pin cuda 12.8.1 cuda container",
            "version pin cuda 12.6 cuda cuda",
            "version pin cuda 12.8 cuda cuda",
            "version pin torch 2.7.1 all torch",
            "variant pin - cu128 cuda cuda_tag",
            "version pin cuda 12.4 cuda CUDA_VERSION",
            "index-strategy pin - unsafe-best-match all UV_INDEX_STRATEGY",
            "arch-list pin cuda 8.0 9.0 cuda TORCH_CUDA_ARCH_LIST",
            "version pin cuda 12.8.1 cuda cuda",
            "index-url derived - https://download.pytorch.org/whl/cu${{ matrix.cuda_tag }} all matrix.cuda_tag",
            "variant comment - cu128 cuda -",
        ])
        #expect(result.sites.allSatisfy { $0.file == .githubActions })
    }

    @Test func quotedAndEscapedScalars() {
        let text = "steps:\r\n  - command: \"pip install \\\"torch==2.6.0\\\" --extra-index-url https://download.pytorch.org/whl/cu124\"\r\n"
            + "  - command: 'pip install --index-url ''https://download.pytorch.org/whl/cpu'''\r\n"
        let result = SiteExpect.scan(scanner, ".buildkite/test.yml", text)
        #expect(SiteExpect.describe(result.sites).contains("index-url pin - https://download.pytorch.org/whl/cu124 cuda --extra-index-url"))
        #expect(SiteExpect.describe(result.sites).contains("index-url pin - https://download.pytorch.org/whl/cpu cpu --index-url"))
    }

    @Test func brokenYAMLFallsBackToLines() {
        let text = """
        steps:
          - label: "Build
            command: docker build --build-arg CUDA_VERSION=12.8.1 .
          - command: pip install x --extra-index-url https://download.pytorch.org/whl/cu128
            env:
              CUDA_VERSION: 12.4
        """
        let result = SiteExpect.scan(scanner, ".buildkite/broken.yml", text)
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.location?.line ?? 0 >= 2)
        #expect(result.diagnostics.contains { $0.severity == .note && $0.message.contains("line by line") })
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.8.1 cuda CUDA_VERSION",
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda --extra-index-url",
            "version pin cuda 12.4 cuda CUDA_VERSION",
        ])
    }
}
