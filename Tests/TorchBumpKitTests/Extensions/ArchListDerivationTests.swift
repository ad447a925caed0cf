import Testing
@testable import TorchBumpKit

@Suite struct ArchListDerivationTests {
    static let repositoryList = "7.0 7.5 8.0 8.9 9.0 10.0 10.1 12.0+PTX"

    static func base(_ list: String, cuda: String) throws -> DerivedArchList {
        try #require(ArchListDerivation.base(current: (list, "test"), cuda: cuda, torch: "2.9.0", matrix: Fixtures.matrix))
    }

    /// The repository's list moved to each CUDA: 12.6 cannot target Blackwell (the +PTX moves down to 9.0),
    /// 12.8 keeps everything, 13.0 drops Volta and calls 10.1 11.0.
    @Test(arguments: [
        ("12.6", "7.0 7.5 8.0 8.9 9.0+PTX", ["10.0", "10.1", "12.0+PTX"], [String]()),
        ("12.8", "7.0 7.5 8.0 8.9 9.0 10.0 10.1 12.0+PTX", [], []),
        ("13.0", "7.5 8.0 8.9 9.0 10.0 11.0 12.0+PTX", ["7.0"], ["10.1 → 11.0 (CUDA 13.0 name)"]),
    ])
    func baseListPerCUDA(cuda: String, expected: String, dropped: [String], renamed: [String]) throws {
        let derived = try Self.base(Self.repositoryList, cuda: cuda)
        #expect(derived.value == expected)
        #expect(derived.dropped.map { String($0.prefix { $0 != ":" }) } == dropped)
        #expect(derived.renamed == renamed)
        #expect(derived.source == "test")
    }

    /// Per-extension limits on top: FlashInfer sm75+, flash-attn sm80+ in `80;90` form, DeepGEMM's fixed list.
    @Test(arguments: [
        ("12.6", "7.5 8.0 8.9 9.0+PTX", "80;89;90", "9.0a"),
        ("12.8", "7.5 8.0 8.9 9.0 10.0 10.1 12.0+PTX", "80;89;90;100;101;120", "9.0a 10.0a"),
        ("13.0", "7.5 8.0 8.9 9.0 10.0 11.0 12.0+PTX", "80;89;90;100;110;120", "9.0a 10.0a"),
    ])
    func extensionListsPerCUDA(cuda: String, flashinfer: String, flashAttn: String, deepGEMM: String) throws {
        let base = try Self.base(Self.repositoryList, cuda: cuda)
        let m = Fixtures.matrix
        let fi = ArchListDerivation.forExtension(base: base, display: "FlashInfer", minimumArch: "7.5", fixedArchs: nil,
                                                 format: .dotted, cuda: cuda, matrix: m)
        #expect(fi.value == flashinfer)
        // On 13.0 the toolkit already dropped 7.0; elsewhere FlashInfer's sm75 floor does.
        #expect(fi.dropped.contains { $0.hasPrefix("7.0") && $0.contains("sm75+") } == (cuda != "13.0"))
        let fa = ArchListDerivation.forExtension(base: base, display: "flash-attn", minimumArch: "8.0", fixedArchs: nil,
                                                 format: .sm, cuda: cuda, matrix: m)
        #expect(fa.value == flashAttn)
        let dg = ArchListDerivation.forExtension(base: base, display: "DeepGEMM", minimumArch: nil, fixedArchs: "9.0a 10.0a",
                                                 format: .dotted, cuda: cuda, matrix: m)
        #expect(dg.value == deepGEMM)
    }

    @Test func separatorOfTheRepositoryIsKept() throws {
        #expect(try Self.base("7.0;7.5;8.0;10.1", cuda: "13.0").value == "7.5;8.0;11.0")
        #expect(try Self.base("7.0; 8.0; 12.0", cuda: "12.6").value == "7.0; 8.0")
    }

    @Test func droppingThePTXEntryBelowTheMinimumMovesPTXUp() throws {
        let base = DerivedArchList(value: "7.0+PTX", source: "test")
        let only = ArchListDerivation.forExtension(base: base, display: "FlashInfer", minimumArch: "7.5", fixedArchs: nil,
                                                   format: .dotted, cuda: "12.8", matrix: Fixtures.matrix)
        #expect(only.isEmpty)
        let two = ArchListDerivation.forExtension(base: DerivedArchList(value: "8.0 7.0+PTX", source: "t"),
                                                  display: "FlashInfer", minimumArch: "7.5", fixedArchs: nil,
                                                  format: .dotted, cuda: "12.8", matrix: Fixtures.matrix)
        #expect(two.value == "8.0+PTX")
    }

    @Test func withoutARepositoryListPyTorchsOwnListIsTheStart() throws {
        let derived = try #require(ArchListDerivation.base(current: nil, cuda: "12.8", torch: "2.9.0", matrix: Fixtures.matrix))
        #expect(derived.value == "7.0 7.5 8.0 8.6 9.0 10.0 12.0")
        #expect(derived.source.contains("PyTorch's own cu128 wheels"))
    }

    @Test func currentListIsTheMostCommonMainListNotAnExtensionsOwn() {
        let sites = [
            Sites.archList("8.0 9.0", line: 1),
            Sites.archList("7.5 8.0 9.0", path: "docker/Dockerfile.a", line: 2),
            Sites.archList("7.5 8.0 9.0", path: "docker/Dockerfile.b", line: 3),
            Sites.archList("9.0a", name: "FLASHINFER_CUDA_ARCH_LIST", line: 4),
            Sites.archList("${torch_cuda_arch_list}", line: 5),
        ]
        let current = ArchListDerivation.current(in: sites)
        #expect(current?.value == "7.5 8.0 9.0")
        #expect(current?.source == "docker/Dockerfile.a:2 TORCH_CUDA_ARCH_LIST")
        #expect(ArchListDerivation.current(in: sites, name: "FLASHINFER_CUDA_ARCH_LIST")?.value == "9.0a")
        #expect(ArchListDerivation.current(in: []) == nil)
    }
}
