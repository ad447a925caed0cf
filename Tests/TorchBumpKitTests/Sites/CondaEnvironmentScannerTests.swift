import Testing
@testable import TorchBumpKit

@Suite struct CondaEnvironmentScannerTests {
    let scanner = CondaEnvironmentScanner()

    @Test(arguments: [
        ("environment.yml", true), ("environment-cuda.yaml", true), ("envs/gpu.yml", true), ("conda/dev.yaml", true),
        (".github/workflows/ci.yml", false), ("docker-compose.yml", false), ("environment.txt", false),
    ])
    func acceptsEnvironmentFiles(path: String, expected: Bool) {
        #expect(scanner.accepts(path: path) == expected)
    }

    @Test func condaSpecsAndThePipSection() {
        let text = """
            name: demo
            channels:
              - conda-forge
              - nvidia
            dependencies:
              - python=3.11
              - conda-forge::pytorch-gpu=2.8.0  # CUDA build
              - torchvision ==0.23.0
              - cuda-version=12.6
              - pytorch=2.8
              - numpy>=1.26
              - pip
              - pip:
                  - --extra-index-url https://download.pytorch.org/whl/cu126
                  - torchaudio==2.8.0
                  - xformers==0.0.32.post1 # built for torch 2.8
            variables:
              TORCH_CUDA_ARCH_LIST: "8.0"

            """
        let result = SiteExpect.scan(scanner, "environment.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin python 3.11 all python",
            "requirement pin torch 2.8.0 all pytorch-gpu",
            "requirement pin torchvision 0.23.0 all torchvision",
            "version pin cuda 12.6 cuda cuda-version",
            "version pin torch 2.8 all pytorch",
            "index-url pin - https://download.pytorch.org/whl/cu126 cuda --extra-index-url",
            "requirement pin torchaudio 2.8.0 all -",
            "requirement pin xformers 0.0.32.post1 all -",
        ])
        #expect(result.sites.filter { $0.kind == .requirement && $0.name != nil }.allSatisfy { $0.note == "conda channel conda-forge" })
    }

    @Test func pytorchChannelStopsAt25() throws {
        let fixture = try PlanFixture([
            "environment.yml": """
                channels:
                  - pytorch
                  - nvidia
                dependencies:
                  - pytorch=2.5.1
                  - pytorch-cuda=12.4
                  - pip:
                    - torchaudio==2.5.1

                """,
            "requirements.txt": "torch==2.5.1\n",
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.6.0", cuda: "12.6"))
        let env = files["environment.yml"] ?? ""
        #expect(env.contains("  - pytorch=2.5.1\n") && env.contains("  - pytorch-cuda=12.4\n"))
        #expect(env.contains("torchaudio==2.6.0"))
        #expect(plan.notes.contains { $0.message.contains("publishes nothing after torch 2.5") && $0.location?.line == 5 })
    }

    @Test func condaForgeSpecsMove() throws {
        let fixture = try PlanFixture([
            "environment.yml": "channels:\n  - conda-forge\ndependencies:\n  - pytorch-gpu=2.8.0\n  - torchvision=0.23.0\n  - pytorch=2.8\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["environment.yml"] == "channels:\n  - conda-forge\ndependencies:\n  - pytorch-gpu=2.9.0\n  - torchvision=0.24.0\n  - pytorch=2.9\n")
    }
}
