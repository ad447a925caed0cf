import Foundation
@testable import TorchBumpKit

/// A small synthetic PyPI (PEP 691 JSON with `.metadata` sidecars) and PyTorch-shaped variant pages for refresh
/// tests. Versions and pins are invented to resemble the reference shapes; none is copied from a real index.
enum MatrixRefreshFixture {
    struct File {
        var filename: String
        var metadata: String?
        var uploaded: String
        var yanked = false
    }

    static func torchMetadata(_ version: String, requiresPython: String, requires: [String]) -> String {
        "Metadata-Version: 2.4\nName: torch\nVersion: \(version)\nRequires-Python: \(requiresPython)\n"
            + "Requires-Dist: filelock\n" + requires.map { "Requires-Dist: \($0)\n" }.joined() + "\nTensors.\n"
    }

    static func companionMetadata(_ name: String, _ version: String, torch: String?) -> String {
        "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\nRequires-Dist: numpy\n"
            + (torch.map { "Requires-Dist: torch\($0)\n" } ?? "") + "\n"
    }

    /// Linux x86_64 wheels for every tag; the first carries the metadata.
    static func wheels(_ package: String, _ version: String, tags: [String], metadata: String?, uploaded: String,
                       yanked: Bool = false, extraPlatform: String? = "macosx_11_0_arm64") -> [File] {
        var files = tags.enumerated().map { i, tag in
            File(filename: "\(package)-\(version)-\(tag)-manylinux_2_28_x86_64.whl", metadata: i == 0 ? metadata : nil,
                 uploaded: uploaded, yanked: yanked)
        }
        if let extraPlatform, let first = tags.first {
            files.append(File(filename: "\(package)-\(version)-\(first)-\(extraPlatform).whl", metadata: nil,
                              uploaded: uploaded, yanked: yanked))
        }
        return files
    }

