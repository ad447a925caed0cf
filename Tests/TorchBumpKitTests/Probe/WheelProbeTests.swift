import Foundation
import Testing
@testable import TorchBumpKit

/// The probe over real HTTP on 127.0.0.1: PyTorch-shaped variant pages, PEP 658 metadata and a PEP 691 PyPI index.
@Suite struct WheelProbeTests {
    static let cu128 = Variant(tag: "cu128")!
    static let rocm = Variant(tag: "rocm6.3")!

    /// torch 2.7.0 (+ torchvision 0.22.0) for cu128 and cpu, Pythons 3.10 and 3.12, with triton 3.3.0 on PyPI.
    func serveRelease(_ server: LoopbackIndexServer, channel: String = "", tritonOnPyPI: Bool = true) async {
        let torchCU = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.10", "3.12"], channel: channel)
        await server.servePyTorchPage("/whl\(channel)/cu128/torch/", links: torchCU,
            metadata: ProbeFixture.metadata(for: torchCU, body: ProbeFixture.torchMetadata(
                "2.7.0+cu128", requires: [ProbeFixture.tritonLinux, "nvidia-cuda-runtime-cu12==12.8.57; platform_system == \"Linux\""])))
        let torchCPU = ProbeFixture.links("torch", "2.7.0", variant: "cpu", pythons: ["3.10", "3.12"], channel: channel)
            + ProbeFixture.links("torch", "2.7.0", variant: "cpu", pythons: ["3.12"], platforms: [ProbeFixture.linuxArm],
                                 channel: channel, label: .some(nil))
        await server.servePyTorchPage("/whl\(channel)/cpu/torch/", links: torchCPU)
        for variant in ["cu128", "cpu"] {
            await server.servePyTorchPage("/whl\(channel)/\(variant)/torchvision/", links: ProbeFixture.links(
                "torchvision", "0.22.0", variant: variant, pythons: ["3.10", "3.12"], channel: channel), package: "torchvision")
        }
        if tritonOnPyPI {
            await server.servePyPIProject(name: "triton", files: [
                ("triton-3.3.0-cp310-cp310-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl", nil),
                ("triton-3.3.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl", nil),
                ("triton-3.2.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl", nil),
            ])
        }
    }

    static let torchAndVision = [ProbePackage(name: "torch", version: "2.7.0"), ProbePackage(name: "torchvision", version: "0.22.0")]

    @Test func everythingPresent() async throws {
        try await withScratchLoopback { server, h in
            await serveRelease(server)
            let spec = ProbeFixture.spec(server, variants: [Self.cu128, .cpu], packages: Self.torchAndVision)
            let report = await WheelProbe(client: h.client()).run(spec)
            #expect(report.outcome == .allPresent, "\(report.renderText())")
            guard case .present(let filename, let sha, let url)? = report.status("torch", Self.cu128, "3.12") else {
                Issue.record("torch cu128 3.12 not present"); return
            }
            #expect(filename == "torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl")
            #expect(sha == SyntheticIndexPage.fakeDigest(filename))
            #expect(url.hasSuffix("/whl/cu128/torch-2.7.0%2Bcu128-cp312-cp312-manylinux_2_28_x86_64.whl"))
            // triton comes from torch's metadata and PyPI; the CPU build requires none.
            let triton = try #require(report.row("triton", Self.cu128))
            #expect(triton.version == "==3.3.0")
            #expect(triton.page.hasSuffix("/simple/triton/"))
            #expect(triton.note?.contains("required by torch's metadata") == true)
            guard case .present(let tf, _, _)? = report.status("triton", Self.cu128, "3.12") else {
                Issue.record("triton missing"); return
            }
            #expect(tf.hasPrefix("triton-3.3.0-cp312"), "the pinned version, not another on the page")
            #expect(report.row("triton", .cpu) == nil)
            let text = report.renderText()
            #expect(text.contains("✓ " + String(sha!.prefix(8))))
            #expect(text.contains("all 10 requested wheels are present"))
        }
    }

    @Test func missingVariantPageIsAFinding() async throws {
        try await withScratchLoopback { server, h in
            await serveRelease(server)
            // Nothing is served for rocm6.3: the server answers 403 like download.pytorch.org.
            let spec = ProbeFixture.spec(server, variants: [Self.cu128, Self.rocm], triton: false)
            let report = await WheelProbe(client: h.client()).run(spec)
            #expect(report.outcome == .incomplete)
            #expect(report.failures.isEmpty, "403 on PyTorch's index means absent, not a failure")
            guard case .missing(let why)? = report.status("torch", Self.rocm, "3.10") else {
                Issue.record("rocm cell should be missing"); return
            }
            #expect(why.contains("/whl/rocm6.3/torch/"))
            #expect(report.status("torch", Self.cu128, "3.10")?.isPresent == true)
            #expect(report.missing.count == 2)
            #expect(report.renderText().contains("2 missing of 4 wheels"))
        }
    }

