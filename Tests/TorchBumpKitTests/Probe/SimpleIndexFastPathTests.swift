import Foundation
import Testing
@testable import TorchBumpKit

/// The byte-level fast path of `SimpleHTMLParser` (added for the index benchmark) must give exactly what the
/// general path gives: Foundation's relative resolution, the anchor text as the filename, the fragment's sha256.
/// (Kept with the probe tests because the probe is what reads these pages.)
@Suite struct SimpleIndexFastPathTests {
    @Test func syntheticPageMatchesFoundationResolution() throws {
        let links = SyntheticIndexPage.links(count: 2_000)
        let base = URL(string: "https://download.pytorch.org/whl/torch/")!
        let page = try SimpleIndexPage.parse(Array(SyntheticIndexPage.html(links).utf8), contentType: "text/html", url: base)
        #expect(page.files.count == links.count)
        for (file, link) in zip(page.files, links) {
            #expect(file.filename == link.filename)
            #expect(file.url == URL(string: link.href, relativeTo: base)?.absoluteURL)
            #expect(file.sha256 == link.sha256)
            #expect(file.coreMetadata == (link.metadataSHA256.map { .available(sha256: $0) } ?? .none))
        }
    }

    @Test(arguments: [
        ("/whl/cu128/torch-2.7.0%2Bcu128-cp312-cp312-linux_x86_64.whl#SHA256=ABCD", "abcd",
         "https://download.pytorch.org/whl/cu128/torch-2.7.0%2Bcu128-cp312-cp312-linux_x86_64.whl"),
        ("https://mirror.example/whl/x-1.0-py3-none-any.whl", nil, "https://mirror.example/whl/x-1.0-py3-none-any.whl"),
        ("/whl/./cu128/y-1.0-py3-none-any.whl", nil, "https://download.pytorch.org/whl/cu128/y-1.0-py3-none-any.whl"),
        ("/whl/a/../b/z-1.0-py3-none-any.whl#sha256=ee&x=1", "ee", "https://download.pytorch.org/whl/b/z-1.0-py3-none-any.whl"),
        ("//cdn.example/w/q-1.0-py3-none-any.whl", nil, "https://cdn.example/w/q-1.0-py3-none-any.whl"),
    ] as [(String, String?, String)])
    func hrefShapes(_ href: String, _ sha: String?, _ url: String) throws {
        let html = "<a href=\"\(href)\">f</a>"
        let base = URL(string: "https://download.pytorch.org/whl/cu128/torch/")!
        let file = try #require(SimpleHTMLParser.page(Array(html.utf8), url: base).files.first)
        #expect(file.url.absoluteString == url)
        #expect(file.sha256 == sha)
    }
}
