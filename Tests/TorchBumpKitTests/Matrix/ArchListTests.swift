import Testing
@testable import TorchBumpKit

@Suite struct ArchListTests {
    let matrix: ReleaseMatrix

    init() throws { matrix = try ReleaseMatrix.bundled() }

    /// (list, cuda, expected issues as "entry:kind").
    @Test(arguments: [
        ("7.0 7.5 8.0 8.6 9.0", "12.6", [String]()),
        ("7.0;7.5;8.0;8.6;9.0;10.0;12.0+PTX", "12.6", ["10.0:newer(12.8)", "12.0+PTX:newer(12.8)"]),
        ("7.5 8.0 9.0+PTX", "12.6", []),
        ("10.1 12.0", "12.6", ["10.1:newer(12.8)", "12.0:newer(12.8)"]),
        ("7.0 7.5 8.0 9.0 10.0 12.0", "12.8", ["7.0:deprecated"]),
        ("8.0 10.3 12.1", "12.8", ["10.3:newer(12.9)", "12.1:newer(12.9)"]),
        ("8.0;10.3;12.1", "12.9", []),
        ("11.0", "12.9", ["11.0:newer(13.0)"]),
        ("7.0 7.5 8.0 9.0 10.0 10.1 12.0", "13.0", ["7.0:older(12.9)", "10.1:renamed(11.0)"]),
        ("6.0;7.0;7.5;8.0+PTX", "13.0.2", ["6.0:older(12.9)", "7.0:older(12.9)"]),
        ("9.0a 10.0a 12.0f", "13.0", []),
        ("3.5 3.7 8.0", "11.8", ["3.5:deprecated", "3.7:deprecated"]),
        ("3.7 8.0", "12.1", ["3.7:older(11.8)"]),
        ("6.5 8.0", "12.6", ["6.5:unknown"]),
        ("6.5 8.0", "13.0", ["6.5:unknown"]),
        ("3.0 8.0", "12.6", ["3.0:older(?)"]),
        ("13.5 8.0", "13.0", ["13.5:newer(?)"]),
        ("8.8", "12.9", ["8.8:newer(13.0)"]),
        ("Ampere 8.0 sm_90", "12.6", ["Ampere:unrecognized", "sm_90:unrecognized"]),
        ("7.5 8.0", "cu128", []),
        ("", "12.8", []),
    ])
    func validate(list: String, cuda: String, expected: [String]) {
        let issues = matrix.validateArchList(list, cuda: cuda).map { issue -> String in
            let kind: String
            switch issue.kind {
            case let .requiresNewerCUDA(minimum): kind = "newer(\(minimum ?? "?"))"
            case let .noLongerSupported(last): kind = "older(\(last ?? "?"))"
            case .unknownArchitecture: kind = "unknown"
            case let .renamed(to): kind = "renamed(\(to))"
            case .deprecated: kind = "deprecated"
            case .unrecognized: kind = "unrecognized"
            case .unknownToolkit: kind = "unknownToolkit"
            case .assumedTargets: kind = "assumed"
            }
            return "\(issue.entry):\(kind)"
        }
        #expect(issues == expected)
    }

    @Test func severitiesAndMessages() throws {
        let issues = matrix.validateArchList("7.0 10.1 12.0", cuda: "13.0")
        #expect(issues.map(\.severity) == [.error, .error])
        #expect(issues.first?.description == "CUDA 13.0 can no longer target '7.0'; CUDA 12.9 was the last that could")
        let newer = try #require(matrix.validateArchList("12.0", cuda: "12.6").first)
        #expect(newer.description == "CUDA 12.6 cannot target '12.0'; it needs CUDA 12.8 or newer")
        #expect(matrix.validateArchList("7.0", cuda: "12.8").first?.severity == .warning)
    }

    @Test func unknownAndAssumedToolkits() {
        #expect(matrix.validateArchList("8.0", cuda: "13.4").map(\.kind) == [.unknownToolkit])
        #expect(matrix.validateArchList("8.0", cuda: "99.1").map(\.kind) == [.unknownToolkit])
        #expect(matrix.validateArchList("8.0", cuda: "13.2").map(\.kind) == [.assumedTargets])
        #expect(matrix.validateArchList("7.0", cuda: "13.2").map(\.kind)
            == [.assumedTargets, .noLongerSupported(lastCUDA: "12.9")])
    }

    /// (list, cuda, adjusted list, dropped, renamed as "old>new").
    @Test(arguments: [
        ("7.0 7.5 8.0 8.6 9.0", "12.6", "7.0 7.5 8.0 8.6 9.0", [String](), [String]()),
        ("7.0;7.5;8.0;8.6;9.0;10.0;12.0+PTX", "12.6", "7.0;7.5;8.0;8.6;9.0+PTX", ["10.0", "12.0+PTX"], []),
        ("7.0 7.5 8.0 9.0 10.0 12.0+PTX", "12.8", "7.0 7.5 8.0 9.0 10.0 12.0+PTX", [], []),
        ("7.0 7.5 8.0 9.0 10.0 10.1 12.0+PTX", "13.0", "7.5 8.0 9.0 10.0 11.0 12.0+PTX", ["7.0"], ["10.1>11.0"]),
        ("7.0;8.0;9.0+PTX", "13.0", "8.0;9.0+PTX", ["7.0"], []),
        ("9.0+PTX", "12.6", "9.0+PTX", [], []),
        ("7.0 9.0+PTX", "13.0", "9.0+PTX", ["7.0"], []),
        ("8.0 12.1+PTX 9.0", "12.8", "8.0 9.0+PTX", ["12.1+PTX"], []),
        ("6.0+PTX 7.0 7.5 8.0+PTX", "13.0", "7.5 8.0+PTX", ["6.0+PTX", "7.0"], []),
        ("7.5; 8.0; 10.1a", "13.0", "7.5; 8.0; 11.0a", [], ["10.1a>11.0a"]),
        ("10.1 11.0", "13.0", "11.0", ["10.1"], []),
        ("7.0 Ampere 12.0", "12.6", "7.0 Ampere", ["12.0"], []),
        ("7.0 8.0", "13.4", "7.0 8.0", [], []),
        ("7.0", "13.0", "", ["7.0"], []),
        ("8.0,9.0,12.0", "12.6", "8.0,9.0", ["12.0"], []),
    ])
    func adjust(list: String, cuda: String, expected: String, dropped: [String], renamed: [String]) {
        let result = matrix.adjustArchList(list, cuda: cuda)
        #expect(result.list == expected)
        #expect(result.dropped == dropped)
        #expect(result.renamed.map { "\($0.0)>\($0.1)" } == renamed)
    }

    @Test func adjustedListsValidateCleanly() {
        for cuda in ["12.6", "12.8", "12.9", "13.0"] {
            let adjusted = matrix.adjustArchList("5.0 6.0 7.0 7.5 8.0 8.6 8.9 9.0a 10.0 10.1 10.3 11.0 12.0 12.1+PTX",
                                                 cuda: cuda)
            let errors = matrix.validateArchList(adjusted.list, cuda: cuda).filter { $0.severity == .error }
            #expect(errors.isEmpty, "CUDA \(cuda): \(adjusted.list)")
            #expect(adjusted.list.hasSuffix("+PTX"), "CUDA \(cuda): \(adjusted.list)")
        }
    }
}
