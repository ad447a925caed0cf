import Foundation
import Testing
@testable import TorchBumpKit

/// The UTF-8 bytes of `text` covered by `span`.
func slice(_ text: String, _ span: Span?) -> String? {
    guard let span else { return nil }
    let bytes = Array(text.utf8)
    guard span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return "<out of range \(span)>" }
    return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
}

@Suite struct RequirementParseTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var name: String
        var extras: [String] = []
        var extrasText: String? = nil
        var specs: [String] = []          // "op|version"
        var url: String? = nil
        var marker: String? = nil
        var span: String? = nil           // expected text of `span` when it differs from the trimmed input
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "torch==2.6.0", name: "torch", specs: ["==|2.6.0"]),
        Case(text: "torch == 2.5.1", name: "torch", specs: ["==|2.5.1"]),
        Case(text: "  torch\t==\t2.5.1  ", name: "torch", specs: ["==|2.5.1"], span: "torch\t==\t2.5.1"),
        Case(text: "torch>=2.7,<2.9", name: "torch", specs: [">=|2.7", "<|2.9"]),
        Case(text: "torch >= 2.7 , < 2.9", name: "torch", specs: [">=|2.7", "<|2.9"]),
        Case(text: "torch>=2.7,", name: "torch", specs: [">=|2.7"]),
        Case(text: "torch[extra1,extra2] (>=1.0)", name: "torch", extras: ["extra1", "extra2"], extrasText: "[extra1,extra2]",
             specs: [">=|1.0"]),
        Case(text: "torch [ a , b ] ( >= 1.0 , < 2 )", name: "torch", extras: ["a", "b"], extrasText: "[ a , b ]",
             specs: [">=|1.0", "<|2"]),
        Case(text: "torch[]", name: "torch", extrasText: "[]"),
        Case(text: "torch==2.8.0+cpu; platform_machine == \"x86_64\"", name: "torch", specs: ["==|2.8.0+cpu"],
             marker: "platform_machine == \"x86_64\""),
        Case(text: "torch==2.8.0+cpu ;platform_machine=='x86_64'", name: "torch", specs: ["==|2.8.0+cpu"],
             marker: "platform_machine=='x86_64'"),
        Case(text: "torch;python_version>='3.9'", name: "torch", marker: "python_version>='3.9'"),
        Case(text: "causal-conv1d @ git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2", name: "causal-conv1d",
             url: "git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2"),
        Case(text: "torch @ https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl ; python_version == \"3.12\"",
             name: "torch", url: "https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl",
             marker: "python_version == \"3.12\""),
        Case(text: "pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686",
             name: "pip", url: "https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686"),
        Case(text: "torch @ https://x/t.whl;python_version>'3'", name: "torch", url: "https://x/t.whl;python_version>'3'"),
        Case(text: "xformers==0.0.33+5d4b92a5.d20251029", name: "xformers", specs: ["==|0.0.33+5d4b92a5.d20251029"]),
        Case(text: "torch===2.7.0+cu128", name: "torch", specs: ["===|2.7.0+cu128"]),
        Case(text: "torch~=2.7.0", name: "torch", specs: ["~=|2.7.0"]),
        Case(text: "torch==2.7.*", name: "torch", specs: ["==|2.7.*"]),
        Case(text: "torch!=2.7.*,>=2.6", name: "torch", specs: ["!=|2.7.*", ">=|2.6"]),
        Case(text: "Flash_Attn>=2.7; sys_platform != 'darwin'", name: "Flash_Attn", specs: [">=|2.7"],
             marker: "sys_platform != 'darwin'"),
        Case(text: "torch", name: "torch"),
        Case(text: "requests[security] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"", name: "requests",
             extras: ["security"], extrasText: "[security]", specs: [">=|2.8.1", "==|2.8.*"], marker: "python_version < \"2.7\""),
        Case(text: "torch==2.9.0.dev20250801+cu128", name: "torch", specs: ["==|2.9.0.dev20250801+cu128"]),
        Case(text: "torch==2.0RC1", name: "torch", specs: ["==|2.0RC1"]),
        Case(text: "torch==v2.0", name: "torch", specs: ["==|v2.0"]),
        Case(text: "torch>=2.0;python_version>\"3\"and os_name=='posix'", name: "torch", specs: [">=|2.0"],
             marker: "python_version>\"3\"and os_name=='posix'"),
        Case(text: "nvidia-cuda-runtime-cu12==12.8.90; platform_system == \"Linux\" and platform_machine == \"x86_64\"",
             name: "nvidia-cuda-runtime-cu12", specs: ["==|12.8.90"],
             marker: "platform_system == \"Linux\" and platform_machine == \"x86_64\""),
        Case(text: "zope.interface>=5 ; (os_name == 'nt' or sys.platform == 'win32') and extra == 'test'", name: "zope.interface",
             specs: [">=|5"], marker: "(os_name == 'nt' or sys.platform == 'win32') and extra == 'test'"),
        Case(text: "foo-bar.baz_9 (==1.0.post1)", name: "foo-bar.baz_9", specs: ["==|1.0.post1"]),
        // packaging's `===` token runs over commas; the text is then split into further specifiers
        Case(text: "torch===2.7.0,>=2.7,<3 , !=2.7.1", name: "torch", specs: ["===|2.7.0", ">=|2.7", "<|3", "!=|2.7.1"]),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) throws {
        let r = try Requirement.parse(c.text)
        #expect(r.name == c.name)
        #expect(slice(c.text, r.nameSpan) == c.name)
        #expect(r.extras == c.extras)
        #expect(slice(c.text, r.extrasSpan) == c.extrasText)
        #expect(r.specifiers.map { "\($0.op.rawValue)|\($0.version)" } == c.specs)
        for token in r.specifiers {
            #expect(slice(c.text, token.versionSpan) == token.version)
            #expect(slice(c.text, token.opSpan) == token.op.rawValue)
        }
        #expect(r.url == c.url)
        #expect(slice(c.text, r.urlSpan) == c.url)
        #expect(r.marker == c.marker)
        #expect(slice(c.text, r.markerSpan) == c.marker)
        #expect(slice(c.text, r.span) == (c.span ?? c.text.trimmingCharacters(in: .whitespaces)))
    }

    static let invalid: [String] = [
        "", "   ", "torch 2.0", "torch==", "torch>=2.7.*", "torch>=2.7+cu128", "torch~=2", "torch[extra", "torch[a b]",
        "torch[a,]", "torch (>=1.0", "==2.0", "torch @ ", "torch @ https://x.whl ;python_version >", "torch; garbage",
        "torch;", "torch==2.0 and", "-e .", "torch==2.0foo", "torch==${TORCH_VERSION}", "torch-", ".torch", "torch==2.0)",
        "torch>=2.0;python_version>'3' extra", "torch; os_name === ", "torch; platform_machine not  'x'", "torch==2.*.0",
        "é-pkg==1", "torch==2.0,,<3", "torch===2.7.0,>= 2.7", "torch===a,b",
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String) {
        #expect(throws: RequirementError.self) { try Requirement.parse(text) }
    }

    @Test func offsetsAreFileOffsets() throws {
        let r = try Requirement.parse("torch==2.6.0", offset: 100)
        #expect(r.nameSpan == Span(100, 105))
        #expect(r.specifiers.first?.versionSpan == Span(107, 112))
        #expect(r.span == Span(100, 112))
    }

    @Test func environmentVariables() throws {
        let text = "torch==${TORCH_VERSION}, !=2.${BAD}.1; python_version>'3'"
        let r = try Requirement.parse(text, allowEnvironmentVariables: true)
        #expect(r.specifiers.map(\.version) == ["${TORCH_VERSION}", "2.${BAD}.1"])
        let allEnv = r.specifiers.allSatisfy { $0.hasEnvironmentVariable }
        #expect(allEnv)
        #expect(slice(text, r.specifiers.first?.versionSpan) == "${TORCH_VERSION}")
        #expect(r.specifierSet == nil)
        #expect(r.marker == "python_version>'3'")
    }

    @Test func conveniences() throws {
        let r = try Requirement.parse("Flash_Attn==2.8.3+cu12torch2.8; platform_machine == 'x86_64'")
        #expect(r.normalizedName == "flash-attn")
        #expect(r.pinnedVersion == V("2.8.3+cu12torch2.8"))
        #expect(r.specifierSet?.contains(V("2.8.3+cu12torch2.8")) == true)
        #expect(r.markerHints?.platformMachines == ["x86_64"])
        #expect(try Requirement.parse("torch>=2.7,<2.9").pinnedVersion == nil)
        #expect(try Requirement.parse("torch==2.7.*").pinnedVersion == nil)
        #expect(try Requirement.parse("torch===2.7.0").pinnedVersion == V("2.7.0"))
        #expect(try Requirement.parse("torch").parsedMarker == nil)
    }

    @Test func errorsSayWhereAndWhy() {
        #expect(throws: RequirementError.invalidRequirement("torch 2.0", reason: "expected end or semicolon (after name and no valid version specifier)", column: 7)) {
            try Requirement.parse("torch 2.0")
        }
        #expect(throws: RequirementError.invalidRequirement("torch>=2.7.*", reason: "'.*' can only be used with the == and != operators", column: 11)) {
            try Requirement.parse("torch>=2.7.*")
        }
        let e = RequirementError.invalidRequirement("x y", reason: "r", column: 3)
        #expect(e.localizedDescription == "invalid requirement 'x y': r (at column 3)")
    }
}
