import Testing
import Yams
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
            "index-url derived - https://download.pytorch.org/whl/cu${{ matrix.cuda_tag }} cuda matrix.cuda_tag",
            "variant comment - cu128 cuda -",
        ])
        #expect(result.sites.allSatisfy { $0.file == .githubActions })
    }

    @Test func reusableWorkflowInputDefaults() {
        let text = "on:\n  workflow_call:\n    inputs:\n      cuda-version:\n        type: string\n        default: \"12.8\"\n      torch:\n        default: 2.7.1\n"
        let result = SiteExpect.scan(scanner, ".github/workflows/reusable.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.8 cuda cuda-version",
            "version pin torch 2.7.1 all torch",
        ])
    }

    @Test func buildArgsBlock() {
        let text = """
        jobs:
          image:
            steps:
              - uses: docker/build-push-action@v6
                with:
                  build-args: |
                    CUDA_VERSION=12.8.1
                    TORCH_CUDA_ARCH_LIST=8.0 9.0+PTX
                    BASE_IMAGE=nvidia/cuda:12.8.1-devel-ubuntu22.04
        """
        let result = SiteExpect.scan(scanner, ".github/workflows/image.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.8.1 cuda CUDA_VERSION",
            "arch-list pin cuda 8.0 9.0+PTX cuda TORCH_CUDA_ARCH_LIST",
            "image pin cuda 12.8.1 cuda BASE_IMAGE",
        ])
    }

    @Test func holdCommentsInYAML() {
        let text = "env:\n  CUDA_VERSION: \"12.8\"  # hold: the aarch64 runners lag behind\n  # TODO: move to 2.9 once fastkern publishes wheels\n  TORCH_VERSION: 2.8.0\n  CUDA_HOME: /usr/local/cuda\n"
        let result = SiteExpect.scan(scanner, ".github/workflows/x.yml", text)
        #expect(result.sites.map(\.heldReason) == [
            "hold: the aarch64 runners lag behind", "TODO: move to 2.9 once fastkern publishes wheels",
        ])
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

@Suite struct YAMLSourceMapTests {
    /// Maps every scalar of `text` and returns (decoded value, exact file text of the mapped value or nil).
    static func mapped(_ text: String) throws -> [(String, String?)] {
        let file = SourceFile(path: "x.yml", text: text)
        var map = YAMLSourceMap(file: file)
        guard case .documents(let nodes) = YAMLDocuments.load(file) else { throw YAMLTestError.broken }
        var out: [(String, String?)] = []
        func walk(_ n: Yams.Node) throws {
            switch n {
            case .scalar(let s):
                let mappedText = map.map(s)
                let m = try #require(mappedText, "unmapped scalar \(s.string)")
                #expect(m.string == s.string)
                for (i, o) in m.offsets.enumerated() where m.bytes[i] != 0x20 && m.bytes[i] != 0x0A {
                    #expect(file.bytes[o] == m.bytes[i] || s.style == .doubleQuoted, "byte \(i) of \(s.string)")
                }
                out.append((s.string, m.fileSpan.map { file[$0] }))
            case .mapping(let m): for (k, v) in m { try walk(k); try walk(v) }
            case .sequence(let q): for e in q { try walk(e) }
            case .alias: break
            }
        }
        for n in nodes { try walk(n) }
        return out
    }
    enum YAMLTestError: Error { case broken }

