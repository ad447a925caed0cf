/// Shell-style expansions inside a value (`$VAR`, `${VAR//./}`, `$(echo $VAR | …)`, backticks, GitHub's
/// `${{ matrix.cuda }}`), with the variables each one reads.
struct Expansion: Equatable {
    var range: Range<Int>
    /// Variables read, in order of appearance (`CUDA_VERSION`, `matrix.cuda`).
    var variables: [String]
}

enum Expansions {
    /// All top-level expansions of `b`.
    static func find(in b: [UInt8]) -> [Expansion] {
        var out: [Expansion] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x24, i + 1 < b.count {  // $
                let n = b[i + 1]
                if n == 0x7B || n == 0x28 {
                    let end = balancedEnd(b, from: i + 1)
                    let inner = Array(b[(i + 2)..<max(i + 2, min(end - 1, b.count))])
                    var vars: [String] = []
                    if n == 0x7B {
                        if inner.first == 0x7B {  // ${{ expr }}
                            let text = String(decoding: inner.dropFirst().dropLast(), as: UTF8.self)
                            let trimmed = text.trimmingCharacters(in: .whitespaces)
                            if !trimmed.isEmpty { vars = [trimmed] }
                        } else {
                            var k = 0
                            while k < inner.count && (ASCII.isNameByte(inner[k]) || (k == 0 && inner[k] == 0x23)) { k += 1 }
                            let name = String(decoding: inner[0..<k], as: UTF8.self).replacingOccurrences(of: "#", with: "")
                            if !name.isEmpty { vars = [name] }
                            vars += find(in: Array(inner[k...])).flatMap(\.variables)
                        }
                    } else {
                        vars = find(in: inner).flatMap(\.variables)
                    }
                    out.append(Expansion(range: i..<end, variables: vars))
                    i = end
                    continue
                }
                if ASCII.isLetter(n) || n == 0x5F {
                    var k = i + 1
                    while k < b.count && ASCII.isNameByte(b[k]) { k += 1 }
                    out.append(Expansion(range: i..<k, variables: [String(decoding: b[(i + 1)..<k], as: UTF8.self)]))
                    i = k
                    continue
                }
            }
            if c == 0x60 {  // `
                var k = i + 1
                while k < b.count && b[k] != 0x60 { k += 1 }
                let inner = Array(b[(i + 1)..<k])
                let end = min(k + 1, b.count)
                out.append(Expansion(range: i..<end, variables: find(in: inner).flatMap(\.variables)))
                i = end
                continue
            }
            i += 1
        }
        return out
    }

    /// End (exclusive) of the bracket group opening at `open` (`(` or `{`), or the end of `b`.
    private static func balancedEnd(_ b: [UInt8], from open: Int) -> Int {
        let o = b[open], close: UInt8 = o == 0x28 ? 0x29 : 0x7D
        var depth = 0, k = open
        while k < b.count {
            if b[k] == 0x5C { k += 2; continue }
            if b[k] == o { depth += 1 } else if b[k] == close {
                depth -= 1
                if depth == 0 { return k + 1 }
            }
            k += 1
        }
        return b.count
    }

    /// Whether `b` contains any expansion.
    static func contains(_ b: [UInt8]) -> Bool { b.contains(0x24) || b.contains(0x60) }

    /// The variable a computed value follows: among `variables`, the first naming a toolkit (CUDA/ROCm), else the first.
    static func followed(_ variables: [String]) -> String? {
        variables.first { v in let u = v.uppercased(); return u.contains("CUDA") || u.contains("ROCM") } ?? variables.first
    }

    /// Whether the whole of `b` is a single variable reference (`$X`, `${X}`, `${X:-…}`, `${{ … }}`).
    static func isPureReference(_ b: [UInt8]) -> Bool {
        let found = find(in: b)
        return found.count == 1 && found[0].range == 0..<b.count
    }
}
