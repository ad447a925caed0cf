import Testing
@testable import TorchBumpKit

/// When CI builds its ROCm image from a vendor image (`rocm/pytorch:rocm6.3_…_2.8.0`), the CI identifiers derived
/// from it stay with the image while the bare-metal installs move (review 4, P1 2, P2 13/18, P3 24); build and push
/// tags of one image move together (P1 1); Compose build args follow the plan (P1 8); an index computed from a
/// variant ARG follows the channel (P1 9).
@Suite("Planner: vendor ROCm image and image tags")
struct VendorROCmImagePlanTests {
    static let files: [String: String] = [
        "pyproject.toml": "[project]\nname = \"visionplat\"\nversion = \"1.0\"\ndependencies = [\"torch>=2.8\"]\n",
        "requirements/cuda.txt": "--extra-index-url https://download.pytorch.org/whl/cu126\ntorch==2.8.0\n",
        "requirements/rocm.txt": "--extra-index-url https://download.pytorch.org/whl/rocm6.3\ntorch==2.8.0\n",
        "docker/Dockerfile.rocm": "FROM rocm/pytorch:rocm6.3_ubuntu22.04_py3.10_pytorch_release_2.8.0\n",
        "docker/Dockerfile.cuda": """
            ARG CUDA_VERSION=12.6.3
            FROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04
            ARG TORCH_VERSION=2.8.0
            ARG TORCH_VARIANT=cu126
            RUN python${PYTHON_VERSION} -m pip install "torch==${TORCH_VERSION}" \\
                    --index-url "https://download.pytorch.org/whl/${TORCH_VARIANT}"

            """,
        ".buildkite/pipeline.yml": """
            steps:
              - label: "Build image - CUDA 12.6"
                command: >-
                  docker build -f docker/Dockerfile.cuda --build-arg TORCH_VARIANT=cu126
                  -t ${IMAGE_REPO}:cu126-${BUILDKITE_COMMIT} .
                  && docker push ${IMAGE_REPO}:cu126-${BUILDKITE_COMMIT}
              - label: "Build image - ROCm 6.3"
                command: >-
                  docker build -f docker/Dockerfile.rocm -t ${IMAGE_REPO}:rocm6.3-${BUILDKITE_COMMIT} .
                  && docker push ${IMAGE_REPO}:rocm6.3-${BUILDKITE_COMMIT}
              - label: "tests"
                command: run_tests.sh "{{matrix.platform}}"
                matrix:
                  setup:
                    platform:
                      - "cu126"
                      - "rocm6.3"

            """,
        "docker-compose.yml": """
            services:
              train-cuda:
                image: visionplat/train:torch2.8.0-cu126
                build:
                  dockerfile: docker/Dockerfile.cuda
                  args:
                    CUDA_VERSION: "12.6.3"
                    TORCH_VERSION: "2.8.0"
                    TORCH_VARIANT: cu126
              train-rocm:
                image: visionplat/train:torch2.8.0-rocm6.3
                build:
                  dockerfile: docker/Dockerfile.rocm

            """,
        "docs/install.md": "Bare metal: ROCm 6.3.\n\nThe ROCm image is based on `rocm/pytorch` with torch 2.8.0.\n",
    ]

    @Test func minorReleaseHoldsTheImagePathAndMovesBareMetal() throws {
        let (plan, files) = try PlanFixture(Self.files).result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["requirements/rocm.txt"]?.contains("/whl/rocm6.4\ntorch==2.9.0") == true)
        #expect(files[".buildkite/pipeline.yml"]?.contains("rocm6.4") != true)
        #expect(files[".buildkite/pipeline.yml"]?.contains("ROCm 6.4") != true)
        let compose = try #require(files["docker-compose.yml"])
        #expect(compose.contains("image: visionplat/train:torch2.9.0-cu126\n"))
        #expect(compose.contains("TORCH_VERSION: \"2.9.0\""))
        #expect(compose.contains("image: visionplat/train:torch2.8.0-rocm6.3\n"))
        #expect(files["docker/Dockerfile.rocm"] == nil)
        #expect(files["docs/install.md"]?.contains("torch 2.8.0") ?? true)
        #expect(files["docs/install.md"]?.contains("ROCm 6.4.") == true)
        #expect(plan.notes.contains { $0.kind == .attention && $0.message.hasPrefix("ROCm image path held at 6.3") })
        #expect(plan.notes.contains { $0.kind == .unchanged && $0.location?.path == ".buildkite/pipeline.yml"
            && $0.message.contains("stays with the vendor image docker/Dockerfile.rocm:1") })
    }

    @Test func cudaMoveRenamesBuildAndPushTogether() throws {
        var target = UpgradeTarget(torch: "2.9.0")
        target.cuda = "12.8"
        let (_, files) = try PlanFixture(Self.files).result(target)
        let pipeline = try #require(files[".buildkite/pipeline.yml"])
        #expect(pipeline.contains("-t ${IMAGE_REPO}:cu128-${BUILDKITE_COMMIT} .\n      && docker push ${IMAGE_REPO}:cu128-${BUILDKITE_COMMIT}"))
        #expect(!pipeline.contains("cu126"))
        let compose = try #require(files["docker-compose.yml"])
        #expect(compose.contains("torch2.9.0-cu128") && compose.contains("\"12.8.1\"") && compose.contains("TORCH_VARIANT: cu128"))
    }

    @Test func variantComputedIndexFollowsTheChannel() throws {
        var target = UpgradeTarget(torch: "2.9.0")
        target.channel = .test
        let fixture = try PlanFixture(Self.files)
        let (_, files) = try fixture.result(target)
        #expect(files["docker/Dockerfile.cuda"]?.contains("\"https://download.pytorch.org/whl/test/${TORCH_VARIANT}\"") == true)
        // Back at GA (the committed RC state with `--channel release`).
        var rc = Self.files
        rc["docker/Dockerfile.cuda"] = try #require(files["docker/Dockerfile.cuda"])
        var release = UpgradeTarget(torch: "2.9.0")
        release.channel = .release
        let (_, ga) = try PlanFixture(rc).result(release)
        #expect(ga["docker/Dockerfile.cuda"]?.contains("\"https://download.pytorch.org/whl/${TORCH_VARIANT}\"") == true)
    }

    @Test func rerunAfterTheMoveStillReportsTheStaleVendorImage() throws {
        var moved = Self.files
        moved["requirements/rocm.txt"] = "--extra-index-url https://download.pytorch.org/whl/rocm6.4\ntorch==2.9.0\n"
        moved["requirements/cuda.txt"] = "--extra-index-url https://download.pytorch.org/whl/cu126\ntorch==2.9.0\n"
        let plan = try PlanFixture(moved).plan(UpgradeTarget(torch: "2.9.0"))
        #expect(plan.notes.contains { $0.kind == .attention && $0.location?.path == "docker/Dockerfile.rocm"
            && $0.message.contains("ROCm 6.3 (bare-metal installs: 6.4)") })
        #expect(plan.notes.contains { $0.kind == .attention && $0.location?.path == "docker/Dockerfile.rocm"
            && $0.message.contains("torch 2.8.0") })
    }
}