    @Test func stylesMapToTheirSource() throws {
        let text = "\u{FEFF}a: plain value\r\nb: 'it''s'\r\nc: \"tab\\there\"\r\nd: |\r\n  line one\r\n    indented\r\ne: >-\r\n  folded\r\n  text\r\nключ: CUDA 12.4\r\nf:\r\n\t- x\r\n"
        let text2 = text.replacingOccurrences(of: "\t- x", with: "  - x")  // tabs are not YAML indentation
        let pairs = try Self.mapped(text2)
        let dict = Dictionary(pairs.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        #expect(dict["plain value"] == .some("plain value"))
        #expect(dict["it's"] == .some(nil))              // '' collapses: not contiguous
        #expect(dict["CUDA 12.4"] == .some("CUDA 12.4"))  // after a multi-byte key
        #expect(dict["x"] == .some("x"))
        #expect(pairs.contains { $0.0 == "line one\n  indented\n" })
        #expect(pairs.contains { $0.0 == "folded text" })
    }

    @Test func tokensInsideBlockScalarsGetExactSpans() {
        let text = """
        steps:
          - command: |
              docker build \\
                --build-arg CUDA_VERSION=12.1.0 \\
                --build-arg 'torch_cuda_arch_list=7.0 8.0' .
          - command: >
              pip install
              torch==2.6.0
        """
        let result = SiteExpect.scan(CIYAMLScanner(), ".buildkite/p.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.1.0 cuda CUDA_VERSION",
            "arch-list pin cuda 7.0 8.0 cuda torch_cuda_arch_list",
            "requirement pin torch 2.6.0 all -",
        ])
    }

    @Test func editingSitesKeepsEverythingElse() throws {
        let before = "env:\r\n  CUDA_VERSION: \"12.4\"   # main\r\nsteps:\r\n  - label: 'Build - CUDA 12.4'\r\n    key: build-cu124\r\n"
        let after = "env:\r\n  CUDA_VERSION: \"12.8\"   # main\r\nsteps:\r\n  - label: 'Build - CUDA 12.8'\r\n    key: build-cu128\r\n"
        let file = SourceFile(path: ".buildkite/x.yml", text: before)
        let sites = CIYAMLScanner().scan(file, context: ScanContext()).sites
        let edits = sites.map { TextEdit(span: $0.span, replacement: $0.kind == .variant ? "cu128" : "12.8") }
        #expect(try file.applying(edits).text == after)
    }
}

@Suite struct CIYAMLExtensionWorkflowTests {
    @Test func wheelMatrixWithComputedIndexes() {
        let text = """
        jobs:
          build_wheels:
            strategy:
              fail-fast: false
              matrix:
                python-version: ['3.10', '3.12']
                torch-version: ['2.6.0', '2.7.0.dev20250205']
                cuda-version: ['12.4.1']
                exclude:
                  - torch-version: '2.6.0'
                    cuda-version: '12.8.0'
            steps:
              - name: Install CUDA ${{ matrix.cuda-version }}
                uses: Jimver/cuda-toolkit@v0.2.19
                with:
                  cuda: ${{ matrix.cuda-version }}
              - name: Install PyTorch ${{ matrix.torch-version }}+cu${{ matrix.cuda-version }}
                run: |
                  export TORCH_CUDA_VERSION=$(python -c "import os; \\
                    print({'2.6': 126, '2.7': 128}[os.environ['V']])")
                  if [[ ${{ matrix.torch-version }} == *"dev"* ]]; then
                    pip install --pre torch==${{ matrix.torch-version }} --index-url https://download.pytorch.org/whl/nightly/cu${TORCH_CUDA_VERSION}
                  else
                    pip install torch==${{ matrix.torch-version }} --index-url https://download.pytorch.org/whl/cu${TORCH_CUDA_VERSION}
                  fi
        """
        let result = SiteExpect.scan(CIYAMLScanner(), ".github/workflows/publish.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin python 3.10 all python-version",
            "version pin python 3.12 all python-version",
            "version pin torch 2.6.0 all torch-version",
            "version pin torch 2.7.0.dev20250205 nightly torch-version",
            "version pin cuda 12.4.1 cuda cuda-version",
            "version pin torch 2.6.0 all torch-version",
            "version pin cuda 12.8.0 cuda cuda-version",
            "index-url derived - https://download.pytorch.org/whl/nightly/cu${TORCH_CUDA_VERSION} nightly TORCH_CUDA_VERSION",
            "index-url derived - https://download.pytorch.org/whl/cu${TORCH_CUDA_VERSION} cuda TORCH_CUDA_VERSION",
        ])
    }
}
