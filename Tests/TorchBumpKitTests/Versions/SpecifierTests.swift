import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct SpecifierContainsTests {
    /// (specifier, candidate, contains by default, contains with `prereleases: true`).
    static let equal: [(String, String, Bool, Bool)] = [
        ("==2.7.0", "2.7.0", true, true), ("==2.7.0", "2.7.0+cu128", true, true), ("==2.7.0", "2.7.0+cpu", true, true),
        ("==2.7.0", "2.7", true, true), ("==2.7", "2.7.0", true, true), ("==2.7.0", "2.7.1", false, false),
        ("==2.7.0", "2.7.0.post1", false, false), ("==2.7.0", "2.7.0rc1", false, false),
        ("==2.7.0rc1", "2.7.0rc1", true, true), ("==2.7.0rc1", "2.7.0rc1+cu128", true, true),
        ("==2.7.0+cu128", "2.7.0+cu128", true, true), ("==2.7.0+cu128", "2.7.0+CU128", true, true),
        ("==2.7.0+cu128", "2.7+cu128", true, true), ("==2.7.0+cu128", "2.7.0+cpu", false, false),
        ("==2.7.0+cu128", "2.7.0", false, false), ("==1.0+local", "1.0+local.1", false, false),
        ("==0.0.33+5d4b92a5.d20251029", "0.0.33+5d4b92a5.d20251029", true, true),
        ("== 2.5.1", "2.5.1", true, true), ("==v2.5.1", "2.5.1", true, true), ("==1!2.0", "2.0", false, false),
        // wildcards: prefix match on the public version with zero padding
        ("==2.7.*", "2.7.0", true, true), ("==2.7.*", "2.7", true, true), ("==2.7.*", "2.7.5+cu128", true, true),
        ("==2.7.*", "2.8.0", false, false), ("==2.7.*", "2.70.0", false, false), ("==2.7.*", "2.6.9", false, false),
        ("==2.*", "2.7.1", true, true), ("==2.*", "3.0", false, false), ("==2.0.*", "2", true, true),
        ("==2.0.0.*", "2.0", true, true), ("==2.7.*", "2.7.0rc1", false, true), ("==2.7.*", "2.7.0.dev20250801", false, true),
        ("==2.7.*", "2.7.0.post1", true, true), ("==2.7.1.*", "2.7.1.post1", true, true),
        ("==1!2.*", "2.0", false, false), ("==1!2.*", "1!2.4", true, true), ("==2.*", "1!2.0", false, false),
        ("==v2.*", "2.1", true, true),
    ]

    static let notEqual: [(String, String, Bool, Bool)] = [
        ("!=2.7.0", "2.7.0", false, false), ("!=2.7.0", "2.7.0+cu128", false, false), ("!=2.7.0", "2.7.1", true, true),
        ("!=2.7.0+cu128", "2.7.0+cpu", true, true), ("!=2.7.0+cu128", "2.7.0", true, true),
        ("!=2.7.0+cu128", "2.7.0+cu128", false, false), ("!=2.7.*", "2.7.3", false, false),
        ("!=2.7.*", "2.8.0", true, true), ("!=2.7.0rc1", "2.7.0rc1", false, false),
        // `!=` never turns pre-releases on by itself
        ("!=2.7.0rc1", "2.7.0rc2", false, true), ("!=2.7.0", "2.8.0.dev1", false, true),
    ]

    static let compatible: [(String, String, Bool, Bool)] = [
        ("~=2.2", "2.2", true, true), ("~=2.2", "2.3", true, true), ("~=2.2", "2.9.9", true, true),
        ("~=2.2", "3.0", false, false), ("~=2.2", "2.1", false, false), ("~=2.2.0", "2.2.5", true, true),
        ("~=2.2.0", "2.3.0", false, false), ("~=2.2.post3", "2.2.post3", true, true), ("~=2.2.post3", "2.2", false, false),
        ("~=2.2.post3", "2.3", true, true), ("~=1.4.5a4", "1.4.5", true, true), ("~=1.4.5a4", "1.4.5a4", true, true),
        ("~=1.4.5a4", "1.4.6", true, true), ("~=1.4.5a4", "1.5.0", false, false), ("~=1.4.5a4", "1.4.5b1", true, true),
        ("~=2.2", "2.2.0+cu128", true, true), ("~=1!2.2", "2.5", false, false), ("~=1!2.2", "1!2.5", true, true),
        ("~=3.8.0", "3.8.9", true, true), ("~=3.8.0", "3.9", false, false), ("~=2.2", "2.3rc1", false, true),
        ("~=2.2.0", "2.2.0.dev1", false, false), ("~=2.2.0", "2.2.1.dev1", false, true), ("~= 0.0.32", "0.0.32.post1", true, true),
    ]

    static let ordered: [(String, String, Bool, Bool)] = [
        (">=2.6", "2.6.0", true, true), (">=2.6", "2.5.1", false, false), (">=2.6", "2.6.0+cu128", true, true),
        (">=2.6", "2.6.0rc1", false, false), (">=2.6", "2.7.0rc1", false, true), (">=2.6", "2.9.0.dev20250801+cu128", false, true),
        (">=2.6rc1", "2.6.0rc2", true, true), (">=2.6rc1", "2.7.0.dev1", true, true), (">=2.6.0", "2.6", true, true),
        ("<=2.7", "2.7.0+cu128", true, true), ("<=2.7", "2.7.0.post1", false, false),
        ("<=2.7.post1", "2.7.0.post1", true, true), ("<=2.7", "2.7rc1", false, true),
        // <V excludes pre-releases of V unless V is one
        ("<2.9", "2.8.1", true, true), ("<2.9", "2.9.0", false, false), ("<2.9", "2.9.0rc1", false, false),
        ("<2.9", "2.9.0.dev20250801", false, false), ("<2.9", "2.8.0rc1", false, true), ("<2.9rc1", "2.9.0a1", true, true),
        ("<2.9rc1", "2.9.0rc1", false, false), ("<2.9", "2.8.9+cu128", true, true), ("<2.9", "2.9+cpu", false, false),
        ("<2.9.post1", "2.9.0", true, true), ("<2.9.post1", "2.9rc1", false, true), ("<1!1.0", "2.0", true, true),
        ("<2.9.0", "2.9.dev0", false, false),
        // >V excludes post-releases of V unless V is one, and local versions of V
        (">1.7", "1.7.1", true, true), (">1.7", "1.7.1.post1", true, true), (">1.7", "1.7.0.post1", false, false), (">1.7", "1.7.post1", false, false),
        (">1.7.post2", "1.7.post3", true, true), (">1.7", "1.7.0+local", false, false), (">1.7", "1.7.1+local", true, true),
        (">1.7.post1", "1.7.post2+abc", true, true), (">1.7.post1", "1.7.post1+abc", false, false),
        (">1.7a1", "1.7a1+local", false, false), (">1.7a1", "1.7a2+local", true, true), (">1.7a1", "1.7.post1", true, true),
        (">1.7", "1.7.0.post1.dev1", false, false), (">1.7", "1.8.0.dev1", false, true), (">2.6", "2.6.1", true, true),
    ]

    static let arbitrary: [(String, String, Bool, Bool)] = [
        ("===2.7.0", "2.7.0", true, true), ("===2.7.0", "2.7", false, false), ("===2.7", "2.7.0", false, false),
        ("===2.7.0+cu128", "2.7.0+cu128", true, true), ("===2.7.0+CU128", "2.7.0+cu128", true, true),
        ("===v2.7.0", "2.7.0", false, false), ("===2.7.0", "2.7.0+cu128", false, false), ("===1.0rc1", "1.0rc1", true, true),
        ("===1.0", "1.0rc1", false, false),
    ]

    @Test(arguments: equal + notEqual + compatible + ordered + arbitrary)
    func contains(spec: String, candidate: String, plain: Bool, withPre: Bool) throws {
        let s = try Specifier(parsing: spec)
        let v = V(candidate)
        #expect(s.contains(v) == plain)
        #expect(s.contains(v, prereleases: true) == withPre)
        #expect(s.matches(v) == withPre)
        #expect(s.contains(v, prereleases: false) == (withPre && !v.isPrerelease))
        #expect(try SpecifierSet(parsing: spec).contains(v) == plain)
    }
}

