import Testing
@testable import TorchBumpKit

/// Leaves as `path=raw text of span` so one string states both the key path and the exact span.
private func leaves(_ text: String) -> (leaves: [String], errors: [String]) {
    let file = SourceFile(path: "t.toml", text: text)
    let doc = TOMLDocument(parsing: file)
    let l = doc.leaves.map { "\($0.path)=\(file[$0.value.span])" }
    let e = doc.errors.map { "\($0.line): \($0.errorDescription ?? "")" }
    return (l, e)
}

struct TOMLDocumentTests {
    static let valid: [(String, [String])] = [
        ("a = \"x\"", ["a=x"]),
        ("a = 'x'", ["a=x"]),
        ("a = \"\"", ["a="]),
        ("a.b . c = 1", ["a.b.c=1"]),
        ("\"quoted.key\" = true", ["\"quoted.key\"=true"]),
        ("site.\"google.com\" = 1.5e3", ["site.\"google.com\"=1.5e3"]),
        ("[tool.uv]\nindex-strategy = \"unsafe-best-match\"  # comment\n", ["tool.uv.index-strategy=unsafe-best-match"]),
        ("[ tool . uv ]\nx = -1", ["tool.uv.x=-1"]),
        ("[[tool.uv.index]]\nname = \"a\"\n[[tool.uv.index]]\nname = \"b\"\nurl = 'https://x/whl/cu128'\n",
         ["tool.uv.index[0].name=a", "tool.uv.index[1].name=b", "tool.uv.index[1].url=https://x/whl/cu128"]),
        ("deps = [\n  \"torch==2.8.0\", # pin\n  # comment line\n  'numpy',\n]\n",
         ["deps[0]=torch==2.8.0", "deps[1]=numpy"]),
        ("deps = [ [1, 2], [\"a\"] ]", ["deps[0][0]=1", "deps[0][1]=2", "deps[1][0]=a"]),
        ("t = { version = \"2.8.0\", source = \"torch-cu128\" }", ["t.version=2.8.0", "t.source=torch-cu128"]),
        ("torch = [{ index = \"torch-cpu\", extra = \"cpu\" }, { index = \"torch-cu128\", marker = \"sys_platform == 'linux'\" }]",
         ["torch[0].index=torch-cpu", "torch[0].extra=cpu", "torch[1].index=torch-cu128",
          "torch[1].marker=sys_platform == 'linux'"]),
        ("s = \"\"\"\nline1\nline2\"\"\"", ["s=line1\nline2"]),
        ("s = '''raw \\n'''", ["s=raw \\n"]),
        ("s = \"\"\"a\"\"\"\"\"", ["s=a\"\""]),
        ("s = \"a\\\"b\"", ["s=a\\\"b"]),
        ("d = 1979-05-27 07:32:00Z", ["d=1979-05-27 07:32:00Z"]),
        ("\u{FEFF}a = 1", ["a=1"]),
        ("[a]\r\nb = \"c\"\r\n[a.d]\r\ne = [\r\n  \"f\",\r\n]\r\n", ["a.b=c", "a.d.e[0]=f"]),
        ("\ta\t=\t\"tab\"", ["a=tab"]),
        ("e = []", []),
        ("x = { }", []),
    ]

    @Test(arguments: valid)
    func parsesLeavesWithExactSpans(_ text: String, _ expected: [String]) {
        let result = leaves(text)
        #expect(result.errors == [])
        #expect(result.leaves == expected)
    }

