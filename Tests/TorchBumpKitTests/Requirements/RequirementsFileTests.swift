import Foundation
import Testing
@testable import TorchBumpKit

private func read(_ text: String, path: String = "requirements/cuda.txt") -> (SourceFile, RequirementsFile) {
    let file = SourceFile(path: path, text: text)
    return (file, RequirementsFile(file))
}

private func read(bytes: [UInt8]) -> (SourceFile, RequirementsFile) {
    let file = SourceFile(path: "r.txt", bytes: bytes)
    return (file, RequirementsFile(file))
}

/// A short, comparable description of an entry.
private func kind(_ e: RequirementsEntry) -> String {
    switch e {
    case let .requirement(r, _): return "req:\(r.name)"
    case let .option(o, _): return "opt:\(o.name)"
    case let .url(u, _, _): return "url:\(u)"
    case .comment: return "comment"
    case .blank: return "blank"
    case let .invalid(t): return "invalid:\(t)"
    }
}

@Suite struct RequirementsFileTests {
    static let fixture = """
        # CUDA build requirements (made up for tests)
        -r common.txt
        --extra-index-url https://download.pytorch.org/whl/cu128

        torch==2.8.0
        torchvision == 0.23.0  # must move together with torch
        torchaudio
        xformers==0.0.32.post1; sys_platform == "linux"  # needs PyTorch >= 2.8
        # xformers==0.0.31  # re-enable when a wheel exists
        flashinfer-python[jit] (>=0.2.6, <0.3)
        causal-conv1d @ git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2
        https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=abc
        torch==2.8.0+cpu; platform_machine != "x86_64"
        """

