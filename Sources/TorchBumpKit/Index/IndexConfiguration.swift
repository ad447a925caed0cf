import Foundation

/// The indexes a resolver on this machine would see — the PyPI-compatible default, extra indexes and the PyTorch
/// base — each with where it was configured, discovered from flags, environment, uv and pip configuration.
public struct IndexConfiguration: Hashable, Sendable {
    /// PyTorch's wheel index root (overridable with `--index-base`).
    public static let defaultPyTorchBase = "https://download.pytorch.org/whl"
    static let pytorchHost = "download.pytorch.org"

    /// The default (PyPI-compatible) index; nil when no setting names one and pip could not be asked.
    public var defaultIndex: IndexSetting?
    /// Every default-index setting found, highest precedence first (the first one is `defaultIndex`).
    public var defaultIndexCandidates: [IndexSetting]
    /// Every extra index any setting names, highest precedence first, without duplicates.
    public var extraIndexes: [IndexSetting]
    /// The PyTorch index root (`https://download.pytorch.org/whl` unless overridden).
    public var pytorchBase: IndexSetting
    /// Conflicts and lookup failures worth reporting.
    public var diagnostics: [Diagnostic]

    /// Values given on torchbump's own command line.
    public struct Flags: Hashable, Sendable {
        public var indexURL: String?
        public var extraIndexURLs: [String]
        public var indexBase: String?

        public init(indexURL: String? = nil, extraIndexURLs: [String] = [], indexBase: String? = nil) {
            self.indexURL = indexURL
            self.extraIndexURLs = extraIndexURLs
            self.indexBase = indexBase
        }
    }

    /// `<base>[/test|/nightly]/<variant>/`.
    public static func pytorchIndexURL(base: String, channel: Channel, variant: Variant) -> URL? {
        var b = base
        while b.hasSuffix("/") { b.removeLast() }
        return URL(string: b + channel.pathSegment + "/" + variant.tag + "/")
    }

    /// The PyTorch sub-index for a channel and variant under `pytorchBase`.
    public func pytorchIndexURL(channel: Channel, variant: Variant) -> URL? {
        Self.pytorchIndexURL(base: pytorchBase.url, channel: channel, variant: variant)
    }

