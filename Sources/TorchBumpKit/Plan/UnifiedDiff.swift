/// Renders a unified diff (`diff -u` / `git diff` shape) between a file and the same file with span edits applied.
/// Works from the edits, so it is linear in the file size however large the file is.
public enum UnifiedDiff {
    public static func render(path: String, original: SourceFile, edits: [TextEdit], context: Int = 3) throws -> String {
        guard !edits.isEmpty else { return "" }
        let newBytes = try TextEdit.apply(edits, to: original.bytes)
        if newBytes == original.bytes { return "" }
        var oldLines = splitLines(original.bytes)
        if oldLines.isEmpty { oldLines = [Line(start: 0, end: 0)] }  // an empty file still has a place to insert
        // Regions of old lines touched by edits (1-based, inclusive), merged when they touch.
        var regions: [(first: Int, last: Int, edits: [TextEdit])] = []
        for edit in edits.sorted(by: { $0.span < $1.span }) {
            let first = lineIndex(oldLines, edit.span.start)
            let endOffset = edit.span.isEmpty ? edit.span.start : edit.span.end - 1
            let last = max(first, lineIndex(oldLines, max(endOffset, edit.span.start)))
            if let prev = regions.last, first <= prev.last {
                regions[regions.count - 1] = (prev.first, max(prev.last, last), prev.edits + [edit])
            } else {
                regions.append((first, last, [edit]))
            }
        }
        // Each region's replacement lines.
        struct Change { var oldFirst: Int; var oldLines: [String]; var newLines: [String] }
        var changes: [Change] = []
        for region in regions {
            let start = oldLines[region.first].start
            let end = oldLines[region.last].end
            let slice = Array(original.bytes[start..<end])
            let local = region.edits.map { TextEdit(span: Span($0.span.start - start, $0.span.end - start), replacement: $0.replacement) }
            let replaced = try TextEdit.apply(local, to: slice)
            var old = (region.first...region.last).map { oldLines[$0].text(original.bytes) }
            var new = splitLines(replaced).map { $0.text(replaced) }
            var first = region.first
            while let o = old.first, let n = new.first, o == n { old.removeFirst(); new.removeFirst(); first += 1 }
            while let o = old.last, let n = new.last, o == n { old.removeLast(); new.removeLast() }
            if old.isEmpty && new.isEmpty { continue }
            changes.append(Change(oldFirst: first, oldLines: old, newLines: new))
        }
        guard !changes.isEmpty else { return "" }
        let allOld = oldLines.map { $0.text(original.bytes) }
        let noFinalNewline = !original.endsWithNewline && !original.bytes.isEmpty
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var i = 0
        var delta = 0  // new line number minus old line number before the current change
        while i < changes.count {
            var j = i
            while j + 1 < changes.count,
                  changes[j + 1].oldFirst - (changes[j].oldFirst + changes[j].oldLines.count) <= 2 * context {
                j += 1
            }
            let hunkStart = max(0, changes[i].oldFirst - context)
            let lastChange = changes[j]
            let hunkEnd = min(allOld.count, lastChange.oldFirst + lastChange.oldLines.count + context)
            var body = ""
            var oldCount = 0, newCount = 0
            var cursor = hunkStart
            var hunkDelta = delta
            for k in i...j {
                let c = changes[k]
                while cursor < c.oldFirst { body += " " + allOld[cursor] + "\n"; oldCount += 1; newCount += 1; cursor += 1 }
                for l in c.oldLines { body += "-" + l + "\n"; oldCount += 1 }
                if noFinalNewline && cursor + c.oldLines.count == allOld.count && !c.oldLines.isEmpty {
                    body += "\\ No newline at end of file\n"
                }
                for l in c.newLines { body += "+" + l + "\n"; newCount += 1 }
                if noFinalNewline && cursor + c.oldLines.count == allOld.count && !c.newLines.isEmpty {
                    body += "\\ No newline at end of file\n"
                }
                cursor += c.oldLines.count
                hunkDelta += c.newLines.count - c.oldLines.count
            }
            while cursor < hunkEnd {
                body += " " + allOld[cursor] + "\n"
                if noFinalNewline && cursor == allOld.count - 1 { body += "\\ No newline at end of file\n" }
                oldCount += 1; newCount += 1; cursor += 1
            }
            let oldStart = oldCount == 0 ? hunkStart : hunkStart + 1
            let newStart = newCount == 0 ? hunkStart + delta : hunkStart + delta + 1
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
            delta = hunkDelta
            i = j + 1
        }
        return out
    }

    struct Line {
        var start: Int
        var end: Int  // including the terminator
        func text(_ bytes: [UInt8]) -> String {
            var e = end
            if e > start && bytes[e - 1] == 0x0A { e -= 1 }
            if e > start && bytes[e - 1] == 0x0D { e -= 1 }
            return String(decoding: bytes[start..<e], as: UTF8.self)
        }
    }

    static func splitLines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(Line(start: start, end: i + 1))
            start = i + 1
        }
        if start < bytes.count { lines.append(Line(start: start, end: bytes.count)) }
        return lines
    }

    static func lineIndex(_ lines: [Line], _ offset: Int) -> Int {
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].start <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
