/// Byte-level finders for version-like tokens inside decoded text: PEP 440-ish versions, CUDA/ROCm versions,
/// variant tags (`cu128`, `rocm6.3`) and the way prose, labels and ids mention them (`CUDA 12.8`, `PyTorch 2.8.0`,
/// `cuda-12-8`).
enum VersionTokens {
    /// A token found in text, with what it is about.
    struct Match: Equatable {
        var range: Range<Int>
        var subject: String?
        var variant: Variant?
    }

    /// Length of a version at `i`: `N(.N)*` (at least `minParts` parts) plus optional `aN`/`bN`/`rcN`, `.postN`,
    /// `.devN` and, when `local`, a `+label`. 0 when there is none. Does not check the byte before `i`.
    static func versionLength(_ b: [UInt8], at i: Int, minParts: Int = 2, local: Bool = true) -> Int {
        var j = i
        var parts = 0
        while true {
            let s = j
            while j < b.count && ASCII.isDigit(b[j]) { j += 1 }
            if j == s { j = s; break }
            parts += 1
            if j + 1 < b.count && b[j] == 0x2E && ASCII.isDigit(b[j + 1]) { j += 1; continue }
            break
        }
        if parts == 0 { return 0 }
        // Trim a trailing dot if we stopped after one.
        if j > i && b[j - 1] == 0x2E { j -= 1; parts -= 1 }
        guard parts >= minParts else { return 0 }
        func lit(_ s: String, at k: Int) -> Bool {
            let u = Array(s.utf8)
            guard k + u.count <= b.count else { return false }
            for (n, c) in u.enumerated() where b[k + n] | 0x20 != c { return false }
            return true
        }
        func digitsAfter(_ k: Int) -> Int { var e = k; while e < b.count && ASCII.isDigit(b[e]) { e += 1 }; return e }
        for pre in ["rc", "a", "b"] where lit(pre, at: j) {
            let e = digitsAfter(j + pre.count)
            if e > j + pre.count { j = e }
            break
        }
        if lit(".post", at: j) { let e = digitsAfter(j + 5); if e > j + 5 { j = e } }
        if lit(".dev", at: j) { let e = digitsAfter(j + 4); if e > j + 4 { j = e } }
        if local, j + 1 < b.count, b[j] == 0x2B, ASCII.isAlnum(b[j + 1]) {
            var e = j + 1
            while e < b.count && (ASCII.isAlnum(b[e]) || b[e] == 0x2E) { e += 1 }
            while b[e - 1] == 0x2E { e -= 1 }
            j = e
        }
        // A version glued to more letters or digits (`12.4abc`) is still a version; the caller checks boundaries.
        return j - i
    }

    /// Length of a dotted toolkit version (`12.4`, `12.4.1`, `6.2.4`), digits and dots only.
    static func dottedLength(_ b: [UInt8], at i: Int) -> Int {
        versionLength(b, at: i, minParts: 2, local: false).clampedToDotted(b, i)
    }

    /// Whether the byte before `i` is not part of a word (start, punctuation, space).
    static func boundaryBefore(_ b: [UInt8], _ i: Int) -> Bool {
        i == 0 || !(ASCII.isAlnum(b[i - 1]) || b[i - 1] == 0x2E)
    }

    /// Whether the byte at `i` ends a token (end, or not a letter/digit).
    static func boundaryAfter(_ b: [UInt8], _ i: Int) -> Bool {
        i >= b.count || !ASCII.isAlnum(b[i]) || (b[i] == 0x2E && (i + 1 >= b.count || !ASCII.isDigit(b[i + 1])))
    }

    /// Case-insensitive match of ASCII `word` at `i`.
    /// Called at every byte of a line by several scanners: compares in place, without copying `word`.
    @inline(__always)
    static func hasWord(_ b: [UInt8], _ word: String, at i: Int) -> Bool {
        guard i >= 0, i < b.count else { return false }
        var k = i
        for c in word.utf8 {
            guard k < b.count, b[k] | 0x20 == c | 0x20 else { return false }
            k += 1
        }
        return true
    }

    /// Variant tags standing alone: `cu128`, `rocm6.3`, `rocm6.2.4` (not `cu12`, not inside `abcu128`).
    static func variants(in b: [UInt8]) -> [Match] {
        var out: [Match] = []
        var i = 0
        while i < b.count {
            if hasWord(b, "cu", at: i), boundaryBeforeLetters(b, i) {
                var e = i + 2
                while e < b.count && ASCII.isDigit(b[e]) { e += 1 }
                if e - i == 5, e >= b.count || !ASCII.isDigit(b[e]),
                   let v = Variant(tag: String(decoding: b[i..<e], as: UTF8.self)) {
                    out.append(Match(range: i..<e, variant: v)); i = e; continue
                }
            }
            if hasWord(b, "rocm", at: i), boundaryBeforeLetters(b, i) {
                let n = dottedLength(b, at: i + 4)
                if n > 0, let v = Variant(tag: String(decoding: b[i..<(i + 4 + n)], as: UTF8.self)) {
                    out.append(Match(range: i..<(i + 4 + n), variant: v)); i += 4 + n; continue
                }
            }
            i += 1
        }
        return out
    }

    /// A letter run may end right before a variant tag in ids like `build-cu128`; only letters glued to the tag
    /// (`docu128`) disqualify it.
    private static func boundaryBeforeLetters(_ b: [UInt8], _ i: Int) -> Bool {
        i == 0 || !ASCII.isLetter(b[i - 1])
    }

