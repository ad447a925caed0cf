import Testing
@testable import TorchBumpKit

/// Offline decisions: tables only, every location "not probed (offline)".
@Suite struct ExtensionPlannerOfflineTests {
    static func decide(_ sites: [PinSite], torch: String, cuda: String = "12.8", pythons: [String] = ["3.12"])
        throws -> (ExtensionPlan, ExtensionDecision)
    {
        let plan = Fixtures.planner.plan(sites: sites, target: Fixtures.target(torch: torch, variant: Fixtures.cuda(cuda),
                                                                              pythons: pythons))
        return (plan, try #require(plan.decisions.first))
    }

    @Test func wheelOnPyPI() throws {
        let (plan, d) = try Self.decide([Sites.requirement("xformers", "0.0.31")], torch: "2.8.0", cuda: "12.8")
        #expect(d.outcome == .wheel)
        #expect(d.release?.version == "0.0.32.post2")
        #expect(d.probes.map(\.status) == [.listed, .listed])
        #expect(d.probes.allSatisfy { $0.detail.hasSuffix("not probed (offline)") })
        #expect(d.wheel?.label == "pypi.org/simple")
        #expect(d.wheel?.verified == false)
        #expect(d.wheel?.install == [#"uv pip install --system "xformers==0.0.32.post2""#])
        #expect(plan.exitStatus == 0)
    }

    @Test func wheelOnlyOnThePyTorchVariantIndex() throws {
        let (_, d) = try Self.decide([Sites.requirement("xformers", "0.0.31")], torch: "2.8.0", cuda: "12.6")
        #expect(d.outcome == .wheel)
        #expect(d.probes.map(\.status) == [.notListed, .listed])
        #expect(d.probes.first?.detail.contains("cu128 build, not cu126") == true)
        #expect(d.wheel?.label == "download.pytorch.org/whl/cu126")
        #expect(d.wheel?.install.first?.hasSuffix("--index-url https://download.pytorch.org/whl/cu126") == true)
    }

    @Test func wheelOnlyOnTheProjectIndex() throws {
        let (_, d) = try Self.decide([Sites.requirement("flashinfer-python", "0.2.6.post1+cu126torch2.6")], torch: "2.7.1", cuda: "12.8")
        #expect(d.outcome == .wheel)
        #expect(d.probes.map(\.kind) == [.pytorchIndex, .projectIndex])
        #expect(d.probes.map(\.status) == [.unknown, .listed])
        #expect(d.wheel?.label == "flashinfer.ai/whl/cu128/torch2.7")
        #expect(d.wheel?.install.first?.contains("--extra-index-url https://flashinfer.ai/whl/cu128/torch2.7/") == true)
        #expect(d.release?.version == "0.2.6.post1")
    }

    @Test func flashInferPinBelowTheBuiltRangeMovesToItsFirstTag() throws {
        let (_, d) = try Self.decide([Sites.requirement("flashinfer-python", "0.2.3+cu126torch2.6")], torch: "2.7.1", cuda: "12.8")
        #expect(d.release?.version == "0.2.6.post1")
        #expect(d.outcome == .wheel)
    }

    @Test func gitHubAssetNameIsComputedAndNotListedLeadsToARecipe() throws {
        let (plan, d) = try Self.decide([Sites.requirement("mamba-ssm", "2.2.4")], torch: "2.11.0", cuda: "13.0")
        #expect(d.outcome == .sourceBuild)
        #expect(d.probes.map(\.status) == [.notListed, .notListed])
        let asset = try #require(d.probes.last?.urls.first)
        #expect(asset == "https://github.com/state-spaces/mamba/releases/download/v2.3.2.post1/"
            + "mamba_ssm-2.3.2.post1%2Bcu13torch2.11cxx11abiTRUE-cp312-cp312-linux_x86_64.whl")
        let recipe = try #require(d.recipe)
        #expect(recipe.version == "2.3.2.post1")
        #expect(recipe.env.contains(.init(name: "MAMBA_FORCE_BUILD", value: "TRUE")))
        #expect(recipe.archEnv == nil)
        #expect(recipe.steps == [#"uv pip install --system --no-build-isolation --reinstall-package mamba-ssm "git+https://github.com/state-spaces/mamba.git@v2.3.2.post1""#])
        #expect(plan.exitStatus == 1)
    }

