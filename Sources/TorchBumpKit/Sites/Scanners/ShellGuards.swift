/// Follows `if`/`elif`/`else`/`fi` through a sequence of shell commands and reports which platform guard is in
/// force: `if [ "$TARGETPLATFORM" = "linux/arm64" ]; then …` puts the `then` branch on `arm`.
struct ShellGuards {
    private var stack: [Platform?] = []

    /// The guard platform for `command`, updating the state for the commands that follow.
    mutating func platform(for command: ShellCommand) -> Platform? {
        let words = command.words.map(\.string)
        guard let first = words.first else { return current }
        switch first {
        case "if":
            stack.append(Self.condition(words))
            return current
        case "elif":
            if !stack.isEmpty { stack[stack.count - 1] = Self.condition(words) }
            return current
        case "else":
            if !stack.isEmpty { stack[stack.count - 1] = nil }
            return current
        case "fi":
            let p = current
            if !stack.isEmpty { stack.removeLast() }
            return p
        default:
            return current
        }
    }

    private var current: Platform? { stack.last(where: { $0 != nil }) ?? nil }

    /// The platform a test selects: an equality with an arm64/aarch64/ppc64le/s390x value.
    static func condition(_ words: [String]) -> Platform? {
        guard !words.contains("!=") && !words.contains("!") else { return nil }
        let text = words.joined(separator: " ").lowercased()
        if text.contains("arm64") || text.contains("aarch64") { return .arm }
        if text.contains("ppc64le") { return .ppc64le }
        if text.contains("s390x") { return .s390x }
        return nil
    }
}
