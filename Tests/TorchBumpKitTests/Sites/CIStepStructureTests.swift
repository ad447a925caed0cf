import Testing
@testable import TorchBumpKit

@Suite struct CIStepStructureTests {
    @Test func buildkiteStepsWithGroupsCommentsAndDependencies() {
        let text = """
        steps:
          # aarch64 CUDA wheels exist only for CUDA 12.9
          - label: "Build arm64 wheel"
            id: build-arm64
            agents:
              queue: arm64_queue
            commands:
              - "docker build --build-arg CUDA_VERSION=12.9.1 ."

          - label: "Build wheel"
            key: build-default
            commands:
              - "docker build --build-arg CUDA_VERSION=12.8.1 ."
          - wait
          - group: "Release images"
            steps:
              - label: "Image (x86)"
                id: image-x86
                command: docker build -t repo:$COMMIT-x86_64 .
              - label: "Manifest"
                depends_on:
                  - image-x86
                  - step: build-arm64
                command: docker manifest create repo:$COMMIT repo:$COMMIT-x86_64 repo:$COMMIT-aarch64
        """
        let steps = CIStepStructure.parse(SourceFile(path: ".buildkite/release.yaml", text: text))
        #expect(steps.map(\.id) == ["build-arm64", "build-default", "image-x86", nil])
        #expect(steps.map(\.architecture) == [.aarch64, .unspecified, .x86_64, .both])
        #expect(steps.map(\.lines) == [3...8, 10...13, 17...19, 20...24])
        #expect(steps[0].commentLine == 2 && steps[1].commentLine == nil)
        #expect(steps[3].dependsOn == ["image-x86", "build-arm64"])
    }

    @Test func githubJobsUseNeedsAndArmRunners() {
        let text = """
        on: push
        jobs:
          build-arm:
            runs-on: ubuntu-24.04-arm
            steps:
              - run: make
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
          publish:
            needs: [build, build-arm]
            runs-on: ubuntu-latest
            steps:
              - run: echo alarm
        """
        let steps = CIStepStructure.parse(SourceFile(path: ".github/workflows/build.yml", text: text))
        #expect(steps.map(\.id) == ["build-arm", "build", "publish"])
        #expect(steps.map(\.architecture) == [.aarch64, .unspecified, .unspecified], "`alarm` is not `arm`")
        #expect(steps[2].dependsOn == ["build", "build-arm"])
    }

    @Test func brokenYAMLHasNoSteps() {
        #expect(CIStepStructure.parse(SourceFile(path: ".buildkite/x.yml", text: "steps: [\n  - oops")).isEmpty)
    }
}
