/// What the name of a version constant says: the tracked package it holds a version of (`TORCHVISION_VERSION`,
/// `TESTED_TORCH`, `MIN_TORCHAUDIO_VERSION` → torchvision, torch, torchaudio, through
/// `PackageAliases.package(forVariablePrefix:)` like the Dockerfile side), and whether it is a bound
/// (`MIN_TORCH`, `TORCH_MAX_VERSION`) rather than the version in use.
struct VersionConstantName: Equatable {
    /// A lower bound does not move with an upgrade (raising it drops support for older releases); an upper bound
    /// needs a human to decide whether the new release is within it.
    enum Bound: Equatable { case floor, ceiling }

    /// The tracked package the name points at; nil when it names none (toolkit names such as `MAIN_CUDA_VERSION`
    /// are read by `VersionText.subject(forConstantName:value:)`).
    var package: String?
    var bound: Bound?

    /// The site note that marks a bound, which the planner leaves alone.
    var boundNote: String? {
        switch bound {
        case .floor: "version floor"
        case .ceiling: "version ceiling"
        case nil: nil
        }
    }

    /// Words that say the value is a lower bound.
    static let floorWords: Set<String> = ["MIN", "MINIMUM", "LOWEST", "OLDEST", "FLOOR"]
    /// Words that say the value is an upper bound.
    static let ceilingWords: Set<String> = ["MAX", "MAXIMUM", "CEILING", "NEWEST"]
    /// Words that qualify the version without changing what it is about.
    static let qualifierWords: Set<String> = [
        "VERSION", "VERSIONS", "VER", "TESTED", "DEFAULT", "PINNED", "TARGET", "EXPECTED", "CURRENT", "REQUIRED",
        "SUPPORTED", "BASE", "STABLE", "LATEST", "RELEASE",
    ]

    /// nil when the name names neither a tracked package nor a bound.
    init?(_ name: String) {
        let tokens = name.uppercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        var bound: Bound?
        var rest: [String] = []
        for token in tokens {
            if Self.floorWords.contains(token) { bound = .floor }
            else if Self.ceilingWords.contains(token) { bound = .ceiling }
            else if !Self.qualifierWords.contains(token) { rest.append(token) }
        }
        let package = rest.isEmpty ? nil : PackageAliases.package(forVariablePrefix: rest.joined(separator: "_"))
        guard package != nil || bound != nil else { return nil }
        self.package = package
        self.bound = bound
    }
}
