/// Minimal path globbing for configuration: `*` (within a segment), `?`, `**` (any number of segments),
/// `[abc]` classes. A pattern without `/` matches the file name in any folder (like `.gitignore`).
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        if !pattern.contains("/") {
            let name = PathName.last(path)
            return match(Array(pattern.utf8), 0, Array(name.utf8), 0)
        }
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasPrefix("/") { p.removeFirst() }
        if p.hasSuffix("/") { p += "**" }
        return match(Array(p.utf8), 0, Array(path.utf8), 0)
    }

    private static func match(_ p: [UInt8], _ pi: Int, _ s: [UInt8], _ si: Int) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            let c = p[pi]
            if c == UInt8(ascii: "*") {
                if pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") {
                    // `**` (optionally followed by `/`) matches across segments, including none.
                    var next = pi + 2
                    if next < p.count && p[next] == UInt8(ascii: "/") { next += 1 }
                    if next == p.count { return true }
                    var k = si
                    while k <= s.count {
                        if (k == si || s[k - 1] == UInt8(ascii: "/")) && match(p, next, s, k) { return true }
                        k += 1
                    }
                    return false
                }
                var k = si
                while true {
                    if match(p, pi + 1, s, k) { return true }
                    if k >= s.count || s[k] == UInt8(ascii: "/") { return false }
                    k += 1
                }
            }
            guard si < s.count else { return false }
            if c == UInt8(ascii: "?") {
                if s[si] == UInt8(ascii: "/") { return false }
            } else if c == UInt8(ascii: "["), let close = p[(pi + 1)...].firstIndex(of: UInt8(ascii: "]")) {
                let set = p[(pi + 1)..<close]
                let negate = set.first == UInt8(ascii: "!") || set.first == UInt8(ascii: "^")
                let members = negate ? set.dropFirst() : set
                if members.contains(s[si]) == negate { return false }
                pi = close + 1
                si += 1
                continue
            } else if c != s[si] {
                return false
            }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
