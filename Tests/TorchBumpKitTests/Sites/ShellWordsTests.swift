import Testing
@testable import TorchBumpKit

@Suite struct ShellWordsTests {
    static func words(_ s: String) -> [[String]] {
        ShellWords.parse(SourceFile(path: "x.sh", text: s)).commands.map { $0.words.map(\.string) }
    }

    @Test(arguments: [
        ("pip install torch==2.6.0", [["pip", "install", "torch==2.6.0"]]),
        ("pip install 'torch==2.6.0' \"torchvision==0.21.0\"", [["pip", "install", "torch==2.6.0", "torchvision==0.21.0"]]),
        ("a && b; c | d || e & f", [["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]),
        ("pip install \\\n    torch==2.6.0 \\\r\n  xformers", [["pip", "install", "torch==2.6.0", "xformers"]]),
        ("echo a\\ b \"x\\\"y\" 'it''s'", [["echo", "a b", "x\"y", "its"]]),
        ("echo $(echo \"$CUDA_VERSION\" | cut -d. -f1,2) ${A//./} `date`", [["echo", "$(echo \"$CUDA_VERSION\" | cut -d. -f1,2)", "${A//./}", "`date`"]]),
        ("pip install x # torch==1.0\nnext", [["pip", "install", "x"], ["next"]]),
        ("cmd > out.txt 2>&1 && other < in", [["cmd"], ["other"]]),
        ("cat <<EOF > f\ntorch==2.6.0\nEOF\npip install x", [["cat"], ["pip", "install", "x"]]),
        ("if [ \"$TARGETPLATFORM\" = \"linux/arm64\" ]; then pip install a; fi", [["if", "[", "$TARGETPLATFORM", "=", "linux/arm64", "]"], ["then", "pip", "install", "a"], ["fi"]]),
        ("case \"$CUDA_VERSION\" in 12.*) TAG=cu128 ;; esac", [["case", "$CUDA_VERSION", "in", "12.*"], ["TAG=cu128"], ["esac"]]),
        ("url=https://x/cu$(echo $V | tr -d '.')", [["url=https://x/cu$(echo $V | tr -d '.')"]]),
    ] as [(String, [[String]])])
    func tokenises(_ input: String, _ expected: [[String]]) {
        #expect(Self.words(input) == expected)
    }

    @Test func spansPointIntoTheFile() {
        let text = "RUN pip install \\\n  \"torch==2.6.0\" 'x y'\n"
        let file = SourceFile(path: "Dockerfile", text: text)
        let script = ShellWords.parse(file, span: Span(4, file.bytes.count))
        let words = script.commands.flatMap(\.words)
        #expect(words.map(\.string) == ["pip", "install", "torch==2.6.0", "x y"])
        let torch = words[2]
        #expect(file[torch.rawSpan] == "\"torch==2.6.0\"")
        let valueSpan = torch.value.fileSpan
        #expect(valueSpan.map { file[$0] } == "torch==2.6.0")
        #expect(torch.isQuoted)
    }

    @Test func continuationInsideWordIsNotContiguous() {
        let file = SourceFile(path: "x.sh", text: "abc\\\ndef")
        let w = ShellWords.parse(file).commands[0].words[0]
        #expect(w.string == "abcdef")
        #expect(w.value.fileSpan == nil)
        #expect(w.value.fileSpan(0..<3).map { file[$0] } == "abc")
    }

    @Test func commentsAndHeredocsAreRecorded() {
        let file = SourceFile(path: "x.sh", text: "# cu128 is default\ncat <<-'EOF'\n\ttorch==2.6.0\n\tEOF\n")
        let script = ShellWords.parse(file)
        #expect(script.comments.map(\.text.string) == [" cu128 is default"])
        #expect(script.heredocs.map(\.string) == ["\ttorch==2.6.0\n"])
    }

    @Test func unterminatedQuotesDoNotCrash() {
        for s in ["echo \"abc", "echo 'abc", "echo $(abc", "echo ${abc", "echo `abc", "\\", "echo \\", "<<", "a >"] {
            _ = ShellWords.parse(SourceFile(path: "x.sh", text: s))
        }
    }
}

/// Deterministic garbage through every sites-b scanner: nothing may crash, and every site must still point at its value.
@Suite struct SitesBGarbageInputTests {
    static let pieces = ["pip install ", "uv pip compile ", "torch==2.6.0", "+cu124", " --index-url ", "https://download.pytorch.org/whl/cu12",
                         "\\\n", "\\\r\n", "\"", "'", "$(", "${", ")", "}", "`", "#", " ", "\t", "\n", "\r\n", "ARG ", "ENV ", "FROM ",
                         "RUN ", "nvidia/cuda:", "12.4.1", ":", "- ", "  ", "|", ">", "[", "]", "{", "}", ",", "=", "CUDA_VERSION",
                         "<<EOF\n", "EOF\n", "```", "``", "CUDA 12.", "\u{FEFF}", "é", "🚀", "if [ \"$TARGETPLATFORM\" = \"linux/arm64\" ]; then ",
                         "fi", "case $CUDA_VERSION in ", "12.*)", ";;", "sed -i 's/^torch==.*/torch==2.8.0/' ", "@", "git+https://github.com/x/xformers@v1"]

    @Test(arguments: 0..<6)
    func scannersSurviveGarbage(_ seed: Int) {
        var state = UInt64(seed * 7919 + 17)
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let scanners: [(any SiteScanner, String)] = [
            (DockerfileScanner(), "Dockerfile"), (BakeScanner(), "docker-bake.hcl"), (CIYAMLScanner(), ".buildkite/p.yml"),
            (PreCommitScanner(), ".pre-commit-config.yaml"), (ShellScanner(), "x.sh"), (DocsScanner(), "README.md"),
            (DocsScanner(), "index.rst"),
        ]
        for _ in 0..<60 {
            var text = ""
            for _ in 0..<(next() % 60) { text += Self.pieces[next() % Self.pieces.count] }
            for (scanner, path) in scanners {
                let file = SourceFile(path: path, text: text)
                for site in scanner.scan(file, context: ScanContext()).sites {
                    #expect(file[site.span] == site.value)
                }
            }
        }
    }
}
