import Foundation
import Testing

/// The train-stack example's Makefile (review 3, P1 6): `make install-pip` installs `$(TORCH_VERSION)`, so a torch
/// upgrade that skips the Makefile leaves it installing the old torch.
@Suite("train-stack Makefile, end to end")
struct TrainStackMakefileTests {
    @Test func scanFindsTheTorchDefaultAndAMinorUpgradeMovesIt() throws {
        let repo = try CLI.copyExample("train-stack", git: true)
        let scan = try CLI.run(["scan", repo.path, "--format", "json"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        let sites = try #require(object["sites"] as? [[String: Any]])
        let torch = try #require(sites.first { $0["path"] as? String == "Makefile" && $0["line"] as? Int == 2 })
        #expect(torch["value"] as? String == "2.8.0")
        #expect(torch["subject"] as? String == "torch" && torch["file"] as? String == "makefile")

        let apply = try CLI.run(["apply", repo.path, "--torch", "2.9.0"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let lines = try String(contentsOf: repo.appendingPathComponent("Makefile"), encoding: .utf8)
            .components(separatedBy: "\n")
        #expect(Array(lines[1...3]) == ["TORCH_VERSION ?= 2.9.0", "TORCHVISION_VERSION ?= 0.24.0", "CUDA_TAG ?= cu128"])
    }
}
