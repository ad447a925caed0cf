import Foundation
import Testing
@testable import TorchBumpKit

/// Defaults from the release matrix and the repository's inventory.
@Suite struct ProbeRequestTests {
    let matrix = try! ReleaseMatrix.bundled()

    func site(_ kind: SiteKind, subject: String?, value: String, variant: Variant? = nil, role: SiteRole = .pin,
              platform: Platform = .all) -> PinSite {
        PinSite(path: "Dockerfile", file: .dockerfile, kind: kind, role: role, subject: subject, value: value,
                span: Span(start: 0, end: value.utf8.count), line: 1, column: 1, platform: platform, variant: variant)
    }

    @Test func releaseDefaultsComeFromTheMatrix() throws {
        let (spec, _) = try ProbeRequest(torch: "2.7.0").resolve(matrix: matrix)
        #expect(spec.variants.map(\.tag) == ["cpu", "cu118", "cu126", "cu128", "rocm6.2.4", "rocm6.3", "xpu"])
        #expect(spec.pythons == ["3.9", "3.10", "3.11", "3.12", "3.13"], "free-threaded builds only on request")
        #expect(spec.arches == ["x86_64"])
        #expect(spec.packages.map(\.name) == ["torch", "torchvision", "torchaudio"])
        #expect(spec.packages.map(\.version) == ["2.7.0", "0.22.0", "2.7.0"])
        #expect(spec.fallbackTriton?.specifier == "==3.3.0")
    }

    @Test func torchaudioIsHeldAfterItsFreeze() throws {
        let (spec, _) = try ProbeRequest(torch: "2.12.0", variants: [Variant(tag: "cu130")!]).resolve(matrix: matrix)
        let audio = try #require(spec.packages.first { $0.name == "torchaudio" })
        #expect(audio.version == "2.11.0")
        #expect(audio.note?.contains("froze") == true)
        #expect(spec.packages.first { $0.name == "torchvision" }?.version == "0.27.0")
    }

    @Test func unknownReleaseInfersCompanionsAndDiscoversVariants() throws {
        let (spec, notes) = try ProbeRequest(torch: "2.16.0", channel: .test).resolve(matrix: matrix)
        #expect(spec.variants.isEmpty, "discovered from the index at probe time")
        #expect(spec.packages.first { $0.name == "torchvision" }?.version == "0.31.0")
        #expect(spec.packages.first { $0.name == "torchvision" }?.note?.contains("inferred") == true)
        #expect(notes.contains { $0.message.contains("not in the release matrix") })
    }

    @Test func localLabelPicksTheVariant() throws {
        let (spec, _) = try ProbeRequest(torch: "2.7.0+cu126").resolve(matrix: matrix)
        #expect(spec.variants == [Variant(tag: "cu126")!])
        #expect(spec.packages.first?.version == "2.7.0")
    }

    @Test func repositoryNarrowsTheDefaults() throws {
        let inventory = Inventory(root: URL(fileURLWithPath: "/repo"), sites: [
            site(.indexURL, subject: nil, value: "https://download.pytorch.org/whl/cu124", variant: Variant(tag: "cu124")),
            site(.requirement, subject: "torch", value: "2.6.0"),
            site(.requirement, subject: "torchvision", value: "0.21.0"),
            site(.version, subject: "python", value: "3.12"),
            site(.version, subject: "python", value: "3.9.18", role: .doc),
            site(.image, subject: "cuda", value: "12.4.1", platform: .arm),
            site(.requirement, subject: "torchaudio", value: "2.6.0", role: .disabled),
        ])
        let (spec, notes) = try ProbeRequest(torch: "2.7.0").resolve(matrix: matrix, inventory: inventory)
        // cu124 is not published for 2.7.0: the nearest newer CUDA variant is probed instead.
        #expect(spec.variants == [Variant(tag: "cu126")!])
        #expect(notes.contains { $0.message.contains("cu124") && $0.message.contains("cu126") })
        #expect(spec.pythons == ["3.12"], "only pinned Pythons; docs do not count")
        #expect(spec.arches == ["x86_64", "aarch64"])
        #expect(spec.packages.map(\.name) == ["torch", "torchvision"], "a commented-out torchaudio is not used")
    }

    @Test func repositoryPythonTheReleaseLacksIsStillProbed() throws {
        let inventory = Inventory(root: URL(fileURLWithPath: "/repo"), sites: [
            site(.version, subject: "python", value: "3.9"),
        ])
        let (spec, notes) = try ProbeRequest(torch: "2.9.0", variants: [.cpu]).resolve(matrix: matrix, inventory: inventory)
        #expect(spec.pythons == ["3.9"])
        #expect(notes.contains { $0.severity == .warning && $0.message.contains("3.9") })
    }

    @Test(arguments: [
        ("3.12", "3.12"), ("cp312", "3.12"), ("3.13t", "3.13t"), ("cp313t", "3.13t"), (" 3.10 ", "3.10"),
    ])
    func pythonSpellings(_ raw: String, _ expected: String) throws {
        #expect(try ProbeRequest.normalizePython(raw) == expected)
    }

    @Test(arguments: ["3", "three", "3.x", "cp3", "3.12.1", ""])
    func badPythons(_ raw: String) {
        #expect(throws: ProbeError.invalidPython(raw)) { try ProbeRequest.normalizePython(raw) }
    }

    @Test func badInputsAreProbeErrors() {
        #expect(throws: ProbeError.invalidTorchVersion("two")) { try ProbeRequest(torch: "two").resolve(matrix: matrix) }
        #expect(throws: ProbeError.invalidArch("sparc")) {
            try ProbeRequest(torch: "2.7.0", arches: ["sparc"]).resolve(matrix: matrix)
        }
        #expect(throws: ProbeError.invalidIndexURL("not a url")) {
            try ProbeRequest(torch: "2.7.0", pypiIndex: "not a url").resolve(matrix: matrix)
        }
    }
}

