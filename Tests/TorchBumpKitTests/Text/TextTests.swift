import Testing
@testable import TorchBumpKit

@Suite("Text primitives")
struct TextTests {
    @Test(arguments: [
        "torch==2.6.0\n", "torch==2.6.0\r\nnumpy\r\n", "\u{FEFF}torch==2.6.0\r\n", "no final newline", "", "\n\n\n",
        "mixed\r\nendings\n",
    ])
    func noEditsRoundTripsBytes(_ text: String) throws {
        let file = SourceFile(path: "f", text: text)
        #expect(try TextEdit.apply([], to: file.bytes) == file.bytes)
        #expect(try file.applying([]).bytes == Array(text.utf8))
    }

    @Test func lineTableNewlineStyleBOMAndFinalNewline() {
        let crlf = SourceFile(path: "a", text: "\u{FEFF}a==1\r\nb==2\r\n")
        #expect(crlf.hasBOM)
        #expect(crlf.newline == .crlf)
        #expect(crlf.endsWithNewline)
        #expect(crlf.lineCount == 2)
        #expect(crlf.line(1) == "a==1")
        #expect(crlf.line(2) == "b==2")
        #expect(crlf.location(of: 3).column == 1)  // BOM is not a column
        let lf = SourceFile(path: "b", text: "x\ny")
        #expect(lf.newline == .lf)
        #expect(!lf.endsWithNewline)
        #expect(lf.lineCount == 2)
        #expect(lf.line(2) == "y")
        #expect(lf.lineNumber(at: 2) == 2)
        #expect(SourceFile(path: "c", text: "a\r\nb\n").newline == .mixed)
    }

    @Test func editsApplyBackToFrontAndKeepEverythingElse() throws {
        let text = "\u{FEFF}torch == 2.6.0  # keep\r\ntorchvision==0.21.0\r\n"
        let file = SourceFile(path: "r.txt", text: text)
        let a = Array(text.utf8)
        let start1 = a.firstIndex(of: UInt8(ascii: "2"))!
        let edits = [
            TextEdit(span: Span(start1, start1 + 5), replacement: "2.7.0"),
            TextEdit(span: Span(a.count - 8, a.count - 2), replacement: "0.22.0"),
        ]
        let out = String(decoding: try file.applying(edits).bytes, as: UTF8.self)
        #expect(out == "\u{FEFF}torch == 2.7.0  # keep\r\ntorchvision==0.22.0\r\n")
    }

    @Test func overlappingEditsAreRejectedAndDuplicatesMerged() throws {
        let bytes = Array("abcdef".utf8)
        #expect(throws: TextEdit.ApplyError.self) {
            try TextEdit.apply([TextEdit(span: Span(0, 3), replacement: "x"), TextEdit(span: Span(2, 4), replacement: "y")], to: bytes)
        }
        #expect(throws: TextEdit.ApplyError.self) {
            try TextEdit.apply([TextEdit.insert("x", at: 1), TextEdit.insert("y", at: 1)], to: bytes)
        }
        #expect(throws: TextEdit.ApplyError.self) {
            try TextEdit.apply([TextEdit(span: Span(5, 9), replacement: "x")], to: bytes)
        }
        let same = TextEdit(span: Span(0, 1), replacement: "A")
        #expect(try TextEdit.apply([same, same], to: bytes) == Array("Abcdef".utf8))
    }

    @Test func unifiedDiffShowsOnlyChangedLinesWithContext() throws {
        let lines = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let file = SourceFile(path: "x.txt", text: lines)
        let offset = Array(lines.utf8).count - "line 20\n".count
        let edit = TextEdit(span: Span(offset + 5, offset + 7), replacement: "XX")
        let diff = try UnifiedDiff.render(path: "x.txt", original: file, edits: [edit])
        #expect(diff == """
            --- a/x.txt
            +++ b/x.txt
            @@ -17,4 +17,4 @@
             line 17
             line 18
             line 19
            -line 20
            +line XX

            """)
    }

    @Test func unifiedDiffOfAnInsertedLineAndNoFinalNewline() throws {
        let file = SourceFile(path: "r.txt", text: "a\nb\nc")
        let diff = try UnifiedDiff.render(path: "r.txt", original: file, edits: [TextEdit.insert("new\n", at: 2)])
        #expect(diff.contains("@@ -1,3 +1,4 @@"))
        #expect(diff.contains("+new\n b\n"))
        #expect(diff.contains("\\ No newline at end of file"))
        #expect(try UnifiedDiff.render(path: "r.txt", original: file, edits: []) == "")
    }

    @Test(arguments: [
        ("requirements/*.txt", "requirements/cpu.txt", true),
        ("requirements/*.txt", "requirements/sub/cpu.txt", false),
        ("requirements/**", "requirements/sub/cpu.txt", true),
        ("**/Dockerfile*", "docker/Dockerfile.rocm", true),
        ("Dockerfile*", "docker/Dockerfile.rocm", true),
        ("third_party/**", "third_party/vendored/requirements.txt", true),
        ("third_party/**", "src/third_party.py", false),
        ("ci/cpu/**", "ci/cpu/install.sh", true),
        ("*.[ch]", "src/a.c", true),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob.matches(pattern, path) == expected)
    }

    @Test(arguments: [
        ("requirements/cpu.txt", Platform.cpu), ("docker/Dockerfile.rocm", .rocm), ("requirements/xpu.txt", .xpu),
        ("requirements/common.txt", .all), ("docker/Dockerfile.tpu", .tpu), ("requirements/nightly_torch_test.txt", .nightly),
        ("requirements/cuda.txt", .cuda), ("ci/cpu/install.sh", .cpu), ("docker/Dockerfile", .all),
        ("docker/Dockerfile.ppc64le", .ppc64le), ("requirements/rocm-build.txt", .rocm),
        // The file name decides before folders; table order decides between two names; variant tags name platforms.
        ("docker/rocm/Dockerfile.cpu", .cpu), ("ci/nightly/cpu.sh", .cpu), ("ci/nightly/run.sh", .nightly),
        ("docker/Dockerfile.cu128", .cuda), ("envs/ROCm6.3.yml", .rocm), ("tools/gpu_cpu_check.py", .cpu),
        ("build/Arm64/setup.sh", .arm), ("requirements/cu12x.txt", .all), ("docs/Nightly-CUDA.md", .nightly),
    ])
    func platformFromPath(_ path: String, _ expected: Platform) {
        #expect(PlatformInference.platform(forPath: path) == expected)
    }

    @Test(arguments: [
        ("cu128", "12.8"), ("cu118", "11.8"), ("cu92", "9.2"), ("cu130", "13.0"),
    ])
    func cudaVariants(_ tag: String, _ version: String) {
        #expect(Variant(tag: tag)?.toolkitVersion == version)
        #expect(Variant(cudaVersion: version + ".1")?.tag == tag)
    }

    @Test(arguments: [
        ("https://download.pytorch.org/whl/cu128", Channel.release, "cu128"),
        ("https://download.pytorch.org/whl/test/cu128/", .test, "cu128"),
        ("https://download.pytorch.org/whl/nightly/rocm6.3", .nightly, "rocm6.3"),
        ("https://mirror.example.com/pytorch/whl/cpu", .release, "cpu"),
    ])
    func indexURLs(_ url: String, _ channel: Channel, _ variant: String) {
        let parsed = PyTorchIndexURL(url)
        #expect(parsed?.channel == channel)
        #expect(parsed?.variant?.tag == variant)
        var moved = parsed!
        moved.channel = .release
        #expect(moved.url.hasSuffix("/whl/\(variant)"))
    }
}
