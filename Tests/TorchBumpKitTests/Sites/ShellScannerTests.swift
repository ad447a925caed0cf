import Testing
@testable import TorchBumpKit

@Suite struct ShellScannerTests {
    let scanner = ShellScanner()

    @Test func uploadWheelScript() {
        let text = """
        #!/usr/bin/env bash
        set -ex
        # cu128 is the default variant: its wheels also get an index page
        wheel="$1"
        if [[ $wheel == *"cu128"* ]]; then
          aws s3 cp "$wheel" "s3://bucket/nightly/"
        elif [[ $wheel == *"cu126"* ]]; then
          echo "skip"
        fi
        case "$CUDA_VERSION" in
          12.*|11.8*) TAG=cu128 ;;
          13.*) TAG=cu130 ;;
        esac
        export CUDA_VERSION=12.8   # hold: gdrcopy has no build for 12.9
        pip install "torch==${TORCH_VER}+cu${CUDA_VER//./}" --extra-index-url "https://download.pytorch.org/whl/cu${CUDA_VER//./}"
        sed -i 's#/whl/cu#/whl/nightly/cu#' requirements/*.txt
        """
        let result = SiteExpect.scan(scanner, "tools/upload-wheels.sh", text)
        #expect(SiteExpect.describe(result.sites) == [
            "variant comment - cu128 cuda -",
            "variant pin - cu128 cuda -",
            "variant pin - cu126 cuda -",
            "version pin cuda 12 cuda -",
            "version pin cuda 11.8 cuda -",
            "variant pin - cu128 cuda TAG",
            "version pin cuda 13 cuda -",
            "variant pin - cu130 cuda TAG",
            "version pin cuda 12.8 cuda CUDA_VERSION",
            "index-url derived - https://download.pytorch.org/whl/cu${CUDA_VER//./} cuda CUDA_VER",
        ])
        #expect(result.sites.first { $0.name == "CUDA_VERSION" }?.heldReason == "hold: gdrcopy has no build for 12.9")
        #expect(result.diagnostics.contains { $0.message.contains("sed rewrites index URLs") && $0.location?.line == 16 })
    }

    @Test func platformFromContents() {
        #expect(SiteExpect.scan(scanner, "ci/rocm/test.sh", "TAG=cu128").sites.first?.platform == .rocm)
        #expect(SiteExpect.scan(scanner, "build.sh", "pip install torch==2.6.0 --index-url https://download.pytorch.org/whl/cpu")
            .sites.map(\.platform) == [.cpu, .cpu])
        #expect(SiteExpect.scan(scanner, "build.sh", "TAG=cu128\nOTHER=cpu").sites.first?.platform == .cuda)
    }

    @Test func installerFlagsAndCRLF() {
        let text = "uv pip install \\\r\n  --system torch==2.6.0 \\\r\n  --index-strategy unsafe-best-match\r\n./tools/install_kernels.sh --cuda-version 12.8 --ref 0a1b2c3d\r\n"
        let result = SiteExpect.scan(scanner, "install.sh", text)
        #expect(SiteExpect.describe(result.sites) == [
            "requirement pin torch 2.6.0 all -",
            "index-strategy pin - unsafe-best-match all --index-strategy",
        ])
    }

    /// A project's own build script told which ref to build: the ref is the extension's, not the script default's.
    @Test func refsPassedToExtensionBuildScripts() {
        let text = """
        /tmp/install_deepgemm.sh --cuda-version "${CUDA_VERSION}" --ref 0a1b2c3d
        bash tools/build_flashinfer.sh --tag=v0.3.1
        ./tools/install-xformers.sh --branch v0.0.32.post1 --jobs 4
        ./tools/install_kernels.sh --ref 0a1b2c3d
        """
        let result = SiteExpect.scan(scanner, "tools/build_image.sh", text)
        #expect(SiteExpect.describe(result.sites) == [
            "git-ref pin deep-gemm 0a1b2c3d all --ref",
            "git-ref pin flashinfer-python 0.3.1 all --tag",
            "git-ref pin xformers 0.0.32.post1 all --branch",
        ])
    }

    /// `--extra cu128` names one of the project's extras: it changes only with the extra's definition, so it is not a
    /// variant tag of its own (a CUDA move used to rename it here and nowhere else).
    @Test func extraNamesAreNotVariants() {
        let text = "uv run --extra cu128 pytest\nuv run --extra=cu126 pytest\npoetry install --extras cu128\nuv sync --extra cu128\nbuild --tag cu128\n"
        let result = SiteExpect.scan(scanner, "dev.sh", text)
        #expect(SiteExpect.describe(result.sites) == ["variant pin - cu128 cuda -"])
        #expect(result.sites.map(\.line) == [5])
    }

    @Test func makeVariableOverrides() {
        let text = "make -C kernels TORCH_CUDA_ARCH_LIST=\"8.0 9.0\" CUDA_VERSION=12.8 all\necho CUDA_VERSION=12.6\n"
        let result = SiteExpect.scan(scanner, "build.sh", text)
        #expect(SiteExpect.describe(result.sites) == [
            "arch-list pin cuda 8.0 9.0 cuda TORCH_CUDA_ARCH_LIST",
            "version pin cuda 12.8 cuda CUDA_VERSION",
        ])
    }

    /// `python -c "…assert torch.__version__…"` checks the installed torch: its version is the project's.
    @Test func torchVersionAssertionInPythonDashC() {
        let text = """
        python -c "import torch; assert torch.__version__.startswith('2.8.0'), torch.__version__"
        python3 -c 'import torch; print(torch.__version__ == "2.8.0")'
        """
        let result = SiteExpect.scan(scanner, "ci/verify.sh", text)
        #expect(SiteExpect.describe(result.sites) == ["version pin torch 2.8.0 all torch.__version__"])
    }

    /// A version variable whose only use is a CPU install belongs to the CPU platform (a patch release leaves it).
    @Test(arguments: [("", Platform.cpu), ("echo \"torch ${TORCH_VERSION}\"\n", .all)])
    func variablePlatformFromItsUses(extra: String, expected: Platform) {
        let text = """
        TORCH_VERSION="${TORCH_VERSION:-2.8.0}"
        pip install "torch==${TORCH_VERSION}+cpu" --extra-index-url https://download.pytorch.org/whl/cpu

        """ + extra
        let sites = SiteExpect.scan(scanner, "ci/run.sh", text).sites
        #expect(sites.first { $0.name == "TORCH_VERSION" }?.platform == expected)
    }

    /// `for CUDA in 13.0.2 12.6.3; do`: the toolkits a release loop builds are CUDA sites.
    @Test func toolkitLoops() {
        let text = "for CUDA in 13.0.2 12.6.3; do\n  build \"$CUDA\"\ndone\nfor PY in 3.11 3.12; do echo; done\n"
        let sites = SiteExpect.scan(scanner, "scripts/release.sh", text).sites
        #expect(sites.map(\.value) == ["13.0.2", "12.6.3"])
        #expect(sites.allSatisfy { $0.subject == "cuda" && $0.name == "CUDA" })
    }

    /// A literal version with a computed label (`torch==2.13.0+$variant`) is a requirement site; a computed version
    /// with a literal label (`torch==${V}+rocm7.1`) gives the label.
    @Test func partlyComputedRequirements() {
        let text = "pip install \"torch==2.13.0+$variant\" \"torch==${TORCH_VERSION}+rocm7.1\"\n"
        let sites = SiteExpect.scan(scanner, "scripts/smoke.sh", text).sites
        #expect(sites.contains { $0.kind == .requirement && $0.subject == "torch" && $0.value == "2.13.0" })
        #expect(sites.contains { $0.kind == .variant && $0.value == "rocm7.1" })
    }

    /// A variable named for the default CUDA (`DEFAULT_CUDA=13.0`) holds the main toolkit.
    @Test func defaultCUDAVariable() {
        let sites = SiteExpect.scan(scanner, "ci/env.sh", "export DEFAULT_CUDA=13.0\nCUDA_VISIBLE_DEVICES=0,1\n").sites
        #expect(SiteExpect.describe(sites) == ["version pin cuda 13.0 cuda DEFAULT_CUDA"])
    }

    @Test func defaultsInsideExpansions() {
        let text = "export TORCH_CUDA_ARCH_LIST=\"${TORCH_CUDA_ARCH_LIST:-8.0 9.0+PTX}\"\nCUDA_VERSION=${CUDA_VERSION:-12.8.1}\nROCM_TAG=rocm6.3\n"
        let result = SiteExpect.scan(scanner, "build.sh", text)
        #expect(SiteExpect.describe(result.sites) == [
            "arch-list pin cuda 8.0 9.0+PTX cuda TORCH_CUDA_ARCH_LIST",
            "version pin cuda 12.8.1 cuda CUDA_VERSION",
            "variant pin - rocm6.3 rocm ROCM_TAG",
        ])
    }
}
