import Testing
@testable import TorchBumpKit

struct PythonConstantsScannerTests {
    static let cases: [(String, String, [String])] = [
        ("setup.py", """
            import os
            MAIN_CUDA_VERSION = "12.8"
            ROCM_VERSION='6.3'
            TORCH_CUDA_ARCH_LIST = "7.0 7.5 8.0+PTX"
            CUDA_HOME = "/usr/local/cuda"
            DEFAULT_CUDA = os.getenv("MYPROJ_MAIN_CUDA_VERSION", "12.8")  # default
            other = os.environ.get( "PROJ_CUDA_VERSION" , '12.6')
            # MAIN_CUDA_VERSION = "11.8"
            """, [
                "2 version pin cuda 12.8 cuda name=MAIN_CUDA_VERSION",
                "3 version pin rocm 6.3 rocm name=ROCM_VERSION",
                "4 arch-list pin cuda 7.0 7.5 8.0+PTX all name=TORCH_CUDA_ARCH_LIST",
                "6 version pin cuda 12.8 cuda name=MYPROJ_MAIN_CUDA_VERSION",
                "7 version pin cuda 12.6 cuda name=PROJ_CUDA_VERSION",
            ]),
        ("engine/envs.py", """
            environment_variables = {
                "ENGINE_MAIN_CUDA_VERSION": lambda: os.getenv("ENGINE_MAIN_CUDA_VERSION", "").lower() or "12.8",
            }
            """, [
                "2 version pin cuda 12.8 cuda name=ENGINE_MAIN_CUDA_VERSION",
            ]),
        ("proj/envs.py", """
            class Settings:
                main_cuda: str = "12.4"
                torch_version: str = '2.8.0'

            environment_variables = {
                "PROJ_MAIN_CUDA_VERSION": lambda: os.getenv("PROJ_MAIN_CUDA_VERSION", "12.4"),
                "PROJ_ROCM_VERSION": "6.2.4",
                "PROJ_TARGET_DEVICE": lambda: os.getenv("PROJ_TARGET_DEVICE", "cuda"),
            }
            \"\"\"
            MAIN_CUDA_VERSION = "9.9"  (inside a docstring)
            \"\"\"
            """, [
                "2 version pin cuda 12.4 cuda name=main_cuda",
                "3 version pin torch 2.8.0 all name=torch_version",
                "6 version pin cuda 12.4 cuda name=PROJ_MAIN_CUDA_VERSION",
                "7 version pin rocm 6.2.4 rocm name=PROJ_ROCM_VERSION",
            ]),
        ("tests/test_ops.py", """
            from proj.utils import is_torch_at_least
            @pytest.mark.skipif(not is_torch_at_least("2.9.0.dev"), reason="needs torch 2.9")
            def test_x():
                if version.parse(torch.__version__) >= version.parse('2.6.0'):
                    pass
                assert is_torch_equal_or_newer( "2.8" )
            """, [
                "2 version pin torch 2.9.0.dev all name=is_torch_at_least note=version gate",
                "4 version pin torch 2.6.0 all name=torch.__version__ note=version gate",
                "6 version pin torch 2.8 all name=is_torch_equal_or_newer note=version gate",
            ]),
        ("setup.py", """
            cuda_major, cuda_minor = torch.version.cuda.split(".")[:2]
            reqs = [r for r in reqs if "xformers" not in r or cuda_major == "12"]
            if torch.version.cuda.split(".")[0] != '13':
                pass
            if python_major == "3" or cuda_minor == "8":
                pass
            """, [
                "2 version pin cuda 12 cuda op=== note=CUDA major check",
                "3 version pin cuda 13 cuda op=!= note=CUDA major check",
            ]),
        ("trainstack/compat.py", """
            def use_new_planner() -> bool:
                return torch_version() >= Version("2.9.0.dev")
            HAS_SDPA = packaging.version.parse(TORCH_VERSION) >= packaging.version.parse('2.0')
            OTHER = Version("1.2.3") > Version(numpy.__version__)
            """, [
                "2 version pin torch 2.9.0.dev all name=Version note=version gate",
                "3 version pin torch 2.0 all name=packaging.version.parse note=version gate",
            ]),
        ("tests/test_pins.py", """
            def test_pair():
                assert SUPPORTED_TORCH == "2.8.0"
                assert version.TORCH_PIN == '2.8.0'
                assert SUPPORTED_TORCHVISION == "0.23.0"
                check(SUPPORTED_TORCH == "2.8.0")
                assert DEFAULT_CUDA == "13.0"
            """, [
                "2 version pin torch 2.8.0 all name=SUPPORTED_TORCH note=version assertion",
                "3 version pin torch 2.8.0 all name=version.TORCH_PIN note=version assertion",
                "6 version pin cuda 13.0 cuda name=DEFAULT_CUDA note=version assertion",
            ]),
        ("tools/verify_env.py", """
            assert torch.__version__.startswith("2.8.0"), torch.__version__
            assert torch.__version__ == '2.8.0+cu128'
            if torch.__version__.startswith("2.7"):
                pass
            """, [
                "1 version pin torch 2.8.0 all name=torch.__version__ note=version assertion",
                "2 version pin torch 2.8.0+cu128 all name=torch.__version__ note=version assertion",
                "3 version pin torch 2.7 all name=torch.__version__.startswith note=version gate",
            ]),
        ("tests/test_version_helpers.py", """
            def test_gate(monkeypatch):
                monkeypatch.setattr(torch, "__version__", "2.9.0.dev20250801+cu128")
                with mock.patch("torch.__version__", "2.6.0"):
                    pass
                with patch.object(torch, '__version__', '2.5.1'):
                    torch.__version__ = "2.4.0"
                assert torch.__version__ == "2.8.0"
            """, [
                "7 version pin torch 2.8.0 all name=torch.__version__ note=version assertion",
            ]),
        ("tools/cfg.py", "\u{FEFF}MYPROJ_CUDA = \"12.9\"\r\nMYPROJ_TORCH = \"2.9.0\"\r\n\tTORCH_VERSION\t=\t\"2.9.1\"\r\n", [
                "1 version pin cuda 12.9 cuda name=MYPROJ_CUDA",
                "2 version pin torch 2.9.0 all name=MYPROJ_TORCH",
                "3 version pin torch 2.9.1 all name=TORCH_VERSION",
            ]),
        ("setup.py", """
            setup(
                name="demo",
                install_requires=["torch==2.8.0", "numpy", 'triton>=3.4; platform_machine == "x86_64"'],
                extras_require={"xformers": ["xformers==0.0.32.post1"]},
                setup_requires=[f"torch=={TORCH}", "torch @ git+https://github.com/pytorch/pytorch@v2.8.0"],
            )
            """, [
                "3 requirement pin torch 2.8.0 all op===",
                "3 requirement pin triton 3.4 all op=>=",
                "4 requirement pin xformers 0.0.32.post1 all op===",
                "5 git-ref pin torch v2.8.0 all",
            ]),
        ("tools/build_env.py", """
            os.environ["TORCH_CUDA_ARCH_LIST"] = "8.0 9.0+PTX"
            os.environ.setdefault("MYPROJ_CUDA_VERSION", "12.8")
            SUPPORTED_CUDA_VERSIONS = ["12.6", "12.8", "12.9"]
            CUDA_HOME = os.environ.get("CUDA_HOME", "/usr/local/cuda")
            """, [
                "1 arch-list pin cuda 8.0 9.0+PTX all name=TORCH_CUDA_ARCH_LIST",
                "2 version pin cuda 12.8 cuda name=MYPROJ_CUDA_VERSION",
                "3 version pin cuda 12.6 cuda name=SUPPORTED_CUDA_VERSIONS",
                "3 version pin cuda 12.8 cuda name=SUPPORTED_CUDA_VERSIONS",
                "3 version pin cuda 12.9 cuda name=SUPPORTED_CUDA_VERSIONS",
            ]),
        ("other.py", "x = 1\nprint('hello 2.8.0')\n", []),
        // Package names through PackageAliases, as for Dockerfile ARGs; bounds are marked for the planner.
        ("noxfile.py", """
            TORCHVISION_VERSION = "0.23.0"
            TORCHAUDIO_VERSION: str = "2.8.0"
            TESTED_TORCH = "2.8.0"
            TESTED_TORCHVISION = '0.23.0'
            MIN_TORCH = "2.4"
            MINIMUM_TORCH_VERSION = "2.4.0"
            TORCH_MAX_VERSION = "2.8"
            MIN_CUDA_VERSION = "12.6"
            TORCH_HOME = "/data/2.8.0"
            MAX_JOBS = "8.0"
            """, [
                "1 version pin torchvision 0.23.0 all name=TORCHVISION_VERSION",
                "2 version pin torchaudio 2.8.0 all name=TORCHAUDIO_VERSION",
                "3 version pin torch 2.8.0 all name=TESTED_TORCH",
                "4 version pin torchvision 0.23.0 all name=TESTED_TORCHVISION",
                "5 version pin torch 2.4 all name=MIN_TORCH note=version floor",
                "6 version pin torch 2.4.0 all name=MINIMUM_TORCH_VERSION note=version floor",
                "7 version pin torch 2.8 all name=TORCH_MAX_VERSION note=version ceiling",
                "8 version pin cuda 12.6 cuda name=MIN_CUDA_VERSION note=version floor",
            ]),
        // Index URLs anywhere in a literal; variant tags held by a name or a backend key; CUDA assertions.
        ("noxfile.py", """
            TORCH_INDEX = "https://download.pytorch.org/whl"
            BACKENDS = {
                "cu126": "cu126",
                "rocm": "rocm6.3",
                "cpu": "cpu",
            }
            PAIRS = [("cuda", "cu128")]
            TORCH_VARIANT = "cu126"
            if backend == "cu126":
                session.install("torch==2.8.0", "--index-url", "https://download.pytorch.org/whl/cu126")
                session.install(f"torch=={TORCH_VERSION}", "--index-url", f"{TORCH_INDEX}/{BACKENDS[backend]}")
                session.run("pip", "install", "-r", "reqs.txt", "--extra-index-url https://download.pytorch.org/whl/test/rocm6.3")
                session.run("python", "-c", "import torch; assert torch.version.cuda == '12.6', torch.version.cuda")
                session.install("https://download.pytorch.org/whl/cu126/torch-2.8.0%2Bcu126-cp312-cp312-linux_x86_64.whl")
            """, [
                "1 index-url pin - https://download.pytorch.org/whl all name=TORCH_INDEX channel=release",
                "3 variant label - cu126 cuda name=dict key variant=cu126 note=dict key",
                "3 variant pin - cu126 cuda name=cu126 variant=cu126",
                "4 variant pin - rocm6.3 rocm name=rocm variant=rocm6.3",
                "7 variant pin - cu128 cuda name=cuda variant=cu128",
                "8 variant pin - cu126 cuda name=TORCH_VARIANT variant=cu126",
                "10 index-url pin - https://download.pytorch.org/whl/cu126 cuda name=--index-url variant=cu126 channel=release",
                "10 requirement pin torch 2.8.0 cuda op===",
                "12 index-url pin - https://download.pytorch.org/whl/test/rocm6.3 rocm name=--extra-index-url variant=rocm6.3 channel=test",
                "13 version pin cuda 12.6 cuda name=torch.version.cuda note=version assertion",
            ]),
        // Versioned PyTorch docs links of a Sphinx configuration follow torch and torchvision.
        ("docs/source/conf.py", """
            intersphinx_mapping = {
                "python": ("https://docs.python.org/3", None),
                "torch": ("https://docs.pytorch.org/docs/2.8/", None),
                "torchvision": ("https://pytorch.org/vision/0.23/", None),
                "audio": ("https://pytorch.org/audio/stable/", None),
            }
            """, [
                "3 version pin torch 2.8 all name=docs URL",
                "4 version pin torchvision 0.23 all name=docs URL",
            ]),
    ]

