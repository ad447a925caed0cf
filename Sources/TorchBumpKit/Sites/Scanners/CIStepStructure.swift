import Yams

/// One step of a CI file: a Buildkite `steps:` entry (also inside a `group`) or a GitHub Actions job, with its
/// lines, id, dependencies and the CPU architecture it builds for.
public struct CIStep: Sendable, Hashable {
    /// The CPU architecture a step names (queue, label, `--platform`, image tag suffix).
    public enum Architecture: String, Sendable, Hashable {
        case x86_64, aarch64
        /// Names both (a multi-arch manifest, a step that builds both).
        case both
        /// Names neither: the CI default, x86_64 in practice.
        case unspecified
    }

    /// From the step's first line to its last non-comment line.
    public var lines: ClosedRange<Int>
    /// `key`/`id` (Buildkite) or the job name (GitHub Actions).
    public var id: String?
    /// `depends_on` (Buildkite) or `needs` (GitHub Actions).
    public var dependsOn: [String]
    public var architecture: Architecture
    /// The first line of the comment block right above the step, if there is one.
    public var commentLine: Int?
}

/// Finds the steps of a Buildkite pipeline or GitHub Actions workflow. YAML that does not parse has no steps.
enum CIStepStructure {
    static func parse(_ file: SourceFile) -> [CIStep] {
        guard case .documents(let nodes) = YAMLDocuments.load(file) else { return [] }
        var steps: [CIStep] = []
        for node in nodes {
            guard let root = node.mapping else { continue }
            for (key, value) in root {
                switch key.scalar?.string {
                case "steps":
                    if let sequence = value.sequence { collect(sequence, end: file.lineCount, file: file, into: &steps) }
                case "jobs":
                    if let jobs = value.mapping { collectJobs(jobs, end: file.lineCount, file: file, into: &steps) }
                default:
                    break
                }
            }
        }
        return steps
    }

    /// Buildkite steps; a `group` contributes its inner steps.
    static func collect(_ sequence: Node.Sequence, end: Int, file: SourceFile, into steps: inout [CIStep]) {
        let elements = Array(sequence)
        for (i, element) in elements.enumerated() {
            guard let start = element.mark?.line else { continue }
            let next = i + 1 < elements.count ? (elements[i + 1].mark?.line ?? end + 1) : end + 1
            let last = lastContentLine(before: next, after: start, file: file)
            guard let mapping = element.mapping else { continue }
            if let inner = mapping["steps"]?.sequence {
                collect(inner, end: last, file: file, into: &steps)
                continue
            }
            let id = (mapping["key"] ?? mapping["id"] ?? mapping["identifier"])?.scalar?.string
            steps.append(CIStep(lines: start...last, id: id, dependsOn: names(mapping["depends_on"]),
                                architecture: architecture(of: text(element)), commentLine: commentAbove(start, file: file)))
        }
    }

    /// GitHub Actions jobs: the key is the id, `needs` the dependencies.
    static func collectJobs(_ jobs: Node.Mapping, end: Int, file: SourceFile, into steps: inout [CIStep]) {
        let entries = Array(jobs)
        for (i, (key, _)) in entries.enumerated() {
            guard let start = key.mark?.line else { continue }
            let next = i + 1 < entries.count ? (entries[i + 1].key.mark?.line ?? end + 1) : end + 1
            let last = lastContentLine(before: next, after: start, file: file)
            let needs = entries[i].value.mapping?["needs"]
            steps.append(CIStep(lines: start...last, id: key.scalar?.string, dependsOn: names(needs),
                                architecture: architecture(of: key.scalar?.string ?? "") == .aarch64 ? .aarch64
                                    : architecture(of: text(entries[i].value)),
                                commentLine: commentAbove(start, file: file)))
        }
    }

    /// Step ids in `depends_on: id`, `depends_on: [a, b]` or `depends_on: [{step: a}]`.
    static func names(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let s = node.scalar?.string { return s == "~" || s.isEmpty ? [] : [s] }
        return (node.sequence.map(Array.init) ?? []).compactMap { $0.scalar?.string ?? $0.mapping?["step"]?.scalar?.string }
    }

    /// The last line before `next` that is neither blank nor a comment (a comment there introduces the next step).
    static func lastContentLine(before next: Int, after start: Int, file: SourceFile) -> Int {
        var line = min(next - 1, file.lineCount)
        while line > start {
            let text = file.line(line).trimmingCharacters(in: .whitespaces)
            guard text.isEmpty || text.hasPrefix("#") else { break }
            line -= 1
        }
        return max(line, start)
    }

    static func commentAbove(_ start: Int, file: SourceFile) -> Int? {
        var line = start - 1
        var first: Int?
        while line >= 1, file.line(line).trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            first = line
            line -= 1
        }
        return first
    }

    static let armWords = ["aarch64", "arm64", "sbsa", "linux/arm", "graviton", "gh200", "gb200"]
    static let x86Words = ["x86", "amd64"]

    /// The architecture a stretch of text names (`arm` counts as a word: GitHub's `ubuntu-24.04-arm` runners).
    static func architecture(of text: String) -> CIStep.Architecture {
        let lower = text.lowercased()
        let arm = armWords.contains { lower.contains($0) } || containsWord("arm", in: lower)
        let x86 = x86Words.contains { lower.contains($0) }
        switch (arm, x86) {
        case (true, true): return .both
        case (true, false): return .aarch64
        case (false, true): return .x86_64
        case (false, false): return .unspecified
        }
    }

    /// Whether `word` occurs with no letter or digit right before or after it.
    static func containsWord(_ word: String, in text: String) -> Bool {
        var rest = text[...]
        while let r = rest.range(of: word) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false)
                && !(after?.isNumber ?? false) {
                return true
            }
            rest = text[r.upperBound...]
        }
        return false
    }

    /// The keys and scalar values of a step, without what it depends on (naming an arm64 step does not make a step
    /// arm64) and without comments.
    static func text(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.string
        case .mapping(let mapping):
            return mapping.compactMap { key, value -> String? in
                let name = key.scalar?.string ?? ""
                if ["depends_on", "needs", "allow_dependency_failure"].contains(name) { return nil }
                return name + " " + text(value)
            }.joined(separator: "\n")
        case .sequence(let sequence):
            return sequence.map(text).joined(separator: "\n")
        case .alias:
            return ""
        }
    }
}
