import Testing
@testable import TorchBumpKit

struct PyprojectScannerTests {
    static let cases: [(String, String, [String])] = [
        ("pyproject.toml", """
            [build-system]
            requires = [
                "cmake>=3.26",
                "torch == 2.8.0",
                'setuptools>=77',  # trailing comma and comment
            ]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            dependencies = ["torch>=2.8,<2.9", "numpy", "xformers==0.0.32.post1; sys_platform == 'linux'"]

            [project.optional-dependencies]
            gpu = ["torch==2.8.0", "triton==3.4.0"]
            cpu = [
              "torch==2.8.0+cpu ; platform_machine == 'aarch64'",
            ]

            [dependency-groups]
            test = ["pytest", { include-group = "lint" }, "torchvision==0.23.0"]
            rocm = ["pytorch-triton-rocm==3.4.0"]
            """, [
                "4 requirement pin torch 2.8.0 all name=build-system.requires op===",
                "11 requirement pin torch 2.8 all name=project.dependencies op=>=",
                "11 requirement pin torch 2.9 all name=project.dependencies op=<",
                "11 requirement pin xformers 0.0.32.post1 all name=project.dependencies op===",
                "14 requirement pin torch 2.8.0 cuda name=project.optional-dependencies.gpu op===",
                "14 requirement pin triton 3.4.0 cuda name=project.optional-dependencies.gpu op===",
                "15 extra-name pin - cpu cpu name=extra variant=cpu note=definition",
                "16 requirement pin torch 2.8.0+cpu arm name=project.optional-dependencies.cpu op=== variant=cpu",
                "20 requirement pin torchvision 0.23.0 all name=dependency-groups.test op===",
                "21 requirement pin pytorch-triton-rocm 3.4.0 rocm name=dependency-groups.rocm op===",
            ]),
        ("pyproject.toml", """
            [tool.uv]
            index-strategy = "unsafe-best-match"

            [tool.uv.pip]
            torch-backend = "cu128"

            [[tool.uv.index]]
            name = "pytorch-cu128"
            url = "https://download.pytorch.org/whl/cu128"
            explicit = true

            [[tool.uv.index]]
            name = "torch-cpu"
            url = 'https://download.pytorch.org/whl/cpu'

            [[tool.uv.index]]
            name = "flashinfer"
            url = "https://flashinfer.ai/whl/cu128/torch2.8/"

            [tool.uv.sources]
            torch = [
              { index = "torch-cpu", extra = "cpu" },
              { index = "pytorch-cu128", marker = "sys_platform == 'linux' and platform_machine == 'aarch64'" },
            ]
            torchvision = { index = "pytorch-cu128" }
            flashinfer-python = { index = "flashinfer" }
            xformers = { git = "https://github.com/facebookresearch/xformers", tag = "v0.0.30" }
            """, [
                "2 index-strategy pin - unsafe-best-match all name=index-strategy",
                "5 variant pin - cu128 cuda name=torch-backend variant=cu128",
                "8 variant pin - cu128 cuda name=tool.uv.index.name variant=cu128",
                "9 index-url pin - https://download.pytorch.org/whl/cu128 cuda name=pytorch-cu128 variant=cu128 channel=release",
                "13 variant pin - cpu cpu name=tool.uv.index.name variant=cpu",
                "14 index-url pin - https://download.pytorch.org/whl/cpu cpu name=torch-cpu variant=cpu channel=release",
                "18 index-url pin flashinfer-python https://flashinfer.ai/whl/cu128/torch2.8/ cuda name=flashinfer variant=cu128 channel=release",
                "22 variant pin - cpu cpu name=tool.uv.sources.torch variant=cpu",
                "22 extra-name pin - cpu cpu name=extra variant=cpu note=uv source of torch",
                "23 variant pin - cu128 arm name=tool.uv.sources.torch variant=cu128",
                "25 variant pin - cu128 cuda name=tool.uv.sources.torchvision variant=cu128",
                "27 git-ref pin xformers v0.0.30 all name=tool.uv.sources.xformers.tag",
            ]),
        ("pkg/pyproject.toml", """
            [[tool.poetry.source]]
            name = "torch-cu126"
            url = "https://download.pytorch.org/whl/cu126"
            priority = "explicit"

            [tool.poetry.dependencies]
            python = "^3.10"
            torch = { version = "2.8.0", source = "torch-cu126" }
            torchvision = "^0.23.0"
            torchaudio = ">=2.7,<2.9"

            [tool.poetry.group.dev.dependencies]
            triton = [{ version = "==3.4.0", markers = "platform_machine == 'aarch64'" }]

            [tool.pdm.plugins.torch]
            dependencies = ["torch==2.8.0"]
            cuda-versions = ["cu126", "cu128"]
            rocm-versions = ["6.3"]
            """, [
                "2 variant pin - cu126 cuda name=tool.poetry.source.name variant=cu126",
                "3 index-url pin - https://download.pytorch.org/whl/cu126 cuda name=torch-cu126 variant=cu126 channel=release",
                "7 version pin python 3.10 all name=tool.poetry.dependencies.python op=^",
                "8 requirement pin torch 2.8.0 all name=tool.poetry.dependencies.torch op===",
                "8 variant pin - cu126 cuda name=tool.poetry.dependencies.torch variant=cu126",
                "9 requirement pin torchvision 0.23.0 all name=tool.poetry.dependencies.torchvision op=^",
                "10 requirement pin torchaudio 2.7 all name=tool.poetry.dependencies.torchaudio op=>=",
                "10 requirement pin torchaudio 2.9 all name=tool.poetry.dependencies.torchaudio op=<",
                "13 requirement pin triton 3.4.0 arm name=tool.poetry.group.dev.dependencies.triton op===",
                "16 requirement pin torch 2.8.0 all name=tool.pdm.plugins.torch.dependencies op===",
                "17 variant pin - cu126 cuda name=cuda-versions variant=cu126",
                "17 variant pin - cu128 cuda name=cuda-versions variant=cu128",
                "18 variant pin - 6.3 rocm name=rocm-versions variant=rocm6.3",
            ]),
        // Comments naming versions and variants.
        ("pyproject.toml", """
            # PyTorch wheels for CUDA 12.6 on Linux (index pytorch-cu126)
            [project]
            dependencies = [
                "torch>=2.7.1,<2.8",  # keep below torch 2.8 until the kernels are ported
            ]
            """, [
                "1 version comment cuda 12.6 cuda note=comment",
                "1 variant comment - cu126 cuda variant=cu126 note=comment",
                "4 requirement pin torch 2.7.1 all name=project.dependencies op=>=",
                "4 requirement pin torch 2.8 all name=project.dependencies op=<",
                "4 version comment torch 2.8 all note=comment",
            ]),
        // Backends as extras (and groups) named after their variant: the definition and every place naming it.
        ("pyproject.toml", """
            [project]
            name = "Train_Stack"

            [project.optional-dependencies]
            # Pick one backend: `uv sync --extra cu128` (or `--extra=cpu`, `pip install ".[cu128]"`).
            cu128 = ["torch==2.8.0"]
            "torch-cu126" = ["torch==2.8.0"]
            gpu = ["train-stack[cu128,kernels]"]

            [dependency-groups]
            rocm63 = []
            cu129 = ["torch==2.8.0"]

            [tool.uv]
            conflicts = [[{ extra = "cu128" }, { extra = "torch-cu126" }], [{ group = "cu129" }, { package = "x", extra = "cpu" }]]
            default-groups = ["cu129"]

            [tool.uv.sources]
            torch = [
                { index = "pytorch-cu128", extra = "cu128" },
                { index = "pytorch-cu129", group = "cu129" },
            ]
            """, [
                "5 extra-name comment - cu128 cuda name=extra variant=cu128 note=--extra option",
                "5 extra-name comment - cpu cpu name=extra variant=cpu note=--extra option",
                "5 extra-name comment - cu128 cuda name=extra variant=cu128 note=pip install of the project's extras",
                "6 extra-name pin - cu128 cuda name=extra variant=cu128 note=definition",
                "6 requirement pin torch 2.8.0 cuda name=project.optional-dependencies.cu128 op===",
                "7 extra-name pin - torch-cu126 cuda name=extra variant=cu126 note=definition",
                "7 requirement pin torch 2.8.0 cuda name=project.optional-dependencies.torch-cu126 op===",
                "8 extra-name pin - cu128 cuda name=extra variant=cu128 note=the project's own extras",
                "12 extra-name pin - cu129 cuda name=group variant=cu129 note=definition",
                "12 requirement pin torch 2.8.0 cuda name=dependency-groups.cu129 op===",
                "15 extra-name pin - cu128 cuda name=extra variant=cu128 note=uv conflicts",
                "15 extra-name pin - torch-cu126 cuda name=extra variant=cu126 note=uv conflicts",
                "15 extra-name pin - cu129 cuda name=group variant=cu129 note=uv conflicts",
                "15 extra-name pin - cpu cpu name=extra variant=cpu note=uv conflicts",
                "16 extra-name pin - cu129 cuda name=group variant=cu129 note=uv default-groups",
                "20 variant pin - cu128 cuda name=tool.uv.sources.torch variant=cu128",
                "20 extra-name pin - cu128 cuda name=extra variant=cu128 note=uv source of torch",
                "21 variant pin - cu129 cuda name=tool.uv.sources.torch variant=cu129",
                "21 extra-name pin - cu129 cuda name=group variant=cu129 note=uv source of torch",
            ]),
        // CRLF, BOM, tabs.
        ("pyproject.toml", "\u{FEFF}[build-system]\r\nrequires = [\r\n\t\"torch==2.8.0\",\r\n]\r\n", [
                "3 requirement pin torch 2.8.0 all name=build-system.requires op===",
            ]),
    ]