@Suite struct SpecifierParsingTests {
    static let valid: [(String, Specifier.Operator, String)] = [
        ("==2.7.0", .equal, "2.7.0"), (">= 2.6", .greaterEqual, "2.6"), ("~=3.8.0", .compatible, "3.8.0"),
        ("==2.*", .equal, "2.*"), ("  != 2.7.0+cu128 ", .notEqual, "2.7.0+cu128"), ("<2.9", .less, "2.9"),
        (">1.7", .greater, "1.7"), ("<=2.7.post1", .lessEqual, "2.7.post1"), ("===foo-bar", .arbitrary, "foo-bar"),
        ("===", .arbitrary, ""), ("==v2.7.*", .equal, "v2.7.*"), ("==1!2.0.*", .equal, "1!2.0.*"),
        (">=2.9.0.dev20250801", .greaterEqual, "2.9.0.dev20250801"), ("~=1.4.5a4", .compatible, "1.4.5a4"),
        ("==2.7.0RC1", .equal, "2.7.0RC1"),
    ]

    @Test(arguments: valid)
    func parses(text: String, op: Specifier.Operator, version: String) throws {
        let s = try Specifier(parsing: text)
        #expect(s.op == op && s.version == version)
        #expect(s.description == op.rawValue + version)
        #expect(try Specifier(op, version) == s)
    }

