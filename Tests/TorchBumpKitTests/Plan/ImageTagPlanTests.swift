import Foundation
import Testing
@testable import TorchBumpKit

@Suite("Planner: CUDA variants in image tags follow the main CUDA")
struct ImageTagPlanTests {
    static let files: [String: String] = [
        "requirements/cuda.txt": "torch==2.8.0\n",
        "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n",
        "docker/docker-bake.hcl": """
            variable "CUDA_VERSION" { default = "12.8.1" }
            target "openai" {
              tags = ["serving-engine:openai", "serving-engine:cu128-${COMMIT}"]
            }

            """,
        ".buildkite/release.yaml": """
            steps:
              - label: "Release image"
                commands:
                  - "docker build --build-arg CUDA_VERSION=12.8.1 -t engine:cu128-$BUILDKITE_COMMIT ."

            """,
    ]

    @Test(arguments: [
        (UpgradeTarget(torch: "2.9.0", cuda: "12.9"), "cu129"),
        (UpgradeTarget(torch: "2.9.0", cuda: "13.0"), "cu130"),
        (UpgradeTarget(torch: "2.9.0"), "cu128"),
    ])
    func tagsMoveWithTheCUDAVariant(target: UpgradeTarget, tag: String) throws {
        let (plan, files) = try PlanFixture(Self.files).result(target)
        #expect(plan.problems.isEmpty)
        let bake = files["docker/docker-bake.hcl"] ?? Self.files["docker/docker-bake.hcl"]!
        let ci = files[".buildkite/release.yaml"] ?? Self.files[".buildkite/release.yaml"]!
        #expect(bake.contains("\"serving-engine:openai\", \"serving-engine:\(tag)-${COMMIT}\""))
        #expect(ci.contains("-t engine:\(tag)-$BUILDKITE_COMMIT ."))
    }
}