    /// Discovers the configuration. Precedence for the default index: flag > `UV_DEFAULT_INDEX` > `UV_INDEX_URL`
    /// > `PIP_INDEX_URL` > uv config files > pip config files > the installed pip's built-in default
    /// (`pipDefaultIndex` is only called when nothing else names an index).
    /// - Parameters:
    ///   - environment: the process environment (injected so tests do not depend on the machine).
    ///   - readFile: returns a file's text, or nil when it does not exist.
    public static func discover(
        flags: Flags = Flags(), environment: [String: String], readFile: (String) -> String?,
        pipDefaultIndex: () -> String?
    ) -> IndexConfiguration {
        var defaults: [IndexSetting] = []
        var extras: [IndexSetting] = []
        var diagnostics: [Diagnostic] = []
        func env(_ name: String) -> String? {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }

        // Command line and environment.
        if let url = flags.indexURL { defaults.append(IndexSetting(url: url, source: .flag("--index-url"))) }
        extras += flags.extraIndexURLs.map { IndexSetting(url: $0, source: .flag("--extra-index-url")) }
        for name in ["UV_DEFAULT_INDEX", "UV_INDEX_URL", "PIP_INDEX_URL"] {
            if let v = env(name), let first = namedEntries(v).first {
                defaults.append(IndexSetting(url: first.url, source: .environment(name), name: first.name))
            }
        }
        for name in ["UV_INDEX", "UV_EXTRA_INDEX_URL", "PIP_EXTRA_INDEX_URL"] {
            if let v = env(name) {
                extras += namedEntries(v).map { IndexSetting(url: $0.url, source: .environment(name), name: $0.name) }
            }
        }

        // uv configuration files (uv ignores pip's).
        for path in uvConfigPaths(environment) {
            guard let text = readFile(path) else { continue }
            let config = UVConfigFile.parse(text)
            if let d = config.defaultIndex {
                defaults.append(IndexSetting(url: d.url, source: .uvConfig(path: path, key: d.key)))
            }
            for index in config.indexes where !index.isDefault {
                extras.append(IndexSetting(
                    url: index.url, source: .uvConfig(path: path, key: "[[index]]"), name: index.name,
                    explicit: index.explicit))
            }
            extras += config.extraIndexURLs.map { IndexSetting(url: $0, source: .uvConfig(path: path, key: "extra-index-url")) }
            extras += config.pipExtraIndexURLs.map {
                IndexSetting(url: $0, source: .uvConfig(path: path, key: "[pip] extra-index-url"))
            }
        }

        // pip configuration files, highest precedence first.
        for path in pipConfigPaths(environment, exists: { readFile($0) != nil }) {
            guard let text = readFile(path) else { continue }
            let config = PipConfigFile.parse(text)
            if let d = config.indexURL {
                defaults.append(IndexSetting(url: d.url, source: .pipConfig(path: path, key: "[\(d.section)] index-url")))
            }
            extras += config.extraIndexURLs.map {
                IndexSetting(url: $0.url, source: .pipConfig(path: path, key: "[\($0.section)] extra-index-url"))
            }
        }

        if defaults.isEmpty {
            if let url = pipDefaultIndex() {
                defaults.append(IndexSetting(url: url, source: .pipDefault))
            } else {
                diagnostics.append(.warning(
                    "no default package index is configured and pip could not be asked for its default; "
                        + "set one with --index-url or UV_DEFAULT_INDEX"))
            }
        }
        diagnostics += conflicts(defaults)

        var seen = Set<String>()
        extras = extras.filter { seen.insert(canonical($0.url)).inserted }

        let base = flags.indexBase.map { IndexSetting(url: $0, source: .flag("--index-base")) }
            ?? IndexSetting(url: defaultPyTorchBase, source: .builtIn)
        return IndexConfiguration(
            defaultIndex: defaults.first, defaultIndexCandidates: defaults, extraIndexes: extras, pytorchBase: base,
            diagnostics: diagnostics)
    }

    /// Discovers the configuration of this process: its environment, the real file system, and the installed pip.
    public static func discover(flags: Flags = Flags()) -> IndexConfiguration {
        let environment = ProcessInfo.processInfo.environment
        return discover(
            flags: flags, environment: environment,
            readFile: { try? String(contentsOfFile: $0, encoding: .utf8) },
            pipDefaultIndex: { PipDefaultIndex.query(environment: environment) })
    }

    /// Space-separated entries, each `url` or `name=url` (uv's `UV_INDEX` form).
    static func namedEntries(_ value: String) -> [(name: String?, url: String)] {
        value.split(whereSeparator: \.isWhitespace).map { entry in
            let s = String(entry)
            if let eq = s.firstIndex(of: "="), !s[..<eq].contains("/"), !s[..<eq].contains(":"), eq != s.startIndex {
                return (String(s[..<eq]), String(s[s.index(after: eq)...]))
            }
            return (nil, s)
        }
    }

    /// `UV_CONFIG_FILE` alone when set; else the user file, then the system file.
    static func uvConfigPaths(_ env: [String: String]) -> [String] {
        if let file = env["UV_CONFIG_FILE"], !file.isEmpty { return [file] }
        var paths: [String] = []
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            paths.append(xdg + "/uv/uv.toml")
        } else if let home = env["HOME"], !home.isEmpty {
            paths.append(home + "/.config/uv/uv.toml")
        }
        let systemDirs = (env["XDG_CONFIG_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/xdg")
            .split(separator: ":").map(String.init)
        paths += systemDirs.map { $0 + "/uv/uv.toml" }
        paths.append("/etc/uv/uv.toml")
        return paths
    }