    static let invalid: [String] = [
        "", "2.7.0", "=2.7", "=>2.7", "~=2", "~=2.*", ">=2.7.*", "<2.7+cu128", ">=2.7+cu128", "~=1.0+local", ">=",
        "==", "== 2.7 .0", "==2.7.0a1.*", "==2.7.*+cu128", "==2.7.post1.*", "==foo", "===a b", "===a;b", "===a)",
        "!==1.0", "<==1", "==.*", "==2.7.*.*", ">=2.7,<3", "==2.7.0+", "== ${TORCH_VERSION}", ">=2.6 foo",
    ]

    @Test(arguments: invalid)
    func rejects(text: String) {
        #expect(throws: VersionError.self) { try Specifier(parsing: text) }
    }

    @Test func errorsExplainThemselves() {
        #expect(throws: VersionError.invalidSpecifier("~=2", reason: "~= needs at least two release numbers (e.g. ~=2.6)")) {
            try Specifier(parsing: "~=2")
        }
        #expect(throws: VersionError.invalidSpecifier(">=2.7.*", reason: "'.*' is only allowed with == and !=")) {
            try Specifier(parsing: ">=2.7.*")
        }
        let e = VersionError.invalidSpecifier(">=2.13.0+cpu", reason: "a local version label (+cpu) is only allowed with == and !=")
        #expect(throws: e) { try Specifier(parsing: ">=2.13.0+cpu") }
        #expect(e.localizedDescription.hasPrefix("invalid version specifier '>=2.13.0+cpu': a local version label"))
    }

    static let pinned: [(String, Bool)] = [
        ("==2.7.0", true), ("==2.7.0+cu128", true), ("===2.7.0", true), ("==2.7.*", false), (">=2.7", false),
        ("!=2.7.0", false), ("~=2.7.0", false),
    ]

    @Test(arguments: pinned)
    func isPinned(text: String, pinned: Bool) throws {
        #expect(try Specifier(parsing: text).isPinned == pinned)
    }

    static let prereleaseFlag: [(String, Bool)] = [
        ("==2.7.0rc1", true), (">=2.9.0.dev1", true), ("~=1.4.5a4", true), ("<2.9rc1", true), ("!=2.7.0rc1", false),
        ("==2.7.*", false), (">=2.7", false), ("===1.0a1", true), ("===foo", false),
    ]

    @Test(arguments: prereleaseFlag)
    func prereleases(text: String, expected: Bool) throws {
        #expect(try Specifier(parsing: text).prereleases == expected)
    }

    @Test func equalityIsCanonical() throws {
        #expect(try Specifier(parsing: "==1.2.3") == Specifier(parsing: "== 1.2.3.0"))
        #expect(try Specifier(parsing: "==1.2.3").hashValue == Specifier(parsing: "==v1.2.3.0").hashValue)
        #expect(try Specifier(parsing: "~=1.2") != Specifier(parsing: "~=1.2.0"))
        #expect(try Specifier(parsing: "==1.2.3") != Specifier(parsing: "~=1.2.3"))
        #expect(try Specifier(parsing: "==2.7.*") == Specifier(parsing: "== 2.7.*"))
        #expect(try Specifier(parsing: "==2.7.0+CU128") == Specifier(parsing: "==2.7+cu128"))
    }
}

