import Testing
@testable import TorchBumpKit

@Suite struct MakefileScannerTests {
    let scanner = MakefileScanner()

    /// Scans `text` as a Makefile after checking that the repository scanner's prefilter lets it through.
    func scan(_ text: String, path: String = "Makefile", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScanResult {
        let file = SourceFile(path: path, text: text)
        let needles = scanner.prefilter(context: ScanContext()) ?? []
        let result = SiteExpect.scan(scanner, path, text, sourceLocation: sourceLocation)
        if !result.sites.isEmpty {
            #expect(ByteSearch.containsAny(file.bytes, needles), "the prefilter would skip this file",
                    sourceLocation: sourceLocation)
        }
        return result
    }

    @Test(arguments: [
        ("Makefile", true), ("makefile", true), ("GNUmakefile", true), ("src/kernels/Makefile", true),
        ("docker/cuda.mk", true), ("build/Rules.MK", true), ("Makefile.in", false), ("Makefile.am", false),
        ("tools/makefile.py", false), (".mk", false), ("docs/Makefile.md", false),
    ])
    func acceptsMakefiles(_ path: String, _ expected: Bool) {
        #expect(scanner.accepts(path: path) == expected)
    }

    /// Every operator and modifier make has, with blanks, tabs and a trailing comment: the site is the value alone.
    @Test(arguments: [
        "TORCH_VERSION = 2.8.0", "TORCH_VERSION := 2.8.0", "TORCH_VERSION ::= 2.8.0", "TORCH_VERSION :::= 2.8.0",
        "TORCH_VERSION ?= 2.8.0", "TORCH_VERSION += 2.8.0", "TORCH_VERSION=2.8.0", "TORCH_VERSION?=2.8.0",
        "TORCH_VERSION:=2.8.0", "export TORCH_VERSION ?= 2.8.0", "override TORCH_VERSION := 2.8.0",
        "override export TORCH_VERSION = 2.8.0", "private TORCH_VERSION := 2.8.0", "export TORCH_VERSION=2.8.0",
        "TORCH_VERSION ?= 2.8.0   # the cluster image's torch", "TORCH_VERSION ?= 2.8.0\t\t", "TORCH_VERSION ?=\t2.8.0  ",
        "TORCH_VERSION ?= 2.8.0# no blank before the comment", "  TORCH_VERSION := 2.8.0", "\tTORCH_VERSION := 2.8.0",
        "test: TORCH_VERSION := 2.8.0", "test lint: export TORCH_VERSION = 2.8.0", "%.o:: override TORCH_VERSION ?= 2.8.0",
    ])
    func assignmentFlavours(_ line: String) throws {
        let result = scan("# defaults\n\(line)\nall:\n\t@echo $(TORCH_VERSION)\n")
        #expect(SiteExpect.describe(result.sites) == ["version pin torch 2.8.0 all TORCH_VERSION"])
        let site = try #require(result.sites.first)
        let column = try #require(line.range(of: "2.8.0")).lowerBound.utf16Offset(in: line) + 1
        #expect(site.line == 2 && site.column == column)
    }

