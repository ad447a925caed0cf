import Foundation
@testable import TorchBumpKit

/// Builds PyTorch-shaped wheel pages for probe tests (written for these tests, not copied from a real index).
enum ProbeFixture {
    static let linuxX86 = "manylinux_2_28_x86_64"
    static let linuxArm = "manylinux_2_28_aarch64"

    /// One wheel link under `/whl[/<channel>]/<variant>/`, `+` encoded as on the real index.
    static func link(
        _ package: String, _ version: String, label: String?, python: String, platform: String = linuxX86,
        channel: String = "", directory: String, sha256: String? = nil, metadata: Bool = true
    ) -> SyntheticIndexPage.Link {
        let local = label.map { "+" + $0 } ?? ""
        let filename = "\(package)-\(version)\(local)-\(python)-\(platform).whl"
        let href = "/whl\(channel)/\(directory)/" + filename.replacingOccurrences(of: "+", with: "%2B")
        return SyntheticIndexPage.Link(
            filename: filename, href: href, sha256: sha256 ?? SyntheticIndexPage.fakeDigest(filename),
            metadataSHA256: metadata ? "pending" : nil)
    }

    /// `cp310-cp310`, … for `3.10`, …; `3.13t` → `cp313-cp313t`.
    static func tags(_ pythons: [String]) -> [String] {
        pythons.map { p in
            let t = p.hasSuffix("t")
            let digits = (t ? String(p.dropLast()) : p).replacingOccurrences(of: ".", with: "")
            return "cp\(digits)-cp\(digits)\(t ? "t" : "")"
        }
    }

    /// Links for every Python × platform of one package version on one variant directory.
    static func links(
        _ package: String, _ version: String, variant: String, pythons: [String], platforms: [String] = [linuxX86],
        channel: String = "", label: String?? = nil, metadata: Bool = true
    ) -> [SyntheticIndexPage.Link] {
        let actualLabel: String? = label ?? variant
        return tags(pythons).flatMap { py in
            platforms.map { platform in
                link(package, version, label: actualLabel, python: py, platform: platform, channel: channel,
                     directory: variant, metadata: metadata)
            }
        }
    }

    /// torch's core metadata with the given `Requires-Dist` lines.
    static func torchMetadata(_ version: String, requires: [String]) -> String {
        "Metadata-Version: 2.1\nName: torch\nVersion: \(version)\nRequires-Python: >=3.9.0\n"
            + "Requires-Dist: filelock\n"
            + requires.map { "Requires-Dist: \($0)\n" }.joined() + "\nDescription.\n"
    }

    /// Sidecar bodies for every link (all torch links share one metadata document).
    static func metadata(for links: [SyntheticIndexPage.Link], body: String) -> [String: String] {
        Dictionary(links.map { ($0.filename, body) }, uniquingKeysWith: { a, _ in a })
    }

    static let tritonLinux = "triton==3.3.0; platform_system == \"Linux\" and platform_machine == \"x86_64\""

    /// A probe client for the loopback server (fast retries).
    static func spec(
        _ server: LoopbackIndexServer, torch: String = "2.7.0", channel: Channel = .release, variants: [Variant],
        pythons: [String] = ["3.10", "3.12"], arches: [String] = ["x86_64"], packages: [ProbePackage]? = nil,
        triton: Bool = true, base: String = "/whl"
    ) -> ProbeSpec {
        ProbeSpec(
            torch: Version(torch)!, channel: channel, variants: variants, pythons: pythons, arches: arches,
            packages: packages ?? [ProbePackage(name: "torch", version: torch)], includeTriton: triton,
            pytorchBase: server.url(base).absoluteString, pypiIndex: server.url("/simple").absoluteString,
            fallbackTriton: TritonPin(specifier: "==3.3.0"))
    }
}

extension ProbeReport {
    /// The row for a package and variant.
    func row(_ package: String, _ variant: Variant) -> ProbeRow? {
        rows.first { $0.package == package && $0.variant == variant }
    }

    /// The status of one cell.
    func status(_ package: String, _ variant: Variant, _ python: String, _ arch: String = "x86_64") -> ProbeStatus? {
        row(package, variant)?.cells.first { $0.python == python && $0.arch == arch }?.status
    }
}

/// `withLoopback` with the harness's cache directory on tmpfs (`ProbeCLITests.scratchDirectory()`): HTTP cache and
/// hash-file writes fsync, and on a loaded disk those fsyncs block the cooperative threads every loopback test
/// shares.
func withScratchLoopback(_ body: (LoopbackIndexServer, ClientHarness) async throws -> Void) async throws {
    let server = try await LoopbackIndexServer.start()
    let dir = try ProbeCLITests.scratchDirectory()
    do {
        try await body(server, ClientHarness(server: server, cacheDirectory: dir))
    } catch {
        await server.stop()
        try? FileManager.default.removeItem(at: dir)
        throw error
    }
    await server.stop()
    try? FileManager.default.removeItem(at: dir)
}
