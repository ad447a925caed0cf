import Testing
@testable import TorchBumpKit

@Suite struct DocsScannerTests {
    let scanner = DocsScanner()

    @Test(arguments: [
        ("README.md", true), ("docs/getting_started/installation/gpu.md", true), ("docs/index.rst", true),
        ("docs/page.mdx", true), ("CHANGELOG.md", false), ("docs/release-notes/v0.6.md", false),
        ("HISTORY.rst", false), ("Examples/x/EXPECTED.md", false), ("docs/releases.md", false), ("setup.py", false),
    ])
    func acceptsDocs(_ path: String, _ expected: Bool) {
        #expect(scanner.accepts(path: path) == expected)
    }

    /// Lists after a toolkit word name the same toolkit; numbers that cannot be one (a Python, a count) do not.
    @Test(arguments: [
        ("Needs CUDA toolkit 12.6 or 12.8.", ["12.6", "12.8"]),
        ("Tested on CUDA 12.6, 12.8 and 13.0 runners.", ["12.6", "12.8", "13.0"]),
        ("ROCm 6.3/6.4 images.", ["6.3", "6.4"]),
        ("CUDA 12.8, 3.10 Python.", ["12.8"]),
        ("CUDA 12.8 and 2 GPUs.", ["12.8"]),
    ])
    func toolkitLists(text: String, values: [String]) {
        let sites = SiteExpect.scan(scanner, "docs/install.md", text + "\n").sites
        #expect(sites.map(\.value) == values)
    }

    /// A support table's torch cells belong to their row's platform (label or platform words in the row).
    @Test func tableRowsCarryTheirPlatform() {
        let text = """
            | platform | torch |
            |---|---|
            | NVIDIA, CUDA 12.6 | 2.8.0 |
            | AMD, ROCm 6.3 | 2.8.0 |
            | Intel XPU | 2.8.0+xpu |
            | CPU | 2.8.0+cpu |
            | any | 2.8.0 |

            """
        let sites = SiteExpect.scan(scanner, "README.md", text).sites.filter { $0.subject == "torch" }
        #expect(sites.map(\.platform) == [.cuda, .rocm, .xpu, .cpu, .all])
    }

    @Test func markdownInstallGuide() {
        let text = """
        # Installation

        Prebuilt wheels are compiled with CUDA 12.8 and PyTorch 2.8.0; wheels for cu126 are also published.

        ```console
        $ pip install torch==2.8.0 --index-url https://download.pytorch.org/whl/cu128
        $ uv pip install xformers==0.0.32.post1  # matches torch 2.8
        ```

        - Release candidates: `pip install torch --index-url https://download.pytorch.org/whl/test/cu128`

        ```text
        --extra-index-url https://download.pytorch.org/whl/cpu
        torch==2.8.0+cpu
        ```

        ```dockerfile
        RUN pip install "torch==2.8.0"
        ```

        <!-- CUDA 11.8 is no longer supported -->
        See https://download.pytorch.org/whl/rocm6.3.
        """
        let result = SiteExpect.scan(scanner, "docs/getting_started/installation/gpu.md", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version doc cuda 12.8 cuda -",
            "version doc torch 2.8.0 cuda -",
            "variant doc - cu126 cuda -",
            "requirement doc torch 2.8.0 cuda -",
            "index-url doc - https://download.pytorch.org/whl/cu128 cuda --index-url",
            "requirement doc xformers 0.0.32.post1 cuda -",
            "version doc torch 2.8 cuda -",
            "index-url doc - https://download.pytorch.org/whl/test/cu128 cuda --index-url",
            "index-url doc - https://download.pytorch.org/whl/cpu cpu --extra-index-url",
            "requirement doc torch 2.8.0+cpu cpu -",
            "requirement doc torch 2.8.0 cuda -",
            "version doc cuda 11.8 cuda -",
            "index-url doc - https://download.pytorch.org/whl/rocm6.3 rocm link",
        ])
        #expect(result.sites.first { $0.channel == .test }?.variant == Variant(tag: "cu128"))
    }

    @Test func restructuredText() {
        let text = """
        Install
        =======

        Requires ``torch==2.6.0`` and CUDA 12.4::

            pip install torch==2.6.0

        .. code-block:: bash
           :caption: nightly

           pip install --pre torch --index-url https://download.pytorch.org/whl/nightly/cu126

        .. note:: PyTorch 2.5 is not supported.
        """
        let result = SiteExpect.scan(scanner, "docs/install.rst", text)
        #expect(SiteExpect.describe(result.sites) == [
            "requirement doc torch 2.6.0 all -",
            "version doc cuda 12.4 cuda -",
            "requirement doc torch 2.6.0 all -",
            "index-url doc - https://download.pytorch.org/whl/nightly/cu126 nightly --index-url",
            "version doc torch 2.5 all -",
        ])
    }
}