    @Test func readsEveryShape() throws {
        let (file, reqs) = read(Self.fixture)
        #expect(reqs.diagnostics.isEmpty)
        #expect(reqs.lines.map { kind($0.entry) } == [
            "comment", "opt:-r", "opt:--extra-index-url", "blank", "req:torch", "req:torchvision", "req:torchaudio",
            "req:xformers", "comment", "req:flashinfer-python", "req:causal-conv1d",
            "url:https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=abc",
            "req:torch",
        ])
        #expect(reqs.lines.map(\.lineNumber) == Array(1...13))
        let versions = reqs.requirements.flatMap(\.specifiers).map { file[$0.versionSpan] }
        #expect(versions == ["2.8.0", "0.23.0", "0.0.32.post1", "0.2.6", "0.3", "2.8.0+cpu"])
        #expect(reqs.requirements.flatMap(\.specifiers).allSatisfy { file[$0.versionSpan] == $0.version })

        let indexLine = reqs.lines[2]
        #expect(indexLine.entry.option?.kind == .extraIndexURL)
        #expect(indexLine.entry.option.flatMap { $0.valueSpan.map { file[$0] } } == "https://download.pytorch.org/whl/cu128")
        #expect(file[indexLine.span] == "--extra-index-url https://download.pytorch.org/whl/cu128")

        let tv = reqs.lines[5]
        #expect(tv.entry.comment?.text == "# must move together with torch")
        #expect(tv.entry.comment.map { file[$0.span] } == "# must move together with torch")
        #expect(tv.entry.requirement.map { file[$0.span] } == "torchvision == 0.23.0")
        #expect(tv.entry.requirement?.specifiers.first.map { file[$0.opSpan] } == "==")

        let xf = reqs.lines[7]
        #expect(xf.marker == "sys_platform == \"linux\"" && xf.markerSpan.map { file[$0] } == "sys_platform == \"linux\"")
        #expect(xf.entry.requirement?.marker == xf.marker)
        #expect(xf.markerHints?.sysPlatforms == ["linux"])
        #expect(xf.entry.comment?.body == "needs PyTorch >= 2.8")

        let disabled = reqs.commentedOutRequirements
        #expect(disabled.map(\.name) == ["xformers"])
        #expect(disabled.first?.specifiers.first.map { file[$0.versionSpan] } == "0.0.31")

        #expect(reqs.lines[9].entry.requirement?.extras == ["jit"])
        #expect(reqs.lines[10].entry.requirement?.urlSpan.map { file[$0] } == "git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2")
        if case let .url(u, span, comment) = reqs.lines[11].entry {
            #expect(file[span] == u && comment == nil)
            #expect(try WheelFilename(parsing: u).variant == .cuda(major: 12, minor: 8))
        } else {
            Issue.record("line 12 should be a URL")
        }
        #expect(reqs.lines[12].markerHints?.excludedPlatformMachines == ["x86_64"])
        #expect(reqs.requirements(named: "Flashinfer_Python").count == 1)
        #expect(reqs.options.map(\.kind) == [.requirement, .extraIndexURL])
    }

    @Test func continuationsKeepSpansInTheOriginalBytes() {
        let text = "torch==2.6.0 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\nnumpy==1.26.4\n"
        let (file, reqs) = read(text)
        #expect(reqs.lines.count == 2)
        let first = reqs.lines[0]
        #expect(first.lineNumber == 1 && reqs.lines[1].lineNumber == 4)
        #expect(file[first.span] == "torch==2.6.0 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb")
        #expect(first.entry.requirement.flatMap { $0.specifiers.first.map { file[$0.versionSpan] } } == "2.6.0")
        #expect(first.extraOptions.map(\.kind) == [.hash, .hash])
        #expect(first.extraOptions.compactMap { $0.valueSpan.map { file[$0] } } == ["sha256:aaa", "sha256:bbb"])
        #expect(first.extraOptions.map { file[$0.nameSpan] } == ["--hash", "--hash"])
        #expect(reqs.diagnostics.isEmpty)
    }

    @Test func crlfContinuations() {
        let (file, reqs) = read("torch==2.6.0+cu124 \\\r\n    --hash=sha256:aaa\r\nnumpy\r\n")
        #expect(reqs.lines.map { kind($0.entry) } == ["req:torch", "req:numpy"])
        #expect(file[reqs.lines[0].span] == "torch==2.6.0+cu124 \\\r\n    --hash=sha256:aaa")
        #expect(reqs.lines[0].extraOptions.first?.value == "sha256:aaa")
        #expect(reqs.lines[1].lineNumber == 3)
    }

    @Test func continuationInsideAToken() {
        let (file, reqs) = read("torch==\\\n2.6.0\ntorchvision==0.\\\n21.0\n")
        let v1 = reqs.lines[0].entry.requirement?.specifiers.first
        #expect(v1?.version == "2.6.0" && v1.map { file[$0.versionSpan] } == "2.6.0")
        let v2 = reqs.lines[1].entry.requirement?.specifiers.first
        #expect(v2?.version == "0.21.0")
        #expect(v2.map { file[$0.versionSpan] } == "0.\\\n21.0")   // the span covers the joint
        #expect(reqs.lines[1].lineNumber == 3)
    }

    @Test func commentsFollowPipRules() {
        let text = """
            https://x.example/torch-2.6.0-cp312-cp312-linux_x86_64.whl#sha256=abc
            torch==2.6.0 # trailing
            torch==2.6.0#no-space
            #torch==2.5.0
              # indented comment
            --index-url https://x.example/simple#frag # real comment
            """
        let (file, reqs) = read(text)
        #expect(kind(reqs.lines[0].entry) == "url:https://x.example/torch-2.6.0-cp312-cp312-linux_x86_64.whl#sha256=abc")
        #expect(reqs.lines[1].entry.comment?.text == "# trailing")
        #expect(kind(reqs.lines[2].entry) == "invalid:torch==2.6.0#no-space")
        #expect(reqs.diagnostics.count == 1 && reqs.diagnostics.first?.location?.line == 3)
        #expect(reqs.diagnostics.first?.severity == .error)
        #expect(reqs.lines[3].entry.comment?.commentedOutRequirement?.name == "torch")
        #expect(kind(reqs.lines[4].entry) == "comment" && reqs.lines[4].entry.comment?.commentedOutRequirement == nil)
        #expect(reqs.lines[4].entry.comment.map { file[$0.span] } == "# indented comment")
        #expect(reqs.lines[5].entry.option?.value == "https://x.example/simple#frag")
        #expect(reqs.lines[5].entry.comment?.text == "# real comment")
    }

    @Test func commentEndingInBackslashSwallowsTheNextLine() {
        let (file, reqs) = read("torch==2.6.0  # note \\\nnumpy==1.26.4\nscipy\n")
        #expect(reqs.lines.map { kind($0.entry) } == ["req:torch", "req:scipy"])
        #expect(reqs.lines[0].entry.comment.map { file[$0.span] } == "# note \\\nnumpy==1.26.4")
        #expect(reqs.diagnostics.map(\.severity) == [.warning])
        #expect(reqs.diagnostics.first?.location?.line == 1)
        // A whole-line comment ending in a backslash does not continue, and closes a pending continuation.
        let (_, r2) = read("# comment \\\ntorch==2.6.0 \\\n# closing comment\nnumpy\n")
        #expect(r2.lines.map { kind($0.entry) } == ["comment", "req:torch", "req:numpy"])
        #expect(r2.lines[1].entry.comment?.text == "# closing comment")
        #expect(r2.diagnostics.isEmpty)
    }

    static let commentedOut: [(String, String?)] = [
        ("# xformers==0.0.32.post1  # re-enable when a wheel for torch 2.9 exists", "xformers==0.0.32.post1"),
        ("## torch>=2.7,<2.9", "torch>=2.7,<2.9"), ("#torch==2.8.0+cu128 ; platform_machine == 'x86_64'", "torch==2.8.0+cu128 ; platform_machine == 'x86_64'"),
        ("# causal-conv1d @ git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2", "causal-conv1d @ git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2"),
        ("# torch", nil), ("# Dependencies", nil), ("# pip install torch==2.0", nil), ("# see https://pytorch.org", nil),
        ("#    uv pip compile reqs/test.in -o reqs/test.txt", nil), ("    # via -r reqs/test.in", nil),
        ("# --extra-index-url https://download.pytorch.org/whl/cu126", nil), ("# Python >= 3.10 is required", nil), ("#", nil),
    ]

    @Test(arguments: commentedOut)
    func detectsCommentedOutRequirements(line: String, expected: String?) {
        let (file, reqs) = read(line + "\n")
        let req = reqs.lines.first?.entry.comment?.commentedOutRequirement
        #expect(req.map { file[$0.span] } == expected)
        if let req { #expect(req.specifiers.allSatisfy { file[$0.versionSpan] == $0.version }) }
    }

    @Test func crlfAndBOMRoundTrip() throws {
        let text = "\u{FEFF}torch==2.6.0+cu124 ; platform_machine == \"x86_64\"\r\n--extra-index-url https://download.pytorch.org/whl/cu124\r\n\r\ntorchvision==0.21.0\r\n"
        let (file, reqs) = read(text)
        #expect(file.hasBOM && file.newline == .crlf)
        #expect(reqs.lines.map { kind($0.entry) } == ["req:torch", "opt:--extra-index-url", "blank", "req:torchvision"])
        #expect(reqs.lines.map(\.lineNumber) == [1, 2, 3, 4])
        let torch = try #require(reqs.lines[0].entry.requirement)
        #expect(torch.nameSpan.start == 3)
        #expect(file[torch.specifiers[0].versionSpan] == "2.6.0+cu124")
        #expect(file[reqs.lines[0].span] == "torch==2.6.0+cu124 ; platform_machine == \"x86_64\"")
        let url = try #require(reqs.lines[1].entry.option?.valueSpan)
        #expect(file[url] == "https://download.pytorch.org/whl/cu124")
        let edited = try file.applying([
            TextEdit(span: torch.specifiers[0].versionSpan, replacement: "2.7.0+cu128"),
            TextEdit(span: url, replacement: "https://download.pytorch.org/whl/cu128"),
        ])
        #expect(edited.text == "\u{FEFF}torch==2.7.0+cu128 ; platform_machine == \"x86_64\"\r\n--extra-index-url https://download.pytorch.org/whl/cu128\r\n\r\ntorchvision==0.21.0\r\n")
        #expect(RequirementsFile(edited).diagnostics.isEmpty)
    }

    @Test func oddSpacingRoundTrips() throws {
        let text = "torch  ==   2.5.1   ;   python_version >= '3.9'   # keep\n"
        let (file, reqs) = read(text)
        let r = try #require(reqs.lines[0].entry.requirement)
        #expect(file[r.span] == "torch  ==   2.5.1   ;   python_version >= '3.9'")
        #expect(file[r.specifiers[0].versionSpan] == "2.5.1" && file[r.specifiers[0].opSpan] == "==")
        let edited = try file.applying([TextEdit(span: r.specifiers[0].versionSpan, replacement: "2.6.0")])
        #expect(edited.text == "torch  ==   2.6.0   ;   python_version >= '3.9'   # keep\n")
    }

    @Test func invalidLinesBecomeDiagnosticsWithTheirLineNumbers() {
        let text = "torch==2.6.0\nnumpy\n\ntorch 2.6\n# ok\ntorch>=2.7+cu128\n--index-url\nfoo; bad marker\n"
        let (_, reqs) = read(text, path: "reqs/ci.txt")
        #expect(reqs.lines.map { kind($0.entry) } == [
            "req:torch", "req:numpy", "blank", "invalid:torch 2.6", "comment", "invalid:torch>=2.7+cu128",
            "invalid:--index-url", "invalid:foo; bad marker",
        ])
        #expect(reqs.diagnostics.map(\.severity) == [.error, .error, .error, .error])
        #expect(reqs.diagnostics.compactMap { $0.location?.short } == ["reqs/ci.txt:4", "reqs/ci.txt:6", "reqs/ci.txt:7", "reqs/ci.txt:8"])
        #expect(reqs.diagnostics[0].description.hasPrefix("reqs/ci.txt:4:1: error: invalid requirement 'torch 2.6'"))
    }

    @Test func continuationAtEndOfFileIsReportedButRead() {
        let (file, reqs) = read("numpy\ntorch==2.6.0 \\")
        #expect(reqs.lines.map { kind($0.entry) } == ["req:numpy", "req:torch"])
        #expect(reqs.lines[1].entry.requirement.flatMap { $0.specifiers.first.map { file[$0.versionSpan] } } == "2.6.0")
        #expect(reqs.diagnostics.count == 1 && reqs.diagnostics.first?.severity == .warning)
        #expect(reqs.diagnostics.first?.location?.line == 2)
        let (_, lone) = read("\\")
        #expect(lone.lines.map { kind($0.entry) } == ["blank"] && lone.diagnostics.count == 1)
    }

    static let options: [(String, RequirementsOption.Kind, String?)] = [
        ("--index-url https://download.pytorch.org/whl/cpu", .indexURL, "https://download.pytorch.org/whl/cpu"),
        ("-i https://download.pytorch.org/whl/cpu", .indexURL, "https://download.pytorch.org/whl/cpu"),
        ("-ihttps://download.pytorch.org/whl/cpu", .indexURL, "https://download.pytorch.org/whl/cpu"),
        ("--index-url=https://download.pytorch.org/whl/cpu", .indexURL, "https://download.pytorch.org/whl/cpu"),
        ("--extra-index-url=https://download.pytorch.org/whl/xpu", .extraIndexURL, "https://download.pytorch.org/whl/xpu"),
        ("--extra-index-url   https://flashinfer.ai/whl/", .extraIndexURL, "https://flashinfer.ai/whl/"),
        ("--extra-index 'https://download.pytorch.org/whl/cu126'", .extraIndexURL, "https://download.pytorch.org/whl/cu126"),
        ("--extra-index-url=\"https://download.pytorch.org/whl/cu126\"", .extraIndexURL, "https://download.pytorch.org/whl/cu126"),
        ("--extra-index-url ${PIP_EXTRA_INDEX}/cu128", .extraIndexURL, "${PIP_EXTRA_INDEX}/cu128"),
        ("-f https://download.pytorch.org/whl/torch_stable.html", .findLinks, "https://download.pytorch.org/whl/torch_stable.html"),
        ("--find-links=./wheels", .findLinks, "./wheels"), ("-r common.txt", .requirement, "common.txt"),
        ("-rcommon.txt", .requirement, "common.txt"), ("--requirement=../common.txt", .requirement, "../common.txt"),
        ("-c constraints.txt", .constraint, "constraints.txt"), ("--constraint constraints.txt", .constraint, "constraints.txt"),
        ("--pre", .pre, nil), ("--no-index", .noIndex, nil), ("--prefer-binary", .preferBinary, nil),
        ("--require-hashes", .requireHashes, nil), ("--trusted-host download.pytorch.org", .trustedHost, "download.pytorch.org"),
        ("-e ./path/to/pkg", .editable, "./path/to/pkg"), ("--editable=.", .editable, "."),
        ("-e git+https://github.com/org/repo@v1.2#egg=repo", .editable, "git+https://github.com/org/repo@v1.2#egg=repo"),
        ("--no-binary :all:", .noBinary, ":all:"), ("--only-binary=torch", .onlyBinary, "torch"),
        ("--use-feature fast-deps", .useFeature, "fast-deps"),
    ]

    @Test(arguments: options)
    func readsOptions(text: String, kind: RequirementsOption.Kind, value: String?) throws {
        let (file, reqs) = read(text + "  # why\n")
        #expect(reqs.diagnostics.isEmpty)
        let option = try #require(reqs.lines.first?.entry.option)
        #expect(option.kind == kind)
        #expect(option.value == value)
        #expect(option.valueSpan.map { file[$0] } == value)
        #expect(file[option.nameSpan] == option.name)
        #expect(reqs.lines.first?.entry.comment?.text == "# why")
    }

    @Test func severalOptionsAndUnknownOnes() throws {
        let (file, reqs) = read("--pre --extra-index-url https://download.pytorch.org/whl/nightly/cu128\n--index-strategy unsafe-best-match\n--pre=1\n--no x\n--pre torch==2.0\n")
        #expect(reqs.lines[0].options.map(\.kind) == [.pre, .extraIndexURL])
        #expect(reqs.lines[0].extraOptions.first?.valueSpan.map { file[$0] } == "https://download.pytorch.org/whl/nightly/cu128")
        let other = try #require(reqs.lines[1].entry.option)
        #expect(other.kind == .other("--index-strategy") && other.value == "unsafe-best-match")
        #expect(kind(reqs.lines[2].entry) == "invalid:--pre=1")
        #expect(kind(reqs.lines[3].entry) == "invalid:--no x")
        #expect(reqs.lines[4].entry.option?.kind == .pre)
        #expect(reqs.diagnostics.map { "\($0.severity):\($0.location?.line ?? 0)" } == ["warning:2", "error:3", "error:4", "warning:5"])
    }

    static let urlLines: [(String, String, String?)] = [
        ("./dist/foo-1.0-py3-none-any.whl", "./dist/foo-1.0-py3-none-any.whl", nil),
        ("https://download.pytorch.org/whl/cu124/torch-2.6.0%2Bcu124-cp312-cp312-linux_x86_64.whl", "https://download.pytorch.org/whl/cu124/torch-2.6.0%2Bcu124-cp312-cp312-linux_x86_64.whl", nil),
        ("https://x.example/torch.whl; sys_platform == 'linux'", "https://x.example/torch.whl", "sys_platform == 'linux'"),
        ("https://x.example/torch.whl ; sys_platform == 'linux'", "https://x.example/torch.whl", "sys_platform == 'linux'"),
        ("git+https://github.com/org/repo@v1.2#egg=repo", "git+https://github.com/org/repo@v1.2#egg=repo", nil),
        ("file:///tmp/wheels/torch-2.6.0-cp312-cp312-linux_x86_64.whl", "file:///tmp/wheels/torch-2.6.0-cp312-cp312-linux_x86_64.whl", nil),
        (".", ".", nil), ("../other/pkg[extra]", "../other/pkg[extra]", nil), ("foo-1.0.tar.gz", "foo-1.0.tar.gz", nil),
        ("${WHEEL_DIR}/torch-2.6.0-cp312-cp312-linux_x86_64.whl", "${WHEEL_DIR}/torch-2.6.0-cp312-cp312-linux_x86_64.whl", nil),
        ("./vendor/flash_attn-2.8.3+cu12torch2.8cxx11abiTRUE-cp312-cp312-linux_x86_64.whl --hash=sha256:abc", "./vendor/flash_attn-2.8.3+cu12torch2.8cxx11abiTRUE-cp312-cp312-linux_x86_64.whl", nil),
    ]

    @Test(arguments: urlLines)
    func readsURLLines(text: String, url: String, marker: String?) {
        let (file, reqs) = read(text + "\n")
        #expect(reqs.diagnostics.isEmpty)
        guard case let .url(u, span, _) = reqs.lines.first?.entry else {
            Issue.record("not a URL line: \(String(describing: reqs.lines.first?.entry))")
            return
        }
        #expect(u == url && file[span] == url)
        #expect(reqs.lines.first?.marker == marker)
        #expect(reqs.lines.first?.markerSpan.map { file[$0] } == marker)
    }

    @Test func pipMarkerSplitForNamedURLs() throws {
        // pip splits the marker at the first ';' before PEP 508 parsing, so this works in a requirements file.
        let (file, reqs) = read("foo @ https://x.example/foo-1.0-py3-none-any.whl;python_version>\"3\"\n")
        let r = try #require(reqs.lines.first?.entry.requirement)
        #expect(r.url == "https://x.example/foo-1.0-py3-none-any.whl")
        #expect(r.marker == "python_version>\"3\"" && r.markerSpan.map { file[$0] } == "python_version>\"3\"")
        #expect(file[r.span] == "foo @ https://x.example/foo-1.0-py3-none-any.whl;python_version>\"3\"")
    }

    @Test func environmentVariablesStayVerbatim() throws {
        let (file, reqs) = read("torch==${TORCH_VERSION}\n")
        let token = try #require(reqs.lines.first?.entry.requirement?.specifiers.first)
        #expect(token.version == "${TORCH_VERSION}" && file[token.versionSpan] == "${TORCH_VERSION}")
        #expect(reqs.diagnostics.isEmpty)
    }

    @Test func pythonLineBoundaries() {
        let (_, reqs) = read(bytes: Array("torch==2.0\rnumpy==1.0\u{0C}scipy\n\n".utf8))
        #expect(reqs.lines.map { kind($0.entry) } == ["req:torch", "req:numpy", "req:scipy", "blank"])
        let (_, empty) = read("")
        #expect(empty.lines.isEmpty && empty.diagnostics.isEmpty)
        let (_, nbsp) = read("\u{00A0}torch==2.0\u{3000}\n")
        #expect(nbsp.lines.map { kind($0.entry) } == ["req:torch"])
    }

    static let garbage: [[UInt8]] = [
        Array("\\\n\\\\\n\\".utf8), Array("#\n-\n--\n[\n@\n;\n==\n".utf8), [0xFF, 0xFE, 0x00, 0x0A, 0xC3], Array("torch==2.0 \\\n".utf8),
        Array("\u{FEFF}".utf8), Array("\u{FEFF}\\".utf8), Array("-e\n-r\n-i=\n--=x\n-\u{00E9}\n'\n\"unterminated\n".utf8),
        Array("torch @\ntorch[\ntorch(\ntorch==(\ntorch;(\ntorch; (a\n".utf8), Array(String(repeating: "\\\n", count: 50).utf8),
        Array("x==1 --hash\nx==1 --hash=\n#\\\n \\\n".utf8),
    ]

    @Test(arguments: garbage)
    func neverCrashesAndSpansStayInBounds(_ bytes: [UInt8]) {
        let (file, reqs) = read(bytes: bytes)
        var spans: [Span] = []
        for line in reqs.lines {
            spans.append(line.span)
            spans += line.options.flatMap { [$0.nameSpan] + ($0.valueSpan.map { [$0] } ?? []) }
            if let c = line.entry.comment { spans.append(c.span) }
            if let r = line.entry.requirement { spans += [r.span, r.nameSpan] + r.specifiers.flatMap { [$0.opSpan, $0.versionSpan] } }
        }
        #expect(spans.allSatisfy { $0.start >= 0 && $0.end <= file.bytes.count && $0.start <= $0.end })
        #expect(reqs.diagnostics.allSatisfy { $0.location != nil })
    }
}
