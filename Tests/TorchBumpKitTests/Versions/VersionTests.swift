import Foundation
import Testing
@testable import TorchBumpKit

/// Parses a version that the test table knows is valid.
func V(_ s: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Version {
    guard let v = Version(s) else {
        Issue.record("'\(s)' should parse", sourceLocation: sourceLocation)
        return Version(release: [0])
    }
    return v
}

@Suite struct VersionNormalisationTests {
    static let normalised: [(String, String)] = [
        // dev spellings
        ("1.0dev", "1.0.dev0"), ("1.0.dev", "1.0.dev0"), ("1.0dev1", "1.0.dev1"), ("1.0-dev", "1.0.dev0"),
        ("1.0-dev1", "1.0.dev1"), ("1.0DEV", "1.0.dev0"), ("1.0.DEV", "1.0.dev0"), ("1.0DEV1", "1.0.dev1"),
        ("1.0_dev1", "1.0.dev1"), ("1.0.dev-", "1.0.dev0"), ("1.0.dev.2", "1.0.dev2"),
        // alpha spellings
        ("1.0a", "1.0a0"), ("1.0.a", "1.0a0"), ("1.0.a1", "1.0a1"), ("1.0-a", "1.0a0"), ("1.0-a1", "1.0a1"),
        ("1.0alpha", "1.0a0"), ("1.0.alpha", "1.0a0"), ("1.0.alpha1", "1.0a1"), ("1.0-alpha", "1.0a0"),
        ("1.0-alpha1", "1.0a1"), ("1.0A", "1.0a0"), ("1.0.A1", "1.0a1"), ("1.0ALPHA1", "1.0a1"), ("1.0_a1", "1.0a1"),
        ("1.0a.1", "1.0a1"), ("1.0a-1", "1.0a1"), ("1.0a_1", "1.0a1"), ("1.0a-", "1.0a0"), ("1.0a.", "1.0a0"),
        // beta spellings
        ("1.0b", "1.0b0"), ("1.0.b", "1.0b0"), ("1.0.b1", "1.0b1"), ("1.0-b1", "1.0b1"), ("1.0beta", "1.0b0"),
        ("1.0.beta1", "1.0b1"), ("1.0-BETA1", "1.0b1"), ("1.0B1", "1.0b1"),
        // release-candidate spellings
        ("1.0c", "1.0rc0"), ("1.0.c", "1.0rc0"), ("1.0c1", "1.0rc1"), ("1.0-c1", "1.0rc1"), ("1.0rc", "1.0rc0"),
        ("1.0.rc1", "1.0rc1"), ("1.0-rc1", "1.0rc1"), ("1.0pre", "1.0rc0"), ("1.0.pre1", "1.0rc1"),
        ("1.0-pre1", "1.0rc1"), ("1.0preview", "1.0rc0"), ("1.0.preview1", "1.0rc1"), ("1.0-PREVIEW1", "1.0rc1"),
        ("1.0RC1", "1.0rc1"), ("1.0C1", "1.0rc1"),
        // post spellings, implicit post
        ("1.0post", "1.0.post0"), ("1.0.post", "1.0.post0"), ("1.0post1", "1.0.post1"), ("1.0-post", "1.0.post0"),
        ("1.0-post1", "1.0.post1"), ("1.0POST", "1.0.post0"), ("1.0.POST1", "1.0.post1"), ("1.0_post1", "1.0.post1"),
        ("1.0r", "1.0.post0"), ("1.0.r", "1.0.post0"), ("1.0r1", "1.0.post1"), ("1.0-r1", "1.0.post1"),
        ("1.0rev", "1.0.post0"), ("1.0.rev1", "1.0.post1"), ("1.0-REV1", "1.0.post1"), ("1.0-5", "1.0.post5"),
        ("1.0-0", "1.0.post0"), ("1.0.post.", "1.0.post0"), ("1.0-post-dev", "1.0.post0.dev0"),
        // combinations
        ("1.0a1-1", "1.0a1.post1"), ("1.0a--1", "1.0a0.post1"), ("1.0b2-346", "1.0b2.post346"),
        ("1.0rc1.post2.dev3", "1.0rc1.post2.dev3"), ("1.0.RC1-2-DEV3", "1.0rc1.post2.dev3"),
        ("1.0-alpha_2.post_3.dev_4", "1.0a2.post3.dev4"),
        // epochs
        ("1!1.0", "1!1.0"), ("0!1.0", "1.0"), ("00!1.2", "1.2"), ("0100!0.0", "100!0.0"), ("2!2.0rc1.post2.dev3+cu128", "2!2.0rc1.post2.dev3+cu128"),
        // local labels
        ("1.0+AbC", "1.0+abc"), ("1.0+abc-def", "1.0+abc.def"), ("1.0+abc_def", "1.0+abc.def"), ("1.0+ubuntu-1", "1.0+ubuntu.1"),
        ("1.0+01", "1.0+1"), ("1.0+ABC-01_x", "1.0+abc.1.x"), ("2.7.0+cu128", "2.7.0+cu128"), ("2.2.2+rocm6.2.4", "2.2.2+rocm6.2.4"),
        ("0.0.33+5d4b92a5.d20251029", "0.0.33+5d4b92a5.d20251029"), ("2.9.0.dev20250801+cu128", "2.9.0.dev20250801+cu128"),
        ("0.2.1.post2+cu124torch2.6", "0.2.1.post2+cu124torch2.6"), ("2.5.10+xpu", "2.5.10+xpu"),
        // integer normalisation
        ("1.01", "1.1"), ("01.02", "1.2"), ("1.0a05", "1.0a5"), ("1.0b07", "1.0b7"), ("1.0c056", "1.0rc56"),
        ("1.0rc09", "1.0rc9"), ("1.0.post000", "1.0.post0"), ("1.1.dev09000", "1.1.dev9000"), ("1.0.0", "1.0.0"),
        // v prefix, whitespace, case
        ("v1.0", "1.0"), ("V1.0", "1.0"), ("   v1.0\t\n", "1.0"), ("  V1.0RC ", "1.0rc0"), ("\n2.7.0\n", "2.7.0"),
    ]

    @Test(arguments: normalised)
    func normalises(input: String, expected: String) throws {
        let v = try Version.parse(input)
        #expect(v.description == expected)
        #expect(Version(expected) == v)
        #expect(Version(v.description)?.description == expected)
    }

    static let invalid: [String] = [
        "", " ", "french toast", "1.0+", "1.0+_foo", "1.0+foo&asd", "1.0+a+", "1.0++", "1.0+1+1", "1.0+.abc",
        "1.0+abc.", "1.0+abc..def", "1.0-", "1.0.", ".1", "1..0", "1.0.*", "v", "vv1.0", "1.0v", "1!", "!1.0",
        "1!2!3", "1.0a1a2", "1.0 a1", "1 .0", "1.0.post1.post2", "1.0.dev1.dev2", "1.0dev1a1", "1.0.post-dev-x", "1.0-+x",
        "1.0abc", "1.0alph", "1.0prev", "1.0re", "1.0.r.r", "a1.0", "1.0😀", "１.0", "1.0\u{0}", "2.7.0+cu128 extra",
    ]

    @Test(arguments: invalid)
    func rejects(input: String) {
        #expect(Version(input) == nil)
        #expect(throws: VersionError.invalid(input)) { try Version.parse(input) }
    }

    @Test func numbersBeyondIntAreRejected() {
        // packaging accepts arbitrarily large integers; we keep `Int` fields and refuse instead of wrapping.
        #expect(Version("99999999999999999999999.0") == nil)
        #expect(Version("1.0.dev99999999999999999999999") == nil)
        #expect(Version("2.9.0.dev20250801")?.dev == 20250801)
    }

    @Test func errorWording() {
        #expect(VersionError.invalid("x y").localizedDescription == "invalid version 'x y' (not PEP 440)")
    }
}

@Suite struct VersionOrderingTests {
    /// The full chain from the task, plus epochs and locals, in strictly increasing order.
    static let chain = [
        "1.0.dev0", "1.0a0.dev0", "1.0a0", "1.0a0.post0.dev0", "1.0a0.post0", "1.0b0", "1.0rc0", "1.0", "1.0+local",
        "1.0.post0.dev0", "1.0.post0",
    ]

    /// packaging's own sorted list (implicit epoch 0, then epoch 1).
    static let packagingChain = [
        "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
        "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456", "1.0c1", "1.0rc2", "1.0c3", "1.0",
        "1.0.post456.dev34", "1.0.post456", "1.1.dev1", "1.2+123abc", "1.2+123abc456", "1.2+abc", "1.2+abc123",
        "1.2+abc123def", "1.2+1234.abc", "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456",
        "1!1.0.dev456", "1!1.0a1", "1!1.0a2.dev456", "1!1.0a12.dev456", "1!1.0a12", "1!1.0b1.dev456", "1!1.0b2",
        "1!1.0b2.post345.dev456", "1!1.0b2.post345", "1!1.0b2-346", "1!1.0c1.dev456", "1!1.0c1", "1!1.0rc2",
        "1!1.0c3", "1!1.0", "1!1.0.post456.dev34", "1!1.0.post456", "1!1.1.dev1", "1!1.2+123abc",
        "1!1.2+123abc456", "1!1.2+abc", "1!1.2+abc123", "1!1.2+abc123def", "1!1.2+1234.abc", "1!1.2+123456",
        "1!1.2.r32+123456", "1!1.2.rev33+123456",
    ]

    /// Locals relevant to PyTorch and extensions, increasing.
    static let localChain = [
        "2.7.0", "2.7.0+cpu", "2.7.0+cpu.cxx11.abi", "2.7.0+cu118", "2.7.0+cu126", "2.7.0+cu128", "2.7.0+rocm6.2",
        "2.7.0+rocm6.2.4", "2.7.0+rocm6.3", "2.7.0+xpu", "2.7.0+1", "2.7.0+1.a", "2.7.0+2", "2.7.0+10",
        "2.7.0+99999999999999999999999", "2.7.0.post1",
    ]

    @Test(arguments: [chain, packagingChain, localChain])
    func strictlyIncreasing(_ list: [String]) {
        let versions = list.map { V($0) }
        for (a, b) in zip(versions, versions.dropFirst()) {
            #expect(a < b, "\(a) < \(b)")
            #expect(!(b < a))
            #expect(a != b)
            #expect(Version.compare(a, b) < 0 && Version.compare(b, a) > 0)
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    static let equal: [(String, String)] = [
        ("1.0", "1.0.0"), ("1", "1.0.0.0"), ("1.0", "1.0.0.0.0"), ("v1.0", "1.0"), ("1.0c1", "1.0rc1"),
        ("1.0-1", "1.0.post1"), ("1.0+ABC", "1.0+abc"), ("1.0+01", "1.0+1"), ("1.0+a-b", "1.0+a.b"),
        ("0!1.0", "1.0"), ("2.7+cu128", "2.7.0+cu128"), ("1.0a", "1.0a0"), ("1.0.dev", "1.0.dev0"),
    ]

    @Test(arguments: equal)
    func equalAndHashEqual(a: String, b: String) {
        #expect(V(a) == V(b))
        #expect(V(a).hashValue == V(b).hashValue)
        #expect(Set<Version>([V(a), V(b)]).count == 1)
        #expect(Version.compare(V(a), V(b)) == 0)
    }

    static let different: [(String, String)] = [
        ("1.0", "1.0+0"), ("1.0", "1.0.post0"), ("1.0", "1.0.dev0"), ("1.0", "1!1.0"), ("1.0+a", "1.0+a.0"),
        ("2.7.0+cu128", "2.7.0+cpu"), ("1.0.1", "1.0.10"),
    ]

    @Test(arguments: different)
    func notEqual(a: String, b: String) {
        #expect(V(a) != V(b))
    }

    @Test func leadingZerosCompare() {
        #expect(V("1.02") == V("1.2"))
        #expect(V("1.2") < V("1.10"))
        #expect(V("2.10.0") > V("2.9.1"))
        #expect(V("1.0+a") < V("1.0+b") && V("1.0+z") < V("1.0+0"))
    }
}

@Suite struct VersionPropertyTests {
    @Test func parts() {
        let v = V("1!2.0.3rc1.post2.dev3+CU128")
        #expect(v.epoch == 1 && v.release == [2, 0, 3])
        #expect(v.pre?.kind == .rc && v.pre?.number == 1)
        #expect(v.post == 2 && v.dev == 3 && v.local == ["cu128"])
        #expect(v.major == 2 && v.minor == 0 && v.micro == 3)
        #expect(v.isPrerelease && v.isDevrelease && v.isPostrelease)
        #expect(v.baseVersion.description == "1!2.0.3")
        #expect(v.publicVersion.description == "1!2.0.3rc1.post2.dev3")
        #expect(v.localLabel == "cu128")
        #expect(v.description == "1!2.0.3rc1.post2.dev3+cu128")
        #expect(v.canonicalDescription == "1!2.0.3rc1.post2.dev3+cu128")
        #expect(V("2.0.0").canonicalDescription == "2" && V("0.0").canonicalDescription == "0")
    }

    static let flags: [(String, pre: Bool, dev: Bool, post: Bool)] = [
        ("1.0", false, false, false), ("1.0.dev1", true, true, false), ("1.0a1", true, false, false),
        ("1.0.post1", false, false, true), ("1.0.post1.dev1", true, true, true), ("1.0rc1.post1", true, false, true),
        ("2.7.0+cu128", false, false, false), ("2.9.0.dev20250801+cu128", true, true, false),
    ]

    @Test(arguments: flags)
    func releaseKinds(text: String, pre: Bool, dev: Bool, post: Bool) {
        let v = V(text)
        #expect(v.isPrerelease == pre && v.isDevrelease == dev && v.isPostrelease == post)
    }

    @Test func shortReleases() {
        #expect(V("3").major == 3 && V("3").minor == 0 && V("3").micro == 0)
        #expect(V("3.12").micro == 0)
        #expect(V("2.7").release(padded: 3) == [2, 7, 0])
        #expect(V("2.7.1.4").release(padded: 2) == [2, 7])
    }

    @Test func localLabels() {
        #expect(V("0.0.33+5d4b92a5.d20251029").localLabel == "5d4b92a5.d20251029")
        #expect(V("0.0.33+5d4b92a5.d20251029").local == ["5d4b92a5", "d20251029"])
        #expect(V("2.7.0").localLabel == nil)
        #expect(V("2.7.0").withLocal("cu128").description == "2.7.0+cu128")
        #expect(V("2.7.0+cu126").withLocal("+CU128").description == "2.7.0+cu128")
        #expect(V("2.7.0+cu126").withLocal(String?.none).description == "2.7.0")
        #expect(V("2.7.0+cu126").withLocal("").description == "2.7.0")
        #expect(V("2.7.0").withLocal("cpu-cxx11_abi").localLabel == "cpu.cxx11.abi")
        #expect(V("2.7.0").withLocal("rocm6.2.4").local == ["rocm6", "2", "4"])
    }

    @Test func memberwiseInitSanitises() {
        let v = Version(epoch: -1, release: [], pre: (.b, 2), post: 1, dev: nil, local: ["A b", "", "007"])
        #expect(v.description == "0b2.post1+ab.7")
    }

    @Test func codableRoundTrip() throws {
        let versions = ["2.7.0+cu128", "1!1.0rc1.post2.dev3", "0.0.33+5d4b92a5.d20251029"].map { V($0) }
        let data = try JSONEncoder().encode(versions)
        #expect(String(decoding: data, as: UTF8.self) == #"["2.7.0+cu128","1!1.0rc1.post2.dev3","0.0.33+5d4b92a5.d20251029"]"#)
        #expect(try JSONDecoder().decode([Version].self, from: data) == versions)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Version].self, from: Data(#"["nope"]"#.utf8)) }
    }
}