    /// Make assignments mean what the same `NAME=value` means in a shell script (and in a Dockerfile ARG).
    @Test(arguments: [
        ("CUDA_VERSION ?= 12.8.1", "CUDA_VERSION=12.8.1", "version pin cuda 12.8.1 cuda CUDA_VERSION"),
        ("CUDA_TAG := cu128", "CUDA_TAG=cu128", "variant pin - cu128 cuda CUDA_TAG"),
        ("ROCM_VERSION ?= 6.4", "ROCM_VERSION=6.4", "version pin rocm 6.4 rocm ROCM_VERSION"),
        ("TORCH_CUDA_ARCH_LIST ?= 8.0 9.0 10.0+PTX", "TORCH_CUDA_ARCH_LIST='8.0 9.0 10.0+PTX'",
         "arch-list pin cuda 8.0 9.0 10.0+PTX cuda TORCH_CUDA_ARCH_LIST"),
        ("export TORCH_CUDA_ARCH_LIST = \"8.0 9.0\"", "export TORCH_CUDA_ARCH_LIST=\"8.0 9.0\"",
         "arch-list pin cuda 8.0 9.0 cuda TORCH_CUDA_ARCH_LIST"),
        ("PYTORCH_INDEX_URL ?= https://download.pytorch.org/whl/cu128", "PYTORCH_INDEX_URL=https://download.pytorch.org/whl/cu128",
         "index-url pin - https://download.pytorch.org/whl/cu128 cuda PYTORCH_INDEX_URL"),
        ("UV_INDEX_STRATEGY := unsafe-best-match", "UV_INDEX_STRATEGY=unsafe-best-match",
         "index-strategy pin - unsafe-best-match all UV_INDEX_STRATEGY"),
        ("UV_TORCH_BACKEND ?= cu128", "UV_TORCH_BACKEND=cu128", "variant pin - cu128 cuda UV_TORCH_BACKEND"),
        ("TORCHVISION_VERSION ?= 0.23.0", "TORCHVISION_VERSION=0.23.0", "version pin torchvision 0.23.0 all TORCHVISION_VERSION"),
        ("XFORMERS_VERSION := 0.0.32.post1", "XFORMERS_VERSION=0.0.32.post1",
         "version pin xformers 0.0.32.post1 all XFORMERS_VERSION"),
        ("FLASHINFER_GIT_REF ?= 'v0.3.1'", "FLASHINFER_GIT_REF='v0.3.1'", "git-ref pin flashinfer-python 0.3.1 all FLASHINFER_GIT_REF"),
        ("PYTHON_VERSION ?= 3.12", "PYTHON_VERSION=3.12", "version pin python 3.12 all PYTHON_VERSION"),
        ("IMAGE_TAG := trainer-cu128", "IMAGE_TAG=trainer-cu128", "variant pin - cu128 cuda IMAGE_TAG"),
    ])
    func classifiedLikeShellVariables(_ make: String, _ shell: String, _ expected: String) {
        let fromMake = SiteExpect.describe(scan(make + "\n").sites)
        let fromShell = SiteExpect.describe(SiteExpect.scan(ShellScanner(), "build.sh", shell + "\n").sites)
        #expect(fromMake == [expected])
        #expect(fromMake == fromShell)
    }

    /// Recipe lines (make's `@`, `-`, `+` prefixes dropped, inline `;` recipes, tools held in make variables) give
    /// what the same command gives in a script.
    @Test(arguments: [
        ("\t@pip install torch==2.8.0 torchvision==0.23.0", "pip install torch==2.8.0 torchvision==0.23.0", 2),
        ("\t-uv pip install --system torch==2.8.0 --torch-backend cu128",
         "uv pip install --system torch==2.8.0 --torch-backend cu128", 2),
        ("\t+@ python -m pip install \"torch==2.8.0+cu128\" --extra-index-url https://download.pytorch.org/whl/cu128",
         "python -m pip install \"torch==2.8.0+cu128\" --extra-index-url https://download.pytorch.org/whl/cu128", 2),
        ("\t$(PIP) install torch==2.8.0", "${PIP} install torch==2.8.0", 1),
        ("\t$(PYTHON) -m pip install torchvision==0.23.0", "${PYTHON} -m pip install torchvision==0.23.0", 1),
        ("\t$(UV) pip install --system torch==2.8.0", "${UV} pip install --system torch==2.8.0", 1),
        ("\tuv pip install --index-strategy unsafe-best-match -r requirements/cuda.txt",
         "uv pip install --index-strategy unsafe-best-match -r requirements/cuda.txt", 1),
        ("\tdocker build --build-arg CUDA_VERSION=12.8.1 -t trainer:cu128 .",
         "docker build --build-arg CUDA_VERSION=12.8.1 -t trainer:cu128 .", 2),
        ("\tTORCH_CUDA_ARCH_LIST=\"8.0 9.0\" python setup.py build_ext", "TORCH_CUDA_ARCH_LIST=\"8.0 9.0\" python setup.py build_ext", 1),
        ("\tuv sync --extra cu128 --extra dev", "uv sync --extra cu128 --extra dev", 0),
        ("\tuv run --extra cu128 pytest", "uv run --extra cu128 pytest", 0),
        ("\tpip install git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2 # rebuilt per torch",
         "pip install git+https://github.com/Dao-AILab/causal-conv1d@v1.5.2 # rebuilt per torch", 1),
    ] as [(String, String, Int)])
    func recipesReadAsShell(_ recipe: String, _ shell: String, _ count: Int) {
        let make = scan("install:\n\(recipe)\n")
        let script = SiteExpect.scan(ShellScanner(), "install.sh", "\n" + shell + "\n")
        #expect(make.sites.count == count)
        #expect(SiteExpect.describe(make.sites) == SiteExpect.describe(script.sites))
        #expect(make.sites.map(\.line) == script.sites.map(\.line))
        let inline = scan("install: deps ; " + recipe.drop { $0 == "\t" } + "\n")
        #expect(SiteExpect.describe(inline.sites) == SiteExpect.describe(script.sites))
    }