    @Test(arguments: cases)
    func findsSites(_ path: String, _ text: String, _ expected: [String]) {
        let result = scanFixture(PyprojectScanner(), path: path, text)
        #expect(result.sites.map(describe) == expected)
        #expect(result.diagnostics == [])
    }

    /// Poetry's Python constraint: its lower bound is a Python site, like `requires-python`; an upper bound is not.
    @Test(arguments: [
        (#"python = ">=3.9,<3.13""#, ["2 version pin python 3.9 all name=tool.poetry.dependencies.python op=>="]),
        (#"python = ">= 3.10""#, ["2 version pin python 3.10 all name=tool.poetry.dependencies.python op=>="]),
        (#"python = "~3.11""#, ["2 version pin python 3.11 all name=tool.poetry.dependencies.python op=~"]),
        (#"python = "<3.13""#, []),
        (#"python = "*""#, []),
    ])
    func poetryPythonConstraint(_ line: String, _ expected: [String]) {
        let result = scanFixture(PyprojectScanner(), path: "pyproject.toml", "[tool.poetry.dependencies]\n\(line)\n")
        #expect(result.sites.map(describe) == expected)
    }

    @Test func poetryPythonBelowTheNewTorchIsFlagged() throws {
        let fixture = try PlanFixture([
            "pyproject.toml": """
                [tool.poetry.dependencies]
                python = ">=3.9,<3.13"
                torch = "2.8.0"
                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["pyproject.toml"]?.contains("python = \">=3.10,<3.13\"") == true)
        #expect(plan.edits.contains { $0.line == 2 && $0.reason.contains("ships no wheels for Python 3.9") })
    }

    /// Python classifiers are supported-Python sites: a torch that drops one flags it (they are never "used" Pythons).
    @Test func pythonClassifiers() throws {
        let text = """
            [project]
            name = "demo"
            version = "1"
            classifiers = [
                "Programming Language :: Python :: 3",
                "Programming Language :: Python :: 3.9",
                "Programming Language :: Python :: 3.12",
                "Operating System :: POSIX :: Linux",
            ]
            dependencies = ["torch==2.8.0"]

            """
        let result = scanFixture(PyprojectScanner(), path: "pyproject.toml", text)
        #expect(result.sites.filter { $0.subject == "python" }.map(\.value) == ["3.9", "3.12"])
        let plan = try PlanFixture(["pyproject.toml": text]).plan(UpgradeTarget(torch: "2.9.0"))
        #expect(plan.notes.contains { $0.location?.short == "pyproject.toml:6" && $0.message.contains("Python 3.9") })
    }

    @Test func brokenTOMLIsReportedAndTheRestIsScanned() {
        let result = scanFixture(PyprojectScanner(), path: "pyproject.toml", """
            [build-system]
            requires = [
                "torch==2.8.0",
                "torch=2.8.0",

            [tool.uv]
            index-strategy = "unsafe-best-match"
            """)
        #expect(result.sites.map(describe) == [
            "3 requirement pin torch 2.8.0 all name=build-system.requires op===",
            "7 index-strategy pin - unsafe-best-match all name=index-strategy",
        ])
        #expect(result.diagnostics.count == 2)
        #expect(result.diagnostics.contains("pyproject.toml:2:1: warning: TOML syntax: unterminated array"))
        #expect(result.diagnostics.contains { $0.hasPrefix("pyproject.toml:4:") && $0.contains("cannot parse requirement") })
    }

    @Test func escapedStringsKeepExactSpans() {
        let result = scanFixture(PyprojectScanner(), path: "pyproject.toml",
                                 "[project]\ndependencies = [\"torch==2.8.0; sys_platform == \\\"linux\\\"\"]\n")
        #expect(result.sites.map(describe) == ["2 requirement pin torch 2.8.0 all name=project.dependencies op==="])
    }
}
