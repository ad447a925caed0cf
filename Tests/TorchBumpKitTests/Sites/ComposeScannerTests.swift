import Testing
@testable import TorchBumpKit

/// Compose files: `build.args` override the Dockerfile's `ARG` defaults, so they are pins classified like `ARG`s;
/// `image:` references are image sites (review 4, P1 8 and scanner gap 3).
@Suite struct ComposeScannerTests {
    @Test(arguments: [
        ("docker-compose.yml", true), ("docker-compose.gpu.yaml", true), ("deploy/compose.yaml", true),
        ("compose.override.yml", true), ("docker-compose.yml.bak", false), (".buildkite/pipeline.yml", false),
        ("environment.yml", false), ("docs/composer.md", false),
    ] as [(String, Bool)])
    func accepts(path: String, expected: Bool) {
        #expect(ComposeScanner().accepts(path: path) == expected)
    }

    @Test func mapFormArgsAndImages() {
        let text = """
        x-common: &common
          shm_size: "16gb"

        services:
          train-cuda:
            <<: *common
            image: visionplat/train:torch2.8.0-cu126
            build:
              context: .
              dockerfile: docker/Dockerfile.cuda
              args:
                CUDA_VERSION: "12.6.3"
                TORCH_VERSION: "2.8.0"
                TORCHVISION_VERSION: '0.23.0'
                TORCH_VARIANT: cu126
                PYTHON_VERSION: 3.10
          train-rocm:
            image: visionplat/train:torch2.8.0-rocm6.3
            build:
              dockerfile: docker/Dockerfile.rocm
          db:
            image: postgres:16
        """
        let result = SiteExpect.scan(ComposeScanner(), "docker-compose.yml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "image pin torch 2.8.0 cuda image",
            "variant pin - cu126 cuda image",
            "version pin cuda 12.6.3 cuda CUDA_VERSION",
            "version pin torch 2.8.0 cuda TORCH_VERSION",
            "version pin torchvision 0.23.0 cuda TORCHVISION_VERSION",
            "variant pin - cu126 cuda TORCH_VARIANT",
            "version pin python 3.10 cuda PYTHON_VERSION",
            "image pin torch 2.8.0 rocm image",
            "image pin rocm 6.3 rocm image",
        ])
        #expect(result.sites.allSatisfy { $0.file == .compose })
    }

    @Test func listFormArgsAndBuildString() {
        let text = """
        services:
          app:
            build:
              context: .
              args:
                - CUDA_VERSION=12.8.1
                - "TORCH_VERSION=2.9.0"
                - NO_VALUE
          other:
            build: ./other
            image: nvidia/cuda:12.8.1-runtime-ubuntu22.04
        """
        let result = SiteExpect.scan(ComposeScanner(), "compose.yaml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version pin cuda 12.8.1 cuda CUDA_VERSION",
            "version pin torch 2.9.0 all TORCH_VERSION",
            "image pin cuda 12.8.1 cuda image",
        ])
    }

    @Test func brokenYAMLIsADiagnostic() {
        let result = SiteExpect.scan(ComposeScanner(), "docker-compose.yml", "services:\n  a: [\n")
        #expect(result.sites.isEmpty)
        #expect(result.diagnostics.count == 1)
    }
}
