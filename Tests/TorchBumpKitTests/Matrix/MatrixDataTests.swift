import Foundation
import Testing
@testable import TorchBumpKit

/// Self-consistency of the bundled release data.
@Suite struct MatrixDataTests {
    let matrix: ReleaseMatrix

    init() throws { matrix = try ReleaseMatrix.bundled() }

    private func numbers(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let ints = parts.compactMap { Int($0) }
        return ints.count == parts.count && !ints.isEmpty ? ints : nil
    }

    @Test(arguments: [
        ("ubuntu20.04", "12.9", true), ("ubuntu20.04", "13.0", false), ("ubuntu20.04", "13.2.1", false),
        ("ubuntu22.04", "13.0", true), ("ubuntu22.04", "11.8", true), ("ubuntu24.04", "12.4", false),
        ("ubuntu24.04", "13.0.2", true), ("ubuntu18.04", "12.8", false),
    ])
    func cudaImageOSRanges(_ os: String, _ cuda: String, _ published: Bool) throws {
        let row = try #require(matrix.cudaImageOS(os))
        #expect(row.publishes(cuda: cuda) == published)
        #expect(row.glibc != nil && row.notes != nil, "every row says its glibc and its source")
    }

    @Test func cudaImageOSesForCUDA13AreNewerUbuntus() {
        #expect(matrix.cudaImageOSes(for: "13.0").map(\.os) == ["ubuntu22.04", "ubuntu24.04"])
        #expect(matrix.cudaImageOS("rockylinux9") == nil, "untabulated OS flavours get no answer")
    }

    @Test func coversTheBriefsReleases() {
        let expected = ["2.0.0", "2.0.1", "2.1.0", "2.1.1", "2.1.2", "2.2.0", "2.2.1", "2.2.2", "2.3.0", "2.3.1",
                        "2.4.0", "2.4.1", "2.5.0", "2.5.1", "2.6.0", "2.7.0", "2.7.1", "2.8.0", "2.9.0", "2.9.1",
                        "2.10.0", "2.11.0", "2.12.0", "2.12.1", "2.13.0", "2.14.0", "2.14.1", "2.15.0"]
        #expect(matrix.releases.map(\.torch) == expected)
        #expect(matrix.newestRelease.torch == "2.15.0")
        #expect(matrix.schema == 1)
    }

    @Test func versionsParseAndDatesIncreaseWithVersion() {
        for r in matrix.releases {
            #expect(numbers(r.torch)?.count == 3, "torch \(r.torch)")
            for v in [r.torchvision, r.torchaudio, r.torchaudioNewestUsable].compactMap({ $0 }) + r.torchvisionYanked
                + r.torchaudioYanked {
                #expect(numbers(v) != nil, "\(r.torch): \(v)")
            }
            let date = r.date.split(separator: "-")
            #expect(date.count == 3 && date.allSatisfy { Int($0) != nil }, "\(r.torch) date \(r.date)")
        }
        for (a, b) in zip(matrix.releases, matrix.releases.dropFirst()) {
            #expect(numbers(a.torch)!.lexicographicallyPrecedes(numbers(b.torch)!))
            #expect(a.date < b.date, "\(a.torch) \(a.date) vs \(b.torch) \(b.date)")
        }
    }

    @Test func torchvisionMinorIsTorchMinorPlus15UpTo214() {
        for r in matrix.releases {
            guard let t = numbers(r.torch), t[1] <= 14 else { continue }
            let v = numbers(r.torchvision ?? "")
            #expect(v?[0] == 0 && v?[1] == t[1] + 15, "torch \(r.torch) torchvision \(r.torchvision ?? "nil")")
        }
        // 2.15 has no 0.30 on PyPI: the data keeps 0.29.2 and marks it uncertain.
        #expect(matrix.release("2.15.0")?.isUncertain("torchvision") == true)
    }

    @Test func torchaudioEqualsTorchUpTo210ThenFreezes() {
        for r in matrix.releases {
            guard let t = numbers(r.torch) else { continue }
            if t[1] <= 10 {
                // 2.0.x is the documented exception: 2.0.0 ↔ 2.0.1 (2.0.0 yanked), 2.0.1 ↔ 2.0.2.
                let exceptions = ["2.0.0": "2.0.1", "2.0.1": "2.0.2"]
                #expect(r.torchaudio == (exceptions[r.torch] ?? r.torch), "torch \(r.torch)")
                #expect(r.torchaudioNewestUsable == nil)
            } else if t[1] == 11 {
                #expect(r.torchaudio == "2.11.0")
            } else {
                #expect(r.torchaudio == nil, "torch \(r.torch)")
                #expect(r.torchaudioNewestUsable == (t[1] <= 14 ? "2.11.0" : "2.11.1"), "torch \(r.torch)")
            }
        }
    }

    @Test func variantsParseAndAreOfTheRightKind() throws {
        for r in matrix.releases {
            for v in r.cudaVariants + r.rocmVariants + r.testOnlyVariants {
                #expect(Variant(tag: v.tag) == v, "\(r.torch): \(v.tag)")
            }
            #expect(r.cudaVariants.allSatisfy(\.isCUDA) && r.rocmVariants.allSatisfy(\.isROCm))
            #expect(r.cudaVariants == r.cudaVariants.sorted(), "\(r.torch) cudaVariants sorted")
            let pypi = try #require(r.pypiCUDA, "\(r.torch) has a PyPI CUDA")
            #expect(r.cudaVariants.contains(pypi), "\(r.torch): PyPI \(pypi.tag) not in its CUDA sub-indexes")
        }
    }