/// `Requires-Dist` lines and marker evaluation.
@Suite struct DistRequirementTests {
    @Test(arguments: [
        ("triton==3.3.0; platform_system == \"Linux\" and platform_machine == \"x86_64\"", "triton", "==3.3.0", true),
        ("cuda-toolkit[cublas,cudart]==13.0.2; platform_system == \"Linux\"", "cuda-toolkit", "==13.0.2", true),
        ("nvidia-cuda-runtime-cu12 (==12.4.127)", "nvidia-cuda-runtime-cu12", "==12.4.127", false),
        ("pytorch-triton-rocm==3.3.0+git96316ce5", "pytorch-triton-rocm", "==3.3.0+git96316ce5", false),
        ("typing-extensions >= 4.10.0", "typing-extensions", ">=4.10.0", false),
        ("torch>=2.11,<3", "torch", ">=2.11,<3", false),
        ("sympy", "sympy", "", false),
    ])
    func parses(_ line: String, _ name: String, _ spec: String, _ hasMarker: Bool) throws {
        let r = try #require(DistRequirement(line))
        #expect(r.normalizedName == name)
        #expect(r.specifier == spec)
        #expect((r.marker != nil) == hasMarker)
    }

    @Test func extrasAndPins() throws {
        let r = try #require(DistRequirement("cuda-toolkit[cublas, cudart]==13.0.2; platform_system == \"Linux\""))
        #expect(r.extras == ["cublas", "cudart"])
        #expect(r.pinnedVersion == "13.0.2")
        #expect(DistRequirement("triton~=3.8.0")?.pinnedVersion == nil)
        #expect(DistRequirement("") == nil)
        #expect(DistRequirement("[x]") == nil)
    }

    @Test(arguments: [
        ("platform_system == \"Linux\" and platform_machine == \"x86_64\"", "3.12", "x86_64", true),
        ("platform_system == \"Linux\" and platform_machine == \"x86_64\"", "3.12", "aarch64", false),
        ("python_version < \"3.13\"", "3.12", "x86_64", true),
        ("python_version < \"3.13\"", "3.13", "x86_64", false),
        ("python_version < \"3.13\"", "3.13t", "x86_64", false),
        ("python_version<'3.16' and platform_system=='Linux'", "3.15", "x86_64", true),
        ("\"3.12\" <= python_version", "3.13", "x86_64", true),
        ("sys_platform == \"win32\" or (platform_system == \"Linux\" and python_version >= \"3.10\")", "3.10", "x86_64", true),
        ("platform_system == \"Darwin\"", "3.12", "x86_64", false),
        ("extra == \"opt-einsum\"", "3.12", "x86_64", false),
        ("platform_machine not in \"ppc64le s390x\"", "3.12", "aarch64", true),
        ("platform_release >= \"5\"", "3.12", "x86_64", true),
        ("this is ( not a marker", "3.12", "x86_64", true),
    ])
    func markers(_ marker: String, _ python: String, _ arch: String, _ expected: Bool) {
        #expect(MarkerEnvironment.linux(python: python, arch: arch).evaluate(marker) == expected)
    }
}

/// The release-candidate hash file.
@Suite struct RCHashStoreTests {
    let now = Date(timeIntervalSince1970: 1_760_000_000)

    @Test func reconcileRecordsUpdatesAndDetects() {
        let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
        let seen = [RCHashStore.Observation(index: "https://download.pytorch.org/whl/test/cu128/", filename: "t.whl", sha256: a)]
        let (first, none) = RCHashStore.reconcile([:], with: seen, now: now)
        #expect(none.isEmpty)
        #expect(first.count == 1)
        let changed = [RCHashStore.Observation(index: "https://download.pytorch.org/whl/test/cu128", filename: "t.whl",
                                               sha256: b.uppercased())]
        let (second, respins) = RCHashStore.reconcile(first, with: changed, now: now.addingTimeInterval(60))
        #expect(respins.count == 1, "a trailing slash on the index does not make another key")
        #expect(respins.first?.currentSHA256 == b)
        #expect(second.values.first?.previous == [a])
    }

    @Test func credentialsNeverReachTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = RCHashStore(file: dir.appendingPathComponent("rc-hashes.json"))
        let seen = [RCHashStore.Observation(index: "https://user:tok@mirror.example/whl/test/cu128/", filename: "t.whl",
                                            sha256: String(repeating: "c", count: 64))]
        try store.save(RCHashStore.reconcile([:], with: seen, now: now).records)
        let text = try String(contentsOf: store.file, encoding: .utf8)
        #expect(!text.contains("tok"))
        #expect(store.load().records.count == 1)
    }

    @Test func corruptFileIsMovedAsideAndReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = RCHashStore(file: dir.appendingPathComponent("rc-hashes.json"))
        try Data("{ not json".utf8).write(to: store.file)
        let (records, diagnostics) = store.load()
        #expect(records.isEmpty)
        #expect(diagnostics.first?.severity == .warning)
        #expect(FileManager.default.fileExists(atPath: store.file.path + ".bad"))
    }

    @Test func defaultLocationIsTheXDGCache() {
        let file = RCHashStore.defaultFile(environment: ["XDG_CACHE_HOME": "/tmp/xdg", "HOME": "/home/u"])
        #expect(file.path == "/tmp/xdg/torchbump/rc-hashes.json")
    }
}
