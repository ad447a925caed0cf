import Foundation

/// The PEP 508 marker variables of one target interpreter and platform, with a small evaluator for the markers
/// found in wheel metadata (`platform_system == "Linux" and python_version < "3.13"`).
///
/// Evaluation is deliberately permissive: a variable the environment does not define, or text that does not parse,
/// counts as satisfied, so the probe checks a dependency rather than silently skipping it. `extra` is always empty,
/// so `extra == "opt"` requirements never apply.
public struct MarkerEnvironment: Hashable, Sendable {
    public var values: [String: String]

    public init(values: [String: String]) { self.values = values }

    /// CPython `python` (`3.12`, `3.13t`) on Linux `arch` (`x86_64`, `aarch64`).
    public static func linux(python: String, arch: String) -> MarkerEnvironment {
        var version = python.lowercased()
        if version.hasSuffix("t") { version.removeLast() }
        if version.hasPrefix("cp"), version.count >= 3 {
            let digits = version.dropFirst(2)
            version = "\(digits.prefix(1)).\(digits.dropFirst())"
        }
        let machine: String
        switch arch.lowercased() {
        case "amd64", "x64": machine = "x86_64"
        case "arm64": machine = "aarch64"
        default: machine = arch.lowercased()
        }
        return MarkerEnvironment(values: [
            "python_version": version, "python_full_version": version + ".0", "platform_system": "Linux",
            "sys_platform": "linux", "platform_machine": machine, "os_name": "posix", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "implementation_version": version + ".0", "extra": "",
        ])
    }

    /// Evaluates a marker expression with the PEP 508 marker grammar of `Requirements/Marker`.
    public func evaluate(_ marker: String) -> Bool {
        guard let parsed = try? Marker(parsing: marker) else { return true }
        return parsed.evaluate(values) ?? true
    }

    static let versionVariables: Set<String> = ["python_version", "python_full_version", "implementation_version"]
}
