import Foundation
import Testing
@testable import TorchBumpKit

/// One anchor and the file the parser must read from it (page URL `https://download.pytorch.org/whl/cu128/torch/`).
struct AnchorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var html: String
    var filename: String
    var url: String
    var sha256: String? = nil
    var coreMetadata: MetadataAvailability = .none
    var requiresPython: String? = nil
    var yanked: String? = nil
    var uploadTime: String? = nil
    var testDescription: String { name }
}

private let pageURL = URL(string: "https://download.pytorch.org/whl/cu128/torch/")!

private func parse(_ html: String, url: URL = pageURL) -> SimpleIndexPage {
    SimpleHTMLParser.page(Array(html.utf8), url: url)
}

@Suite struct SimpleHTMLParserTests {
    static let cases: [AnchorCase] = [
        AnchorCase(
            name: "PyTorch shape: root-relative, %2B, sha256 fragment, both metadata attributes",
            html: #"<a href="/whl/cu128/torch-2.7.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=ABCDEF01" data-dist-info-metadata="sha256=1111" data-core-metadata="sha256=2222">torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl</a><br/>"#,
            filename: "torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl",
            url: "https://download.pytorch.org/whl/cu128/torch-2.7.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl",
            sha256: "abcdef01", coreMetadata: .available(sha256: "2222")),
        AnchorCase(
            name: "attributes in another order, single quotes",
            html: "<a data-core-metadata='true' data-upload-time='2025-04-23T17:00:00Z' href='/whl/cpu/torch-2.7.0%2Bcpu-cp39-cp39-linux_x86_64.whl'>torch-2.7.0+cpu-cp39-cp39-linux_x86_64.whl</a>",
            filename: "torch-2.7.0+cpu-cp39-cp39-linux_x86_64.whl",
            url: "https://download.pytorch.org/whl/cpu/torch-2.7.0%2Bcpu-cp39-cp39-linux_x86_64.whl",
            coreMetadata: .available(sha256: nil), uploadTime: "2025-04-23T17:00:00Z"),
        AnchorCase(
            name: "unquoted values, relative href, entity in unquoted value",
            html: "<a href=../../files/foo-1.0.tar.gz#sha256=ff data-requires-python=&gt;=3.9>foo-1.0.tar.gz</a>",
            filename: "foo-1.0.tar.gz", url: "https://download.pytorch.org/whl/files/foo-1.0.tar.gz",
            sha256: "ff", requiresPython: ">=3.9"),
        AnchorCase(
            name: "upper-case tag and attribute names, absolute mirror host, yanked without reason",
            html: #"<A HREF="https://r2.example.net/whl/y-2.0-py3-none-any.whl" DATA-YANKED="">y-2.0-py3-none-any.whl</A>"#,
            filename: "y-2.0-py3-none-any.whl", url: "https://r2.example.net/whl/y-2.0-py3-none-any.whl", yanked: ""),
        AnchorCase(
            name: "newlines and spaces inside the tag and around '='",
            html: "<a\n    href = \"x-1.0-py3-none-any.whl\"\n\tdata-yanked=\"bad build\"\n>\n  x-1.0-py3-none-any.whl\n</a>",
            filename: "x-1.0-py3-none-any.whl",
            url: "https://download.pytorch.org/whl/cu128/torch/x-1.0-py3-none-any.whl", yanked: "bad build"),
        AnchorCase(
            name: "entities in href: &amp; in a query",
            html: #"<a href="/f/z-1.0-py3-none-any.whl?a=1&amp;b=2#sha256=aa">z-1.0-py3-none-any.whl</a>"#,
            filename: "z-1.0-py3-none-any.whl", url: "https://download.pytorch.org/f/z-1.0-py3-none-any.whl?a=1&b=2",
            sha256: "aa"),
        AnchorCase(
            name: "legacy data-dist-info-metadata=true only",
            html: #"<a href="/w/a-1-py3-none-any.whl" data-dist-info-metadata="true">a-1-py3-none-any.whl</a>"#,
            filename: "a-1-py3-none-any.whl", url: "https://download.pytorch.org/w/a-1-py3-none-any.whl",
            coreMetadata: .available(sha256: nil)),
        AnchorCase(
            name: "data-core-metadata wins over the legacy attribute",
            html: #"<a href="/w/a-1-py3-none-any.whl" data-dist-info-metadata="sha256=old" data-core-metadata="sha256=NEW">a-1-py3-none-any.whl</a>"#,
            filename: "a-1-py3-none-any.whl", url: "https://download.pytorch.org/w/a-1-py3-none-any.whl",
            coreMetadata: .available(sha256: "new")),
        AnchorCase(
            name: "data-core-metadata=false",
            html: #"<a href="/w/a-1-py3-none-any.whl" data-core-metadata="false">a-1-py3-none-any.whl</a>"#,
            filename: "a-1-py3-none-any.whl", url: "https://download.pytorch.org/w/a-1-py3-none-any.whl"),
        AnchorCase(
            name: "named and numeric entities in requires-python",
            html: #"<a href="/w/b-1.whl" data-requires-python="&gt;=3.8,&lt;4,!=3.9.&#42;,&#x3E;=3.8.1">b-1.whl</a>"#,
            filename: "b-1.whl", url: "https://download.pytorch.org/w/b-1.whl", requiresPython: ">=3.8,<4,!=3.9.*,>=3.8.1"),
        AnchorCase(
            name: "quotes as entities in a yank reason",
            html: #"<a href="/w/c-1.whl" data-yanked="&quot;broken&quot; &#39;wheel&#39; &amp; more">c-1.whl</a>"#,
            filename: "c-1.whl", url: "https://download.pytorch.org/w/c-1.whl", yanked: #""broken" 'wheel' & more"#),
        AnchorCase(
            name: "boolean data-yanked attribute",
            html: #"<a href="/w/d-1.whl" data-yanked>d-1.whl</a>"#,
            filename: "d-1.whl", url: "https://download.pytorch.org/w/d-1.whl", yanked: ""),
        AnchorCase(
            name: "file name taken from the href, percent-decoded, even when the text differs",
            html: #"<a href="/whl/rocm6.2.4/torch-2.6.0%2Brocm6.2.4-cp310-cp310-linux_x86_64.whl">download</a>"#,
            filename: "torch-2.6.0+rocm6.2.4-cp310-cp310-linux_x86_64.whl",
            url: "https://download.pytorch.org/whl/rocm6.2.4/torch-2.6.0%2Brocm6.2.4-cp310-cp310-linux_x86_64.whl"),
        AnchorCase(
            name: "unknown entity left as written",
            html: #"<a href="/w/e-1.whl" data-yanked="a &bogus; b">e-1.whl</a>"#,
            filename: "e-1.whl", url: "https://download.pytorch.org/w/e-1.whl", yanked: "a &bogus; b"),
    ]

    @Test(arguments: cases)
    func anchor(_ c: AnchorCase) {
        let html = "<!DOCTYPE html>\n<html>\n<body>\n<h1>Links for torch</h1>\n\(c.html)\n</body>\n</html>\n<!--TIMESTAMP 1745000000-->\n"
        let page = parse(html)
        #expect(page.diagnostics.isEmpty)
        #expect(page.files.count == 1)
        guard let file = page.files.first else { return }
        #expect(file.filename == c.filename)
        #expect(file.url.absoluteString == c.url)
        #expect(file.sha256 == c.sha256)
        #expect(file.coreMetadata == c.coreMetadata)
        #expect(file.requiresPython == c.requiresPython)
        #expect(file.yanked == c.yanked)
        #expect(file.uploadTime == c.uploadTime)
    }

    @Test func commentsAreSkippedEvenWhenTheyContainAnchors() {
        let html = """
            <h1>Links for torch</h1>
            <!-- <a href="/hidden-1.whl">hidden-1.whl</a> -->
            <a href="/whl/cpu/torch-2.7.0%2Bcpu-cp312-cp312-linux_x86_64.whl">torch-2.7.0+cpu-cp312-cp312-linux_x86_64.whl</a><br/>
            <!--TIMESTAMP 1745000000-->
            """
        let page = parse(html)
        #expect(page.files.map(\.filename) == ["torch-2.7.0+cpu-cp312-cp312-linux_x86_64.whl"])
        #expect(page.name == "torch")
    }

    @Test func anchorsWithoutHrefAreIgnored() {
        let page = parse(#"<a name="top">top</a><a id=x></a><a href="/w/f-1.whl">f-1.whl</a>"#)
        #expect(page.files.map(\.filename) == ["f-1.whl"])
    }

    @Test func repositoryVersionMeta() {
        let page = parse(#"<html><head><META NAME="pypi:repository-version" CONTENT="1.0"></head><body></body></html>"#)
        #expect(page.apiVersion == "1.0")
        #expect(page.files.isEmpty)
    }

    @Test func unclosedAnchorsStillYieldEveryLink() {
        let html = #"<a href="/w/g-1.whl">g-1.whl<br><a href="/w/g-2.whl">g-2.whl<br><A href="/w/g-3.whl">g-3.whl"#
        #expect(parse(html).files.map(\.filename) == ["g-1.whl", "g-2.whl", "g-3.whl"])
    }

    @Test func projectListPage() {
        let html = """
            <!DOCTYPE html><html><body>
            <a href="/simple/torch/">torch</a><br/>
            <a href="/simple/flash-attn/">flash-attn</a>
            <a href="/simple/Jinja2/"></a>
            <!--TIMESTAMP 1-->
            </body></html>
            """
        let list = SimpleHTMLParser.projectList(Array(html.utf8), url: URL(string: "https://example.org/simple/")!)
        #expect(list.names == ["torch", "flash-attn", "Jinja2"])
    }

    @Test(arguments: [
        "", "<", "<a", "<a href", "<a href=", "<a href=\"", "<a href='/x.whl", "<!--", "<!-- <a href=x>",
        "<a href=\"/x.whl\">x", "</a></a>", "<<<>>>", "<a =\"x\" href=/y.whl>y</a>", "&#xFFFFFFFF; &#; &", "<a href=\"::\">bad</a>",
        "<a href=\"/w/a b.whl\">a b.whl</a>",
    ])
    func malformedInputNeverCrashes(_ html: String) {
        _ = parse(html)
        _ = SimpleHTMLParser.projectList(Array(html.utf8), url: pageURL)
    }

    @Test func spacesInHrefAreEscapedRatherThanDropped() {
        let page = parse(#"<a href="/w/a b-1.whl">a b-1.whl</a>"#)
        #expect(page.files.first?.url.absoluteString == "https://download.pytorch.org/w/a%20b-1.whl")
        #expect(page.files.first?.filename == "a b-1.whl")
    }

    @Test func metadataAvailabilityAttributeValues() {
        #expect(MetadataAvailability(attribute: nil) == .none)
        #expect(MetadataAvailability(attribute: "") == .none)
        #expect(MetadataAvailability(attribute: "FALSE") == .none)
        #expect(MetadataAvailability(attribute: "true") == .available(sha256: nil))
        #expect(MetadataAvailability(attribute: "sha256=AbC") == .available(sha256: "abc"))
        #expect(MetadataAvailability(attribute: "sha512=abc") == .available(sha256: nil))
    }

    @Test(arguments: [
        ("Torch", "torch"), ("flash_attn", "flash-attn"), ("Flash.Attn", "flash-attn"), ("a-_.b", "a-b"),
        ("nvidia-cudnn-cu12", "nvidia-cudnn-cu12"), ("zope__interface", "zope-interface"),
    ])
    func projectNameNormalisation(_ input: String, _ expected: String) {
        #expect(normalizedProjectName(input) == expected)
    }
}

@Suite struct SyntheticIndexPageTests {
    @Test func thirtyThousandLinkTorchPageParsesCompletely() {
        let links = SyntheticIndexPage.links(count: 30_000)
        let html = SyntheticIndexPage.html(links)
        #expect(html.utf8.count > 6_000_000)
        let page = SimpleIndexPage.parseHTMLForTesting(html, url: URL(string: "https://download.pytorch.org/whl/torch/")!)
        #expect(page.files.count == 30_000)
        #expect(page.diagnostics.isEmpty)
        #expect(page.name == "torch")
        for i in [0, 1, 12, 6_999, 29_999] {
            let file = page.files[i], link = links[i]
            #expect(file.filename == link.filename)
            #expect(file.url.absoluteString == "https://download.pytorch.org" + link.href)
            #expect(file.sha256 == link.sha256)
            #expect(file.coreMetadata == (link.metadataSHA256.map { .available(sha256: $0) } ?? .none))
        }
        #expect(page.files.filter { $0.sha256 == nil }.count == 30_000 / 13)
    }
}

extension SimpleIndexPage {
    static func parseHTMLForTesting(_ html: String, url: URL) -> SimpleIndexPage {
        SimpleHTMLParser.page(Array(html.utf8), url: url)
    }
}
