import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct MarkerTests {
    static let linuxX86: [String: String] = [
        "platform_machine": "x86_64", "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
        "python_version": "3.12", "python_full_version": "3.12.4", "implementation_name": "cpython",
        "platform_python_implementation": "CPython", "extra": "",
    ]

    /// (marker, value on Linux x86_64 with Python 3.12.4)
    static let evaluated: [(String, Bool)] = [
        ("platform_machine == \"x86_64\"", true), ("platform_machine == 'aarch64'", false),
        ("platform_machine != \"x86_64\"", false), ("sys_platform == 'linux' and platform_machine == 'x86_64'", true),
        ("sys_platform == 'darwin' or platform_machine == 'x86_64'", true), ("sys_platform == 'darwin' or python_version < '3.9'", false),
        ("python_version >= \"3.10\"", true), ("python_version > '3.9'", true), ("python_version < '3.13'", true),
        ("python_full_version >= '3.12.4'", true), ("python_full_version < '3.12.4'", false), ("'3.12' == python_version", true),
        ("python_version ~= '3.12'", true), ("python_version == '3.*'", true), ("python_version != '3.12.*'", false),
        ("'linux' in sys_platform", true), ("'lin' in sys_platform", true), ("sys_platform not in 'win32 cygwin'", true),
        ("platform_system == \"Linux\" and (platform_machine == \"x86_64\" or platform_machine == \"aarch64\")", true),
        ("(platform_machine=='ppc64le')", false), ("python_version>\"3\"and os_name=='posix'", true),
        ("sys.platform == 'linux'", true), ("platform.machine == 'x86_64'", true), ("os.name == 'posix'", true),
        ("platform_machine < 'y'", false), ("platform_machine <= 'x86_64'", true), ("platform_machine >= 'a'", false),
        ("python_version === '3.12'", true), ("python_full_version == '3.12.*'", true),
    ]

    @Test(arguments: evaluated)
    func evaluates(text: String, expected: Bool) throws {
        #expect(try Marker(parsing: text).evaluate(Self.linuxX86) == expected)
    }

    @Test func unknownVariablesGiveThreeValuedResults() throws {
        let m = try Marker(parsing: "platform_machine == 'x86_64' and python_version >= '3.9'")
        #expect(m.evaluate(["platform_machine": "aarch64"]) == false)
        #expect(m.evaluate(["platform_machine": "x86_64"]) == nil)
        let o = try Marker(parsing: "platform_machine == 'x86_64' or python_version >= '3.9'")
        #expect(o.evaluate(["platform_machine": "x86_64"]) == true)
        #expect(o.evaluate(["platform_machine": "aarch64"]) == nil)
        #expect(try Marker(parsing: "extra == 'Test_Extra'").evaluate(["extra": "test-extra"]) == true)
        #expect(try Marker(parsing: "implementation_name === 'cpython'").evaluate(Self.linuxX86) == nil)
        #expect(try Marker(parsing: "python_version > 'three'").evaluate(Self.linuxX86) == false)
        // packaging cannot compare two literals, and reads a variable on the right of a variable as its name.
        #expect(try Marker(parsing: "'a' == 'a'").evaluate(Self.linuxX86) == nil)
        #expect(try Marker(parsing: "platform_machine == sys_platform").evaluate(["platform_machine": "sys_platform"]) == true)
        #expect(try Marker(parsing: "python_implementation == 'CPython'").evaluate(Self.linuxX86) == true)
    }

    static let invalid: [String] = [
        "", "garbage", "platform_machine", "platform_machine ==", "platform_machine = 'x'", "platform_machine == x86_64",
        "'a' == 'b' and", "(platform_machine == 'x'", "platform_machine == 'x')", "platform_machine == 'x' AND os_name == 'y'",
        "platform_machine == \"x", "platform_machine not 'x'", "platform_machine notin 'x'", "python_version >= 3.9",
        "platform_machinex == 'x'", "platform_machine == 'x' or", "'x' 'y'",
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String) {
        #expect(throws: RequirementError.self) { try Marker(parsing: text) }
    }

    @Test func hints() throws {
        let h = try #require(MarkerHints("platform_machine == 'ppc64le' or platform_machine == \"aarch64\""))
        #expect(h.platformMachines == ["ppc64le", "aarch64"])
        #expect(h.excludedPlatformMachines.isEmpty)
        let h2 = try #require(MarkerHints("sys_platform != 'darwin' and platform_machine != 'aarch64' and python_version >= '3.10'"))
        #expect(h2.excludedSysPlatforms == ["darwin"])
        #expect(h2.excludedPlatformMachines == ["aarch64"])
        #expect(h2.clauses.count == 3)
        #expect(!h2.isPlatformNeutral)
        let h3 = try #require(MarkerHints("'Darwin' == platform_system and sys.platform == 'darwin'"))
        #expect(h3.platformSystems == ["Darwin"] && h3.sysPlatforms == ["darwin"])
        let h4 = try #require(MarkerHints("python_version >= '3.10'"))
        #expect(h4.isPlatformNeutral && h4.platformMachines.isEmpty)
        #expect(MarkerHints("not a marker") == nil)
        let h5 = try #require(MarkerHints("platform_system != \"Windows\""))
        #expect(h5.excludedPlatformSystems == ["Windows"])
    }
}
