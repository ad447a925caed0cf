import Foundation
import Testing
@testable import TorchBumpKit

/// Decoding errors, JSON round trips, cache loading, diffs and rendering.
@Suite struct MatrixDocumentTests {
    let matrix: ReleaseMatrix

    init() throws { matrix = try ReleaseMatrix.bundled() }

    static let release = #"""
    {"torch": "2.7.0", "date": "2025-04-23", "python": ["3.12"], "requiresPython": ">=3.9.0",
     "pypiCUDA": "cu126", "cudaVariants": ["cu126"], "rocmVariants": [], "xpu": false}
    """#

    static func document(schema: String = "1", releases: String = "[\(release)]") -> String {
        #"{"schema": \#(schema), "generated": "2026-11-29", "source": "test", "releases": \#(releases), "#
            + #""cuda": [], "wheelArchLists": [], "extensions": {}}"#
    }

    @Test func minimalDocumentDecodes() throws {
        let m = try ReleaseMatrix(json: Data(Self.document().utf8))
        #expect(m.releases.map(\.torch) == ["2.7.0"])
        #expect(m.extensions.xformers.isEmpty && m.release("2.7.0")?.uncertain == [])
    }

    @Test(arguments: [
        ("not json at all", "not valid JSON"),
        ("{}", "missing the field 'schema'"),
        (#"{"schema": "one"}"#, "field 'schema' is invalid"),
        (document(schema: "2"), "schema 2 is newer than the supported schema 1"),
        (#"{"schema": 1, "generated": "x", "source": "y"}"#, "missing the field 'releases'"),
        (document(releases: "[]"), "lists no torch releases"),
        (document(releases: "[\(release), \(release)]"), "lists torch 2.7.0 more than once"),
        (document(releases: #"[{"date": "2025-04-23"}]"#), "missing the field 'releases[0].torch'"),
        (document(releases: "[" + release.replacingOccurrences(of: #"["cu126"]"#, with: #"["cu126", "cuda12"]"#) + "]"),
         "'releases[0].cudaVariants[1]' is invalid"),
        (document(releases: "[" + release.replacingOccurrences(of: #"["cu126"]"#, with: #"["rocm6.3"]"#) + "]"),
         "'releases[0].cudaVariants' is invalid: 'rocm6.3' is not a CUDA variant"),
        (document(releases: "[" + release.replacingOccurrences(of: #""2.7.0""#, with: #""two""#) + "]"),
         "'releases[0].torch' is invalid"),
        (document(releases: "[" + release.replacingOccurrences(of: "false", with: #""no""#) + "]"),
         "'releases[0].xpu' is invalid"),
    ])
    func decodingErrorsNameTheField(json: String, message: String) {
        do {
            _ = try ReleaseMatrix(json: Data(json.utf8))
            Issue.record("decoded invalid JSON: \(json)")
        } catch let error as MatrixError {
            #expect(error.errorDescription?.contains(message) == true, "\(error.errorDescription ?? "")")
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func encodedJSONRoundTripsAndIsStable() throws {
        let data = try matrix.encodedJSON()
        #expect(try ReleaseMatrix(json: data) == matrix)
        #expect(try matrix.encodedJSON() == data)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains(#""schema" : 1"#))
        #expect(matrix.diff(against: try ReleaseMatrix(json: data)).isEmpty)
    }

    @Test func diffReportsAddedReleasesAndChangedCells() throws {
        var releases = matrix.releases
        let i = try #require(releases.firstIndex { $0.torch == "2.8.0" })
        releases[i].cudaVariants.append(.cuda(major: 13, minor: 0))
        releases[i].uncertain = []
        var newer = matrix.newestRelease
        newer.torch = "2.16.0"
        newer.date = "2026-12-22"
        releases.append(newer)
        var cuda = matrix.cuda
        cuda.removeAll { $0.version == "13.4" }
        var extensions = matrix.extensions
        extensions.xformers.append(ExtensionRelease(version: "0.0.36", torch: ">=2.12"))
        var images = matrix.cudaImages
        images.removeAll { $0.os == "ubuntu18.04" }
        let refreshed = try ReleaseMatrix(generated: "2026-12-23", source: "live", releases: releases, cuda: cuda,
                                          wheelArchLists: matrix.wheelArchLists, extensions: extensions,
                                          cudaImages: images)
        let changes = matrix.diff(against: refreshed).map(\.description)
        #expect(changes == [
            #"~ releases[2.8.0].cudaVariants: ["cu126","cu128","cu129"] -> ["cu126","cu128","cu129","cu130"]"#,
            #"~ releases[2.8.0].uncertain: ["rocmVariants:rocm6.3","xpu","cudaToolkitPip"] -> (none)"#,
            "+ releases[2.16.0]",
            "- cuda[13.4]",
            "- cudaImages[ubuntu18.04]",
            "+ extensions.xformers[0.0.36]",
        ])
        #expect(refreshed.newestRelease.torch == "2.16.0")
    }

    // MARK: - Loading

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("torchbump-matrix-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func writeCache(_ data: Data, in directory: URL) throws {
        let file = ReleaseMatrix.cacheFile(in: directory)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    @Test func loadWithoutCacheUsesBundledData() throws {
        let none = try ReleaseMatrix.load(cacheDirectory: nil)
        #expect(none.source == .bundled && none.warnings.isEmpty && none.matrix == matrix)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try ReleaseMatrix.load(cacheDirectory: dir)
        #expect(missing.source == .bundled && missing.warnings.isEmpty)
    }

    @Test(arguments: ["{ this is not json", #"{"schema": 1}"#, #"{"schema": 9}"#, ""])
    func corruptCacheFallsBackToBundledWithAWarning(contents: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeCache(Data(contents.utf8), in: dir)
        let loaded = try ReleaseMatrix.load(cacheDirectory: dir)
        #expect(loaded.source == .bundled)
        #expect(loaded.matrix == matrix)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.severity == .warning)
        #expect(loaded.warnings.first?.message.contains("ignoring the cached release matrix") == true)
        #expect(loaded.warnings.first?.location?.path == ReleaseMatrix.cacheFile(in: dir).path)
    }

    @Test func validCacheIsPreferred() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var newer = matrix.newestRelease
        newer.torch = "2.16.0"
        let refreshed = try ReleaseMatrix(generated: "2026-12-23", source: "live", releases: matrix.releases + [newer],
                                          cuda: matrix.cuda, wheelArchLists: matrix.wheelArchLists,
                                          extensions: matrix.extensions)
        try writeCache(try refreshed.encodedJSON(), in: dir)
        let loaded = try ReleaseMatrix.load(cacheDirectory: dir)
        #expect(loaded.source == .cache(ReleaseMatrix.cacheFile(in: dir)))
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.matrix.newestRelease.torch == "2.16.0")
    }

    @Test func aCacheWrittenBeforeTheImageTableGetsTheBundledOne() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try ReleaseMatrix(generated: "2026-12-23", source: "live", releases: matrix.releases, cuda: matrix.cuda,
                                    wheelArchLists: matrix.wheelArchLists, extensions: matrix.extensions)
        let json = try old.encodedJSON()
        #expect(!String(decoding: json, as: UTF8.self).contains("cudaImages"), "an empty table is not written")
        #expect(try ReleaseMatrix(json: json).cudaImages.isEmpty, "a document without the table still decodes")
        try writeCache(json, in: dir)
        let loaded = try ReleaseMatrix.load(cacheDirectory: dir)
        #expect(loaded.source == .cache(ReleaseMatrix.cacheFile(in: dir)))
        #expect(loaded.matrix.cudaImages == matrix.cudaImages && !matrix.cudaImages.isEmpty)
    }

    @Test func cacheOlderThanBundledDataIsIgnored() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stale = try ReleaseMatrix(generated: "2026-01-01", source: "old", releases: Array(matrix.releases.dropLast()),
                                      cuda: matrix.cuda, wheelArchLists: matrix.wheelArchLists,
                                      extensions: matrix.extensions)
        try writeCache(try stale.encodedJSON(), in: dir)
        let loaded = try ReleaseMatrix.load(cacheDirectory: dir)
        #expect(loaded.source == .bundled)
        #expect(loaded.warnings.first?.message.contains("stops at torch 2.14.1") == true)
    }

    @Test(arguments: [
        (["XDG_CACHE_HOME": "/var/cache/me", "HOME": "/home/u"], "/var/cache/me"),
        (["XDG_CACHE_HOME": "relative/cache", "HOME": "/home/u"], "/home/u/.cache"),
        (["XDG_CACHE_HOME": "", "HOME": "/home/u"], "/home/u/.cache"),
        (["HOME": "/home/u"], "/home/u/.cache"),
    ])
    func cacheDirectoryFollowsXDG(environment: [String: String], expected: String) {
        #expect(ReleaseMatrix.defaultCacheDirectory(environment: environment).path == expected)
    }

    @Test func cacheFileLocation() {
        let file = ReleaseMatrix.cacheFile(in: URL(fileURLWithPath: "/home/u/.cache", isDirectory: true))
        #expect(file.path == "/home/u/.cache/torchbump/release-matrix.json")
    }

    // MARK: - Rendering

    @Test func tableHasOneRowPerReleaseAndMarksUncertainty() {
        let table = matrix.renderTable()
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("torch ") == true)
        #expect(lines.filter { $0.hasPrefix("2.") }.count == matrix.releases.count)
        let row = lines.first { $0.hasPrefix("2.12.1 ") }.map(String.init) ?? ""
        #expect(row.contains("2.11.0 (held)") && row.contains("cu129?") && row.contains("3.10-3.14 3.14t"))
        let old = lines.first { $0.hasPrefix("2.5.0 ") }.map(String.init) ?? ""
        #expect(old.contains("==3.1.0 (py<3.13)") && old.contains("rocm6.1? rocm6.2") && old.hasSuffix("yes?"))
        #expect(table.contains("? = unverified"))
    }

    @Test func releaseDetail() throws {
        let text = matrix.renderRelease(try #require(matrix.release("2.8.0")))
        #expect(text.hasPrefix("torch 2.8.0 (2025-08-06)\n"))
        for needle in ["  torchvision      0.23.0\n", "triton==3.4.0", "cu126 cu128 cu129", "rocm6.3? rocm6.4",
                       "  arch list cu128  7.0;7.5;8.0;8.6;9.0;10.0;12.0\n", "0.0.32.post2 (torch==2.8.0)",
                       "torchcodec", "? = unverified"] {
            #expect(text.contains(needle), "missing \(needle) in\n\(text)")
        }
        let frozen = matrix.renderRelease(try #require(matrix.release("2.13.0")))
        #expect(frozen.contains("2.11.0 (held)"))
    }
}
