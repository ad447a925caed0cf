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
