import Testing
@testable import TorchBumpKit

struct ExtraNameScannerTests {
    static let cases: [(String, String, [String])] = [
        ("README.md", """
            | backend | extra | PyTorch index |
            |---|---|---|
            | CUDA 12.8 (default) | `cu128` | https://download.pytorch.org/whl/cu128 |
            | ROCm | `rocm` | https://download.pytorch.org/whl/rocm6.4 |
            | CPU | cpu | https://download.pytorch.org/whl/cpu |

            | CUDA | index |
            |---|---|
            | 12.8 | cu128 |

            ```sh
            uv sync --extra cu128 --extra kernels   # default
            uv run --group=cu126 pytest
            pip install -e ".[cu128,dev]" --extra-index-url https://download.pytorch.org/whl/cu128
            poetry install --extras "cpu kernels"
            ```

            The `cu126` extra is the secondary build; see extra `cu128`, the `cpu` image and group `cu129`.
            """, [
                "3 extra-name doc - cu128 cuda name=extra variant=cu128 note=extra column of a table",
                "5 extra-name doc - cpu cpu name=extra variant=cpu note=extra column of a table",
                "12 extra-name doc - cu128 cuda name=extra variant=cu128 note=--extra option",
                "13 extra-name doc - cu126 cuda name=group variant=cu126 note=--group option",
                "14 extra-name doc - cu128 cuda name=extra variant=cu128 note=pip install of the project's extras",
                "15 extra-name doc - cpu cpu name=extra variant=cpu note=--extras option",
                "18 extra-name doc - cu126 cuda name=extra variant=cu126 note=named in prose",
                "18 extra-name doc - cu128 cuda name=extra variant=cu128 note=named in prose",
                "18 extra-name doc - cu129 cuda name=group variant=cu129 note=named in prose",
            ]),
        ("Makefile", """
            CUDA_TAG ?= cu128
            # `make install` runs uv sync --extra cu128
            install:
            \tuv sync --extra cu128 --extra dev
            test:
            \tuv run --extra "$(EXTRA)" pytest
            """, [
                "2 extra-name comment - cu128 cuda name=extra variant=cu128 note=--extra option",
                "4 extra-name pin - cu128 cuda name=extra variant=cu128 note=--extra option",
            ]),
        (".github/workflows/gpu.yml", """
            jobs:
              unit:
                strategy:
                  matrix:
                    backend: [cu126, "cu128"]
                    cuda: ["12.6", "12.8"]
                    include:
                      - cuda: "12.8"
                        extra: cu128  # default
                steps:
                  - run: uv sync --extra ${{ matrix.backend }}
                  - run: uv run --extra ${{ matrix.extra }} pytest
            """, [
                "5 extra-name pin - cu126 cuda name=extra variant=cu126 note=CI matrix value passed to --extra",
                "5 extra-name pin - cu128 cuda name=extra variant=cu128 note=CI matrix value passed to --extra",
                "9 extra-name pin - cu128 cuda name=extra variant=cu128 note=CI matrix value passed to --extra",
            ]),
        ("pkg/_versions.py", """
            # The CUDA build that release images and the default `cu128` extra use.
            DEFAULT_CUDA = "12.8"
            EXTRAS = ["cu128"]  # see `uv sync --extra cu126`
            print("uv sync --group cu129")  # code outside comments is not read
            """, [
                "1 extra-name comment - cu128 cuda name=extra variant=cu128 note=named in prose",
                "3 extra-name comment - cu126 cuda name=extra variant=cu126 note=--extra option",
            ]),
        ("docker/Dockerfile", """
            RUN uv sync --frozen --extra cu128 --no-dev
            RUN pip install --extra-index-url https://download.pytorch.org/whl/cu128 torch
            """, [
                "1 extra-name pin - cu128 cuda name=extra variant=cu128 note=--extra option",
            ]),
    ]

    @Test(arguments: cases)
    func findsReferences(_ path: String, _ text: String, _ expected: [String]) {
        let result = scanFixture(ExtraNameScanner(), path: path, text)
        #expect(result.sites.map(describe) == expected)
    }

    @Test(arguments: [
        ("Makefile", FileKind.makefile), ("README.md", .doc), ("docs/building.rst", .doc), (".github/workflows/x.yml", .githubActions),
        ("docker/Dockerfile", .dockerfile), ("scripts/setup.sh", .shell), ("ci/targets.mk", .makefile), ("justfile", .shell),
        ("pkg/_versions.py", .python),
    ])
    func filesItReads(_ path: String, _ kind: FileKind) {
        #expect(ExtraNameScanner().accepts(path: path))
        #expect(ExtraNameScanner.fileKind(for: path) == kind)
    }

    @Test func otherFilesAreNotRead() {
        for path in ["pyproject.toml", "uv.lock", "csrc/ops.cu", "EXPECTED.md", "CHANGELOG.md"] {
            #expect(!ExtraNameScanner().accepts(path: path), "\(path)")
        }
    }

    @Test(arguments: [
        ("cu128", "cu130", "cu130"), ("torch-cu128", "cu130", "torch-cu130"), ("CU128", "cu130", "CU130"),
        ("gpu_cu126_fast", "cu128", "gpu_cu128_fast"),
    ])
    func renamesTheVariantTokenOnly(_ name: String, _ tag: String, _ expected: String) {
        #expect(ExtraNames.renamed(name, to: Variant(tag: tag)!) == expected)
    }

    @Test func normalisesLikeUv() {
        #expect(ExtraNames.normalize("Torch__CU128") == "torch-cu128")
        #expect(ExtraNames.normalize("a.-_b") == "a-b")
    }
}
