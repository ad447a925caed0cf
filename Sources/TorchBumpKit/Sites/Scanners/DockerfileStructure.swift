/// The instructions, build stages, `ARG`/`ENV` declarations and installer commands of a Dockerfile, with spans,
/// so a planner can find where a stage's settings live and insert new ones (e.g. `ENV UV_INDEX_STRATEGY=…`).
public struct DockerfileStructure: Sendable, Hashable {
    /// One instruction (a logical line joined from `\`-continued physical lines, plus here-document bodies).
    public struct Instruction: Sendable, Hashable {
        /// Upper-cased keyword (`FROM`, `ARG`, `ENV`, `RUN`, …).
        public var keyword: String
        /// From the keyword to the end of the last line (line terminator excluded).
        public var span: Span
        /// The text after the keyword; comment lines inside continuations are left out, `\`-newlines kept.
        public var arguments: MappedText
        public var line: Int
        public var endLine: Int
        /// Bodies of `<<EOF` here-documents attached to the instruction.
        public var heredocs: [MappedText]
        /// Index into `stages`; nil before the first `FROM`.
        public var stage: Int?
    }

    /// `ARG NAME[=value]` or `ENV NAME=value` / `ENV NAME value`.
    public struct Declaration: Sendable, Hashable {
        public var keyword: String
        public var name: String
        public var nameSpan: Span
        /// The value after quote removal; nil for `ARG NAME` without a default.
        public var value: MappedText?
        public var instruction: Int
        public var stage: Int?
        /// The exact span of the value (inside quotes) when contiguous.
        public var valueSpan: Span? { value?.fileSpan }
    }

    /// A build stage: a `FROM` and everything up to the next `FROM`.
    public struct Stage: Sendable, Hashable {
        public var index: Int
        /// The `AS name`, if any.
        public var name: String?
        /// The image reference as written after `FROM` (flags removed).
        public var baseImage: String
        /// The earlier stage this one builds on (`FROM base AS final`), whose `ENV`s it inherits.
        public var parent: Int?
        public var from: Int
        public var span: Span
        public var line: Int
        /// Indices into `declarations`.
        public var declarations: [Int]
        /// Indices into `instructions`.
        public var instructions: [Int]
        /// Where a new `ARG`/`ENV` line belongs: the start of the line after the stage's first block of `ARG`/`ENV`
        /// instructions, or after the `FROM` line when the stage declares nothing. Equals the file size when that
        /// line is the last one and has no terminator (the inserted text must then start with a newline).
        public var insertionOffset: Int
    }

    /// An installer command inside a `RUN` instruction.
    public struct Install: Sendable, Hashable {
        public var instruction: Int
        public var stage: Int?
        public var command: InstallCommand
    }

    public var instructions: [Instruction] = []
    public var stages: [Stage] = []
    public var declarations: [Declaration] = []
    public var installs: [Install] = []
    /// Spans of whole-line comments outside instructions (`# …`), parser directives included.
    public var comments: [Span] = []

    /// `ARG`s before the first `FROM` (usable in `FROM` lines).
    public var globalDeclarations: [Declaration] { declarations.filter { $0.stage == nil } }

    /// Declarations of a stage.
    public func declarations(in stage: Int) -> [Declaration] { declarations.filter { $0.stage == stage } }

    public init(parsing file: SourceFile) {
        DockerfileParser(file: file).parse(into: &self)
    }
}

private struct DockerfileParser {
    let file: SourceFile