    @Test func pythonAndArchitectureFiltering() async throws {
        try await withScratchLoopback { server, h in
            // cpu: label-less aarch64 wheel (as PyTorch publishes them), a Windows wheel that must not count for
            // Linux x86_64, and a free-threaded build.
            var links = ProbeFixture.links("torch", "2.7.0", variant: "cpu", pythons: ["3.12", "3.13t"])
            links += ProbeFixture.links("torch", "2.7.0", variant: "cpu", pythons: ["3.12", "3.13"],
                                        platforms: [ProbeFixture.linuxArm], label: .some(nil))
            links += ProbeFixture.links("torch", "2.7.0", variant: "cpu", pythons: ["3.13"], platforms: ["win_amd64"])
            await server.servePyTorchPage("/whl/cpu/torch/", links: links)
            let spec = ProbeFixture.spec(server, variants: [.cpu], pythons: ["3.12", "3.13", "3.13t"],
                                         arches: ["x86_64", "aarch64"], triton: false)
            let report = await WheelProbe(client: h.client()).run(spec)
            #expect(report.status("torch", .cpu, "3.12", "x86_64")?.isPresent == true)
            #expect(report.status("torch", .cpu, "3.13t", "x86_64")?.isPresent == true)
            guard case .missing(let why)? = report.status("torch", .cpu, "3.13", "x86_64") else {
                Issue.record("cp313 x86_64 exists only for Windows: must be missing"); return
            }
            #expect(why.contains("Linux x86_64"))
            guard case .present(let arm, _, _)? = report.status("torch", .cpu, "3.12", "aarch64") else {
                Issue.record("label-less aarch64 CPU wheel not accepted"); return
            }
            #expect(arm == "torch-2.7.0-cp312-cp312-manylinux_2_28_aarch64.whl")
            #expect(report.status("torch", .cpu, "3.13t", "aarch64")?.isMissing == true)
        }
    }

    @Test func abi3TritonAndMarkers() async throws {
        try await withScratchLoopback { server, h in
            let torch = ProbeFixture.links("torch", "2.15.0", variant: "cu132", pythons: ["3.12", "3.13", "3.13t"])
            let requires = "triton~=3.9.0; platform_system == \"Linux\" and python_version < \"3.13\""
            await server.servePyTorchPage("/whl/cu132/torch/", links: torch, metadata: ProbeFixture.metadata(
                for: torch, body: ProbeFixture.torchMetadata("2.15.0+cu132", requires: [requires])))
            await server.servePyPIProject(name: "triton", files: [
                ("triton-3.9.0-cp312-abi3-manylinux_2_28_x86_64.whl", nil),
                ("triton-3.8.0-cp312-cp312-manylinux_2_28_x86_64.whl", nil),
            ])
            let cu132 = Variant(tag: "cu132")!
            let spec = ProbeFixture.spec(server, torch: "2.15.0", variants: [cu132], pythons: ["3.12", "3.13", "3.13t"])
            let report = await WheelProbe(client: h.client()).run(spec)
            guard case .present(let file, _, _)? = report.status("triton", cu132, "3.12") else {
                Issue.record("abi3 triton should serve 3.12"); return
            }
            #expect(file == "triton-3.9.0-cp312-abi3-manylinux_2_28_x86_64.whl")
            // The marker excludes 3.13 and 3.13t: nothing to check there.
            #expect(report.status("triton", cu132, "3.13")?.kind == "not-applicable")
            #expect(report.status("triton", cu132, "3.13t")?.kind == "not-applicable")
            #expect(report.row("triton", cu132)?.version == "~=3.9.0")
            #expect(report.outcome == .allPresent, "\(report.renderText())")
        }
    }

