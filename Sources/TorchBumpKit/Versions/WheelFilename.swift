import Foundation

/// PEP 503 name normalisation: lowercase, every run of `-`, `_` and `.` becomes one `-` (`Flash_Attn` → `flash-attn`).
public func normalizePackageName(_ s: String) -> String {
    var out = ""
    var inRun = false
    for ch in s.lowercased() {
        if ch == "-" || ch == "_" || ch == "." {
            if !inRun { out.append("-") }
            inRun = true
        } else {
            out.append(ch)
            inRun = false
        }
    }
    return out
}

/// A PEP 427 wheel filename (`torch-2.7.0+cu128-cp312-cp312-manylinux_2_28_x86_64.whl`), parsed like
/// packaging's `parse_wheel_filename`, accepting URLs and percent-encoding (`%2B`). Slightly stricter than
/// packaging: an empty distribution name or an empty tag (`cp312--linux_x86_64`) is rejected.
public struct WheelFilename: Hashable, Sendable, CustomStringConvertible {
    /// The decoded filename (last path component, without query or fragment).
    public let filename: String
    /// The distribution part as written (`flashinfer_python`).
    public let distribution: String
    /// The normalised distribution name (`flashinfer-python`).
    public let name: String
    public let version: Version
    /// The optional build tag (`1` in `torchvision-0.19.0-1-cp310-…`); always starts with a digit.
    public let buildTag: String?
    /// Compressed tag sets split on `.` (`manylinux_2_17_x86_64.manylinux2014_x86_64` → two platform tags).
    public let pythonTags: [String]
    public let abiTags: [String]
    public let platformTags: [String]

    /// Parses a filename, a path or a URL (`https://…/torch-2.6.0%2Bcu124-cp312-cp312-linux_x86_64.whl#sha256=…`).
    public init(parsing input: String) throws {
        var s = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        if let query = s.firstIndex(of: "?") { s = String(s[..<query]) }
        if let slash = s.lastIndex(of: "/") { s = String(s[s.index(after: slash)...]) }
        let file = s.removingPercentEncoding ?? s
        func fail(_ reason: String) -> VersionError { .invalidWheelFilename(input, reason: reason) }

        guard file.hasSuffix(".whl") else { throw fail("the extension must be .whl") }
        let stem = file.dropLast(4)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 || parts.count == 6 else {
            throw fail("expected name-version[-build]-python-abi-platform, found \(parts.count) parts")
        }
        let dist = parts[0]
        guard !dist.isEmpty, !dist.contains("__"),
              dist.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
        else { throw fail("'\(dist)' is not a valid distribution name") }
        guard let version = Version(parts[1]), !parts[1].contains(where: \.isWhitespace) else {
            throw fail("'\(parts[1])' is not a PEP 440 version")
        }
        var build: String?
        if parts.count == 6 {
            guard parts[2].first?.isASCIIDigit == true else { throw fail("build tag '\(parts[2])' must start with a digit") }
            build = parts[2]
        }
        let tagSets = parts.suffix(3).map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        guard tagSets.allSatisfy({ $0.allSatisfy { !$0.isEmpty } }) else { throw fail("empty compatibility tag") }

        filename = file
        distribution = dist
        name = normalizePackageName(dist)
        self.version = version
        buildTag = build
        pythonTags = tagSets[0]
        abiTags = tagSets[1]
        platformTags = tagSets[2]
    }

    public var description: String { filename }

    /// The PyTorch variant named by the local label (`cu128`, `cpu`, `rocm6.3`, `xpu`); nil for other labels
    /// such as `cu124torch2.6` (the label itself stays in `version.localLabel`).
    public var variant: Variant? { version.localLabel.flatMap { Variant(localLabel: $0) } }

    /// Whether an interpreter `python` (`3.12`, `3.13t` for free-threaded, also `cp312`) can install this wheel:
    /// `cp312-cp312`, `cp312-none`, `cp3x-abi3` for x ≤ 12, `py3-none`, `py3x-none` for x ≤ 12; `cp313-cp313t`
    /// only for `3.13t`, and no abi3 on free-threaded builds.
    public func supports(python: String) -> Bool {
        guard let target = PythonTarget(python) else { return false }
        for py in pythonTags {
            for abi in abiTags where Self.compatible(interpreter: py, abi: abi, target: target) { return true }
        }
        return false
    }

    /// Whether the wheel runs on CPU architecture `arch` (`x86_64`, `aarch64`; `amd64` and `arm64` are synonyms):
    /// a platform tag ending in `_<arch>`, a macOS `universal2` tag, or `any`.
    public func supports(arch: String) -> Bool {
        let a = arch.lowercased()
        let aliases: [String]
        switch a {
        case "x86_64", "amd64", "x64": aliases = ["x86_64", "amd64"]
        case "aarch64", "arm64": aliases = ["aarch64", "arm64"]
        default: aliases = [a]
        }
        return platformTags.contains { tag in
            let t = tag.lowercased()
            if t == "any" || aliases.contains(t) { return true }
            if t.hasPrefix("macosx_") && t.hasSuffix("_universal2") && (aliases.contains("x86_64") || aliases.contains("arm64")) {
                return true
            }
            return aliases.contains { t.hasSuffix("_" + $0) }
        }
    }

    /// True for `…-any.whl` wheels.
    public var isPlatformIndependent: Bool { platformTags == ["any"] }

    private struct PythonTarget {
        var major: Int
        var minor: Int
        var freeThreaded: Bool

        init?(_ raw: String) {
            var s = raw.trimmingCharacters(in: .whitespaces).lowercased()
            freeThreaded = s.hasSuffix("t")
            if freeThreaded { s.removeLast() }
            if s.hasPrefix("cp") {
                let digits = s.dropFirst(2)
                guard digits.count >= 2, let m = Int(digits.prefix(1)), let n = Int(digits.dropFirst()) else { return nil }
                (major, minor) = (m, n)
            } else {
                let parts = s.split(separator: ".")
                guard parts.count >= 2, let m = Int(parts[0]), let n = Int(parts[1]) else { return nil }
                (major, minor) = (m, n)
            }
        }
    }

    /// `cp312` → (3, 12); `py3` → (3, nil); nil for other interpreters (pp, ip, graalpy).
    private static func interpreterVersion(_ tag: String, prefix: String) -> (major: Int, minor: Int?)? {
        let t = tag.lowercased()
        guard t.hasPrefix(prefix) else { return nil }
        let digits = t.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let major = Int(digits.prefix(1)) else { return nil }
        return (major, digits.count > 1 ? Int(digits.dropFirst()) : nil)
    }

    private static func compatible(interpreter: String, abi rawABI: String, target: PythonTarget) -> Bool {
        let abi = rawABI.lowercased()
        let here = "cp\(target.major)\(target.minor)"
        if let cp = interpreterVersion(interpreter, prefix: "cp") {
            guard cp.major == target.major, let minor = cp.minor else { return false }
            if abi == "abi3" { return !target.freeThreaded && minor >= 2 && minor <= target.minor }
            guard minor == target.minor else { return false }
            if abi == "none" { return true }
            if target.freeThreaded { return abi == here + "t" }
            return abi == here || (target.minor < 8 && abi == here + "m")
        }
        if let py = interpreterVersion(interpreter, prefix: "py") {
            guard abi == "none", py.major == target.major else { return false }
            return (py.minor ?? 0) <= target.minor
        }
        return false
    }
}

extension WheelFilename: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        try self.init(parsing: c.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(filename)
    }
}
