import Foundation
import Testing
@testable import TorchBumpKit

/// `index-variant-mismatch` and uv indexes that backend extras select (review3 P2 8).
@Suite struct ExtraIndexCheckTests {
    static func pyproject(sources: String) -> String {
        """
        [project]
        name = "demo"

        [project.optional-dependencies]
        cu128 = ["torch==2.8.0"]
        cu126 = ["torch==2.8.0"]
        gpu = ["torch==2.8.0"]

        [tool.uv.sources]
        torch = [
        \(sources)
        ]

        [[tool.uv.index]]
        name = "pytorch-cu128"
        url = "https://download.pytorch.org/whl/cu128"
        explicit = true

        [[tool.uv.index]]
        name = "pytorch-cu126"
        url = "https://download.pytorch.org/whl/cu126"
        explicit = true

        """
    }

    func findings(sources: String) throws -> [Finding] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tb-extra-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["pyproject.toml": Self.pyproject(sources: sources), "docker/Dockerfile": "ARG CUDA_VERSION=12.8.1\n"]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let inventory = RepositoryScanner().scan(root: root)
        return ConsistencyChecker().check(inventory, matrix: CheckFixture.matrix).filter { $0.rule == "index-variant-mismatch" }
    }

    @Test func indexOfAVariantNamedExtraIsASecondaryBuild() throws {
        let found = try findings(sources: """
                { index = "pytorch-cu128", extra = "cu128" },
                { index = "pytorch-cu126", extra = "cu126" },
            """)
        #expect(found.isEmpty, "\(found.map(\.message))")
    }

    @Test(arguments: [
        ("    { index = \"pytorch-cu126\" },", "used without an extra"),
        ("    { index = \"pytorch-cu126\", extra = \"gpu\" },", "an extra whose name says nothing"),
        ("    { index = \"pytorch-cu126\", extra = \"cu128\" },", "an extra named after another variant"),
        ("    { index = \"pytorch-cu126\", extra = \"cu126\" },\n    { index = \"pytorch-cu126\", marker = \"sys_platform == 'linux'\" },", "also used without an extra"),
    ])
    func otherUsesOfAnotherCUDAStillMismatch(_ sources: String, _ why: String) throws {
        let found = try findings(sources: sources)
        #expect(found.count == 1 && found.allSatisfy { $0.message.hasPrefix("PyTorch index https://download.pytorch.org/whl/cu126") },
                "\(why): \(found.map(\.message))")
    }
}