    /// Mentions of a toolkit or torch version after a keyword: `CUDA 12.8`, `cuda12.4`, `CUDA-12.8.1`,
    /// `ROCm 6.3`, `PyTorch 2.8.0`, `torch>=2.8`, `torch2.6`. The range covers the version only.
    static func mentions(in b: [UInt8], dashed: Bool = false) -> [Match] {
        var out: [Match] = []
        var i = 0
        let keywords: [(String, String)] = [("pytorch", "torch"), ("torchvision", "torchvision"), ("torchaudio", "torchaudio"),
                                            ("torch", "torch"), ("cuda", "cuda"), ("rocm", "rocm")]
        while i < b.count {
            var matched = false
            for (word, subject) in keywords where hasWord(b, word, at: i) && boundaryBeforeLetters(b, i) {
                // `pytorch` is matched as a whole; `torch` must not be the tail of another word.
                var j = i + word.utf8.count
                if j < b.count && ASCII.isLetter(b[j]) { break }
                var gap = 0
                while j < b.count && gap < 5 && [0x20, 0x09, 0x2D, 0x5F, 0x3D, 0x3E, 0x3C, 0x7E, 0x3A, 0x28].contains(b[j]) {
                    j += 1; gap += 1
                }
                // An optional filler word: `PyTorch release 2.6`, `CUDA toolkit (12.4`, `CUDA version 12.8`.
                for filler in ["release", "toolkit", "version", "runtime"] where hasWord(b, filler, at: j) {
                    j += filler.utf8.count
                    while j < b.count && gap < 8 && [0x20, 0x5F, 0x2D, 0x28, 0x3A].contains(b[j]) { j += 1; gap += 1 }
                    break
                }
                if j < b.count && (b[j] == 0x76 || b[j] == 0x56) { j += 1 }
                guard j < b.count, ASCII.isDigit(b[j]) else { break }
                let n = subject.hasPrefix("torch") ? versionLength(b, at: j, minParts: 2, local: false) : dottedLength(b, at: j)
                if n > 0, boundaryAfter(b, j + n) {
                    out.append(Match(range: j..<(j + n), subject: subject))
                    i = j + n; matched = true
                    // `CUDA 12.6 or 12.8`, `CUDA 12.6, 12.8 and 13.0`, `ROCm 6.3/6.4`: the list names the same toolkit.
                    if subject == "cuda" || subject == "rocm" {
                        while let next = listedToolkit(b, after: i, subject: subject) {
                            out.append(Match(range: next, subject: subject))
                            i = next.upperBound
                        }
                    }
                } else if dashed, subject == "cuda", let d = dashedLength(b, at: j), boundaryAfter(b, j + d) {
                    out.append(Match(range: j..<(j + d), subject: subject))
                    i = j + d; matched = true
                }
                break
            }
            if !matched { i += 1 }
        }
        return out
    }

    /// The next version of a toolkit list after `i` (`, 12.8`, ` or 12.8`, `/12.8`, `, and 13.0`): a dotted version
    /// with a plausible major for the toolkit (CUDA 9–19, ROCm 4–9).
    private static func listedToolkit(_ b: [UInt8], after i: Int, subject: String) -> Range<Int>? {
        var j = i
        var separated = false
        while j < b.count {
            if b[j] == 0x20 { j += 1; continue }
            if b[j] == 0x2C || b[j] == 0x2F { j += 1; separated = true; continue }
            if hasWord(b, "or ", at: j) { j += 3; separated = true; continue }
            if hasWord(b, "and ", at: j) { j += 4; separated = true; continue }
            break
        }
        guard separated, j < b.count, ASCII.isDigit(b[j]), boundaryBefore(b, j) else { return nil }
        let n = dottedLength(b, at: j)
        guard n > 0, boundaryAfter(b, j + n), b[j..<(j + n)].contains(0x2E) else { return nil }
        var major = 0
        var k = j
        while k < b.count, ASCII.isDigit(b[k]) { major = major * 10 + Int(b[k] - 0x30); k += 1 }
        let plausible = subject == "cuda" ? (9...19).contains(major) : (4...9).contains(major)
        return plausible ? j..<(j + n) : nil
    }

    /// `12-8` / `12-8-1` as used in step ids.
    private static func dashedLength(_ b: [UInt8], at i: Int) -> Int? {
        var j = i, parts = 0
        while true {
            let s = j
            while j < b.count && ASCII.isDigit(b[j]) { j += 1 }
            if j == s { break }
            parts += 1
            if j + 1 < b.count && b[j] == 0x2D && ASCII.isDigit(b[j + 1]) && parts < 3 { j += 1; continue }
            break
        }
        return parts >= 2 ? j - i : nil
    }

    /// Whether `s` is a plain dotted toolkit version (`12.4`, `12.4.1`).
    static func isDotted(_ s: String) -> Bool {
        let b = Array(s.utf8)
        return !b.isEmpty && dottedLength(b, at: 0) == b.count
    }

    /// Whether `s` is a PEP 440-ish version (`2.6.0`, `0.0.29.post2`, `2.9.0.dev20250801+cu128`).
    static func isVersion(_ s: String, minParts: Int = 1) -> Bool {
        let b = Array(s.utf8)
        return !b.isEmpty && versionLength(b, at: 0, minParts: minParts) == b.count
    }
}

private extension Int {
    /// Cuts a version length back to its leading `digits(.digits)*` part.
    func clampedToDotted(_ b: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < i + self && (ASCII.isDigit(b[j]) || b[j] == 0x2E) { j += 1 }
        while j > i && b[j - 1] == 0x2E { j -= 1 }
        return j - i
    }
}
