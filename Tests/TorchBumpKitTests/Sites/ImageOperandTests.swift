import Testing
@testable import TorchBumpKit

/// `docker push`, `docker pull`, `docker tag` and `docker run` name images like `docker build -t` does: a variant or
/// ROCm token in their tags is a site, so a tag moves in every place at once (review 4, P1 1).
@Suite struct ImageOperandTests {
    @Test(arguments: [
        ("docker push ${IMAGE_REPO}:cu126-${BUILDKITE_COMMIT}", ["variant cu126 docker push"]),
        ("docker pull ghcr.io/org/app:cu128", ["variant cu128 docker pull"]),
        ("docker image push app:cu128", ["variant cu128 docker push"]),
        ("docker tag app:cu126-$SHA registry/app:cu126-latest", ["variant cu126 docker tag", "variant cu126 docker tag"]),
        ("docker run --rm --gpus all -v \"$PWD:/w\" --entrypoint pytest app:cu126-$SHA -m cu118", ["variant cu126 docker run"]),
        ("docker run --rm \"${DOCKER_ARGS[@]}\" --name=x app:cu128 bash", ["variant cu128 docker run"]),
        ("docker container run -it app:cu128", ["variant cu128 docker run"]),
        ("docker push ${IMAGE_REPO}:rocm6.3-${BUILDKITE_COMMIT}", ["image rocm 6.3 docker push"]),
        ("docker push app:latest", []),
        ("docker ps -a", []),
        ("docker login -u cu128 registry", []),
    ] as [(String, [String])])
    func operands(command: String, expected: [String]) {
        let text = "#!/bin/sh\n\(command)\n"
        let result = SiteExpect.scan(ShellScanner(), "ci/build.sh", text)
        // Scripts also read loose variant literals (`-m cu118`); only the image operands are asserted here.
        let got = result.sites.filter { $0.name?.hasPrefix("docker") == true }.map { s in
            "\(s.kind.rawValue) \(s.kind == .image ? (s.subject ?? "-") + " " : "")\(s.value) \(s.name ?? "-")"
        }
        #expect(got == expected)
    }

    /// The Buildkite step of review 4: the build's `-t` and the `docker push` after it carry the same variant.
    @Test func buildAndPushInOneFoldedCommand() {
        let text = """
        steps:
          - label: "Build image - CUDA 12.6"
            key: build-image-cu126
            command: >-
              docker build -f docker/Dockerfile.cuda
              --build-arg TORCH_VARIANT=cu126
              -t ${IMAGE_REPO}:cu126-${BUILDKITE_COMMIT} .
              && docker push ${IMAGE_REPO}:cu126-${BUILDKITE_COMMIT}
        """
        let result = SiteExpect.scan(CIYAMLScanner(), ".buildkite/pipeline.yml", text)
        let tags = result.sites.filter { $0.kind == .variant && $0.role == .pin }.map { "\($0.line) \($0.value) \($0.name ?? "-")" }
        #expect(tags == ["6 cu126 TORCH_VARIANT", "7 cu126 --tag", "8 cu126 docker push"])
    }
}
