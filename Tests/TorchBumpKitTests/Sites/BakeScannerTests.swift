import Testing
@testable import TorchBumpKit

@Suite struct BakeScannerTests {
    @Test func variablesAndTargetArgs() {
        let text = """
        # Built with CUDA 13.0 by default
        variable "CUDA_VERSION" {
          default = "13.0.2"
        }
        variable "TORCH_CUDA_ARCH_LIST" { default = "8.0 9.0 10.0+PTX" }
        variable "TAG" { default = "latest" }
        target "wheel" {
          dockerfile = "docker/Dockerfile"
          args = {
            CUDA_VERSION = "12.9.1"
            BUILD_BASE_IMAGE = "nvidia/cuda:12.9.1-devel-ubuntu22.04"
            TORCH_INDEX = "https://download.pytorch.org/whl/cu${CUDA_TAG}"
          }
          tags = ["repo/app:${TAG}"]
        }
        """
        let result = SiteExpect.scan(BakeScanner(), "docker-bake.hcl", text)
        #expect(SiteExpect.describe(result.sites) == [
            "version comment cuda 13.0 cuda -",
            "version pin cuda 13.0.2 cuda CUDA_VERSION",
            "arch-list pin cuda 8.0 9.0 10.0+PTX cuda TORCH_CUDA_ARCH_LIST",
            "version pin cuda 12.9.1 cuda CUDA_VERSION",
            "image pin cuda 12.9.1 cuda BUILD_BASE_IMAGE",
            "index-url derived - https://download.pytorch.org/whl/cu${CUDA_TAG} cuda CUDA_TAG",
        ])
        #expect(BakeScanner().accepts(path: "docker/docker-bake.hcl"))
        #expect(!BakeScanner().accepts(path: "docker/Dockerfile"))
    }
}
