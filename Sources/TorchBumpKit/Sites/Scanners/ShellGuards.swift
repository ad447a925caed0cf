/// Follows `if`/`elif`/`else`/`fi` through a sequence of shell commands and reports which platform guard is in
/// force: `if [ "$TARGETPLATFORM" = "linux/arm64" ]; then …` puts the `then` branch on `arm`.
struct ShellGuards {
    /// Per open `if`: the platform of the current branch, and the one an `else` branch gets (for `!=` tests).
    private var stack: [(current: Platform?, otherwise: Platform?)] = []

    /// The guard platform for `command`, updating the state for the commands that follow.
    mutating func platform(for command: ShellCommand) -> Platform? {
        // Dockerfile `RUN --mount=…` flags come before the shell text.
        let words = Array(command.words.map(\.string).drop(while: ShellGuards.isRunFlag))
        guard let first = words.first else { return current }
        switch first {
        case "if":
            let (platform, negated) = Self.condition(words)
            stack.append(negated ? (nil, platform) : (platform, nil))
            return current
        case "elif":
            let (platform, negated) = Self.condition(words)
            if !stack.isEmpty { stack[stack.count - 1] = negated ? (nil, nil) : (platform, nil) }
            return current
        case "else":
            if !stack.isEmpty { stack[stack.count - 1] = (stack[stack.count - 1].otherwise, nil) }
            return current
        case "fi":
            let p = current
            if !stack.isEmpty { stack.removeLast() }
            return p
        default:
            return current
        }
    }

    private var current: Platform? { stack.last(where: { $0.current != nil })?.current }

    /// The platform a test names (arm64/aarch64, ppc64le, s390x) and whether the test is negated (`!=`, `!`).
    static func condition(_ words: [String]) -> (Platform?, negated: Bool) {
        let negated = words.contains("!=") || words.contains("!")
        let text = words.joined(separator: " ").lowercased()
        if text.contains("arm64") || text.contains("aarch64") { return (.arm, negated) }
        if text.contains("ppc64le") { return (.ppc64le, negated) }
        if text.contains("s390x") { return (.s390x, negated) }
        return (nil, negated)
    }

    /// Dockerfile `RUN` flags (`--mount=…`, `--network=…`, `--security=…`, `--device=…`).
    static func isRunFlag(_ s: String) -> Bool {
        ["--mount", "--network", "--security", "--device"].contains { s.hasPrefix($0) }
    }
}
