import Foundation
import Testing
@testable import TorchBumpKit

/// aarch64 builds beside an x86 default, and `nvidia/cuda` base images whose OS has no images for the new CUDA.
@Suite("Planner: other architectures and base image OS")
struct PlannerArchitectureTests {
    static let pipeline = """
        steps:
          # aarch64 CUDA wheels for this torch exist only for CUDA 12.9
          - label: "Build arm64 wheel - CUDA 12.9"
            id: build-wheel-arm64-cuda-12-9
            agents:
              queue: arm64_queue
            commands:
              - "docker build --build-arg CUDA_VERSION=12.9.1 --build-arg torch_cuda_arch_list='9.0 10.0 10.1 12.0+PTX' -f docker/Dockerfile ."
          - label: "Build wheel - CUDA 12.8"
            id: build-wheel-cuda-12-8
            commands:
              - "docker build --build-arg CUDA_VERSION=12.8.1 -f docker/Dockerfile ."
          - block: "Build CUDA 12.9 wheel"
            key: block-build-cu129-wheel
          - label: "Build wheel - CUDA 12.9"
            depends_on: block-build-cu129-wheel
            id: build-wheel-cuda-12-9
            commands:
              - "docker build --build-arg CUDA_VERSION=12.9.1 -f docker/Dockerfile ."
          - label: "Release image (x86)"
            id: image-x86
            commands:
              - "docker build --build-arg CUDA_VERSION=12.8.1 --tag repo:$COMMIT-x86_64 -f docker/Dockerfile ."
          - label: "Release image (arm64)"
            id: image-arm64
            agents:
              queue: arm64_queue
            commands:
              - "docker build --build-arg CUDA_VERSION=12.9.1 --tag repo:$COMMIT-aarch64 -f docker/Dockerfile ."
          - label: "Manifest"
            depends_on:
              - image-x86
              - image-arm64
            commands:
              - "docker manifest create repo:$COMMIT repo:$COMMIT-x86_64 repo:$COMMIT-aarch64"

        """

    static let repo: [String: String] = [
        "requirements/cuda.txt": "torch==2.8.0\n",
        "docker/Dockerfile": """
            ARG CUDA_VERSION=12.8.1
            ARG BUILD_BASE_IMAGE=nvidia/cuda:${CUDA_VERSION}-devel-ubuntu20.04
            FROM ${BUILD_BASE_IMAGE} AS build
            FROM nvidia/cuda:${CUDA_VERSION}-base-ubuntu22.04 AS final

            """,
        ".buildkite/release-pipeline.yaml": pipeline,
        "docs/install.md": "aarch64 (GH200) wheels are built with CUDA 12.9 only.\n",
    ]

    static func line(_ text: String?, _ n: Int) -> String { (text ?? "").components(separatedBy: "\n")[n - 1] }

    @Test func theX86RoleSwapLeavesTheAarch64BuildsOnTheNewDefault() throws {
        let fixture = try PlanFixture(Self.repo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "12.9"))
        let pipeline = try #require(files[".buildkite/release-pipeline.yaml"])
        let original = Self.pipeline
        for n in [2, 3, 4, 8, 24, 25, 29] {
            #expect(Self.line(pipeline, n) == Self.line(original, n), "line \(n) belongs to an aarch64 build")
        }
        #expect(Self.line(pipeline, 12).contains("CUDA_VERSION=12.9.1"), "the x86 default moves to 12.9")
        #expect(Self.line(pipeline, 19).contains("CUDA_VERSION=12.8.1"), "the gated x86 build takes 12.8")
        #expect(Self.line(pipeline, 14) == "    key: block-build-cu128-wheel")
        #expect(files["docs/install.md"] == nil)
        #expect(!plan.notes.contains { $0.message.contains("multi-arch manifest") }, "both images end on 12.9")
        #expect(plan.notes.contains { $0.kind == .attention && $0.location?.line == 2 && $0.message.contains("written for torch 2.8.0") })
    }

    @Test func aMoveToCUDA13ReportsTheAarch64BuildsTheManifestAndTheUbuntu2004Image() throws {
        let fixture = try PlanFixture(Self.repo)
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(Self.line(files[".buildkite/release-pipeline.yaml"], 8) == Self.line(Self.pipeline, 8))
        let attention = plan.notes.filter { $0.kind == .attention }
        let arm = try #require(attention.first { $0.message.hasPrefix("aarch64 builds stay on CUDA 12.9") })
        #expect(arm.location?.line == 2 && arm.location?.path == ".buildkite/release-pipeline.yaml")
        #expect(arm.message.contains("(:8, :29)") && arm.message.contains("'9.0 10.0 11.0 12.0+PTX'")
                && arm.message.contains("docs/install.md:1"))
        #expect(attention.contains { $0.location?.line == 35 && $0.message.contains("pair images built with CUDA 12.9 and 13.0") })
        let image = try #require(attention.first { $0.location?.path == "docker/Dockerfile" && $0.message.contains("ubuntu20.04") })
        #expect(image.location?.line == 2)
        #expect(image.message.contains("ubuntu22.04 or ubuntu24.04") && image.message.contains("glibc 2.35 instead of 2.31"))
        #expect(!attention.contains { $0.location?.path == "docker/Dockerfile" && $0.location?.line == 4 }, "22.04 has CUDA 13 images")
    }

    @Test func aLiteralImageTagIsCheckedToo() throws {
        let fixture = try PlanFixture([
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:12.8.1-cudnn-devel-ubuntu20.04\n",
        ])
        let (plan, files) = try fixture.result(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(files["docker/Dockerfile"]?.contains("nvidia/cuda:13.0.2-cudnn-devel-ubuntu20.04") == true)
        #expect(plan.notes.contains { $0.kind == .attention && $0.location?.line == 2 && $0.message.contains("no CUDA 13.0 images for ubuntu20.04") })
        let stays = try PlanFixture([
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:12.8.1-cudnn-devel-ubuntu20.04\n",
        ]).result(UpgradeTarget(torch: "2.9.0", cuda: "12.9"))
        #expect(!stays.plan.notes.contains { $0.message.contains("nvidia/cuda publishes no") }, "20.04 has CUDA 12.9 images")
    }

    @Test(arguments: [
        ("FROM nvidia/cuda:12.8.1-devel-ubuntu20.04 AS base", "ubuntu20.04"),
        ("ARG BASE=nvidia/cuda:${CUDA_VERSION}-cudnn-runtime-ubuntu24.04", "ubuntu24.04"),
        ("image: \"nvidia/cuda:12.8.1-devel-rockylinux9\"", "rockylinux9"),
        ("FROM nvidia/cuda:12.8.1-devel-ubuntu${UBUNTU_VERSION}", nil),
        ("FROM nvidia/cuda:12.8.1", nil),
    ] as [(String, String?)])
    func imageOSFromTheTag(_ text: String, _ os: String?) throws {
        let file = SourceFile(path: "Dockerfile", text: text + "\n")
        let site = try #require(DockerfileScanner().scan(file, context: ScanContext()).sites.first { $0.kind == .image }
            ?? CIYAMLScanner().scan(SourceFile(path: ".github/workflows/x.yml", text: text + "\n"), context: ScanContext()).sites.first { $0.kind == .image })
        let source = site.path == "Dockerfile" ? file : SourceFile(path: site.path, text: text + "\n")
        #expect(PlanBuilder.imageOS(source, after: site) == os)
    }
}