    static let broken: [(String, [String], [String])] = [
        // Unterminated array: reported at its opening line, later tables still read.
        ("[project]\ndependencies = [\n  \"torch==2.8.0\",\n  \"numpy\"\n\n[tool.uv]\nindex-strategy = \"first-index\"\n",
         ["project.dependencies[0]=torch==2.8.0", "project.dependencies[1]=numpy", "tool.uv.index-strategy=first-index"],
         ["2: unterminated array"]),
        ("a = [\n  \"x\",\nb = 1\n", ["a[0]=x", "b=1"], ["1: unterminated array"]),
        ("a = [\"x\",\n", ["a[0]=x"], ["1: unterminated array"]),
        ("a = \"open\nb = 'ok'\n", ["b=ok"], ["1: unterminated string"]),
        ("a = \"\"\"never closed\nb = 1\n", [], ["1: unterminated multi-line string"]),
        ("[tool.uv\nx = 1\n[ok]\ny = 2", ["tool.uv.x=1", "ok.y=2"], ["1: bad table header `[tool.uv`"]),
        ("[[a]\nx = 1", ["a[0].x=1"], ["1: bad table header `[[a]`"]),
        ("a 1\nb = 2", ["b=2"], ["1: expected `=` after key"]),
        ("a =\nb = 2", ["b=2"], ["1: missing value"]),
        ("a = unsafe\nb = 2", ["b=2"], ["1: invalid value `unsafe`"]),
        ("a = [\"x\" \"y\"]", ["a[0]=x", "a[1]=y"], ["1: expected `,` or `]` between array items"]),
        ("a = \"x\" y\nb = 2", ["a=x", "b=2"], ["1: unexpected text after value: `y`"]),
        ("t = { a = \"x\"\nb = 2", ["t.a=x", "b=2"],
         ["1: unterminated inline table (inline tables must close on the same line)"]),
        ("a = \"bad \\q\"\n", ["a=bad \\q"], ["1: invalid escape sequence `\\q`"]),
        ("= 1\nb = 2", ["b=2"], ["1: bad key `= 1`"]),
    ]

    @Test(arguments: broken)
    func recoversFromSyntaxErrors(_ text: String, _ expected: [String], _ errors: [String]) {
        let result = leaves(text)
        #expect(result.leaves == expected)
        #expect(result.errors == errors)
    }

    @Test func entriesKnowTheirTableAndArrayIndex() {
        let file = SourceFile(path: "p.toml", text: """
            [[tool.uv.index]]
            name = "torch-cu128"
            url = "https://download.pytorch.org/whl/cu128"

            [[tool.uv.index]]
            name = "torch-cpu"
            url = "https://download.pytorch.org/whl/cpu"
            """)
        let doc = TOMLDocument(parsing: file)
        let urls = doc.entries(at: ["tool", "uv", "index", "url"])
        #expect(urls.map(\.arrayIndex) == [0, 1])
        #expect(urls.map(\.line) == [3, 7])
        #expect(urls.map { file[$0.value.span] } == ["https://download.pytorch.org/whl/cu128", "https://download.pytorch.org/whl/cpu"])
        #expect(doc.headers.map(\.line) == [1, 5])
        #expect(file[urls[0].keySpan] == "url")
    }

    @Test func recordsComments() {
        let file = SourceFile(path: "p.toml", text: "# top\n[a] # header\nb = [ # open\n  1, # item\n] # close\nc = 'x#y' # end\n")
        let doc = TOMLDocument(parsing: file)
        #expect(doc.comments.map { file[$0] } == ["# top", "# header", "# open", "# item", "# close", "# end"])
    }

    @Test func escapedStringsAreNotVerbatim() {
        let file = SourceFile(path: "p.toml", text: "a = \"x\\u00e9\"\nb = \"plain\"")
        let doc = TOMLDocument(parsing: file)
        #expect(doc.value(at: ["a"])?.string?.value == "x\u{e9}")
        #expect(doc.value(at: ["a"])?.string?.isVerbatim == false)
        #expect(doc.value(at: ["b"])?.string?.isVerbatim == true)
    }

    @Test func neverCrashesOnTruncatedInput() {
        let text = "[a]\nb = [\"x\", { c = 'd' }, \"\"\"e\"\"\"]\n[[f]]\ng = 1979-05-27 07:32:00\n"
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            _ = TOMLDocument(parsing: SourceFile(path: "t", bytes: Array(bytes[0..<cut])))
        }
    }
}
