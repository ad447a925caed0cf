import Testing
@testable import TorchBumpKit

/// CUDA variants inside image tags (`serving-engine:cu128-${COMMIT}`) are sites that follow the main CUDA, in bake
/// `tags`, Dockerfile `FROM`/image ARGs, CI `image:` keys and `docker build -t`; look-alike tokens are not.
@Suite struct ImageTagVariantTests {
    /// One bake `tags` string and the sites expected in it.
    @Test(arguments: [
        ("serving-engine:cu128-${COMMIT}", ["variant pin - cu128 cuda tags"]),
        ("ghcr.io/org/app:v0.10.1-cu126", ["variant pin - cu126 cuda tags"]),
        ("app:CU129", ["variant pin - CU129 cuda tags"]),
        ("registry:5000/app:cu118_py310", ["variant pin - cu118 cuda tags"]),
        ("serving-engine:openai", []),
        ("ghcr.io/org/cu128-builder:latest", []),        // in the repository name, not the tag
        ("app:${CU128_TAG}", []),                         // inside an expansion: a variable name
        ("app:cu1280", []), ("app:cu128abc", []), ("app:docu128", []), ("app:cu12", []),
        ("app:cu998", []),                                // not a plausible CUDA toolkit
        ("app@sha256:cu128", []),                         // a digest has no tag
        ("nvidia/cuda:12.8.1-devel-ubuntu22.04", ["image pin cuda 12.8.1 cuda tags"]),
    ] as [(String, [String])])
    func bakeTag(tag: String, expected: [String]) {
        let text = """
        target "openai" {
          target = "engine-openai"
          tags   = ["serving-engine:openai", "\(tag)"]
        }
        """
        let result = SiteExpect.scan(BakeScanner(), "docker/docker-bake.hcl", text)
        #expect(SiteExpect.describe(result.sites) == expected)
    }

    @Test func bakeTagSingleStringAndCommentInList() {
        let text = """
        target "a" { tag = "app:cu126-latest" }
        target "b" {
          tags = [
            "app:cu128", # the default CUDA 12.8 build
          ]
        }
        """
        let result = SiteExpect.scan(BakeScanner(), "docker-bake.hcl", text)
        #expect(SiteExpect.describe(result.sites) == [
            "variant pin - cu126 cuda tag", "variant pin - cu128 cuda tags", "version comment cuda 12.8 cuda -",
        ])
    }

    @Test func dockerfileImages() {
        let text = """
        ARG BASE_IMAGE=ghcr.io/org/torch-base:cu128-py3.12
        FROM ${BASE_IMAGE} AS base
        FROM ghcr.io/org/runtime:cu126 AS runtime
        RUN docker build -t ignored:cu124 .
        """
        let result = SiteExpect.scan(DockerfileScanner(), "docker/Dockerfile", text)
        #expect(SiteExpect.describe(result.sites).filter { $0.hasPrefix("variant") } == [
            "variant pin - cu128 cuda BASE_IMAGE", "variant pin - cu126 cuda -", "variant pin - cu124 cuda --tag",
        ])
    }

    /// `-t` is a tag only for image builds; in `docker run` it asks for a terminal (the run's image is read on its own).
    @Test(arguments: [
        ("DOCKER_BUILDKIT=1 docker build --build-arg CUDA_VERSION=12.8.1 -t engine:cu128-$BUILDKITE_COMMIT .", ["cu128 --tag"]),
        ("docker buildx build --tag=engine:cu129 --push .", ["cu129 --tag"]),
        ("podman build -t localhost/engine:cu126 .", ["cu126 --tag"]),
        ("docker run -t engine:cu128 python -c 'import torch'", ["cu128 docker run"]),  // the image, not a `-t` tag
        ("docker build -t engine:latest .", []),
    ] as [(String, [String])])
    func ciBuildTags(command: String, expected: [String]) {
        let text = """
        steps:
          - label: "Build image"
            commands:
              - "\(command)"
        """
        let result = SiteExpect.scan(CIYAMLScanner(), ".buildkite/release-pipeline.yaml", text)
        let variants = result.sites.filter { $0.kind == .variant }.map { "\($0.value) \($0.name ?? "-")" }
        #expect(variants == expected)
    }

    @Test func ciImageKey() {
        let text = """
        jobs:
          test:
            container: ghcr.io/org/ci:cu128-ubuntu22.04
        """
        let result = SiteExpect.scan(CIYAMLScanner(), ".github/workflows/test.yml", text)
        #expect(result.sites.map { "\($0.kind.rawValue) \($0.value) \($0.name ?? "-")" } == ["variant cu128 container"])
    }
}