    /// The byte prefilter lets through lines whose only signal is a variant tag or a wheel index path.
    @Test(arguments: [
        ("    \"cu126\": \"cu126\",", true), ("X = \"https://download.pytorch.org/whl\"", true),
        ("x = \"cumulative 1\"", false), ("print(\"hello 2.8\")", false), ("# cu126", false),
    ])
    func prefilterDecidesOnBytes(_ line: String, _ matters: Bool) {
        let bytes = Array(line.utf8)
        #expect(PythonConstantsScanner.lineMayMatter(bytes, Span(0, bytes.count)) == matters)
    }

    @Test(arguments: [
        ("TORCHVISION_VERSION", "torchvision", nil), ("TESTED_TORCH", "torch", nil), ("PYTORCH_VERSION", "torch", nil),
        ("torch_audio_version", "torchaudio", nil), ("MIN_TORCH", "torch", "version floor"),
        ("TORCH_MIN_VERSION", "torch", "version floor"), ("LOWEST_SUPPORTED_TORCH", "torch", "version floor"),
        ("MAX_TORCHVISION", "torchvision", "version ceiling"), ("FLASH_ATTN_VERSION", "flash-attn", nil),
        ("MIN_CUDA_VERSION", nil, "version floor"),
    ] as [(String, String?, String?)])
    func classifiesConstantNames(_ name: String, _ package: String?, _ note: String?) throws {
        let named = try #require(VersionConstantName(name))
        #expect(named.package == package)
        #expect(named.boundNote == note)
    }

    @Test(arguments: ["TORCH_INDEX", "TORCH_HOME", "MAIN_CUDA_VERSION", "VERSION", "project"])
    func ignoresOtherNames(_ name: String) {
        #expect(VersionConstantName(name)?.package == nil)
    }

    @Test(arguments: cases)
    func findsSites(_ path: String, _ text: String, _ expected: [String]) {
        var config = TorchBumpConfig()
        config.constants = ["MYPROJ_CUDA", "MYPROJ_TORCH"]
        let result = scanFixture(PythonConstantsScanner(), path: path, text, config: config)
        #expect(result.sites.map(describe) == expected)
        #expect(result.diagnostics == [])
    }
}
