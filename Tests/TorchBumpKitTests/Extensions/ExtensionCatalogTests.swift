import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct ExtensionCatalogTests {
    @Test func bundledCatalogueHasEveryExtensionOfTheIssue() throws {
        let names = Fixtures.catalog.entries.map(\.name)
        #expect(names == ["flashinfer-python", "xformers", "mamba-ssm", "causal-conv1d", "flash-attn",
                          "intel-extension-for-pytorch", "torchao", "bitsandbytes", "deep-gemm", "apex"])
    }

    @Test(arguments: [
        ("flashinfer", "flashinfer-python"), ("flashinfer_python", "flashinfer-python"),
        ("flashinfer-jit-cache", "flashinfer-python"), ("flashinfer-cubin", "flashinfer-python"),
        ("intel_extension_for_pytorch", "intel-extension-for-pytorch"), ("DeepGEMM", "deep-gemm"),
        ("Flash_Attn", "flash-attn"), ("mamba_ssm", "mamba-ssm"),
    ])
    func aliasesFindTheirEntry(alias: String, name: String) {
        #expect(Fixtures.catalog.entry(named: alias)?.name == name)
    }

    @Test func unknownNameHasNoEntry() {
        #expect(Fixtures.catalog.entry(named: "torchvision") == nil)
    }

    @Test(arguments: [
        ("0.1.6", TorchCoupling.torchMinor, "TORCH_CUDA_ARCH_LIST" as String?, "flashinfer"),
        ("0.2.3", .torchMinor, "TORCH_CUDA_ARCH_LIST", "flashinfer-python"),
        ("0.2.6.post1", .torchMinor, "TORCH_CUDA_ARCH_LIST", "flashinfer-python"),
        ("0.2.9rc2", .torchMinor, "TORCH_CUDA_ARCH_LIST", "flashinfer-python"),
        ("0.3.1", .torchMinor, "FLASHINFER_CUDA_ARCH_LIST", "flashinfer-python"),
        ("0.4.1", .none, nil, "flashinfer-python"),
        ("0.7.4", .none, nil, "flashinfer-python"),
    ])
    func flashInferErasByVersion(version: String, coupling: TorchCoupling, archEnv: String?, distribution: String) throws {
        let entry = try #require(Fixtures.catalog.entry(named: "flashinfer-python"))
        let era = try #require(entry.era(for: version))
        #expect(era.coupling == coupling)
        if coupling != .none { #expect(era.recipe?.archEnv == archEnv) }
        #expect((era.distribution ?? entry.name) == distribution)
    }

    @Test func aotErasRunTheAOTStepFrom026() throws {
        let entry = try #require(Fixtures.catalog.entry(named: "flashinfer-python"))
        #expect(entry.era(for: "0.2.5")?.recipe?.steps.contains { $0.contains("flashinfer.aot") } == false)
        #expect(entry.era(for: "0.2.5")?.recipe?.env.contains { $0.name == "FLASHINFER_ENABLE_AOT" } == true)
        #expect(entry.era(for: "0.2.6")?.recipe?.steps.contains { $0.contains("flashinfer.aot") } == true)
        #expect(entry.era(for: "0.3.0")?.recipe?.steps.first?.hasPrefix("git clone --recursive") == true)
        #expect(entry.minimumArch == "7.5")
    }

    @Test func everyTemplateUsesKnownPlaceholdersOnly() {
        for entry in Fixtures.catalog.entries {
            for era in entry.eras {
                var templates = era.locations.compactMap(\.url) + era.locations.compactMap(\.filename)
                    + era.locations.compactMap(\.localLabel)
                if let recipe = era.recipe {
                    templates += recipe.steps + [recipe.tagFormat, recipe.git] + recipe.env.map(\.value)
                }
                for template in templates {
                    #expect(TemplateValues.unknownPlaceholders(in: template).isEmpty, "\(entry.name): \(template)")
                }
            }
        }
    }

    @Test func everyBuildableEraBuildsWithoutIsolation() {
        for entry in Fixtures.catalog.entries {
            for era in entry.eras {
                guard let recipe = era.recipe else { continue }
                #expect(recipe.steps.contains { $0.contains("{uv_install}") }, "\(entry.name) \(era.label)")
            }
        }
        #expect(BuildRecipe.uvInstall("x").contains("--no-build-isolation"))
        #expect(BuildRecipe.uvInstall("x").contains("--system"))
    }

    @Test func templateExpansionKeepsShellBracesAndReportsMissingValues() {
        let values = TemplateValues(["version": "1.2"])
        let (text, missing) = values.expand("v{version}-{cuda_tag}-${MAX_JOBS}-{nope}")
        #expect(text == "v1.2-{cuda_tag}-${MAX_JOBS}-{nope}")
        #expect(missing == ["cuda_tag"])
        #expect(TemplateValues.unknownPlaceholders(in: "a{nope}b${SHELL}{version}") == ["nope"])
    }

    @Test func catalogueDocumentErrorsAreReported() {
        #expect(throws: ExtensionError.self) { try ExtensionCatalog(json: Data("{}".utf8)) }
        #expect(throws: ExtensionError.self) {
            try ExtensionCatalog(json: Data(#"{"schema": 1, "entries": [{"name": "x", "eras": []}]}"#.utf8))
        }
        #expect(throws: ExtensionError.self) {
            try ExtensionCatalog(json: Data(#"{"schema": 9, "entries": []}"#.utf8))
        }
    }

    // MARK: - [tool.torchbump.extensions]

    @Test func configOverridesAKnownEntry() throws {
        let (catalog, diagnostics) = Fixtures.catalog.applying(config: [
            "xformers": ["git": "https://github.com/acme/xformers.git", "tag-format": "acme-{version}",
                         "index": "https://wheels.acme.dev/{cuda_tag}/", "build-time": "40 min on 32 cores",
                         "arch-env": "none"],
        ])
        #expect(diagnostics.isEmpty)
        let era = try #require(catalog.entry(named: "xformers")?.eras.first)
        #expect(era.recipe?.git == "https://github.com/acme/xformers.git")
        #expect(era.recipe?.tagFormat == "acme-{version}")
        #expect(era.recipe?.buildTime == "40 min on 32 cores")
        #expect(era.recipe?.archEnv == nil)
        #expect(era.locations.first?.kind == .projectIndex)
        #expect(era.locations.first?.url == "https://wheels.acme.dev/{cuda_tag}/")
        #expect(era.locations.count == 3)
    }

    @Test func configAddsAnUnknownExtension() throws {
        let (catalog, diagnostics) = Fixtures.catalog.applying(config: [
            "my-kernels": ["git": "https://github.com/acme/my-kernels.git"],
            "prebuilt-ops": ["index": "https://wheels.acme.dev/{cuda_tag}/torch{torch_minor}/"],
        ])
        #expect(diagnostics.isEmpty)
        let kernels = try #require(catalog.entry(named: "my_kernels"))
        #expect(kernels.eras.first?.coupling == .sourceOnly)
        #expect(kernels.eras.first?.recipe?.archEnv == "TORCH_CUDA_ARCH_LIST")
        let ops = try #require(catalog.entry(named: "prebuilt-ops"))
        #expect(ops.eras.first?.coupling == .exactTorch)
        #expect(ops.eras.first?.recipe == nil)
    }

    @Test func configProblemsAreWarnings() {
        let (catalog, diagnostics) = Fixtures.catalog.applying(config: [
            "xformers": ["gti": "typo", "tag-format": "v{ver}"],
            "nothing-known": ["build-time": "1 h"],
        ])
        #expect(catalog.entries.count == Fixtures.catalog.entries.count)
        let messages = diagnostics.map(\.message)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(messages.contains { $0.contains("unknown key 'gti'") })
        #expect(messages.contains { $0.contains("{ver}") })
        #expect(messages.contains { $0.contains("nothing-known") && $0.contains("needs `git` or `index`") })
    }
}