    /// `$(MAKE) … NAME=value` overrides a variable of the sub-make: the value is a site like an assignment.
    @Test func subMakeOverrides() {
        let result = scan("kernels:\n\t$(MAKE) -C csrc TORCH_CUDA_ARCH_LIST=\"8.0 9.0\" TORCH_VERSION=$(TORCH_VERSION) CUDA_TAG=cu128\n")
        #expect(SiteExpect.describe(result.sites) == [
            "arch-list pin cuda 8.0 9.0 cuda TORCH_CUDA_ARCH_LIST",
            "variant pin - cu128 cuda CUDA_TAG",
        ])
    }

    @Test func recipeInstallsAndExtras() {
        let result = scan("""
        install-pip:
        \tpip install torch==2.8.0 torchvision==0.23.0 --index-url https://download.pytorch.org/whl/cu128
        \tuv sync --extra cu128 --extra kernels
        \tuv run --extra=cu128 pytest -m "not kernels"

        """)
        #expect(SiteExpect.describe(result.sites) == [
            "requirement pin torch 2.8.0 cuda -",
            "requirement pin torchvision 0.23.0 cuda -",
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda --index-url",
        ])
    }

    @Test func continuations() {
        let text = """
        PIP_EXTRA_INDEX_URL := https://download.pytorch.org/whl/cu128 \\
            https://flashinfer.ai/whl/cu128/torch2.8
        TORCH_CUDA_ARCH_LIST := 8.0 9.0 \\
                                10.0
        install:
        \tpip install \\
        \t  torch==2.8.0 \\
        \t  --index-url https://download.pytorch.org/whl/cu128 && \\
        \tpip install "xformers==0.0.32.post1"
        CUDA_VERSION ?= 12.8   # continued comment \\
        CUDA_VERSION ?= 12.6

        """
        let result = scan(text)
        #expect(SiteExpect.describe(result.sites) == [
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda PIP_EXTRA_INDEX_URL",
            "index-url pin flashinfer-python https://flashinfer.ai/whl/cu128/torch2.8 cuda PIP_EXTRA_INDEX_URL",
            "requirement pin torch 2.8.0 cuda -",
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda --index-url",
            "requirement pin xformers 0.0.32.post1 cuda -",
            "version pin cuda 12.8 cuda CUDA_VERSION",
        ])
        #expect(result.sites.map(\.line) == [1, 2, 7, 8, 9, 10])
        // A value split over lines has no single span to rewrite: it is not a site (the comment's 12.6 line is
        // commented out by the continuation).
        #expect(!result.sites.contains { $0.kind == .archList })
    }

    @Test func crlfLineEndings() {
        let text = "TORCH_VERSION ?= 2.8.0  # keep in sync with pyproject\r\nCUDA_TAG := cu128\r\n\r\n"
            + "install:\r\n\tpip install torch==$(TORCH_VERSION) \\\r\n\t  --index-url https://download.pytorch.org/whl/cu128\r\n"
            + "\tuv pip install --system torchvision==0.23.0\r\n"
        let result = scan(text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin torch 2.8.0 cuda TORCH_VERSION",
            "variant pin - cu128 cuda CUDA_TAG",
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda --index-url",
            "requirement pin torchvision 0.23.0 cuda -",
        ])
        #expect(result.sites.allSatisfy { !$0.value.contains("\r") && !$0.value.hasSuffix(" ") })
        #expect(result.sites.map(\.line) == [1, 2, 6, 7])
    }

    /// `$(VAR)`, `${VAR}`, `$(subst …)` and `$(shell …)` are computed by make: what they feed follows the variable and
    /// is never a literal to edit; `$$` passes a shell expansion through.
    @Test func makeReferencesAreComputed() {
        let text = """
        CUDA_VERSION ?= 12.8
        CUDA_TAG := cu$(subst .,,$(CUDA_VERSION))
        PYTORCH_INDEX ?= https://download.pytorch.org/whl/$(CUDA_TAG)
        TORCH_VERSION := $(shell python -c 'import torch; print(torch.__version__)')
        TORCHVISION_VERSION := ${TORCH_VISION}
        ROCM_INDEX = https://download.pytorch.org/whl/rocm$(ROCM_VERSION:.0=)
        TORCH_BACKEND != echo cu128
        install:
        \tpip install torch==$(TORCH_VERSION) --index-url $(PYTORCH_INDEX)
        \tpip install torchvision --extra-index-url https://download.pytorch.org/whl/cu$(subst .,,$(CUDA_VERSION))
        \tpip install torchaudio --extra-index-url https://download.pytorch.org/whl/cu$${CUDA_VERSION//./}
        \tdocker build --build-arg CUDA_VERSION=$${CUDA_VERSION:-12.8.1} .

        """
        let result = scan(text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.8 cuda CUDA_VERSION",
            "index-url derived - https://download.pytorch.org/whl/$(CUDA_TAG) cuda CUDA_TAG",
            "index-url derived - https://download.pytorch.org/whl/rocm$(ROCM_VERSION:.0=) rocm ROCM_VERSION",
            "variant pin - cu128 cuda -",
            "index-url derived - $(PYTORCH_INDEX) cuda PYTORCH_INDEX",
            "index-url derived - https://download.pytorch.org/whl/cu$(subst .,,$(CUDA_VERSION)) cuda CUDA_VERSION",
            "index-url derived - https://download.pytorch.org/whl/cu$${CUDA_VERSION//./} cuda CUDA_VERSION",
            "version pin cuda 12.8.1 cuda CUDA_VERSION",
        ])
    }

    /// Tab-led lines belong to the rule above until an assignment, `define` or `include` ends it; conditionals do
    /// not end it, and a tab-led line before any rule is a make line.
    @Test func ruleContext() {
        let text = """
        \tCUDA_VERSION := 12.8
        build:
        ifeq ($(USE_ROCM),1)
        \tpip install torch==2.8.0 --index-url https://download.pytorch.org/whl/rocm6.4
        else
        # cu128 is the default
        \tpip install torch==2.8.0
        endif
        TORCHVISION_VERSION := 0.23.0
        \tTORCHAUDIO_VERSION := 2.8.0
        .RECIPEPREFIX = >
        lint:
        > pip install torch==2.8.0

        """
        let result = scan(text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.8 cuda CUDA_VERSION",
            "requirement pin torch 2.8.0 rocm -",
            "index-url pin - https://download.pytorch.org/whl/rocm6.4 rocm --index-url",
            "variant comment - cu128 cuda -",
            "requirement pin torch 2.8.0 all -",
            "version pin torchvision 0.23.0 all TORCHVISION_VERSION",
            "version pin torchaudio 2.8.0 all TORCHAUDIO_VERSION",
            "requirement pin torch 2.8.0 all -",
        ])
        #expect(result.sites.map(\.line) == [1, 4, 4, 6, 7, 9, 10, 13])
    }

    /// A `define` body is recipe text (a canned recipe), line by line; `endef` ends it and nested defines count.
    @Test func defineBlocks() {
        let text = """
        define install-torch
        \t@pip install torch==2.8.0 --index-url https://download.pytorch.org/whl/cu128
        \techo "endef"
        endef
        override define HELP
        define INNER
        endef
        CUDA_VERSION := 12.8  (text in a nested define)
        endef
        TORCH_VERSION ?= 2.8.0
        install:
        \t$(install-torch)

        """
        let result = scan(text)
        #expect(SiteExpect.describe(result.sites) == [
            "requirement pin torch 2.8.0 cuda -",
            "index-url pin - https://download.pytorch.org/whl/cu128 cuda --index-url",
            "version pin torch 2.8.0 cuda TORCH_VERSION",
        ])
        #expect(result.sites.map(\.line) == [2, 2, 10])
    }

    @Test func commentsAndHolds() {
        let text = """
        # Requires CUDA 12.8 and PyTorch 2.8.0; see pyproject.toml
        # hold: flash-attn 2.8.3 has no wheels for torch 2.9 yet
        TORCH_VERSION ?= 2.8.0
        CUDA_VERSION ?= 12.8  # do not bump: the cluster driver is R550
        TAG := cu128\\#1
        test:
        \t# the shell's comment: CUDA 12.6 builds run nightly
        \tpytest

        """
        let result = scan(text)
        #expect(SiteExpect.describe(result.sites) == [
            "version comment cuda 12.8 cuda -",
            "version comment torch 2.8.0 cuda -",
            "version comment torch 2.9 cuda -",
            "version pin torch 2.8.0 cuda TORCH_VERSION",
            "version pin cuda 12.8 cuda CUDA_VERSION",
            "variant pin - cu128 cuda TAG",
            "version comment cuda 12.6 cuda -",
        ])
        #expect(result.sites.first { $0.name == "TORCH_VERSION" }?.heldReason?.contains("hold: flash-attn") == true)
        #expect(result.sites.first { $0.name == "CUDA_VERSION" }?.heldReason?.hasPrefix("do not bump") == true)
    }

    @Test func platformFromPathAndContents() {
        #expect(scan("TAG := cu128\n", path: "docker/rocm.mk").sites.first?.platform == .rocm)
        #expect(scan("TORCH_VERSION ?= 2.8.0\nTAG := cu128\n").sites.map(\.platform) == [.cuda, .cuda])
        #expect(scan("TORCH_VERSION ?= 2.8.0\nTAG := cu128\nROCM_TAG := rocm6.4\n").sites.first?.platform == .all)
    }

    /// A tracked package's pin or `<NAME>_VERSION` variable must get past the prefilter: guards the needle list
    /// against packages added to the tracked list later.
    @Test func prefilterKnowsEveryTrackedPackage() {
        let needles = scanner.prefilter(context: ScanContext()) ?? []
        for name in TrackedPackages.names {
            for spelling in [name, name.uppercased().replacingOccurrences(of: "-", with: "_")] {
                #expect(needles.contains { spelling.contains($0) }, "\(spelling) passes no prefilter needle")
            }
        }
    }

    @Test func prefilterSkipsPlainBuildFragments() {
        let needles = scanner.prefilter(context: ScanContext()) ?? []
        let cFragment = "CFLAGS += -O2 -Wall\nOBJS := main.o util.o\nall: $(OBJS)\n\t$(CC) -o app $(OBJS)\n"
        #expect(!ByteSearch.containsAny(Array(cFragment.utf8), needles))
        #expect(scan(cFragment).sites.isEmpty)
        var config = TorchBumpConfig()
        config.constants = ["TRAIN_CU"]
        let configured = scanner.prefilter(context: ScanContext(config: config)) ?? []
        #expect(configured.contains("TRAIN_CU"))
    }
}
