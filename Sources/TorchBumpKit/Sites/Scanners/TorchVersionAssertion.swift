/// `assert torch.__version__.startswith("2.8.0")`, `assert torch.__version__ == '2.8.0+cu128'`: code that checks the
/// installed torch is the pinned one. Unlike a version gate (`if … >= "2.6"`), it names the project's torch and
/// moves with it. Found in Python files and in `python -c "…"` commands of scripts and CI steps.
enum TorchVersionAssertion {
    /// Byte ranges (in `b`) of the versions such assertions name; empty unless the text asserts. `attribute` is
    /// what is compared: `__version__`, or `torch.version.cuda` for the CUDA of the build (`== '12.6'`).
    static func versions(in b: [UInt8], attribute: String = "__version__") -> [Range<Int>] {
        guard contains(b, "assert"), contains(b, attribute) else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while let v = find(b, attribute, from: i) {
            var j = v + attribute.utf8.count
            i = j
            // `.startswith(`, `==`, `[:5] ==` (a prefix slice), with spaces.
            if let s = find(b, ".startswith(", from: j), s == j { j = s + ".startswith(".utf8.count }
            else {
                if j < b.count, b[j] == 0x5B, let close = b[j...].firstIndex(of: 0x5D), close - j < 8 { j = close + 1 }
                while j < b.count, b[j] == 0x20 { j += 1 }
                guard j + 1 < b.count, b[j] == 0x3D, b[j + 1] == 0x3D else { continue }
                j += 2
            }
            while j < b.count, b[j] == 0x20 { j += 1 }
            guard j < b.count, b[j] == 0x22 || b[j] == 0x27 else { continue }
            let quote = b[j]
            let start = j + 1
            var end = start
            while end < b.count, b[end] != quote, b[end] != 0x5C { end += 1 }
            guard end < b.count, b[end] == quote, end > start,
                  VersionText.isVersion(String(decoding: b[start..<end], as: UTF8.self)) else { continue }
            out.append(start..<end)
            i = end
        }
        return out
    }

    private static func contains(_ b: [UInt8], _ word: String) -> Bool { find(b, word, from: 0) != nil }

    private static func find(_ b: [UInt8], _ word: String, from: Int) -> Int? {
        from < b.count ? ByteSearch.find(word, in: b, range: from..<b.count) : nil
    }
}