    /// pip's files from highest to lowest precedence: `PIP_CONFIG_FILE`, `$VIRTUAL_ENV/pip.conf`, the user
    /// files (skipped when `PIP_CONFIG_FILE` exists), then the global ones. `PIP_CONFIG_FILE=/dev/null` disables all.
    static func pipConfigPaths(_ env: [String: String], exists: (String) -> Bool) -> [String] {
        var paths: [String] = []
        let configFile = env["PIP_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if configFile == "/dev/null" { return [] }
        if let configFile { paths.append(configFile) }
        if let venv = env["VIRTUAL_ENV"], !venv.isEmpty { paths.append(venv + "/pip.conf") }
        if configFile.map(exists) != true {
            let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
                paths.append(xdg + "/pip/pip.conf")
            } else if let home {
                paths.append(home + "/.config/pip/pip.conf")
            }
            if let home { paths.append(home + "/.pip/pip.conf") }
        }
        paths.append("/etc/pip.conf")
        let systemDirs = (env["XDG_CONFIG_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/xdg")
            .split(separator: ":").map(String.init)
        paths += systemDirs.map { $0 + "/pip/pip.conf" }
        return paths
    }

    private static func canonical(_ url: String) -> String {
        var s = redact(url).lowercased()
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// Notes for overridden settings, and a warning when uv and pip would use different default indexes.
    private static func conflicts(_ defaults: [IndexSetting]) -> [Diagnostic] {
        guard let chosen = defaults.first else { return [] }
        var out: [Diagnostic] = []
        var reported = Set<String>()
        for other in defaults.dropFirst() where canonical(other.url) != canonical(chosen.url) {
            guard reported.insert(canonical(other.url) + "|" + other.source.description).inserted else { continue }
            out.append(.note(
                "default index \(redact(chosen.url)) (\(chosen.source)) overrides \(redact(other.url)) (\(other.source))"))
        }
        let uv = defaults.first { $0.source.isUV }
        let pip = defaults.first { $0.source.isPip }
        if let uv, let pip, canonical(uv.url) != canonical(pip.url) {
            out.append(.warning(
                "uv and pip see different default indexes: uv uses \(redact(uv.url)) (\(uv.source)), pip uses "
                    + "\(redact(pip.url)) (\(pip.source)); uv ignores pip.conf and PIP_* variables"))
        }
        return out
    }
}

/// One configured index URL and where it was set.
public struct IndexSetting: Hashable, Sendable, CustomStringConvertible {
    /// The URL as configured (may contain credentials: print `description` or `redact(url)`, never `url`).
    public var url: String
    public var source: IndexSettingSource
    /// The uv index name (`[[index]] name`, `UV_INDEX=name=url`), when given.
    public var name: String?
    /// uv `explicit = true`: used only for packages pinned to it.
    public var explicit: Bool

    public init(url: String, source: IndexSettingSource, name: String? = nil, explicit: Bool = false) {
        self.url = url
        self.source = source
        self.name = name
        self.explicit = explicit
    }

    public var description: String { "\(redact(url)) (\(source))" }
}

/// Where an index setting came from.
public enum IndexSettingSource: Hashable, Sendable, CustomStringConvertible {
    /// A torchbump command-line flag (`--index-url`).
    case flag(String)
    /// An environment variable (`UV_DEFAULT_INDEX`).
    case environment(String)
    /// A uv configuration file and the key within it.
    case uvConfig(path: String, key: String)
    /// A pip configuration file and the section/key within it.
    case pipConfig(path: String, key: String)
    /// The installed pip's built-in default.
    case pipDefault
    /// torchbump's built-in default (the PyTorch base).
    case builtIn

    public var description: String {
        switch self {
        case .flag(let f): return "flag \(f)"
        case .environment(let v): return "environment \(v)"
        case let .uvConfig(path, key): return "\(path): \(key)"
        case let .pipConfig(path, key): return "\(path): \(key)"
        case .pipDefault: return "pip's built-in default"
        case .builtIn: return "built-in default"
        }
    }

    var isUV: Bool {
        switch self {
        case .environment(let v): return v.hasPrefix("UV_")
        case .uvConfig, .flag: return true
        default: return false
        }
    }

    var isPip: Bool {
        switch self {
        case .environment(let v): return v.hasPrefix("PIP_")
        case .pipConfig, .pipDefault, .flag: return true
        default: return false
        }
    }
}