    @Test func rocmTritonComesFromTheVariantIndex() async throws {
        try await withScratchLoopback { server, h in
            let torch = ProbeFixture.links("torch", "2.7.0", variant: "rocm6.3", pythons: ["3.12"])
            let requires = "pytorch-triton-rocm==3.3.0+git96316ce5; platform_system == \"Linux\" and platform_machine == \"x86_64\""
            await server.servePyTorchPage("/whl/rocm6.3/torch/", links: torch, metadata: ProbeFixture.metadata(
                for: torch, body: ProbeFixture.torchMetadata("2.7.0+rocm6.3", requires: [requires])))
            let triton = [ProbeFixture.link("pytorch_triton_rocm", "3.3.0", label: "git96316ce5", python: "cp312-cp312",
                                            directory: "rocm6.3")]
            await server.servePyTorchPage("/whl/rocm6.3/pytorch-triton-rocm/", links: triton, package: "pytorch-triton-rocm")
            let spec = ProbeFixture.spec(server, variants: [Self.rocm], pythons: ["3.12"], arches: ["x86_64", "aarch64"])
            let report = await WheelProbe(client: h.client()).run(spec)
            let row = try #require(report.row("pytorch-triton-rocm", Self.rocm))
            #expect(row.page.hasSuffix("/whl/rocm6.3/pytorch-triton-rocm/"))
            #expect(report.status("pytorch-triton-rocm", Self.rocm, "3.12")?.isPresent == true)
            #expect(report.status("torch", Self.rocm, "3.12", "aarch64")?.kind == "not-applicable")
            #expect(report.outcome == .allPresent, "\(report.renderText())")
        }
    }

    @Test func withoutMetadataTheMatrixPinIsUsed() async throws {
        try await withScratchLoopback { server, h in
            let torch = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.12"], metadata: false)
            await server.servePyTorchPage("/whl/cu128/torch/", links: torch)
            await server.servePyPIProject(name: "triton", files: [("triton-3.3.0-cp312-cp312-manylinux_2_28_x86_64.whl", nil)])
            let spec = ProbeFixture.spec(server, variants: [Self.cu128], pythons: ["3.12"])
            let report = await WheelProbe(client: h.client()).run(spec)
            let row = try #require(report.row("triton", Self.cu128))
            #expect(row.note?.contains("release matrix") == true)
            #expect(report.status("triton", Self.cu128, "3.12")?.isPresent == true)
        }
    }

    @Test func garbageTorchMetadataIsADiagnosticNotACrash() async throws {
        try await withScratchLoopback { server, h in
            let torch = ProbeFixture.links("torch", "2.7.0", variant: "cu128", pythons: ["3.12"])
            await server.servePyTorchPage("/whl/cu128/torch/", links: torch,
                                          metadata: ProbeFixture.metadata(for: torch, body: "\u{0}\u{1}garbage"))
            await server.servePyPIProject(name: "triton", files: [("triton-3.3.0-cp312-cp312-manylinux_2_28_x86_64.whl", nil)])
            let report = await WheelProbe(client: h.client()).run(ProbeFixture.spec(server, variants: [Self.cu128], pythons: ["3.12"]))
            #expect(report.failures.isEmpty)
            #expect(report.diagnostics.contains { $0.message.contains(".whl.metadata") && $0.message.contains("release matrix") })
            #expect(report.status("triton", Self.cu128, "3.12")?.isPresent == true)
        }
    }

    @Test func torchaudioFreezeProbesTheHeldRelease() async throws {
        try await withScratchLoopback { server, h in
            let cu130 = Variant(tag: "cu130")!
            await server.servePyTorchPage("/whl/cu130/torch/", links: ProbeFixture.links(
                "torch", "2.12.0", variant: "cu130", pythons: ["3.12"]))
            await server.servePyTorchPage("/whl/cu130/torchvision/", links: ProbeFixture.links(
                "torchvision", "0.27.0", variant: "cu130", pythons: ["3.12"]), package: "torchvision")
            // Only the frozen 2.11.0 exists; there is no torchaudio 2.12.0.
            await server.servePyTorchPage("/whl/cu130/torchaudio/", links: ProbeFixture.links(
                "torchaudio", "2.11.0", variant: "cu130", pythons: ["3.12"]), package: "torchaudio")
            let request = ProbeRequest(torch: "2.12.0", variants: [cu130], pythons: ["3.12"],
                                       pytorchBase: server.url("/whl").absoluteString)
            var (spec, _) = try request.resolve(matrix: try ReleaseMatrix.bundled())
            spec.includeTriton = false
            let report = await WheelProbe(client: h.client()).run(spec)
            let audio = try #require(report.row("torchaudio", cu130))
            #expect(audio.version == "2.11.0")
            #expect(audio.note?.contains("froze") == true)
            #expect(report.status("torchaudio", cu130, "3.12")?.isPresent == true)
            #expect(report.outcome == .allPresent, "\(report.renderText())")
            #expect(report.renderText().contains("torchaudio 2.11.0  (held at 2.11.0"))
        }
    }
}
