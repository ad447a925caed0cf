import Testing
@testable import TorchBumpKit

@Suite("Version.sortedByPrecedence")
struct SortedByPrecedenceTests {
    /// A deterministic mix of every ordering feature: epochs, release lengths (trailing zeros), pre/post/dev in all
    /// combinations, nightly dates, local labels (numeric and alphanumeric), and shapes that do not pack.
    static func sample(_ n: Int) -> [Version] {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ m: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(m))
        }
        var out: [Version] = []
        for _ in 0..<n {
            var s = next(8) == 0 ? "\(next(3))!" : ""
            let parts = 1 + next(4)
            s += (0..<parts).map { _ in String(next(4) == 0 ? 0 : next(20)) }.joined(separator: ".")
            if next(6) == 0 { s += ".0.0.\(next(3))" }  // five or more release numbers: no packed key
            switch next(5) { case 0: s += "a\(next(3))"; case 1: s += "b\(next(3))"; case 2: s += "rc\(next(3))"; default: break }
            if next(4) == 0 { s += ".post\(next(3))" }
            if next(4) == 0 { s += ".dev\(next(2) == 0 ? next(3) : 20250000 + next(900))" }
            switch next(6) { case 0: s += "+cu128"; case 1: s += "+cpu"; case 2: s += "+\(next(3)).\(next(3))"; default: break }
            out.append(Version(s)!)
        }
        return out
    }

    @Test func matchesTheComparableOrder() {
        let versions = Self.sample(4000)
        let fast = versions.sortedByPrecedence(), slow = versions.sorted()
        #expect(fast.count == slow.count)
        #expect(zip(fast, slow).allSatisfy { $0 == $1 })
        #expect(zip(fast, fast.dropFirst()).allSatisfy { !($1 < $0) })
    }

    @Test func packedShapesOnlyAlsoMatch() {
        let versions = Self.sample(4000).filter { $0.release.count <= 4 }
        #expect(versions.sortedByPrecedence().elementsEqual(versions.sorted(), by: ==))
        #expect([Version]().sortedByPrecedence().isEmpty)
    }
}

@Suite("Version storage: inline and spilled forms")
struct VersionStorageTests {
    /// The inline form is what makes large version lists cheap to copy and sort (see Benchmarks/index).
    @Test func inlineFormIsOneCacheLine() {
        #expect(MemoryLayout<Version>.size == 64)
    }

    /// Shapes that do not fit inline (five release numbers, numbers of 2³² or more, labels over 16 bytes) behave
    /// exactly like the inline ones they equal or neighbour.
    static let pairs: [(String, String, Int)] = [
        ("1.0", "1.0.0.0.0", 0), ("1.0.0.0.1", "1.0.0.0", 1), ("1.0.0.0.0.1", "1.0.0.0.1", -1),
        ("4294967296.0", "4294967295.0", 1), ("1.0a4294967296", "1.0a4294967295", 1),
        ("1.0.post4294967296", "1.0.post1", 1), ("4294967296!1.0", "1!1.0", 1),
        ("1.0.dev99999999999999", "1.0.dev20250801", 1), ("1.0.dev99999999999999", "1.0a0", -1),
        ("0.0.33+5d4b92a5.d20251029", "0.0.33+5d4b92a5", 1), ("1.0+abcdefghijklmnop", "1.0+abcdefghijklmnopq", -1),
        ("1.0+abcdefghijklmnopq", "1.0+abcdefghijklmnopq", 0), ("1.0+ABCDEFGHIJKLMNOPQ", "1.0+abcdefghijklmnopq", 0),
        ("1.0+0000000000000000001", "1.0+1", 0), ("1.0+1.2.3.4.5.6.7.8.9", "1.0+1.2.3.4.5.6.7.8", 1),
        ("2.7.0+99999999999999999999999", "2.7.0+cu128", 1),
    ]

    @Test(arguments: pairs)
    func spilledMatchesInline(a: String, b: String, order: Int) {
        let x = V(a), y = V(b)
        #expect(Version.compare(x, y).signum() == order)
        #expect(Version.compare(y, x).signum() == -order)
        if order == 0 { #expect(x.hashValue == y.hashValue) }
        #expect(Version(x.description) == x)
        #expect([y, x].sortedByPrecedence().map(\.description) == (order >= 0 ? [y, x] : [x, y]).map(\.description))
    }

    @Test func partsSurviveEitherForm() {
        let v = V("7!1.2.3.4.5rc4294967296.post6.dev7+Long-Label_with.Parts.0099")
        #expect(v.epoch == 7 && v.release == [1, 2, 3, 4, 5] && v.pre?.kind == .rc && v.pre?.number == 4294967296)
        #expect(v.post == 6 && v.dev == 7 && v.localLabel == "long.label.with.parts.99")
        #expect(v.description == "7!1.2.3.4.5rc4294967296.post6.dev7+long.label.with.parts.99")
        #expect(V("1.0+abcdefghijklmnop").localLabel == "abcdefghijklmnop")  // exactly 16 bytes: inline
        #expect(Version(epoch: 0, release: [1, 2, 3, 4, 5, 6]).release == [1, 2, 3, 4, 5, 6])
        #expect(Version(epoch: 0, release: [1], local: ["x", "0017"]).localLabel == "x.17")
    }

    @Test func mixedFormsSortLikeSorted() {
        var versions = SortedByPrecedenceTests.sample(2000)
        versions += ["1.0+5d4b92a5.d20251029", "1.0+5d4b92a5.d20251028", "1.0.dev99999999999", "99999.0",
                     "1.0.0.0.0.0.1", "2.7.0+99999999999999999999999", "1.0+abcdefghijklmnopq"].map { V($0) }
        versions.shuffle()
        let fast = versions.sortedByPrecedence(), slow = versions.sorted()
        #expect(zip(fast, slow).allSatisfy { $0 == $1 && $0.description == $1.description })
    }
}
