import Testing
@testable import TorchBumpKit

@Suite struct DocFloorSitesTests {
    @Test(arguments: [
        ("- GPU: compute capability 7.0 or higher (e.g., V100, T4)", ["compute-capability 7.0"]),
        ("Needs a GPU with compute capability of at least 7.5 and CUDA 12.8.", ["compute-capability 7.5"]),
        ("- Driver: R525 or newer for the CUDA 12.x wheels", ["cuda-driver 525"]),
        ("CUDA 13 builds need NVIDIA driver 580.65.06 or newer.", ["cuda-driver 580.65.06"]),
        ("Our R2D2 cluster runs CUDA 12.8 and driver version >= 550", ["cuda-driver 550"]),
        ("Build with CUDA 12.8 (R525 is not mentioned as a driver floor here)", ["cuda-driver 525"]),
        ("Wheels for CUDA 12.8 are in R2 storage.", []),
    ])
    func floors(_ line: String, _ expected: [String]) {
        let result = SiteExpect.scan(DocsScanner(), "docs/install.md", "# Install\n\n\(line)\n")
        let floors = result.sites.filter { $0.subject == "compute-capability" || $0.subject == "cuda-driver" }
        #expect(floors.map { "\($0.subject ?? "") \($0.value)" } == expected)
        #expect(floors.allSatisfy { $0.role == .doc && $0.platform == .cuda })
    }
}
