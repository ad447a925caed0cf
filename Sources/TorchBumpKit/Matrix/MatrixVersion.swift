/// Dotted-number version arithmetic for the release matrix (`2.7.0`, `0.0.29.post3`, `2.7.0+cu128`) and the few
/// specifier shapes its tables use (`==2.7.0`, `==2.11.*`, `>=2.10`, `~=3.8.0`).
///
/// Every version comparison in `Matrix/` goes through this file, so moving to the PEP 440 `Version` and
/// specifier types is a one-file change.
enum MatrixVersion {
    /// A comparable key: release numbers with trailing zeros trimmed (so `2.7 == 2.7.0`), then the post number
    /// (`-1` when there is none).
    struct Key: Hashable, Comparable {
        var release: [Int]
        var post: Int

        static func < (a: Key, b: Key) -> Bool {
            if a.release != b.release { return a.release.lexicographicallyPrecedes(b.release) }
            return a.post < b.post
        }
    }

    /// The text without a local label or surrounding whitespace: `2.7.0+cu128` → `2.7.0`.
    static func publicPart(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let plus = trimmed.firstIndex(of: "+") else { return trimmed }
        return String(trimmed[..<plus])
    }

    /// The release numbers as written (`2.11` → `[2, 11]`, `0.0.29.post3` → `[0, 0, 29]`), nil when unparsable.
    static func components(_ text: String) -> (release: [Int], post: Int)? {
        let parts = publicPart(text).split(separator: ".", omittingEmptySubsequences: false)
        var release: [Int] = []
        var post = -1
        for (i, part) in parts.enumerated() {
            if let n = Int(part), part.allSatisfy(\.isASCIIDigit) {
                guard post < 0 else { return nil }
                release.append(n)
            } else if part.hasPrefix("post"), i == parts.count - 1, !release.isEmpty {
                let digits = part.dropFirst(4)
                guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
                post = Int(digits) ?? 0
            } else {
                return nil
            }
        }
        return release.isEmpty ? nil : (release, post)
    }

    static func key(_ text: String) -> Key? {
        guard let parsed = components(text) else { return nil }
        var release = parsed.release
        while release.count > 1, release.last == 0 { release.removeLast() }
        return Key(release: release, post: parsed.post)
    }

    /// Whether both texts parse and `a < b`; unparsable texts sort first.
    static func less(_ a: String, _ b: String) -> Bool {
        switch (key(a), key(b)) {
        case let (ka?, kb?): return ka < kb
        case (nil, _?): return true
        default: return false
        }
    }

    /// Equal as versions (`2.7 == 2.7.0`, local labels ignored).
    static func same(_ a: String, _ b: String) -> Bool {
        guard let ka = key(a), let kb = key(b) else { return false }
        return ka == kb
    }

    /// `2.7.0` → `2.7`; nil when there are fewer than two numbers.
    static func minor(_ text: String) -> String? {
        guard let (release, _) = components(text), release.count >= 2 else { return nil }
        return "\(release[0]).\(release[1])"
    }

    /// Whether `version` satisfies a comma-separated specifier (`==`, `!=`, `>=`, `<=`, `>`, `<`, `~=`,
    /// `==X.Y.*`). Local labels on the version are ignored. An unparsable clause never matches.
    static func satisfies(_ version: String, _ specifier: String) -> Bool {
        guard let (raw, _) = components(version), let v = key(version) else { return false }
        let clauses = specifier.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !clauses.isEmpty else { return false }
        for clause in clauses {
            guard let op = ["~=", "==", "!=", "<=", ">=", "<", ">"].first(where: { clause.hasPrefix($0) })
            else { return false }
            let operand = clause.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
            if operand.hasSuffix(".*") {
                guard op == "==" || op == "!=", let (prefix, _) = components(String(operand.dropLast(2)))
                else { return false }
                let padded = raw + Array(repeating: 0, count: max(0, prefix.count - raw.count))
                let matches = Array(padded.prefix(prefix.count)) == prefix
                if matches != (op == "==") { return false }
                continue
            }
            guard let bound = key(operand), let (boundRaw, _) = components(operand) else { return false }
            let ok: Bool
            switch op {
            case "==": ok = v == bound
            case "!=": ok = v != bound
            case ">=": ok = v >= bound
            case "<=": ok = v <= bound
            case ">": ok = v > bound
            case "<": ok = v < bound
            default: // ~=
                guard boundRaw.count >= 2 else { return false }
                let prefix = Array(boundRaw.dropLast())
                let padded = raw + Array(repeating: 0, count: max(0, prefix.count - raw.count))
                ok = v >= bound && Array(padded.prefix(prefix.count)) == prefix
            }
            if !ok { return false }
        }
        return true
    }

    /// The CUDA minor named by `12.8`, `12.8.1` or `cu128` → `12.8`.
    static func cudaMinor(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let variant = Variant(tag: t), case let .cuda(major, minor) = variant { return "\(major).\(minor)" }
        return minor(t)
    }

    /// An SM architecture `7.5` as `(7, 5)`.
    static func arch(_ text: String) -> (major: Int, minor: Int)? {
        guard let (release, post) = components(text), release.count == 2, post < 0 else { return nil }
        return (release[0], release[1])
    }
}