    @Test func everyCUDAMinorReferencedExistsInTheCUDATable() {
        let known = Set(matrix.cuda.map(\.version))
        var referenced: [String] = []
        for r in matrix.releases {
            referenced += (r.cudaVariants + r.testOnlyVariants).compactMap(\.toolkitVersion)
        }
        referenced += matrix.wheelArchLists.compactMap(\.variant.toolkitVersion)
        for ext in matrix.extensions.xformers { referenced += ext.variants.compactMap(\.toolkitVersion) }
        for minor in Set(referenced) { #expect(known.contains(minor), "CUDA \(minor) missing from the cuda table") }
    }

    @Test func cudaTableIsConsistent() {
        for t in matrix.cuda {
            #expect(numbers(t.version)?.count == 2, "\(t.version)")
            for patch in t.patches { #expect(patch.hasPrefix(t.version + "."), "\(t.version): \(patch)") }
            if let latest = t.latestPatch { #expect(t.patches.last == latest, "\(t.version) latestPatch") }
            for arch in (t.sm ?? []) + t.smDeprecated + Array(t.smRenamed.keys) + Array(t.smRenamed.values) {
                #expect(numbers(arch)?.count == 2, "\(t.version): \(arch)")
            }
            for arch in t.smDeprecated { #expect(t.canTarget(arch) == true, "\(t.version): deprecated \(arch)") }
            for field in t.uncertain { #expect(["sm", "latestPatch", "patches"].contains(field)) }
        }
    }

    @Test func wheelArchListsOnlyNameTargetableArchitectures() throws {
        for row in matrix.wheelArchLists {
            let cuda = try #require(row.variant.toolkitVersion)
            let toolkit = try #require(matrix.cudaToolkit(cuda))
            guard toolkit.sm != nil else { continue } // 11.7: SM list not in the reference
            for arch in row.architectures {
                #expect(toolkit.canTarget(arch) == true, "\(row.variant.tag) \(row.from)-\(row.through): \(arch)")
            }
            #expect(matrix.validateArchList(row.archList, cuda: cuda).filter { $0.severity == .error }.isEmpty)
            #expect(!MatrixVersion.less(row.through, row.from))
        }
    }

    @Test func wheelArchListRowsDoNotOverlap() {
        for (i, a) in matrix.wheelArchLists.enumerated() {
            for b in matrix.wheelArchLists.dropFirst(i + 1) where a.variant == b.variant {
                #expect(MatrixVersion.less(a.through, b.from) || MatrixVersion.less(b.through, a.from),
                        "\(a.variant.tag): \(a.from)-\(a.through) overlaps \(b.from)-\(b.through)")
            }
        }
    }

    @Test func uncertainEntriesNameRealFieldsAndItems() {
        for r in matrix.releases {
            for entry in r.uncertain {
                let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                #expect(TorchRelease.fieldNames.contains(parts[0]), "\(r.torch): \(entry)")
                if parts.count == 2 {
                    let list = parts[0] == "cudaVariants" ? r.cudaVariants
                        : parts[0] == "rocmVariants" ? r.rocmVariants : r.testOnlyVariants
                    #expect(list.map(\.tag).contains(parts[1]), "\(r.torch): \(entry) names no listed item")
                }
            }
        }
    }

    @Test func pythonTagsAndRequiresPythonAgree() {
        for r in matrix.releases {
            #expect(!r.python.isEmpty)
            let floor = r.requiresPython.replacingOccurrences(of: ">=", with: "")
            for tag in r.python {
                let plain = tag.hasSuffix("t") ? String(tag.dropLast()) : tag
                #expect(numbers(plain)?.count == 2, "\(r.torch): \(tag)")
                #expect(MatrixVersion.satisfies(plain, ">=" + floor), "\(r.torch): \(tag) below \(r.requiresPython)")
            }
        }
    }

    @Test func extensionTablesParse() {
        for row in matrix.extensions.xformers + matrix.extensions.torchao + matrix.extensions.torchcodec {
            #expect(MatrixVersion.key(row.version) != nil, "\(row.version)")
            #expect(matrix.releases.contains { MatrixVersion.satisfies($0.torch, row.torch) },
                    "\(row.version): '\(row.torch)' matches no known torch")
            if let pypi = row.pypiVariant { #expect(row.variants.contains(pypi), "\(row.version)") }
        }
        for range in matrix.extensions.flashinfer {
            for build in range.builds { #expect(!matrix.releases(minor: build.torch).isEmpty, "\(build.torch)") }
        }
    }

    @Test func everyCUDAVariantOfEveryReleaseFrom21HasAWheelArchListUpTo214() {
        for r in matrix.releases where !MatrixVersion.less(r.torch, "2.1.0") && MatrixVersion.less(r.torch, "2.15.0") {
            for v in r.cudaVariants where !r.isUncertain("cudaVariants", item: v.tag) {
                #expect(matrix.pytorchWheelArchList(torch: r.torch, variant: v) != nil, "\(r.torch) \(v.tag)")
            }
        }
    }
}