    func parse(into s: inout DockerfileStructure) {
        let b = file.bytes
        var n = 1
        let count = file.lineCount
        while n <= count {
            let line = file.lineSpan(n)
            var p = line.start
            while p < line.end && ASCII.isBlank(b[p]) { p += 1 }
            if p == line.end { n += 1; continue }
            if b[p] == 0x23 { s.comments.append(Span(p, line.end)); n += 1; continue }
            var k = p
            while k < line.end && (ASCII.isLetter(b[k])) { k += 1 }
            let keyword = String(decoding: b[p..<k], as: UTF8.self).uppercased()
            var argStart = k
            while argStart < line.end && ASCII.isBlank(b[argStart]) { argStart += 1 }
            var args = MappedText()
            args.endOffset = argStart
            var lineNo = n
            var segStart = argStart
            var lastEnd = line.end
            while true {
                let ls = file.lineSpan(lineNo)
                let full = file.fullLineSpan(lineNo)
                // A continued line ends with `\`, possibly followed by blanks.
                var e = ls.end
                while e > segStart && ASCII.isBlank(b[e - 1]) { e -= 1 }
                let continued = e > segStart && b[e - 1] == 0x5C && lineNo < count
                if continued {
                    args.append(MappedText(file: file, span: Span(segStart, e)))
                    args.append(MappedText(file: file, span: Span(ls.end, full.end)))
                } else {
                    args.append(MappedText(file: file, span: Span(segStart, ls.end)))
                }
                lastEnd = ls.end
                guard continued else { break }
                // Skip comment lines and empty lines inside the continuation.
                var next = lineNo + 1
                while next <= count {
                    let nl = file.lineSpan(next)
                    var q = nl.start
                    while q < nl.end && ASCII.isBlank(b[q]) { q += 1 }
                    if q == nl.end || b[q] == 0x23 { next += 1 } else { break }
                }
                guard next <= count else { break }
                lineNo = next
                segStart = file.lineSpan(lineNo).start
            }
            var endLine = lineNo
            var heredocs: [MappedText] = []
            if ["RUN", "COPY", "ADD"].contains(keyword) {
                for (delimiter, strip) in heredocDelimiters(args.bytes) {
                    guard endLine < count else { break }
                    let bodyStart = file.lineSpan(endLine + 1).start
                    var m = endLine + 1
                    var bodyEnd = bodyStart
                    var closed = false
                    while m <= count {
                        var text = file.line(m)
                        if strip { text = String(text.drop { $0 == "\t" }) }
                        if text == delimiter { closed = true; break }
                        bodyEnd = file.fullLineSpan(m).end
                        m += 1
                    }
                    heredocs.append(MappedText(file: file, span: Span(bodyStart, bodyEnd)))
                    endLine = closed ? m : count
                    lastEnd = file.lineSpan(endLine).end
                }
            }
            let stage = s.stages.indices.last
            let index = s.instructions.count
            s.instructions.append(.init(keyword: keyword, span: Span(p, max(p, lastEnd)), arguments: args, line: n,
                                        endLine: endLine, heredocs: heredocs, stage: keyword == "FROM" ? s.stages.count : stage))
            switch keyword {
            case "FROM": addStage(index, args: args, into: &s)
            case "ARG", "ENV": addDeclarations(index, keyword: keyword, args: args, stage: stage, into: &s)
            case "RUN":
                var scripts = [ShellWords.parse(args)]
                scripts += heredocs.map(ShellWords.parse)
                for script in scripts {
                    for command in InstallCommand.find(in: script) {
                        s.installs.append(.init(instruction: index, stage: stage, command: command))
                    }
                }
            default: break
            }
            if let st = s.stages.indices.last { s.stages[st].instructions.append(index) }
            n = endLine + 1
        }
        finishStages(&s)
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"` in the first line of a RUN/COPY.
    func heredocDelimiters(_ b: [UInt8]) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        var i = 0
        while i + 2 < b.count {
            guard b[i] == 0x3C, b[i + 1] == 0x3C, b[i + 2] != 0x3C, i == 0 || b[i - 1] != 0x3C else { i += 1; continue }
            var j = i + 2
            var strip = false
            if j < b.count && b[j] == 0x2D { strip = true; j += 1 }
            if j < b.count && (b[j] == 0x22 || b[j] == 0x27) { j += 1 }
            let s = j
            while j < b.count && ASCII.isNameByte(b[j]) { j += 1 }
            if j > s { out.append((String(decoding: b[s..<j], as: UTF8.self), strip)) }
            i = j
        }
        return out
    }

    func addStage(_ index: Int, args: MappedText, into s: inout DockerfileStructure) {
        let words = ShellWords.words(args).filter { !$0.string.hasPrefix("--") }
        let image = words.first?.string ?? ""
        var name: String?
        if words.count >= 3, words[1].string.uppercased() == "AS" { name = words[2].string }
        let start = s.instructions[index].span.start
        let parent = s.stages.lastIndex { $0.name.map { $0.lowercased() == image.lowercased() } ?? false }
        s.stages.append(.init(index: s.stages.count, name: name, baseImage: image, parent: parent, from: index,
                              span: Span(start, file.bytes.count), line: s.instructions[index].line,
                              declarations: [], instructions: [], insertionOffset: 0))
    }

    func addDeclarations(_ index: Int, keyword: String, args: MappedText, stage: Int?,
                         into s: inout DockerfileStructure) {
        let words = ShellWords.words(args)
        guard let first = words.first else { return }
        func add(_ name: String, _ nameSpan: Span, _ value: MappedText?) {
            if let st = stage { s.stages[st].declarations.append(s.declarations.count) }
            s.declarations.append(.init(keyword: keyword, name: name, nameSpan: nameSpan, value: value,
                                        instruction: index, stage: stage))
        }
        let legacyENV = keyword == "ENV" && !first.value.bytes.contains(0x3D)
        if legacyENV {
            // `ENV NAME value with spaces`: the value is the rest of the line.
            guard words.count >= 2, let nameSpan = first.value.fileSpan else { return }
            if words.count == 2 {
                add(first.string, nameSpan, words[1].value)
            } else if let from = args.index(ofFileOffset: words[1].rawSpan.start) {
                add(first.string, nameSpan, args.slice(from..<args.count).trimmed)
            }
            return
        }
        for w in words {
            let b = w.value.bytes
            let eq = b.firstIndex(of: 0x3D) ?? b.count
            guard eq > 0, let nameSpan = w.value.fileSpan(0..<eq) else { continue }
            let name = String(decoding: b[0..<eq], as: UTF8.self)
            add(name, nameSpan, eq < b.count ? w.value.slice((eq + 1)..<b.count) : nil)
        }
    }

    func finishStages(_ s: inout DockerfileStructure) {
        for i in s.stages.indices {
            if i + 1 < s.stages.count {
                let next = s.instructions[s.stages[i + 1].from].span.start
                s.stages[i].span = Span(s.stages[i].span.start, max(s.stages[i].span.start, next))
            }
            // The first run of ARG/ENV instructions in the stage.
            let members = s.stages[i].instructions
            var lastOfBlock: Int?
            for idx in members.dropFirst() {
                let kw = s.instructions[idx].keyword
                if kw == "ARG" || kw == "ENV" { lastOfBlock = idx } else if lastOfBlock != nil { break }
            }
            let afterLine = s.instructions[lastOfBlock ?? s.stages[i].from].endLine
            s.stages[i].insertionOffset = afterLine < file.lineCount ? file.lineStarts[afterLine] : file.bytes.count
        }
    }
}
