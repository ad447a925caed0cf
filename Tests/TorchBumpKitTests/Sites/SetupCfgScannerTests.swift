import Testing
@testable import TorchBumpKit

struct SetupCfgScannerTests {
    @Test(arguments: [
        ("setup.cfg", true), ("packages/vp-export/setup.cfg", true), ("setup.py", false), ("setup.cfg.in", false),
        ("tox.ini", false),
    ])
    func acceptsSetupCfg(_ path: String, _ expected: Bool) {
        #expect(SetupCfgScanner().accepts(path: path) == expected)
    }

    static let cases: [(String, [String])] = [
        // Multi-line values, extras, python_requires; comments and other keys are not sites.
        ("""
            [metadata]
            name = vp-export
            version = 0.4.1

            [options]
            packages = find:
            python_requires = >=3.9, <4
            # keep it on the platform's torch minor
            install_requires =
                torch>=2.8,<2.9
                numpy>=1.26

                torchaudio==2.8.0; platform_machine == "x86_64"  # CPU build
            setup_requires = torch==2.8.0

            [options.extras_require]
            vision =
                torchvision>=0.23,<0.24
            cpu =
                torch==2.8.0+cpu
            """, [
                "7 version pin python 3.9 all name=options.python_requires op=>=",
                "10 requirement pin torch 2.8 all op=>=",
                "10 requirement pin torch 2.9 all op=<",
                "13 requirement pin torchaudio 2.8.0 all op===",
                "14 requirement pin torch 2.8.0 all op===",
                "18 requirement pin torchvision 0.23 all op=>=",
                "18 requirement pin torchvision 0.24 all op=<",
                "20 requirement pin torch 2.8.0+cpu cpu op=== variant=cpu",
            ]),
        // A single-line value is `;`-separated; dashed keys read like underscored ones.
        ("""
            [options]
            install-requires = torch==2.8.0; torchvision==0.23.0
            python-requires = >= 3.10
            """, [
                "2 requirement pin torch 2.8.0 all op===",
                "2 requirement pin torchvision 0.23.0 all op===",
                "3 version pin python 3.10 all name=options.python_requires op=>=",
            ]),
        // Other sections with the same keys, an upper bound only, and a hold comment.
        ("""
            [bdist_wheel]
            install_requires = torch==2.8.0
            [options]
            python_requires = <3.13
            install_requires =
                # hold: the exporter breaks on 2.9 (see https://github.com/org/repo/issues/12)
                torch==2.8.0
            """, [
                "7 requirement pin torch 2.8.0 all op=== held",
            ]),
    ]

    @Test(arguments: cases)
    func findsSites(_ text: String, _ expected: [String]) {
        let result = scanFixture(SetupCfgScanner(), path: "setup.cfg", text)
        #expect(result.sites.map(describe) == expected)
        #expect(result.diagnostics == [])
    }

    /// review 4 #5/#6: both bounds of a range move on a minor upgrade, and a Python the new torch drops is flagged.
    @Test func rangesMoveAndDroppedPythonIsFlagged() throws {
        let fixture = try PlanFixture([
            "requirements.txt": "torch==2.8.0\ntorchvision==0.23.0\n",
            "pkg/setup.cfg": """
                [options]
                python_requires = >=3.9
                install_requires =
                    torch>=2.8,<2.9

                [options.extras_require]
                vision =
                    torchvision>=0.23,<0.24

                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["pkg/setup.cfg"] == """
            [options]
            python_requires = >=3.10
            install_requires =
                torch>=2.9,<2.10

            [options.extras_require]
            vision =
                torchvision>=0.24,<0.25

            """)
        #expect(plan.edits.contains { $0.path == "pkg/setup.cfg" && $0.line == 2 && $0.reason.contains("ships no wheels for Python 3.9") })
    }
}
