import Testing
@testable import TorchBumpKit

/// Helpers shared by the Dockerfile/CI/shell/docs scanner tests.
enum SiteExpect {
    /// Scans `text` as `path` and checks the span invariants of every site.
    static func scan(_ scanner: some SiteScanner, _ path: String, _ text: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScanResult {
        let file = SourceFile(path: path, text: text)
        let result = scanner.scan(file, context: ScanContext())
        for site in result.sites {
            #expect(file[site.span] == site.value, "span text differs for \(site.value)", sourceLocation: sourceLocation)
            let loc = file.location(of: site.span.start)
            #expect(loc.line == site.line && loc.column == site.column, sourceLocation: sourceLocation)
            #expect(site.path == path, sourceLocation: sourceLocation)
        }
        for (a, b) in zip(result.sites, result.sites.dropFirst()) where a.span.overlaps(b.span) {
            Issue.record("overlapping sites \(a.value) and \(b.value)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// `kind role subject value platform name` with `-` for nil, one string per site, sorted by position.
    static func describe(_ sites: [PinSite]) -> [String] {
        sites.sorted { $0.span < $1.span }.map { s in
            "\(s.kind.rawValue) \(s.role.rawValue) \(s.subject ?? "-") \(s.value) \(s.platform) \(s.name ?? "-")"
        }
    }
}

@Suite struct InstallCommandTests {
    static func commands(_ text: String) -> [InstallCommand] {
        InstallCommand.find(in: ShellWords.parse(SourceFile(path: "x.sh", text: text)))
    }

    @Test(arguments: [
        ("pip install torch", InstallCommand.Tool.pipInstall, 2),
        ("pip3 install -U torch", .pipInstall, 2),
        ("python3 -m pip install torch", .pipInstall, 4),
        ("/opt/venv/bin/python -m pip --no-cache-dir install torch", .pipInstall, 5),
        ("sudo -E pip3.12 install torch", .pipInstall, 2),
        ("uv pip install --system torch", .uvPipInstall, 3),
        ("uv --no-cache pip compile a.in -o a.txt", .uvPipCompile, 4),
        ("uv add torch", .uvAdd, 2),
        ("uv sync --extra cu128", .uvSync, 2),
        ("pip-compile a.in", .pipCompile, 1),
        ("UV_INDEX_STRATEGY=unsafe-best-match uv pip install x", .uvPipInstall, 3),
        ("--mount=type=cache,target=/root/.cache/uv uv pip install x", .uvPipInstall, 3),
        ("then python -m uv pip install x", .uvPipInstall, 5),
        ("${PIP} install torch", .pipInstall, 2),
        ("$VENV_PIP install -U torch", .pipInstall, 2),
        ("${PIP3} --no-cache-dir install torch", .pipInstall, 3),
        ("${UV} pip install --system torch", .uvPipInstall, 3),
        ("${PYTHON} -m pip install torch", .pipInstall, 4),
    ] as [(String, InstallCommand.Tool, Int)])
    func recognisesTools(_ text: String, _ tool: InstallCommand.Tool, _ toolWordCount: Int) throws {
        let cmd = try #require(Self.commands(text).first)
        #expect(cmd.tool == tool)
        #expect(cmd.toolWords.count == toolWordCount)
    }

    @Test(arguments: ["pip --version", "echo pip install torch", "uv venv", "python setup.py install", "pip list",
                      "$PIPELINE install torch", "${PIP_ARGS} install torch", "${UV_ARGS} pip install torch", "$pip_dir/x install torch"])
    func ignoresOtherCommands(_ text: String) {
        #expect(Self.commands(text).isEmpty)
    }

    @Test func sortsArguments() throws {
        let text = "uv pip install --system -r requirements/cuda.txt --extra-index-url=https://download.pytorch.org/whl/cu128 "
            + "-i https://pypi.org/simple --index-strategy unsafe-best-match --torch-backend=cu128 -c c.txt "
            + "\"torch==2.8.0\" -e git+https://github.com/facebookresearch/xformers@v0.0.30 -rextra.txt"
        let file = SourceFile(path: "x.sh", text: text)
        let cmd = try #require(InstallCommand.find(in: ShellWords.parse(file)).first)
        #expect(cmd.requirementFiles.map(\.string) == ["requirements/cuda.txt", "extra.txt"])
        #expect(cmd.indexURLs.map(\.string) == ["https://download.pytorch.org/whl/cu128", "https://pypi.org/simple"])
        #expect(cmd.indexURLs.map(\.option) == ["--extra-index-url", "-i"])
        #expect(cmd.indexURLs.compactMap(\.span).map { file[$0] } == cmd.indexURLs.map(\.string))
        #expect(cmd.hasIndexStrategy)
        #expect(cmd.torchBackend?.string == "cu128")
        #expect(cmd.constraintFiles.map(\.string) == ["c.txt"])
        #expect(cmd.requirements.map(\.string) == ["torch==2.8.0", "git+https://github.com/facebookresearch/xformers@v0.0.30"])
        #expect(file[cmd.span] == text)
    }

    @Test func environmentPrefixCountsAsStrategy() throws {
        let cmd = try #require(Self.commands("UV_INDEX_STRATEGY=unsafe-best-match uv pip install x").first)
        #expect(cmd.hasIndexStrategy)
        #expect(cmd.environment.map(\.option) == ["UV_INDEX_STRATEGY"])
        #expect(try #require(Self.commands("uv pip install x").first).hasIndexStrategy == false)
    }

    @Test(arguments: [
        ("pip install torch==2.6.0+cpu -f https://download.pytorch.org/whl/torch_stable.html",
         ["requirement pin torch 2.6.0+cpu cpu -", "index-url pin - https://download.pytorch.org/whl/torch_stable.html all -f"]),
        ("pip install 'torch>=2.6,<2.8' 'torchvision' numpy",
         ["requirement pin torch 2.6 all -", "requirement pin torch 2.8 all -"]),
        ("pip install \"flash-attn @ https://github.com/Dao-AILab/flash-attention/releases/download/v2.7.4.post1/flash_attn-2.7.4.post1+cu12torch2.6cxx11abiFALSE-cp312-cp312-linux_x86_64.whl\"",
         ["wheel-url pin flash-attn https://github.com/Dao-AILab/flash-attention/releases/download/v2.7.4.post1/flash_attn-2.7.4.post1+cu12torch2.6cxx11abiFALSE-cp312-cp312-linux_x86_64.whl all -"]),
        ("pip install https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl",
         ["wheel-url pin torch https://download.pytorch.org/whl/cu128/torch-2.8.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl cuda -"]),
        ("uv add 'torch==2.8.0' --index https://download.pytorch.org/whl/cu128",
         ["requirement pin torch 2.8.0 cuda -", "index-url pin - https://download.pytorch.org/whl/cu128 cuda --index"]),
        ("pip install torch==${TORCH_VERSION} mypkg==1.0 git+https://github.com/pytorch/vision@v0.21.0",
         ["git-ref pin torchvision v0.21.0 all -"]),
        ("pip install -i https://mirror.example/simple torch",
         [String]()),
    ])
    func sitesOfInstallCommands(_ text: String, _ expected: [String]) {
        let result = SiteExpect.scan(ShellScanner(), "install.sh", text)
        #expect(SiteExpect.describe(result.sites) == expected)
    }

    @Test func compileInputsAreRequirementFiles() throws {
        let cmd = try #require(Self.commands("uv pip compile reqs/test.in -o reqs/test.txt --torch-backend cu128").first)
        #expect(cmd.requirementFiles.map(\.string) == ["reqs/test.in"])
        #expect(cmd.outputFile?.string == "reqs/test.txt")
        #expect(cmd.requirements.isEmpty)
    }
}
