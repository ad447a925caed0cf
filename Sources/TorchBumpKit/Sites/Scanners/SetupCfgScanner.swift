/// Finds pins in setuptools' `setup.cfg`: the requirement lines of `[options] install_requires`, `setup_requires`
/// and `tests_require` and of every `[options.extras_require]` extra, and the lower bound of `python_requires`
/// (a Python version site like pyproject's `requires-python`, so a torch that drops that Python is flagged).
public struct SetupCfgScanner: SiteScanner {
    public var fileKind: FileKind { .setupCfg }

    public init() {}

    public func accepts(path: String) -> Bool { PathName.last(path) == "setup.cfg" }

    public func prefilter(context: ScanContext) -> [String]? { ["torch", "python_requires", "python-requires"] }

    /// `[options]` keys whose value is a list of requirements.
    static let requirementKeys: Set<String> = ["install_requires", "setup_requires", "tests_require"]

    public func scan(_ file: SourceFile, context: ScanContext) -> ScanResult {
        let ini = INIEntries(file)
        var rec = SiteCollector(file: file, fileKind: .setupCfg, platform: PlatformInference.platform(forPath: file.path))
        for entry in ini.entries {
            switch entry.section {
            case "options" where Self.requirementKeys.contains(entry.key):
                requirements(entry, platform: rec.platform, into: &rec)
            case "options" where entry.key == "python_requires":
                for line in entry.lines { PythonLowerBound.record(line, name: "options.python_requires", into: &rec) }
            case "options.extras_require":
                // An extra named after a platform or variant (`cpu`, `cu128`) gives its pins that platform.
                var platform = rec.platform
                if platform == .all { platform = PlatformInference.platform(forPath: entry.key) }
                requirements(entry, platform: platform, into: &rec)
            default:
                break
            }
        }
        HoldComments(file: file).apply(to: &rec, comments: ini.comments)
        rec.sites.sort { $0.span < $1.span }
        return rec.result
    }

    /// A requirements value: one requirement per line, or — written on the key line alone — separated by `;`
    /// (setuptools' "list-semi"; a marker cannot be written that way).
    private func requirements(_ entry: INIEntries.Entry, platform: Platform, into rec: inout SiteCollector) {
        var items: [MappedText] = []
        if entry.isSingleLine, let line = entry.lines.first, !line.string.hasPrefix("file:") {
            var start = 0
            for (i, b) in line.bytes.enumerated() where b == 0x3B {
                items.append(line.slice(start..<i).trimmed)
                start = i + 1
            }
            items.append(line.slice(start..<line.count).trimmed)
        } else {
            items = entry.lines
        }
        for item in items where !item.isEmpty {
            InlineRequirementSites.record(item, role: .pin, platform: platform, into: &rec)
        }
    }
}

/// The lower bound of a Python version specifier (`>=3.9` in `>=3.9, <4`): the Python version site of
/// `python_requires`, Poetry's `python = ">=3.9,<3.13"` and similar keys.
enum PythonLowerBound {
    /// Records the `3.9` of the first `>=3.9` in `text` as a `python` version site with op `>=`.
    @discardableResult
    static func record(_ text: MappedText, name: String, into rec: inout SiteCollector) -> Bool {
        guard let range = versionRange(text.bytes), let span = text.fileSpan(range) else { return false }
        return rec.add(.version, subject: "python", span: span, name: name, op: ">=")
    }

    /// Byte range of the version after the first `>=` (`3.9` in `>= 3.9`), when it is `X.Y` or longer.
    static func versionRange(_ b: [UInt8]) -> Range<Int>? {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x3E, b[i + 1] == 0x3D {
                var j = i + 2
                while j < b.count, ASCII.isBlank(b[j]) { j += 1 }
                let n = VersionTokens.dottedLength(b, at: j)
                if n > 0 { return j..<(j + n) }
            }
            i += 1
        }
        return nil
    }
}