    @Test func gitHubAssetListedForTheTorchMinor() throws {
        let (_, d) = try Self.decide([Sites.requirement("flash-attn", "2.7.4.post1")], torch: "2.6.0", cuda: "12.4",
                                     pythons: ["3.10", "3.12"])
        #expect(d.outcome == .wheel)
        #expect(d.release?.version == "2.8.3.post1")
        #expect(d.wheel?.install.count == 2)
        #expect(d.wheel?.install.first?.contains("flash_attn-2.8.3.post1%2Bcu12torch2.6cxx11abiFALSE-cp310-cp310-linux_x86_64.whl") == true)
    }

    @Test func pythonOutsideTheTableIsNotListed() throws {
        let (_, d) = try Self.decide([Sites.requirement("flash-attn", "2.8.3")], torch: "2.8.0", cuda: "12.8",
                                     pythons: ["3.14"])
        #expect(d.outcome == .sourceBuild)
        #expect(d.probes.last?.detail.contains("not 3.14") == true)
    }

    @Test func noReleaseForTheTorchGivesARecipe() throws {
        let (_, d) = try Self.decide([Sites.requirement("torchao", "0.14.1"), Sites.archList("7.5 8.0 9.0")],
                                     torch: "2.10.0", cuda: "12.8")
        #expect(d.outcome == .sourceBuild)
        #expect(d.release == nil)
        #expect(d.reason.contains("no torchao release is known for torch 2.10.0"))
        let recipe = try #require(d.recipe)
        #expect(recipe.version == "0.15.0")  // newest made for torch ≤ 2.10 (0.18.0 targets 2.11)
        #expect(recipe.env.first == .init(name: "TORCH_CUDA_ARCH_LIST", value: "7.5 8.0 9.0"))
        #expect(recipe.shellCommand == #"TORCH_CUDA_ARCH_LIST="7.5 8.0 9.0" MAX_JOBS=4 uv pip install --system --no-build-isolation --reinstall-package torchao "git+https://github.com/pytorch/ao.git@v0.15.0""#)
    }

    @Test func noTableMeansUndecidedWithAFallbackRecipe() throws {
        let (plan, d) = try Self.decide([Sites.requirement("causal-conv1d", "1.5.2")], torch: "2.9.0")
        #expect(d.outcome == .unknown)
        #expect(d.probes.last?.status == .unknown)
        #expect(d.recipe?.version == "1.5.2")
        #expect(d.recipe?.env.contains(.init(name: "CAUSAL_CONV1D_FORCE_BUILD", value: "TRUE")) == true)
        #expect(plan.exitStatus == 1)
    }

