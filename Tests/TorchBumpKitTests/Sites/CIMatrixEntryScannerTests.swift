import Testing
@testable import TorchBumpKit

/// Matrix `include` entries: the full toolkit of an entry (`cuda_full`, `toolkit`, a container tag) is a site, and
/// the CUDA sites of one entry share a group.
@Suite struct CIMatrixEntryScannerTests {
    let scanner = CIYAMLScanner()

    /// `line name value group` of every CUDA site (version, image, variant), sorted by position.
    static func cudaSites(_ result: ScanResult) -> [String] {
        result.sites.filter { $0.subject == "cuda" || $0.variant?.isCUDA == true }.sorted { $0.span < $1.span }
            .map { "\($0.line) \($0.name ?? "-") \($0.value) \($0.group ?? "-")" }
    }

    /// `image: "13.0.2"`: a container tag that is only the toolkit's version belongs to its entry.
    @Test func bareToolkitImageTagIsTheEntrysToolkit() {
        let text = """
        jobs:
          test:
            strategy:
              matrix:
                include:
                  - cuda: "13.0"
                    image: "13.0.2"
            container: nvidia/cuda:${{ matrix.image }}-devel-ubuntu24.04

        """
        let result = SiteExpect.scan(scanner, ".github/workflows/ci.yml", text)
        #expect(Self.cudaSites(result).prefix(2) == ["6 cuda 13.0 matrix-entry@6", "7 image 13.0.2 matrix-entry@6"])
    }

    @Test func githubIncludeEntriesGroupTheirToolkitAndContainer() {
        let text = """
        jobs:
          build:
            strategy:
              matrix:
                cuda: ["12.6", "12.8"]
                include:
                  - cuda: "12.6"
                    cuda_full: "12.6.3"
                  - cuda: "12.8"
                    cuda-toolkit-version: 12.8.1
                    image: nvidia/cuda:12.8.1-devel-ubuntu22.04
                    cuda_tag: cu128
                  - cuda: "12.9"
                    toolkit: "12.9.1"
                    cuda_arch_list: "8.0 9.0"
                    os: ubuntu-22.04
            container:
              image: nvidia/cuda:${{ matrix.cuda_full }}-devel-ubuntu22.04
        """
        let result = SiteExpect.scan(scanner, ".github/workflows/kernels.yml", text)
        #expect(Self.cudaSites(result) == [
            "5 cuda 12.6 -", "5 cuda 12.8 -",
            "7 cuda 12.6 matrix-entry@7", "8 cuda_full 12.6.3 matrix-entry@7",
            "9 cuda 12.8 matrix-entry@9", "10 cuda-toolkit-version 12.8.1 matrix-entry@9",
            "11 image 12.8.1 matrix-entry@9", "12 cuda_tag cu128 matrix-entry@9",
            "13 cuda 12.9 matrix-entry@13", "14 toolkit 12.9.1 matrix-entry@13",
            "15 cuda_arch_list 8.0 9.0 -",
        ])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func gitlabParallelMatrixEntriesAreGroupedToo() {
        let text = """
        build:
          parallel:
            matrix:
              - CUDA: "12.8"
                CUDA_FULL: "12.8.1"
              - CUDA: "12.9"
                CUDA_FULL: "12.9.1"
          image: nvidia/cuda:${CUDA_FULL}-devel-ubuntu22.04
        """
        let result = SiteExpect.scan(scanner, ".gitlab-ci.yml", text)
        #expect(Self.cudaSites(result).filter { !$0.hasSuffix(" -") } == [
            "4 CUDA 12.8 matrix-entry@4", "5 CUDA_FULL 12.8.1 matrix-entry@4",
            "6 CUDA 12.9 matrix-entry@6", "7 CUDA_FULL 12.9.1 matrix-entry@6",
        ])
    }

    @Test func toolkitKeysOutsideAMatrixEntryAreNotGuessed() {
        let text = """
        jobs:
          build:
            strategy:
              matrix:
                toolkit: ["12.8.1"]
                include:
                  - python: "3.12"
                    toolkit: "12.8.1"
        """
        let result = SiteExpect.scan(scanner, ".github/workflows/ci.yml", text)
        // Only the entry's value is read as a toolkit, and an entry with a single CUDA site needs no group.
        #expect(Self.cudaSites(result) == ["8 toolkit 12.8.1 -"])
    }

    @Test(arguments: [
        ("cuda_full", true), ("cuda-version", true), ("toolkit", true), ("cuda_toolkit", true), ("nvcc", true),
        ("full_cuda_version", true), ("cuda_arch_list", false), ("cudnn", false), ("cuda_home", false),
        ("driver", false), ("python", false), ("sm", false),
    ])
    func entryToolkitKeys(_ key: String, _ expected: Bool) {
        #expect(CIYAMLWalker.isEntryToolkitKey(key) == expected)
    }
}
