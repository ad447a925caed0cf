import Foundation
import Testing
@testable import TorchBumpKit

/// Images versioned by torch and CUDA move both tokens together or not at all: `pytorch/pytorch` publishes every final
/// release for each of its CUDA variants; a vendor image moves when its vendor publishes one.
@Suite("Planner: torch-versioned images")
struct TorchImagePlanTests {
    static func repo(_ image: String) -> [String: String] {
        [
            "requirements/cuda.txt": "torch==2.8.0\n",
            "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
            ".github/workflows/kernels.yml": """
                name: kernels
                on: [push]
                jobs:
                  build:
                    runs-on: [self-hosted, gpu]
                    container: \(image)
                    steps:
                      - run: python -c "import torch"

                """,
        ]
    }

    @Test(arguments: [
        (["--torch", "2.9.0"], "pytorch/pytorch:2.9.0-cuda12.8-cudnn9-devel"),
        (["--torch", "2.9.0", "--cuda", "13.0"], "pytorch/pytorch:2.9.0-cuda13.0-cudnn9-devel"),
        (["--torch", "2.9.0", "--channel", "test"], "pytorch/pytorch:2.8.0-cuda12.8-cudnn9-devel"),
    ])
    func officialImage(args: [String], expected: String) throws {
        let fixture = try PlanFixture(Self.repo("pytorch/pytorch:2.8.0-cuda12.8-cudnn9-devel"))
        var target = UpgradeTarget(torch: args[1])
        if let i = args.firstIndex(of: "--cuda") { target.cuda = args[i + 1] }
        if args.contains("test") { target.channel = .test }
        let (plan, files) = try fixture.result(target)
        let workflow = files[".github/workflows/kernels.yml"] ?? Self.repo("pytorch/pytorch:2.8.0-cuda12.8-cudnn9-devel")[".github/workflows/kernels.yml"]!
        #expect(workflow.contains("container: \(expected)\n"))
        if target.channel == .test {
            #expect(plan.notes.contains { $0.message.contains("image tag names torch 2.8.0") })
        }
    }

    @Test func vendorImageWaitsForItsVendor() throws {
        let fixture = try PlanFixture(Self.repo("acme/torch-base:torch2.8.0-cuda12.8"))
        var target = UpgradeTarget(torch: "2.9.0")
        target.cuda = "13.0"
        let (plan, files) = try fixture.result(target)
        #expect(files[".github/workflows/kernels.yml"] == nil)
        #expect(plan.notes.contains { $0.message.contains("move it when a matching image for torch 2.9.0 and CUDA 13.0 exists") })
    }

    /// An image named after the project is the project's own build: its torch token follows the plan, in docs too.
    @Test func ownImageFollowsThePlan() throws {
        let fixture = try PlanFixture([
            "pyproject.toml": "[project]\nname = \"demo_app\"\nversion = \"0.1\"\ndependencies = [\"torch==2.8.0\"]\n",
            "README.md": "Images: `ghcr.io/acme/demo-app:torch2.8.0-cu128` (built by us) on `acme/base:torch2.8.0-cu128`.\n",
        ])
        let (_, files) = try fixture.result(UpgradeTarget(torch: "2.9.0"))
        #expect(files["README.md"] == "Images: `ghcr.io/acme/demo-app:torch2.9.0-cu128` (built by us) on `acme/base:torch2.8.0-cu128`.\n")
    }
}
