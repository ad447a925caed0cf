import Testing
@testable import TorchBumpKit

@Suite struct MatrixVersionTests {
    @Test(arguments: [
        ("2.7.0", "2.7.1", true), ("2.9.1", "2.10.0", true), ("2.10.0", "2.9.1", false), ("2.7", "2.7.0", false),
        ("0.0.29.post2", "0.0.29.post3", true), ("0.0.29", "0.0.29.post1", true), ("0.0.33.post2", "0.0.34", true),
        ("12.9", "13.0", true), ("x", "2.0", true), ("2.0", "x", false),
    ])
    func ordering(a: String, b: String, less: Bool) {
        #expect(MatrixVersion.less(a, b) == less)
    }

    @Test(arguments: [
        ("2.7.0", "==2.7.0", true), ("2.7.0+cu128", "==2.7.0", true), ("2.7.1", "==2.7.0", false),
        ("2.11.0", "==2.11.*", true), ("2.11", "==2.11.*", true), ("2.12.0", "==2.11.*", false),
        ("2.10.0", ">=2.10", true), ("2.15.0", ">=2.10", true), ("2.9.1", ">=2.10", false),
        ("3.8.4", "~=3.8.0", true), ("3.9.0", "~=3.8.0", false), ("2.8.0", ">=2.7, <2.9", true),
        ("2.9.0", ">=2.7,<2.9", false), ("2.7.0", "!=2.7.0", false), ("2.7.0", "garbage", false),
        ("2.7.0", "", false), ("bad", ">=2.0", false),
    ])
    func satisfies(version: String, specifier: String, expected: Bool) {
        #expect(MatrixVersion.satisfies(version, specifier) == expected)
    }

    @Test(arguments: [("2.7.1", "2.7"), ("2.10.0+cu128", "2.10"), ("2", nil), ("a.b", nil)] as [(String, String?)])
    func minor(text: String, expected: String?) {
        #expect(MatrixVersion.minor(text) == expected)
    }

    @Test(arguments: [("12.8", "12.8"), ("12.8.1", "12.8"), ("cu128", "12.8"), ("cu92", "9.2"), ("rocm6.3", nil),
                      ("13", nil)] as [(String, String?)])
    func cudaMinor(text: String, expected: String?) {
        #expect(MatrixVersion.cudaMinor(text) == expected)
    }
}
