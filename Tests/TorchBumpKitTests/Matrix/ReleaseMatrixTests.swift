import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct ReleaseMatrixTests {
    let matrix: ReleaseMatrix

    init() throws { matrix = try ReleaseMatrix.bundled() }

    @Test(arguments: [
        ("2.7.0", "2.7.0"), ("2.7.0+cu128", "2.7.0"), (" 2.10.0 ", "2.10.0"), ("2.7", "2.7.0"),
    ])
    func releaseLookupIgnoresLocalLabels(input: String, expected: String) {
        #expect(matrix.release(input)?.torch == expected)
    }

    @Test(arguments: ["2.16.0", "2.7.2", "banana", "", "2.7.0.dev20250101"])
    func unknownReleasesAreNil(input: String) {
        #expect(matrix.release(input) == nil)
        #expect(matrix.companions(of: input) == nil)
    }

    struct CompanionCase: Sendable, CustomTestStringConvertible {
        var torch: String
        var vision: String
        var visionUncertain = false
        var audio: String
        var held = false
        var triton: String
        var testDescription: String { torch }
    }

    @Test(arguments: [
        CompanionCase(torch: "2.6.0", vision: "0.21.0", audio: "2.6.0", triton: "triton==3.2.0"),
        CompanionCase(torch: "2.7.0", vision: "0.22.0", audio: "2.7.0", triton: "triton==3.3.0"),
        CompanionCase(torch: "2.7.1", vision: "0.22.1", audio: "2.7.1", triton: "triton==3.3.1"),
        CompanionCase(torch: "2.8.0", vision: "0.23.0", audio: "2.8.0", triton: "triton==3.4.0"),
        CompanionCase(torch: "2.5.0", vision: "0.20.0", audio: "2.5.0",
                      triton: #"triton==3.1.0; python_version<"3.13""#),
        CompanionCase(torch: "2.11.0", vision: "0.26.0", audio: "2.11.0", triton: "triton==3.6.0"),
        CompanionCase(torch: "2.12.1", vision: "0.27.1", audio: "2.11.0", held: true, triton: "triton==3.7.1"),
        CompanionCase(torch: "2.14.1", vision: "0.29.1", visionUncertain: true, audio: "2.11.0", held: true,
                      triton: #"triton~=3.8.0; python_version<"3.15""#),
        CompanionCase(torch: "2.15.0", vision: "0.29.2", visionUncertain: true, audio: "2.11.1", held: true,
                      triton: #"triton~=3.9.0; python_version<"3.16""#),
    ])
    func companions(_ c: CompanionCase) throws {
        let got = try #require(matrix.companions(of: c.torch))
        #expect(got.torchvision?.version == c.vision)
        #expect(got.torchvision?.uncertain == c.visionUncertain)
        #expect(got.torchaudio?.version == c.audio)
        #expect(got.torchaudio?.held == c.held)
        if c.held { #expect(got.torchaudio?.reason?.contains("froze after 2.11") == true) }
        #expect(got.triton?.requirement == c.triton)
    }

    @Test func yankedCompanionsAreReported() throws {
        let got = try #require(matrix.companions(of: "2.0.0"))
        #expect(got.torchvision?.version == "0.15.1" && got.torchvision?.yanked == ["0.15.0"])
        #expect(got.torchaudio?.version == "2.0.1" && got.torchaudio?.yanked == ["2.0.0"])
    }

    enum Expect: Sendable { case yes, no, uncertain }

    @Test(arguments: [
        ("cu128", "2.7.0", Channel.release, Expect.yes),
        ("cu128", "2.6.0", .release, .no),
        ("cu124", "2.8.0", .release, .no),
        ("cu121", "2.6.0", .release, .no),
        ("cu126", "2.6.0", .release, .yes),
        ("cu129", "2.8.0", .release, .yes),
        ("cu129", "2.9.0", .release, .uncertain),   // third-party data only
        ("cu129", "2.12.0", .release, .no),
        ("cu129", "2.12.1", .release, .uncertain),
        ("cu128", "2.12.0", .release, .no),         // 2.11 was the last torch on cu128
        ("cu132", "2.11.0", .release, .no),
        ("cu132", "2.12.0", .release, .yes),
        ("rocm6.3", "2.8.0", .release, .uncertain), // older ROCm of an unverified list
        ("rocm6.4", "2.8.0", .release, .yes),
        ("rocm6.2", "2.6.0", .release, .no),
        ("rocm5.5", "2.1.0", .release, .uncertain),
        ("rocm7.1", "2.14.0", .release, .no),
        ("rocm7.14", "2.14.0", .release, .uncertain),
        ("xpu", "2.4.0", .release, .no),
        ("xpu", "2.6.0", .release, .uncertain),
        ("xpu", "2.9.0", .release, .yes),
        ("cpu", "2.3.1", .release, .yes),
        ("cu128", "2.7.0", .test, .yes),
        ("cu134", "2.15.0", .release, .uncertain),  // whole 2.15 list is unknown
        ("cu134", "2.15.0", .test, .uncertain),
        ("cu132", "2.15.0", .release, .uncertain),
        ("cu128", "2.7.0", .nightly, .uncertain),
        ("cu128", "2.16.0", .release, .uncertain),  // unknown release
        ("cu128", "2.7.0+cu128", .release, .yes),
    ])
    func isPublished(tag: String, torch: String, channel: Channel, expected: Expect) throws {
        let variant = try #require(Variant(tag: tag))
        let got = matrix.isPublished(variant, for: torch, channel: channel)
        switch expected {
        case .yes: #expect(got == .yes)
        case .no: #expect(got == .no)
        case .uncertain: #expect(got.isUncertain, "\(got)")
        }
    }

    @Test func uncertainAnswersCarryAReason() throws {
        guard case let .uncertain(reason) = matrix.isPublished(.cuda(major: 12, minor: 9), for: "2.9.0") else {
            Issue.record("expected uncertain"); return
        }
        #expect(reason.contains("cu129") && reason.contains("third-party"))
    }

    @Test(arguments: [
        ("cu121", "2.7.0", "cu126"),
        ("cu118", "2.8.0", "cu126"),
        ("rocm6.2.4", "2.8.0", "rocm6.3"),
        ("cu124", "2.6.0", "cu126"),
        ("cu128", "2.12.1", "cu129"),
        ("cu128", "2.12.0", "cu130"),
        ("cu117", "2.15.0", "cu126"),
        ("rocm7.1", "2.14.0", "rocm7.2"),
    ])
    func nearestNewerVariant(old: String, torch: String, expected: String) throws {
        let variant = try #require(Variant(tag: old))
        #expect(matrix.nearestNewerVariant(than: variant, for: torch)?.tag == expected)
    }

    @Test func nearestNewerVariantStaysWithinItsKindAndCarriesConfidence() throws {
        #expect(matrix.nearestNewerVariant(than: .cuda(major: 13, minor: 2), for: "2.14.0") == nil)
        #expect(matrix.nearestNewerVariant(than: .cpu, for: "2.8.0") == nil)
        #expect(matrix.nearestNewerVariant(than: .xpu, for: "2.8.0") == nil)
        #expect(matrix.nearestNewerVariant(than: .cuda(major: 12, minor: 1), for: "9.9.9") == nil)
        let choice = try #require(matrix.nearestNewerChoice(than: .rocm("6.2.4"), for: "2.8.0"))
        #expect(choice.variant == .rocm("6.3") && choice.availability.isUncertain)
        #expect(matrix.nearestNewerChoice(than: .cuda(major: 12, minor: 1), for: "2.7.0")?.availability == .yes)
    }

    @Test func knownVariantsIncludeTestOnlyOnesOnTheTestChannel() {
        let release = matrix.knownVariants(for: "2.15.0").map(\.variant.tag)
        let test = matrix.knownVariants(for: "2.15.0", channel: .test).map(\.variant.tag)
        #expect(release == ["cpu", "cu126", "cu130", "cu132", "rocm7.2", "rocm7.14", "xpu"])
        #expect(test == release + ["cu134"])
        #expect(matrix.knownVariants(for: "2.15.0").dropFirst().allSatisfy { $0.availability.isUncertain })
        #expect(matrix.knownVariants(for: "3.0.0").isEmpty)
    }

    @Test(arguments: [
        ("2.0.1", "cu117"), ("2.3.1", "cu121"), ("2.6.0", "cu124"), ("2.7.1", "cu126"), ("2.10.0", "cu128"),
        ("2.11.0", "cu130"), ("2.15.0", "cu132"),
    ])
    func pypiDefaultVariant(torch: String, expected: String) {
        #expect(matrix.pypiDefaultVariant(for: torch)?.tag == expected)
    }

    @Test(arguments: [
        ("12.8", "12.8.1"), ("12.6", "12.6.3"), ("12.4", "12.4.1"), ("12.1", "12.1.1"), ("11.8", "11.8.0"),
        ("12.9", "12.9.1"), ("13.0", "13.0.2"), ("13.2", "13.2.1"), ("12.8.0", "12.8.1"), ("cu128", "12.8.1"),
    ])
    func latestPatch(minor: String, expected: String) {
        #expect(matrix.latestPatch(cuda: minor) == expected)
    }

    @Test(arguments: ["11.7", "13.4", "13.1", "14.0", "x"])
    func latestPatchUnknown(minor: String) {
        #expect(matrix.latestPatch(cuda: minor) == nil)
    }

    @Test func archTargets() throws {
        #expect(matrix.archTargets(cuda: "12.6")?.first == "5.0" && matrix.archTargets(cuda: "12.6")?.last == "9.0")
        #expect(matrix.archTargets(cuda: "12.8")?.contains("12.0") == true)
        #expect(matrix.archTargets(cuda: "13.0")?.first == "7.5")
        #expect(matrix.archTargets(cuda: "13.0")?.contains("11.0") == true)
        #expect(matrix.archTargets(cuda: "13.0")?.contains("10.1") == false)
        #expect(matrix.cudaToolkit("13.2")?.smUncertain == true)
        #expect(matrix.archTargets(cuda: "13.4") == nil)
    }

    @Test(arguments: [
        ("2.8.0", "cu128", "7.0;7.5;8.0;8.6;9.0;10.0;12.0"),
        ("2.7.1", "cu128", "7.5;8.0;8.6;9.0;10.0;12.0+PTX"),
        ("2.11.0", "cu128", "7.5;8.0;8.6;9.0;10.0;12.0"),
        ("2.10.0", "cu130", "7.5;8.0;8.6;9.0;10.0;12.0+PTX"),
        ("2.12.1", "cu126", "5.0;6.0;7.0;7.5;8.0;8.6;9.0"),
        ("2.0.0", "cu117", "3.7;5.0;6.0;7.0;7.5;8.0;8.6"),
        ("2.3.0", "cu118", "3.7;5.0;6.0;7.0;7.5;8.0;8.6;9.0"),
    ])
    func pytorchWheelArchList(torch: String, tag: String, expected: String) throws {
        #expect(matrix.pytorchWheelArchList(torch: torch, variant: try #require(Variant(tag: tag))) == expected)
    }

    @Test func wheelArchListUnknownOrUncertain() {
        #expect(matrix.pytorchWheelArchList(torch: "2.15.0", variant: .cuda(major: 13, minor: 2)) == nil)
        #expect(matrix.pytorchWheelArchList(torch: "2.12.0", variant: .cuda(major: 12, minor: 8)) == nil)
        #expect(matrix.pytorchWheelArchList(torch: "2.14.0", variant: .cuda(major: 12, minor: 9)) == nil)
        #expect(matrix.wheelArchListEntry(torch: "2.13.0", variant: .cuda(major: 13, minor: 0))?.uncertain == true)
        #expect(matrix.wheelArchListEntry(torch: "2.12.0", variant: .cuda(major: 13, minor: 0))?.uncertain == false)
        #expect(matrix.wheelArchListEntry(torch: "2.6.0", variant: .cuda(major: 12, minor: 4))?.uncertain == true)
    }

    @Test(arguments: [
        ("2.6.0", "0.0.29.post3", false),
        ("2.7.0", "0.0.30", false),
        ("2.7.1", "0.0.31.post1", false),
        ("2.8.0", "0.0.32.post2", false),
        ("2.9.0", "0.0.33.post1", false),
        ("2.9.1", "0.0.33.post2", false),
        ("2.5.1", "0.0.29.post1", false),
        ("2.4.0", "0.0.27.post2", false),
        ("2.10.0", "0.0.35", false),  // newest release admitting 2.10.0 (0.0.34 pins ==2.10.0, 0.0.35 >=2.10)
        ("2.11.0", "0.0.35", true),   // admitted by an open range only
        ("2.10.0+cu128", "0.0.35", false),
    ])
    func xformers(torch: String, expected: String, uncertain: Bool) throws {
        let pairing = try #require(matrix.xformers(for: torch))
        #expect(pairing.version == expected)
        #expect(pairing.uncertain == uncertain)
    }

    @Test func xformersDetails() throws {
        let p = try #require(matrix.xformers(for: "2.8.0"))
        #expect(p.exactPin && p.torchRequirement == "==2.8.0")
        #expect(p.variants == [.cuda(major: 12, minor: 6), .cuda(major: 12, minor: 8), .cuda(major: 12, minor: 9)])
        #expect(p.pypiVariant == .cuda(major: 12, minor: 8))
        #expect(matrix.xformers(for: "2.10.0")?.exactPin == false)
        #expect(matrix.xformers(for: "2.2.0") == nil)
        #expect(matrix.xformers(for: "2.3.0") == nil)
    }

    @Test(arguments: [
        ("torchao", "2.9.0", "0.14.1", false), ("torchao", "2.9.1", "0.15.0", false),
        ("torchao", "2.11.0", "0.18.0", false),
        ("torchcodec", "2.7.1", "0.5", false), ("torchcodec", "2.5.0", "0.1", true),
        ("torchcodec", "2.11.0", "0.12", false), ("torchcodec", "2.13.0", "0.12", true),
        ("torchcodec", "2.4.1", "0.0.3", false),
    ])
    func otherExtensions(package: String, torch: String, expected: String, uncertain: Bool) throws {
        let pairing = try #require(matrix.extensionPairing(package, for: torch))
        #expect(pairing.version == expected)
        #expect(pairing.uncertain == uncertain)
    }

    @Test func noPairingForUnknownPackagesOrTorch() {
        #expect(matrix.torchao(for: "2.10.0") == nil)
        #expect(matrix.extensionPairing("flash-attn", for: "2.8.0") == nil)
    }

    @Test func flashinferBuilds() {
        let tags = matrix.flashinferBuilds(for: "2.6.0", variant: .cuda(major: 12, minor: 6)).map(\.fromTag)
        #expect(tags == ["v0.2.5", "v0.2.6.post1"])
        #expect(matrix.flashinferBuilds(for: "2.6.0", variant: .cuda(major: 12, minor: 1)).map(\.fromTag) == ["v0.2.1.post2"])
        #expect(matrix.flashinferBuilds(for: "2.8.0", variant: .cuda(major: 12, minor: 8)).isEmpty)
    }
}
