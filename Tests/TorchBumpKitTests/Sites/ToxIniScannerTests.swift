import Testing
@testable import TorchBumpKit

struct ToxIniScannerTests {
    @Test(arguments: [("tox.ini", true), ("sub/tox.ini", true), ("setup.cfg", false), ("pytest.ini", false)])
    func acceptsToxIni(_ path: String, _ expected: Bool) {
        #expect(ToxIniScanner().accepts(path: path) == expected)
    }

    static let cases: [(String, [String])] = [
        // review 4 scanner gap 1: deps, set_env, index options, env_list factors.
        ("""
            [tox]
            requires = tox>=4.26
            env_list = py{39,310}-cpu, py3.12, pypy3, docs

            [testenv]
            set_env =
                PIP_EXTRA_INDEX_URL = https://download.pytorch.org/whl/cpu
                TORCH_CUDA_ARCH_LIST=8.0;9.0
            deps =
                torch==2.8.0+cpu  # CPU wheels
                torchvision==0.23.0+cpu
                pytest>=8.3
                -e .[test]
            commands =
                pytest {posargs:tests}

            [testenv:export]
            deps =
                --index-url https://download.pytorch.org/whl/cu126
                --extra-index-url=https://pypi.org/simple
                -i https://download.pytorch.org/whl/test/cu128
                torch>=2.8,<2.9
            commands =
                - pip install --extra-index-url https://download.pytorch.org/whl/cu126 torchaudio==2.8.0
            """, [
                "3 version pin python 39 all name=tox env factor note=tox factor py39",
                "3 version pin python 310 all name=tox env factor note=tox factor py310",
                "3 version pin python 3.12 all name=tox env factor",
                "7 index-url pin - https://download.pytorch.org/whl/cpu cpu name=PIP_EXTRA_INDEX_URL variant=cpu channel=release",
                "8 arch-list pin cuda 8.0;9.0 cuda name=TORCH_CUDA_ARCH_LIST",
                "10 requirement pin torch 2.8.0+cpu cpu op=== variant=cpu",
                "11 requirement pin torchvision 0.23.0+cpu cpu op=== variant=cpu",
                "19 index-url pin - https://download.pytorch.org/whl/cu126 cuda name=--index-url variant=cu126 channel=release",
                "21 index-url pin - https://download.pytorch.org/whl/test/cu128 cuda name=-i variant=cu128 channel=test",
                "22 requirement pin torch 2.8 all op=>=",
                "22 requirement pin torch 2.9 all op=<",
                "24 index-url pin - https://download.pytorch.org/whl/cu126 cuda name=--extra-index-url variant=cu126 channel=release",
                "24 requirement pin torchaudio 2.8.0 cuda op===",  // the command installs from the cu126 index
            ]),
        // `envlist`, `setenv`, `basepython`; an environment named after its platform.
        ("""
            [tox]
            envlist =
                py311
                lint
            [testenv:rocm]
            basepython = python3.11
            setenv =
                ROCM_VERSION = 6.3
            deps = torch==2.8.0
            """, [
                "3 version pin python 311 all name=tox env factor note=tox factor py311",
                "6 version pin python 3.11 all name=tox env factor",
                "8 version pin rocm 6.3 rocm name=ROCM_VERSION",
                "9 requirement pin torch 2.8.0 rocm op===",
            ]),
    ]

    @Test(arguments: cases)
    func findsSites(_ text: String, _ expected: [String]) {
        let result = scanFixture(ToxIniScanner(), path: "tox.ini", text)
        #expect(result.sites.map(describe) == expected)
        #expect(result.diagnostics == [])
    }

    @Test(arguments: [("39", "3.9"), ("310", "3.10"), ("3.12", "3.12"), ("3.9.18", "3.9"), ("3", nil), ("27", nil),
                      ("3100", nil), ("cu128", nil)] as [(String, String?)])
    func pythonVersionText(_ text: String, _ expected: String?) {
        #expect(PythonVersionText.minor(text) == expected)
    }

    @Test func includesAreCheckedAndFollowed() {
        let result = scanFixture(ToxIniScanner(), path: "ci/tox.ini", """
            [testenv]
            deps =
                -r {toxinidir}/deps/torch.pins
                -r missing.txt
            """, files: ["ci/deps/torch.pins": "torch==2.8.0\n"])
        #expect(result.sites.map { "\($0.path) \(describe($0))" } == ["ci/deps/torch.pins 1 requirement pin torch 2.8.0 all op==="])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.contains("ci/missing.txt") == true)
    }

    @Test func droppedPythonFactorIsFlagged() throws {
        let fixture = try PlanFixture([
            "tox.ini": """
                [tox]
                env_list = py{39,310}
                [testenv]
                deps = torch==2.8.0
                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["tox.ini"]?.contains("deps = torch==2.9.0") == true)
        #expect(plan.notes.contains {
            $0.location?.short == "tox.ini:2" && $0.message.contains("ships no wheels for Python 3.9")
        })
        #expect(!plan.notes.contains { $0.message.contains("Python 3.10") })
    }
}
