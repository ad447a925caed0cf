import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct VariantTests {
    static let tags: [(String, Variant?)] = [
        ("cpu", .cpu), ("CPU", .cpu), ("xpu", .xpu), ("cu128", .cuda(major: 12, minor: 8)), ("cu92", .cuda(major: 9, minor: 2)),
        ("cu130", .cuda(major: 13, minor: 0)), ("CU118", .cuda(major: 11, minor: 8)), ("rocm6.3", .rocm("6.3")),
        ("rocm6.2.4", .rocm("6.2.4")), ("rocm7.1", .rocm("7.1")), ("cu", nil), ("cu8", nil), ("cu12800", nil),
        ("cu12a", nil), ("rocm6", nil), ("rocm6.", nil), ("rocm6.x", nil), ("rocm6.2.4.1", nil), ("", nil), ("cuda", nil),
        ("cpu-cxx11-abi", nil), ("cu124torch2.6", nil),
    ]

    @Test(arguments: tags)
    func parsesTags(tag: String, expected: Variant?) {
        #expect(Variant(tag: tag) == expected)
        if let expected { #expect(Variant(tag: expected.tag) == expected) }
    }

    static let labels: [(String, Variant?)] = [
        ("cu128", .cuda(major: 12, minor: 8)), ("+cu128", .cuda(major: 12, minor: 8)), ("cpu", .cpu),
        ("cpu.cxx11.abi", .cpu), ("cpu-cxx11-abi", .cpu), ("rocm6.2.4", .rocm("6.2.4")), ("xpu", .xpu),
        ("cu124torch2.6", nil), ("cu12torch2.7cxx11abitrue", nil), ("5d4b92a5.d20251029", nil), ("cpuonly", nil), ("", nil),
    ]

    @Test(arguments: labels)
    func parsesLocalLabels(label: String, expected: Variant?) {
        #expect(Variant(localLabel: label) == expected)
    }

    static let cuda: [(String, String?)] = [
        ("12.8", "cu128"), ("12.8.1", "cu128"), ("11.8.0", "cu118"), ("13.0", "cu130"), ("12", nil), ("12.10", nil),
        ("x.y", nil),
    ]

    @Test(arguments: cuda)
    func fromCUDAVersion(version: String, tag: String?) {
        #expect(Variant(cudaVersion: version)?.tag == tag)
    }

    @Test func propertiesAndOrder() {
        let cu128 = Variant.cuda(major: 12, minor: 8)
        #expect(cu128.toolkitVersion == "12.8" && Variant.rocm("6.3").toolkitVersion == "6.3" && Variant.cpu.toolkitVersion == nil)
        #expect(cu128.isCUDA && !cu128.isROCm && Variant.rocm("6.3").isROCm)
        #expect(cu128.platform == .cuda && Variant.xpu.platform == .xpu && Variant.cpu.platform == .cpu)
        let sorted: [Variant] = [.cpu, .cuda(major: 11, minor: 8), .cuda(major: 12, minor: 6), .cuda(major: 12, minor: 8),
                                 .cuda(major: 13, minor: 0), .rocm("6.2"), .rocm("6.2.4"), .rocm("6.3"), .xpu]
        #expect(sorted.shuffled().sorted() == sorted)
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode([Variant.cuda(major: 12, minor: 8), .rocm("6.2.4"), .cpu])
        #expect(String(decoding: data, as: UTF8.self) == #"["cu128","rocm6.2.4","cpu"]"#)
        #expect(try JSONDecoder().decode([Variant].self, from: data) == [.cuda(major: 12, minor: 8), .rocm("6.2.4"), .cpu])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Variant].self, from: Data(#"["cuda"]"#.utf8)) }
    }

    static let indexURLs: [(String, String?, Channel?, String?, String?)] = [
        // (url, base, channel, variant tag, rest)
        ("https://download.pytorch.org/whl/cu128", "https://download.pytorch.org/whl", .release, "cu128", ""),
        ("https://download.pytorch.org/whl/cu128/", "https://download.pytorch.org/whl", .release, "cu128", ""),
        ("https://download.pytorch.org/whl/test/cu118", "https://download.pytorch.org/whl", .test, "cu118", ""),
        ("https://download.pytorch.org/whl/nightly/rocm6.3", "https://download.pytorch.org/whl", .nightly, "rocm6.3", ""),
        ("https://download.pytorch.org/whl/nightly", "https://download.pytorch.org/whl", .nightly, nil, ""),
        ("https://download.pytorch.org/whl", "https://download.pytorch.org/whl", .release, nil, ""),
        ("https://download.pytorch.org/whl/cu128/torch/", "https://download.pytorch.org/whl", .release, "cu128", "/torch"),
        ("https://mirror.example/pytorch/whl/xpu", "https://mirror.example/pytorch/whl", .release, "xpu", ""),
        ("https://download.pytorch.org/whl/${CUDA_TAG}", "https://download.pytorch.org/whl", .release, nil, "/${CUDA_TAG}"),
        ("https://flashinfer.ai/whl/cu124/torch2.6/", "https://flashinfer.ai/whl", .release, "cu124", "/torch2.6"),
        ("https://pypi.org/simple", nil, nil, nil, nil),
        ("https://example.com/whlx/cu128", nil, nil, nil, nil),
    ]

    @Test(arguments: indexURLs)
    func indexURL(url: String, base: String?, channel: Channel?, variant: String?, rest: String?) {
        let parsed = PyTorchIndexURL(url)
        #expect(parsed?.base == base)
        #expect(parsed?.channel == channel)
        #expect(parsed?.variant?.tag == variant)
        #expect(parsed?.rest == rest)
        if let parsed { #expect(PyTorchIndexURL(parsed.url) == parsed) }
    }

    @Test func indexURLHost() {
        #expect(PyTorchIndexURL("https://download.pytorch.org/whl/cu128")?.isPyTorchHost == true)
        #expect(PyTorchIndexURL("https://flashinfer.ai/whl/cu128")?.isPyTorchHost == false)
        #expect(PyTorchIndexURL("https://download.pytorch.org/whl/nightly/cu128")?.url == "https://download.pytorch.org/whl/nightly/cu128")
    }
}
