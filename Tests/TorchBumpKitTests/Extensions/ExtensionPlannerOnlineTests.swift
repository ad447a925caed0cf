import Foundation
import Testing
@testable import TorchBumpKit

/// Online decisions through an in-process `WheelLocator` (the HTTP path is covered by ExtensionLoopbackTests).
@Suite struct ExtensionPlannerOnlineTests {
    static let pypi = "https://pypi.org/simple"
    static let pytorch = "https://download.pytorch.org/whl"

    static func decide(_ sites: [PinSite], torch: String, cuda: String, pythons: [String] = ["3.12"],
                       locator: FakeWheelLocator) async throws -> (ExtensionPlan, ExtensionDecision) {
        let target = Fixtures.target(torch: torch, variant: Fixtures.cuda(cuda), pythons: pythons, offline: false)
        let plan = await Fixtures.planner.plan(sites: sites, target: target, locator: locator)
        return (plan, try #require(plan.decisions.first))
    }

    static let xformersWheels = [
        "xformers-0.0.33.post1-cp39-abi3-manylinux_2_28_x86_64.whl",
        "xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl",
        "xformers-0.0.32.post2-cp39-abi3-win_amd64.whl",
    ]
    static let xformersRequires = [
        "xformers-0.0.33.post1-cp39-abi3-manylinux_2_28_x86_64.whl": ["numpy", "torch==2.9.0"],
        "xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl": ["numpy", "torch (==2.8.0)"],
    ]

    @Test func wheelOnPyPIIsTheNewestWhoseRequiresDistMatches() async throws {
        let locator = FakeWheelLocator()
        locator.serve(Self.pypi, "xformers", Self.xformersWheels, requires: Self.xformersRequires)
        let (plan, d) = try await Self.decide([Sites.requirement("xformers", "0.0.31")], torch: "2.8.0", cuda: "12.8",
                                              locator: locator)
        #expect(d.outcome == .wheel)
        #expect(d.wheel?.verified == true)
        #expect(d.wheel?.label == "pypi.org/simple")
        #expect(d.release?.version == "0.0.32.post2")
        #expect(d.release?.basis == "Requires-Dist: torch==2.8.0 of xformers 0.0.32.post2 on pypi.org/simple")
        #expect(d.probes.map(\.status) == [.present])
        #expect(locator.asked == [
            "GET https://pypi.org/simple/xformers/",
            "META xformers-0.0.33.post1-cp39-abi3-manylinux_2_28_x86_64.whl",
            "META xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl",
        ])
        #expect(plan.exitStatus == 0)
    }

    @Test func wheelOnlyOnThePyTorchVariantIndex() async throws {
        let locator = FakeWheelLocator()
        locator.serve(Self.pypi, "xformers", Self.xformersWheels, requires: Self.xformersRequires)
        locator.serve(Self.pytorch + "/cu126", "xformers",
                      ["xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl",
                       "xformers-0.0.32.post2+cu128-cp39-abi3-manylinux_2_28_x86_64.whl"],
                      requires: ["xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl": ["torch==2.8.0"]])
        let (_, d) = try await Self.decide([Sites.requirement("xformers", "0.0.31")], torch: "2.8.0", cuda: "12.6",
                                           locator: locator)
        #expect(d.outcome == .wheel)
        #expect(d.probes.map(\.status) == [.absent, .present])
        #expect(d.probes.first?.detail == "xformers 0.0.32.post2 on PyPI is the cu128 build, not cu126")
        #expect(d.wheel?.label == "download.pytorch.org/whl/cu126")
        #expect(d.wheel?.install == [#"uv pip install --system "xformers==0.0.32.post2" --index-url https://download.pytorch.org/whl/cu126"#])
    }

    @Test func wheelOnlyOnTheProjectIndex() async throws {
        let locator = FakeWheelLocator()  // download.pytorch.org has no flashinfer-python page for cu128
        locator.serve("https://flashinfer.ai/whl/cu128/torch2.7", "flashinfer-python",
                      ["flashinfer_python-0.2.6.post1+cu128torch2.7-cp39-abi3-linux_x86_64.whl",
                       "flashinfer_python-0.2.5+cu128torch2.7-cp38-abi3-linux_x86_64.whl"])
        let (_, d) = try await Self.decide([Sites.requirement("flashinfer-python", "0.2.5+cu126torch2.6")], torch: "2.7.1", cuda: "12.8",
                                           locator: locator)
        #expect(d.outcome == .wheel)
        #expect(d.probes.map(\.status) == [.absent, .present])
        #expect(d.probes.first?.detail == "the index has no flashinfer-python project")
        #expect(d.release?.version == "0.2.6.post1")
        #expect(!locator.asked.contains { $0.hasPrefix("META") })  // the per-torch index needs no metadata
    }

    @Test func perTorchIndexPrefersThePinnedReleaseOverNewerOnes() async throws {
        let locator = FakeWheelLocator()
        locator.serve("https://flashinfer.ai/whl/cu126/torch2.6", "flashinfer-python",
                      ["flashinfer_python-0.2.6.post1+cu126torch2.6-cp39-abi3-linux_x86_64.whl",
                       "flashinfer_python-0.2.5+cu126torch2.6-cp38-abi3-linux_x86_64.whl"])
        let (_, d) = try await Self.decide([Sites.requirement("flashinfer-python", "0.2.5+cu126torch2.6")], torch: "2.6.0", cuda: "12.6",
                                           locator: locator)
        #expect(d.outcome == .wheel)
        #expect(d.wheel?.version == "0.2.5")
    }

    @Test func projectIndexWheelWithAnotherLabelDoesNotCount() async throws {
        let locator = FakeWheelLocator()
        locator.serve("https://flashinfer.ai/whl/cu128/torch2.7", "flashinfer-python",
                      ["flashinfer_python-0.2.6.post1-py3-none-any.whl",
                       "flashinfer_python-0.2.6.post1+cu126torch2.7-cp39-abi3-linux_x86_64.whl"])
        let (_, d) = try await Self.decide([Sites.requirement("flashinfer-python", "0.2.6.post1+cu126torch2.6")], torch: "2.7.1",
                                           cuda: "12.8", locator: locator)
        #expect(d.outcome == .sourceBuild)
        #expect(d.probes.last?.detail == "no usable flashinfer-python wheel labelled +cu128torch2.7")
        #expect(d.recipe?.archEnv == "TORCH_CUDA_ARCH_LIST")
    }

    @Test func gitHubAssetIsProbedWithItsComputedName404GivesARecipe() async throws {
        let locator = FakeWheelLocator()
        locator.serve(Self.pypi, "mamba-ssm", ["mamba_ssm-2.3.2.post1.tar.gz", "mamba_ssm-2.2.4.tar.gz"])
        let (plan, d) = try await Self.decide([Sites.requirement("mamba-ssm", "2.2.4")], torch: "2.9.1", cuda: "13.0",
                                              locator: locator)
        let expected = "https://github.com/state-spaces/mamba/releases/download/v2.3.2.post1/"
            + "mamba_ssm-2.3.2.post1%2Bcu13torch2.9cxx11abiTRUE-cp312-cp312-linux_x86_64.whl"
        #expect(locator.asked.contains("HEAD " + expected))
        #expect(d.outcome == .sourceBuild)
        #expect(d.probes.map(\.status) == [.absent, .absent])
        #expect(d.probes.first?.detail.contains("source distributions only (newest 2.3.2.post1)") == true)
        #expect(d.probes.last?.detail.contains("HEAD: 404") == true)
        #expect(d.recipe?.version == "2.3.2.post1")
        #expect(plan.exitStatus == 1)
    }

    @Test func gitHubAssetHitForEveryPython() async throws {
        let locator = FakeWheelLocator()
        locator.serve(Self.pypi, "causal-conv1d", ["causal_conv1d-1.5.2.tar.gz"])
        for py in ["310", "312"] {
            locator.existing.insert("https://github.com/Dao-AILab/causal-conv1d/releases/download/v1.5.2/"
                + "causal_conv1d-1.5.2%2Bcu12torch2.8cxx11abiTRUE-cp\(py)-cp\(py)-linux_x86_64.whl")
        }
        let (_, d) = try await Self.decide([Sites.requirement("causal-conv1d", "1.5.0.post8")], torch: "2.8.0",
                                           cuda: "12.8", pythons: ["3.10", "3.12"], locator: locator)
        #expect(d.outcome == .wheel)
        #expect(d.release?.version == "1.5.2")
        #expect(d.wheel?.install.count == 2)
        #expect(d.release?.basis.hasPrefix("GitHub release asset causal_conv1d-1.5.2+cu12torch2.8cxx11abiTRUE") == true)
    }

    @Test func noReleaseForTheTorchOnlineGivesARecipe() async throws {
        let locator = FakeWheelLocator()
        locator.serve(Self.pypi, "xformers", Self.xformersWheels, requires: Self.xformersRequires)
        locator.serve(Self.pytorch + "/cu128", "xformers", Self.xformersWheels, requires: Self.xformersRequires)
        let (_, d) = try await Self.decide([Sites.requirement("xformers", "0.0.30")], torch: "2.7.1", cuda: "12.8",
                                           locator: locator)
        // The table pairs 0.0.31.post1 with 2.7.1, but neither index lists it: build it.
        #expect(d.outcome == .sourceBuild)
        #expect(d.probes.first?.detail.contains("0.0.33.post1 requires torch==2.9.0") == true)
        #expect(d.recipe?.version == "0.0.31.post1")
        #expect(d.recipe?.env.contains(.init(name: "FORCE_CUDA", value: "1")) == true)
    }

    @Test func networkFailureLeavesTheExtensionUndecidedAndExitsThree() async throws {
        let locator = FakeWheelLocator()
        locator.failing.insert("https://pypi.org/simple/xformers/")
        let (plan, d) = try await Self.decide([Sites.requirement("xformers", "0.0.31")], torch: "2.8.0", cuda: "12.6",
                                              locator: locator)
        #expect(d.outcome == .unknown)
        #expect(d.networkFailed)
        #expect(d.probes.first?.status == .failed)
        #expect(d.recipe != nil)
        #expect(plan.exitStatus == 3)
    }

    @Test func failureBeforeAHitDoesNotMatter() async throws {
        let locator = FakeWheelLocator()
        locator.failing.insert("https://pypi.org/simple/xformers/")
        locator.serve(Self.pytorch + "/cu126", "xformers", ["xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl"],
                      requires: ["xformers-0.0.32.post2-cp39-abi3-manylinux_2_28_x86_64.whl": ["torch==2.8.0"]])
        let (plan, d) = try await Self.decide([Sites.requirement("xformers", "0.0.31")], torch: "2.8.0", cuda: "12.6",
                                              locator: locator)
        #expect(d.outcome == .wheel)
        #expect(plan.exitStatus == 0)
    }

    @Test func vendorIndexOnlyCountsTheReleasePairedWithTheTorch() async throws {
        let intel = "https://pytorch-extension.intel.com/release-whl/stable/xpu/us"
        let site = Sites.requirement("intel-extension-for-pytorch", "2.5.10+xpu", platform: .xpu, variant: .xpu)
        let locator = FakeWheelLocator()
        locator.serve(intel, "intel-extension-for-pytorch",
                      ["intel_extension_for_pytorch-2.8.10+xpu-cp312-cp312-linux_x86_64.whl"])
        let (_, newer) = try await Self.decide([site], torch: "2.7.0", cuda: "12.8", locator: locator)
        #expect(newer.outcome == .blocked)
        #expect(newer.probes.map(\.status) == [.skipped, .absent])
        locator.serve(intel, "intel-extension-for-pytorch",
                      ["intel_extension_for_pytorch-2.8.10+xpu-cp312-cp312-linux_x86_64.whl",
                       "intel_extension_for_pytorch-2.7.10+xpu-cp312-cp312-linux_x86_64.whl"])
        let (_, paired) = try await Self.decide([site], torch: "2.7.0", cuda: "12.8", locator: locator)
        #expect(paired.outcome == .wheel)
        #expect(paired.wheel?.version == "2.7.10")
        #expect(paired.wheel?.install == [#"uv pip install --system "intel-extension-for-pytorch==2.7.10" --extra-index-url https://pytorch-extension.intel.com/release-whl/stable/xpu/us/"#])
    }

    @Test func testChannelProbesTheTestIndex() async throws {
        let locator = FakeWheelLocator()
        let target = Fixtures.target(torch: "2.8.0", variant: Fixtures.cuda("12.8"), offline: false, channel: .test)
        _ = await Fixtures.planner.plan(sites: [Sites.requirement("torchao", "0.12.0")], target: target, locator: locator)
        #expect(locator.asked.contains("GET https://download.pytorch.org/whl/test/cu128/torchao/"))
    }
}
