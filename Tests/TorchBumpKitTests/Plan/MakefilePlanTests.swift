import Foundation
import Testing
@testable import TorchBumpKit

/// Makefile sites go through the planner like shell script sites: `?=` defaults and literal recipe pins move, make
/// references (`$(TORCH_VERSION)`, `…/whl/$(CUDA_TAG)`) follow their variable, extra names stay.
@Suite("Planner: Makefiles")
struct MakefilePlanTests {
    static let makefile = """
        # Build shortcuts; CUDA 12.8 is the default toolkit.
        TORCH_VERSION ?= 2.8.0
        TORCHVISION_VERSION ?= 0.23.0
        CUDA_VERSION ?= 12.8.1
        CUDA_TAG ?= cu128  # PyTorch index variant
        GDRCOPY_CUDA_VERSION ?= 12.8
        PYTORCH_INDEX ?= https://download.pytorch.org/whl/$(CUDA_TAG)

        install:
        \tuv sync --extra cu128
        \t@pip install torch==$(TORCH_VERSION) torchvision==$(TORCHVISION_VERSION) --index-url $(PYTORCH_INDEX)
        \t-pip install "torchaudio==2.8.0" \\
        \t  --extra-index-url https://download.pytorch.org/whl/cu128

        image:
        \tcase "$(CUDA_VERSION)" in \\
        \t  12.6.*) TAG=cu126 ;; \\
        \t  12.8.*) TAG=cu128 ;; \\
        \t  *) exit 1 ;; \\
        \tesac; docker build --build-arg CUDA_VERSION=$(CUDA_VERSION) -t app:$$TAG .

        """

    @Test func minorUpgradeMovesDefaultsAndLiteralPins() throws {
        let fixture = try PlanFixture(["Makefile": Self.makefile])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        let expected = Self.makefile
            .replacingOccurrences(of: "TORCH_VERSION ?= 2.8.0", with: "TORCH_VERSION ?= 2.9.0")
            .replacingOccurrences(of: "TORCHVISION_VERSION ?= 0.23.0", with: "TORCHVISION_VERSION ?= 0.24.0")
            .replacingOccurrences(of: "torchaudio==2.8.0", with: "torchaudio==2.9.0")
        #expect(files["Makefile"] == expected)
    }

    @Test func cudaMoveMovesTheVariantAndAddsACaseBranch() throws {
        let fixture = try PlanFixture(["Makefile": Self.makefile])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        let expected = Self.makefile
            .replacingOccurrences(of: "CUDA 12.8 is the default", with: "CUDA 13.0 is the default")
            .replacingOccurrences(of: "TORCH_VERSION ?= 2.8.0", with: "TORCH_VERSION ?= 2.9.0")
            .replacingOccurrences(of: "TORCHVISION_VERSION ?= 0.23.0", with: "TORCHVISION_VERSION ?= 0.24.0")
            .replacingOccurrences(of: "CUDA_VERSION ?= 12.8.1", with: "CUDA_VERSION ?= 13.0.2")
            .replacingOccurrences(of: "CUDA_TAG ?= cu128", with: "CUDA_TAG ?= cu130")
            .replacingOccurrences(of: "torchaudio==2.8.0", with: "torchaudio==2.9.0")
            .replacingOccurrences(of: "whl/cu128\n", with: "whl/cu130\n")
            .replacingOccurrences(of: "\t  *) exit 1", with: "\t  13.0.*) TAG=cu130 ;; \\\n\t  *) exit 1")
        #expect(files["Makefile"] == expected)
        #expect(plan.notes.contains { $0.location?.short == "Makefile:6" && $0.message.contains("library's own CUDA") })
    }
}