    /// Serves a PEP 691 project page and its sidecars under `/simple`.
    static func servePyPI(_ server: LoopbackIndexServer, name: String, files: [File]) async {
        var entries: [[String: Any]] = []
        for file in files {
            var entry: [String: Any] = [
                "filename": file.filename, "url": "../files/\(file.filename)",
                "hashes": ["sha256": SyntheticIndexPage.fakeDigest(file.filename)],
                "upload-time": file.uploaded + "T12:00:00.000000Z",
            ]
            if file.yanked { entry["yanked"] = "broken build" }
            if let meta = file.metadata {
                entry["core-metadata"] = ["sha256": SHA256.hex(Array(meta.utf8))]
                await server.script("/simple/files/\(file.filename).metadata", [.init(text: meta)])
            } else {
                entry["core-metadata"] = false
            }
            entries.append(entry)
        }
        let doc: [String: Any] = ["meta": ["api-version": "1.1"], "name": name, "files": entries]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])) ?? Data()
        await server.serve("/simple/\(name)/", body: String(decoding: data, as: UTF8.self),
                           contentType: "application/vnd.pypi.simple.v1+json")
    }

    static let py311to315 = ["cp311-cp311", "cp312-cp312", "cp313-cp313", "cp314-cp314", "cp315-cp315", "cp314-cp314t",
                             "cp315-cp315t"]
    static let py310to314 = ["cp310-cp310", "cp311-cp311", "cp312-cp312", "cp313-cp313", "cp314-cp314", "cp314-cp314t"]

    /// The whole synthetic world. `torchPage` false leaves torch unserved (tests of failures script it).
    static func serve(_ server: LoopbackIndexServer, torchvision0292: String? = nil) async {
        var torch: [File] = []
        torch += wheels("torch", "1.13.1", tags: ["cp310-cp310"], metadata: nil, uploaded: "2022-12-15")
        torch += wheels("torch", "2.14.0", tags: py310to314, metadata: torchMetadata("2.14.0", requiresPython: ">=3.10", requires: [
            "triton~=3.8.0; platform_system == \"Linux\" and python_version < \"3.15\"",
            "cuda-toolkit[cublas,cudart]==13.0.3; platform_system == \"Linux\"",
            "nvidia-cudnn-cu13==9.24.0.43; platform_system == \"Linux\"",
        ]), uploaded: "2026-09-02")
        torch += wheels("torch", "2.15.0", tags: py311to315, metadata: torchMetadata("2.15.0", requiresPython: ">=3.11", requires: [
            "triton~=3.9.0; platform_system == \"Linux\" and python_version < \"3.16\"",
            "cuda-toolkit[cublas,cudart]==13.2.2; platform_system == \"Linux\"",
            "nvidia-cudnn-cu13==9.26.0.51; platform_system == \"Linux\"",
        ]), uploaded: "2026-10-28")
        torch += wheels("torch", "2.15.1", tags: py311to315, metadata: nil, uploaded: "2026-11-20", yanked: true)
        torch += wheels("torch", "2.16.0rc1", tags: ["cp312-cp312"], metadata: nil, uploaded: "2026-12-01")
        torch += wheels("torch", "2.17.0.dev20261201", tags: ["cp312-cp312"], metadata: nil, uploaded: "2026-12-01")
        torch += wheels("torch", "2.16.0", tags: py311to315, metadata: torchMetadata("2.16.0", requiresPython: ">=3.11", requires: [
            "triton~=3.10.0; platform_system == \"Linux\" and python_version < \"3.17\"",
            "cuda-toolkit[cublas,cudart]==13.4.1; platform_system == \"Linux\"",
            "nvidia-cudnn-cu13==9.30.0.1; platform_system == \"Linux\"",
            "typing-extensions>=4.10.0",
        ]), uploaded: "2026-12-20")
        await servePyPI(server, name: "torch", files: torch)

        var vision: [File] = []
        vision += wheels("torchvision", "0.29.0", tags: ["cp310-cp310"],
                         metadata: companionMetadata("torchvision", "0.29.0", torch: "==2.14.0"), uploaded: "2026-09-02")
        vision += wheels("torchvision", "0.29.1", tags: ["cp310-cp310"],
                         metadata: companionMetadata("torchvision", "0.29.1", torch: ">=2.14.0"), uploaded: "2026-09-30")
        vision += wheels("torchvision", "0.29.2", tags: ["py3-none"], metadata: torchvision0292
                         ?? companionMetadata("torchvision", "0.29.2", torch: ">=2.14.0"), uploaded: "2026-10-28",
                         extraPlatform: nil)
        vision += wheels("torchvision", "0.31.0", tags: ["cp311-cp311"],
                         metadata: companionMetadata("torchvision", "0.31.0", torch: "==2.16.0"), uploaded: "2026-12-20")
        await servePyPI(server, name: "torchvision", files: vision)

        var audio: [File] = []
        audio += wheels("torchaudio", "2.11.0", tags: ["cp310-cp310"],
                        metadata: companionMetadata("torchaudio", "2.11.0", torch: nil), uploaded: "2026-03-23")
        audio += wheels("torchaudio", "2.11.1", tags: ["py3-none"],
                        metadata: companionMetadata("torchaudio", "2.11.1", torch: ">=2.11"), uploaded: "2026-10-28",
                        extraPlatform: nil)
        await servePyPI(server, name: "torchaudio", files: audio)

        // PyTorch-shaped variant pages.
        let published: [String: [String]] = [
            "cu126": ["2.14.0", "2.15.0", "2.16.0"], "cu130": ["2.14.0", "2.15.0", "2.16.0"],
            "cu132": ["2.14.0", "2.15.0"], "cu134": ["2.16.0"], "rocm7.2": ["2.14.0", "2.15.0", "2.16.0"],
            "xpu": ["2.14.0", "2.15.0", "2.16.0"],
        ]
        var root: [SyntheticIndexPage.Link] = []
        for (variant, versions) in published.sorted(by: { $0.key < $1.key }) {
            let links = versions.map {
                ProbeFixture.link("torch", $0, label: variant, python: "cp312-cp312", directory: variant, metadata: false)
            }
            root += links
            await server.servePyTorchPage("/whl/\(variant)/torch/", links: links)
        }
        await server.servePyTorchPage("/whl/torch/", links: root)
    }
}
