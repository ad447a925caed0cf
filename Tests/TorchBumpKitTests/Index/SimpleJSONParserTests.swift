import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct SimpleJSONParserTests {
    let url = URL(string: "https://pypi.example.org/simple/torch/")!

    @Test func pep691ProjectPage() throws {
        let json = #"""
            {
              "meta": {"api-version": "1.1", "_last-serial": 123},
              "name": "torch",
              "versions": ["2.7.0"],
              "files": [
                {"filename": "torch-2.7.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                 "url": "https://files.example.org/packages/ab/torch-2.7.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                 "hashes": {"sha256": "ABCDEF"}, "requires-python": ">=3.9.0",
                 "core-metadata": {"sha256": "0123"}, "yanked": false, "upload-time": "2025-04-23T16:00:00.000000Z",
                 "size": 865000000},
                {"filename": "torch-2.6.0.tar.gz", "url": "../../files/torch-2.6.0.tar.gz#sha256=ff",
                 "hashes": {}, "requires-python": null, "dist-info-metadata": true, "yanked": "broken sdist"},
                {"filename": "torch-2.5.0-py3-none-any.whl", "url": "/files/torch-2.5.0-py3-none-any.whl",
                 "hashes": {"md5": "x"}, "core-metadata": false, "dist-info-metadata": {"sha256": "99"}, "yanked": true}
              ]
            }
            """#
        let page = try SimpleIndexPage.parse(Array(json.utf8), contentType: "application/vnd.pypi.simple.v1+json", url: url)
        #expect(page.format == .json)
        #expect(page.name == "torch")
        #expect(page.apiVersion == "1.1")
        #expect(page.files.count == 3)
        let a = page.files[0], b = page.files[1], c = page.files[2]
        #expect(a.url.absoluteString == "https://files.example.org/packages/ab/torch-2.7.0-cp312-cp312-manylinux_2_28_x86_64.whl")
        #expect(a.sha256 == "abcdef")
        #expect(a.requiresPython == ">=3.9.0")
        #expect(a.coreMetadata == .available(sha256: "0123"))
        #expect(a.yanked == nil)
        #expect(a.uploadTime == "2025-04-23T16:00:00.000000Z")
        #expect(b.url.absoluteString == "https://pypi.example.org/files/torch-2.6.0.tar.gz")
        #expect(b.sha256 == nil)
        #expect(b.requiresPython == nil)
        #expect(b.coreMetadata == .available(sha256: nil))
        #expect(b.yanked == "broken sdist")
        #expect(c.url.absoluteString == "https://pypi.example.org/files/torch-2.5.0-py3-none-any.whl")
        #expect(c.coreMetadata == .none, "core-metadata (false) wins over the legacy key")
        #expect(c.yanked == "")
    }

    @Test func pep691ProjectList() throws {
        let json = #"{"meta": {"api-version": "1.0"}, "projects": [{"name": "Frob"}, {"name": "spamspamspam"}]}"#
        let list = try SimpleProjectList.parse(Array(json.utf8), contentType: "application/vnd.pypi.simple.v1+json", url: url)
        #expect(list.names == ["Frob", "spamspamspam"])
        #expect(list.format == .json)
    }

    @Test(arguments: ["{", "[]", #"{"files": 3}"#, #"{"files": [{"url": "x"}]}"#, "\u{0}\u{1}"])
    func malformedJSONIsAnIndexErrorNamingTheURL(_ body: String) {
        #expect {
            try SimpleIndexPage.parse(Array(body.utf8), contentType: "application/vnd.pypi.simple.v1+json",
                                      url: URL(string: "https://u:secret@idx.example/simple/x/")!)
        } throws: { error in
            guard let e = error as? IndexError, case .malformedResponse = e else { return false }
            let text = e.localizedDescription
            return text.contains("https://***@idx.example/simple/x/") && !text.contains("secret")
        }
    }

    /// (Content-Type, body) → which parser runs.
    @Test(arguments: [
        ("application/vnd.pypi.simple.v1+json", "{}", SimpleContentType.json),
        ("application/vnd.pypi.simple.v1+json; charset=utf-8", "{}", .json),
        ("application/vnd.pypi.simple.latest+json", "{}", .json),
        ("application/json", "{}", .json),
        ("application/vnd.pypi.simple.v1+html", "<html>", .html),
        ("text/html", "<html>", .html),
        ("Text/HTML; charset=UTF-8", "{ looks like json but is declared html", .html),
        (nil, "  \n{\"files\": []}", .json),
        (nil, "<!DOCTYPE html>", .html),
        ("binary/octet-stream", "<html>", .html),
        ("text/plain", "", .html),
    ] as [(String?, String, SimpleContentType)])
    func contentTypeChoosesTheParser(_ contentType: String?, _ body: String, _ expected: SimpleContentType) {
        #expect(SimpleContentType.classify(contentType, body: Array(body.utf8)) == expected)
    }
}

@Suite struct CoreMetadataTests {
    @Test func headersContinuationLinesAndBody() throws {
        let text = """
            Metadata-Version: 2.1\r
            Name: torch\r
            Version: 2.7.0+cu128\r
            Summary: Tensors and Dynamic neural networks\r
            License: BSD-3-Clause\r
            \tsecond line of license\r
            Requires-Python: >=3.9.0\r
            Requires-Dist: filelock\r
            Requires-Dist: nvidia-cuda-runtime-cu12==12.8.57; platform_system == "Linux" and platform_machine == "x86_64"\r
            Requires-Dist: triton==3.3.0;\r
              platform_system == "Linux"\r
            Provides-Extra: opt-einsum\r
            Requires-Dist: opt-einsum>=3.3; extra == "opt-einsum"\r
            \r
            Requires-Dist: not-a-header-this-is-the-description\r
            """
        let m = try #require(CoreMetadata.parse(text))
        #expect(m.name == "torch")
        #expect(m.version == "2.7.0+cu128")
        #expect(m.requiresPython == ">=3.9.0")
        #expect(m.requiresDist == [
            "filelock",
            #"nvidia-cuda-runtime-cu12==12.8.57; platform_system == "Linux" and platform_machine == "x86_64""#,
            #"triton==3.3.0; platform_system == "Linux""#,
            #"opt-einsum>=3.3; extra == "opt-einsum""#,
        ])
        #expect(m.providesExtra == ["opt-einsum"])
        #expect(m.values("license") == ["BSD-3-Clause\nsecond line of license"])
    }

    @Test(arguments: ["", "Name: x\n", "Version: 1\n", "\n\nName: x\nVersion: 1\n", "garbage without colons"])
    func missingNameOrVersionIsNil(_ text: String) {
        #expect(CoreMetadata.parse(text) == nil)
    }

    @Test func bomAndInvalidUTF8AreTolerated() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("Name: a\nVersion: 1\nSummary: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let m = try #require(CoreMetadata.parse(bytes))
        #expect(m.name == "a")
        #expect(m.version == "1")
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