@Suite struct SpecifierSetTests {
    static let cases: [(String, String, Bool)] = [
        (">=2.7,<2.9", "2.8.0", true), (">=2.7,<2.9", "2.9.0", false), (">=2.7,<2.9", "2.7.0+cu128", true),
        (">=2.7,<2.9", "2.6.9", false), (">=2.7, <2.9", "2.8.1+cpu", true), (">=2.7,,<2.9", "2.8", true),
        ("", "1.0", true), ("", "1.0a1", false), (" ", "2.7.0+cu128", true), (">=1.0a1,<2", "1.5a1", true),
        (">=1.0,<2", "1.5a1", false), (">=1.0,!=1.5.*", "1.5.2", false), (">=1.0,!=1.5.*", "1.6", true),
        ("~=2.2,!=2.3.1", "2.3.1", false), ("~=2.2,!=2.3.1", "2.3.2", true), ("==2.7.0+cu128,>=2.7", "2.7.0+cu128", true),
        (">=2.7,", "2.7", true),
    ]

    @Test(arguments: cases)
    func contains(text: String, candidate: String, expected: Bool) throws {
        #expect(try SpecifierSet(parsing: text).contains(V(candidate)) == expected)
    }

    @Test func prereleaseOverride() throws {
        let set = try SpecifierSet(parsing: ">=2.7,<2.9")
        #expect(!set.contains(V("2.8.0rc1")))
        #expect(set.contains(V("2.8.0rc1"), prereleases: true))
        #expect(!set.contains(V("2.9.0rc1"), prereleases: true))
        let pre = try SpecifierSet(parsing: ">=2.8.0rc1")
        #expect(pre.prereleases && pre.contains(V("2.8.0rc2")))
        #expect(!pre.contains(V("2.8.0rc2"), prereleases: false))
    }

    @Test func filterFallsBackToPrereleasesOnlyWhenNothingElseMatches() throws {
        let set = try SpecifierSet(parsing: ">=2.8")
        let all = ["2.7.1", "2.8.0", "2.9.0rc1", "2.9.0.dev20250801+cu128"].map { V($0) }
        #expect(set.filter(all) == [V("2.8.0")])
        #expect(set.filter(all, prereleases: true) == [V("2.8.0"), V("2.9.0rc1"), V("2.9.0.dev20250801+cu128")])
        #expect(set.filter([V("2.9.0rc1"), V("2.7.0")]) == [V("2.9.0rc1")])
        #expect(set.filter([V("2.9.0rc1")], prereleases: false).isEmpty)
        #expect(try SpecifierSet(parsing: "").filter([V("1.3"), V("1.5a1")]) == [V("1.3")])
        #expect(try SpecifierSet(parsing: "").filter([V("1.5a1")]) == [V("1.5a1")])
        #expect(set.best(of: all) == V("2.8.0"))
        #expect(set.best(of: all, prereleases: true) == V("2.9.0rc1"))
        struct Wheel { var v: Version }
        #expect(set.filter([Wheel(v: V("2.8.1")), Wheel(v: V("2.6"))], by: \.v).map(\.v) == [V("2.8.1")])
    }

    @Test func parsingAndEquality() throws {
        let set = try SpecifierSet(parsing: " >=2.7 , <2.9 ")
        #expect(set.specifiers.map(\.description) == [">=2.7", "<2.9"])
        #expect(set.description == ">=2.7,<2.9")
        #expect(try SpecifierSet(parsing: "").isEmpty)
        #expect(try set == SpecifierSet(parsing: "<2.9,>=2.7.0"))
        #expect(try set.hashValue == SpecifierSet(parsing: "<2.9,>=2.7.0").hashValue)
        #expect(throws: VersionError.self) { try SpecifierSet(parsing: ">=2.7,<>2.9") }
        #expect(throws: VersionError.self) { try SpecifierSet(parsing: ">=2.7;<2.9") }
    }
}
