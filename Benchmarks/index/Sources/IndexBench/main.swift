import Foundation
import TorchBumpKit

// Generates the inputs (a 30,000-link torch-shaped page, 100,000 version strings), writes them for the Python
// baseline, and times torchbump's parsers on them. Output: `key value` lines that run.sh reads.

let outputDirectory = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Benchmarks/generated/index")
let environment = ProcessInfo.processInfo.environment
let parseRuns = Int(environment["PARSE_RUNS"] ?? "") ?? 20
let versionRuns = Int(environment["VERSION_RUNS"] ?? "") ?? 10
let linkCount = Int(environment["LINKS"] ?? "") ?? 30_000
let versionCount = Int(environment["VERSIONS"] ?? "") ?? 100_000

try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// MARK: - Page parse

let html = SyntheticIndexPage.torchShaped(links: linkCount)
let page = Array(html.utf8)
try Data(page).write(to: outputDirectory.appendingPathComponent("page.html"))
let pageURL = URL(string: "https://download.pytorch.org/whl/torch/")!
var sink = 0
sink &+= try SimpleIndexPage.parse(page, contentType: "text/html", url: pageURL).files.count  // warm-up
var parseTimes: [Double] = []
for _ in 0..<parseRuns {
    parseTimes.append(try seconds {
        let parsed = try SimpleIndexPage.parse(page, contentType: "text/html", url: pageURL)
        sink &+= parsed.files.count
    })
}
let links = try SimpleIndexPage.parse(page, contentType: "text/html", url: pageURL).files.count
print("page-bytes \(page.count)")
print("swift-parse-links \(links)")
print("swift-parse-seconds \(median(parseTimes))")
print(String(format: "swift-parse-mbps %.2f", Double(page.count) / median(parseTimes) / 1e6))

// MARK: - Versions

/// Deterministic mix of the shapes torchbump meets: releases, local labels, nightlies, pre/post releases, epochs.
func generateVersions(_ count: Int) -> [String] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    let labels = ["cpu", "cu118", "cu121", "cu124", "cu126", "cu128", "cu130", "rocm6.2.4", "rocm6.3", "xpu"]
    var out: [String] = []
    out.reserveCapacity(count)
    for _ in 0..<count {
        let major = 1 + next(3), minor = next(20), micro = next(5)
        switch next(20) {
        case 0..<6: out.append("\(major).\(minor).\(micro)")
        case 6..<11: out.append("\(major).\(minor).\(micro)+\(labels[next(labels.count)])")
        case 11..<15:
            out.append("\(major).\(minor).0.dev2025\(String(format: "%02d%02d", 1 + next(12), 1 + next(28)))+\(labels[next(labels.count)])")
        case 15..<17: out.append("\(major).\(minor).\(micro)\(["a", "b", "rc"][next(3)])\(next(4))")
        case 17..<19: out.append("0.0.\(next(40)).post\(next(4))")
        default: out.append("1!\(major).\(minor)")
        }
    }
    return out
}

let versionStrings = generateVersions(versionCount)
try (versionStrings.joined(separator: "\n") + "\n").write(
    to: outputDirectory.appendingPathComponent("versions.txt"), atomically: true, encoding: .utf8)
/// Parses every string (into a buffer of the right size: a `Version` is a 120-byte value, so growing the array
/// while parsing would cost more than the parsing).
func parseAll(_ strings: [String]) -> [Version] {
    var out: [Version] = []
    out.reserveCapacity(strings.count)
    for s in strings { if let v = Version(s) { out.append(v) } }
    return out
}

var versionTimes: [Double] = []
for _ in 0..<versionRuns {
    versionTimes.append(seconds {
        let sorted = parseAll(versionStrings).sortedByPrecedence()
        sink &+= sorted.count
    })
}
var parseOnly: [Double] = [], sortOnly: [Double] = []
for _ in 0..<versionRuns {
    var parsed: [Version] = []
    parseOnly.append(seconds { parsed = parseAll(versionStrings) })
    sortOnly.append(seconds { sink &+= parsed.sortedByPrecedence().count })
}
print("swift-versions-parse-seconds \(median(parseOnly))")
print("swift-versions-sort-seconds \(median(sortOnly))")
let parsedCount = parseAll(versionStrings).count
print("swift-versions-parsed \(parsedCount)")
print("swift-versions-seconds \(median(versionTimes))")
print(String(format: "swift-versions-per-second %.0f", Double(versionCount) / median(versionTimes)))
let sortedSample = parseAll(versionStrings).sortedByPrecedence()
print("swift-versions-min \(sortedSample.first?.description ?? "-")")
print("swift-versions-max \(sortedSample.last?.description ?? "-")")
if sink == 42 { print("") }  // keep the work observable