    @Test func flashInferAOTBuildForANewTorchWithTheRenamedVariable() throws {
        let sites = [Sites.requirement("flashinfer-python", "0.3.1+cu126torch2.6"), Sites.archList("7.0 7.5 8.0 9.0 10.0 12.0")]
        let (_, d) = try Self.decide(sites, torch: "2.9.0", cuda: "12.8")
        #expect(d.outcome == .sourceBuild)
        let recipe = try #require(d.recipe)
        #expect(recipe.archEnv == "FLASHINFER_CUDA_ARCH_LIST")
        #expect(recipe.env.first == .init(name: "FLASHINFER_CUDA_ARCH_LIST", value: "7.5 8.0 9.0 10.0 12.0"))
        #expect(recipe.steps == [
            "git clone --recursive --branch v0.3.1 https://github.com/flashinfer-ai/flashinfer.git /tmp/flashinfer",
            "cd /tmp/flashinfer", "python3 -m flashinfer.aot",
            "uv pip install --system --no-build-isolation --reinstall-package flashinfer-python .",
        ])
        #expect(recipe.shellCommand.hasPrefix(#"export FLASHINFER_CUDA_ARCH_LIST="7.5 8.0 9.0 10.0 12.0" MAX_JOBS=4 && git clone"#))
        #expect(d.notes.contains { $0.contains("≥ 0.5 is torch-agnostic") })
    }

    @Test func perTorchIndexWithoutAVersionIsUndecided() throws {
        let index = PinSite(path: "requirements/cuda.txt", file: .requirements, kind: .indexURL,
                            subject: "flashinfer-python", value: "https://flashinfer.ai/whl/cu124/torch2.6/",
                            span: Span(0, 1), line: 1, column: 1, name: "--extra-index-url")
        let (plan, d) = try Self.decide([index], torch: "2.7.1")
        #expect(d.outcome == .unknown)
        #expect(d.recipe == nil)
        #expect(d.reason.contains("no version is pinned"))
        #expect(d.notes.contains { $0.contains("an index for torch 2.6; the target is torch 2.7") })
        #expect(plan.exitStatus == 1)
        let (_, pinned) = try Self.decide([index, Sites.requirement("flashinfer-python", "0.2.6.post1")], torch: "2.7.1")
        #expect(pinned.outcome == .wheel)
        #expect(pinned.notes.contains { $0.contains("requirements/cuda.txt:1 installs from https://flashinfer.ai/whl/cu124/torch2.6/") })
    }

    /// PyPI ships FlashInfer 0.2–0.3 as a JIT package: a plain pin is not built against torch, but the same pin
    /// installed with a per-torch index, a `+cuXXXtorchX.Y` label or a release-asset URL is.
    @Test func flashInferFromPyPIIsTheJITPackage() throws {
        for pins in [[Sites.requirement("flashinfer-python", "0.3.1")],
                     [Sites.requirement("flashinfer-python", "0.2.6.post1"), Sites.requirement("flashinfer-jit-cache", "0.2.6.post1", line: 2)]] {
            let (plan, d) = try Self.decide(pins, torch: "2.9.0", cuda: "12.8")
            #expect(d.outcome == .noBuildNeeded)
            #expect(d.reason.contains("installed from PyPI, where this release is the JIT package"))
            #expect(d.recipe == nil)
            #expect(plan.exitStatus == 0)
        }
        let aot = try Self.decide([Sites.requirement("flashinfer-python", "0.3.1+cu128torch2.8")], torch: "2.9.0").1
        #expect(aot.outcome != .noBuildNeeded)
        let wheel = PinSite(path: "docker/Dockerfile", file: .dockerfile, kind: .wheelURL, subject: "flashinfer-python",
                            value: "https://github.com/flashinfer-ai/flashinfer/releases/download/v0.2.6.post1/flashinfer_python-0.2.6.post1+cu128torch2.7-cp39-abi3-linux_x86_64.whl",
                            span: Span(0, 1), line: 9, column: 1)
        let asset = try Self.decide([Sites.requirement("flashinfer-python", "0.2.6.post1"), wheel], torch: "2.9.0").1
        #expect(asset.outcome != .noBuildNeeded)
    }

    @Test func torchAgnosticExtensionsNeedNoBuild() throws {
        let plan = Fixtures.planner.plan(
            sites: [Sites.requirement("flashinfer-python", "0.6.1"), Sites.requirement("flashinfer-jit-cache", "0.6.1"),
                    Sites.requirement("bitsandbytes", "0.45.3")],
            target: Fixtures.target(torch: "2.10.0", variant: Fixtures.cuda("13.0")))
        #expect(plan.decisions.map(\.name) == ["flashinfer-python", "bitsandbytes"])
        #expect(plan.decisions.allSatisfy { $0.outcome == .noBuildNeeded && $0.recipe == nil && $0.release == nil })
        #expect(plan.exitStatus == 0)
    }

    @Test(arguments: [("2.9.0", ExtensionOutcome.blocked), ("2.8.0", .wheel)])
    func vendorExtensionIsBlockedAfterItsLastTorch(torch: String, outcome: ExtensionOutcome) throws {
        let site = Sites.requirement("intel-extension-for-pytorch", "2.8.10+xpu", path: "requirements/xpu.txt",
                                     platform: .xpu, variant: .xpu)
        let (_, d) = try Self.decide([site], torch: torch)
        #expect(d.variant == .xpu)
        #expect(d.outcome == outcome)
        #expect(d.recipe == nil)
        if outcome == .blocked {
            #expect(d.reason.hasPrefix("blocked on vendor release"))
        } else {
            #expect(d.release?.version == "2.8.10+xpu")
            #expect(d.probes.map(\.status) == [.skipped, .listed])
        }
    }

    @Test func sourceOnlyExtensionBuildsThePinnedCommit() throws {
        let (_, d) = try Self.decide([Sites.gitRef("deep-gemm", "0f5f2662027f0db05d4e3f6a94e56e2d8fc45c51")],
                                     torch: "2.9.0", cuda: "12.6")
        #expect(d.outcome == .sourceBuild)
        let recipe = try #require(d.recipe)
        #expect(recipe.ref == "0f5f2662027f0db05d4e3f6a94e56e2d8fc45c51")
        #expect(recipe.steps.contains("git checkout 0f5f2662027f0db05d4e3f6a94e56e2d8fc45c51"))
        #expect(recipe.env.first == .init(name: "TORCH_CUDA_ARCH_LIST", value: "9.0a"))
        #expect(recipe.notes.contains { $0.contains("CUDA ≥ 12.8") })
    }

    @Test func apexWithoutARefBuildsTheDefaultBranchAndSaysSo() throws {
        let (_, d) = try Self.decide([Sites.gitRef("apex", "master")], torch: "2.9.0")
        let recipe = try #require(d.recipe)
        #expect(recipe.ref == "master")
        #expect(recipe.steps.first?.hasSuffix(#"-C--build-option=--cpp_ext -C--build-option=--cuda_ext "git+https://github.com/NVIDIA/apex.git@master""#) == true)
        let (_, bare) = try Self.decide([PinSite(path: "setup.py", file: .python, kind: .indexURL, subject: "apex",
                                                 value: "x", span: Span(0, 1), line: 1, column: 1)], torch: "2.9.0")
        #expect(bare.recipe?.ref == nil)
        #expect(bare.recipe?.notes.contains { $0.contains("default branch") } == true)
    }

    @Test func usagesIgnoreDocsCommentsAndDisabledPins() {
        var doc = Sites.requirement("xformers", "0.0.30")
        doc.role = .doc
        var disabled = Sites.requirement("flash-attn", "2.8.3")
        disabled.role = .disabled
        let usages = ExtensionUsage.find(in: [doc, disabled, Sites.requirement("torch", "2.7.0")], catalog: Fixtures.catalog)
        #expect(usages.isEmpty)
    }

    @Test func usageVersionComesFromPinsRefsAndWheelURLs() {
        let wheel = PinSite(path: "Dockerfile", file: .dockerfile, kind: .wheelURL, subject: "flash-attn",
                            value: "https://github.com/Dao-AILab/flash-attention/releases/download/v2.8.3/flash_attn-2.8.3%2Bcu12torch2.8cxx11abiTRUE-cp312-cp312-linux_x86_64.whl",
                            span: Span(0, 1), line: 7, column: 1)
        let usages = ExtensionUsage.find(
            in: [Sites.gitRef("flashinfer-python", "v0.2.6.post1"), Sites.requirement("flashinfer_python", "0.2.6.post1"),
                 wheel, Sites.requirement("xformers", "0.0.30", held: "# newer xformers regress")],
            catalog: Fixtures.catalog)
        #expect(usages.map(\.name) == ["flashinfer-python", "xformers", "flash-attn"])
        #expect(usages.map(\.currentVersion) == ["0.2.6.post1", "0.0.30", "2.8.3"])
        #expect(usages[1].heldReasons == ["# newer xformers regress"])
    }

    @Test func planWithoutExtensionsSaysSoAndExitsZero() {
        let plan = Fixtures.planner.plan(sites: [Sites.requirement("torch", "2.7.0")],
                                         target: Fixtures.target(torch: "2.8.0", variant: Fixtures.cuda("12.8")))
        #expect(plan.decisions.isEmpty)
        #expect(plan.exitStatus == 0)
        #expect(plan.diagnostics.contains { $0.message.contains("no torch-compiled extension") })
    }
}
