import Foundation
import Testing
@testable import TorchBumpKit

@Suite("Planner: documentation")
struct DocsPlanTests {
    /// Install instructions follow torch; a sentence about an extension release's builds for a torch does not.
    @Test func extensionBuildFactsStay() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docs/install.md": """
                # Install

                ```bash
                pip install torch==2.8.0
                ```

                Prebuilt flash-attn 2.8.3 wheels exist for torch 2.8 (`+cu12torch2.8cxx11abiTRUE`).

                """,
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        let docs = files["docs/install.md"] ?? ""
        #expect(docs.contains("pip install torch==2.9.0"))
        #expect(docs.contains("Prebuilt flash-attn 2.8.3 wheels exist for torch 2.8 ("))
        #expect(plan.notes.contains { $0.message.contains("describes") })
    }

    /// A comment above a pin and a docs sentence name torchvision with torch: both follow the plan's pair.
    @Test func companionMentionsFollow() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.8.0\n",
            "requirements/vision.txt": "# must match the image's torch (torchvision 0.23.x <-> torch 2.8.x)\ntorchvision==0.23.0\n",
            "docs/index.md": "Tested with PyTorch 2.8.0 and torchvision 0.23.0; torchvision 0.18 is too old.\n"
                + "A wheel built for torch 2.8 must not be loaded into torch 2.9.\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["requirements/vision.txt"] == "# must match the image's torch (torchvision 0.24.x <-> torch 2.9.x)\ntorchvision==0.24.0\n")
        #expect(files["docs/index.md"] == "Tested with PyTorch 2.9.0 and torchvision 0.24.0; torchvision 0.18 is too old.\n"
                + "A wheel built for torch 2.8 must not be loaded into torch 2.9.\n")
    }

    /// Rows and commands about builds for one torch (`…/cu128/torch2.8/`, `+cu128torch2.8`) change with the release that
    /// publishes new builds: the torch column alone never moves, and another project's index never goes to `/test`.
    @Test func publishedArtifactRowsStay() throws {
        let fixture = try PlanFixture([
            "requirements.txt": "torch==2.8.0\n",
            "README.md": """
                | CUDA | torch | index |
                |---|---|---|
                | 12.8 | 2.8.0 | `https://example.github.io/whl/cu128/torch2.8/` |

                ```
                pip install torch==2.8.0
                ```

                """,
            "examples/requirements.txt": "--extra-index-url https://example.github.io/whl/cu128/torch2.8/\nmylib==0.4.2+cu128torch2.8\n",
        ])
        for target in [UpgradeTarget(torch: "2.9.0"), UpgradeTarget(torch: "2.9.0", channel: .test)] {
            let (_, files) = try fixture.result(target)
            #expect(files["README.md"]?.contains("| 12.8 | 2.8.0 | `https://example.github.io/whl/cu128/torch2.8/` |") == true)
            #expect(files["README.md"]?.contains("pip install torch==2.9.0") == true)
            #expect(files["examples/requirements.txt"] == nil)
        }
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0"))
        #expect(plan.notes.contains { $0.location?.short == "examples/requirements.txt:2" && $0.message.contains("will not load into torch 2.9.0") })
    }

    /// History sections and facts about a toolkit ("CUDA 12.8 adds sm100") are never rewritten by a CUDA move.
    @Test func historyAndToolkitFactsStay() throws {
        let readme = """
            # Install

            Wheels are built with CUDA 12.8. CUDA 12.8 adds sm100 and sm120 (Blackwell).

            ## Previous releases

            | release | torch | CUDA |
            |---|---|---|
            | 0.4.1 | 2.7.1 | cu126, cu128 |

            """
        let fixture = try PlanFixture([
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
            "requirements.txt": "torch==2.8.0\n",
            "README.md": readme,
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let out = files["README.md"] ?? readme
        #expect(out.contains("Wheels are built with CUDA 13.0. CUDA 12.8 adds sm100 and sm120 (Blackwell)."))
        #expect(out.contains("| 0.4.1 | 2.7.1 | cu126, cu128 |"))
    }

    /// A support table's labelled torch cells move with their platform, the label with its variant.
    @Test func labelledTableCellsMove() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.13.0\n",
            "requirements/rocm.txt": "--extra-index-url https://download.pytorch.org/whl/rocm7.1\ntorch==2.13.0+rocm7.1\n",
            "requirements/cpu.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.13.0+cpu\n",
            "docs/install.md": """
                | build | torch | CUDA / ROCm |
                |---|---|---|
                | main | 2.13.0 | CUDA 13.0 |
                | rocm | 2.13.0+rocm7.1 | ROCm 7.1 |
                | cpu | 2.13.0+cpu | – |

                """,
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.14.0"))
        let docs = try #require(files["docs/install.md"])
        #expect(docs.contains("| rocm | 2.14.0+rocm7.2 | ROCm 7.2 |"))
        #expect(docs.contains("| cpu | 2.14.0+cpu | – |"))
        #expect(docs.contains("| main | 2.14.0 | CUDA 13.0 |"))
    }
}
