import Foundation

/// The index settings of one pip configuration file (INI: `[global]`, `[install]`; multi-line values).
public struct PipConfigFile: Hashable, Sendable {
    /// Section name → normalised key (`index-url`) → value; continuation lines joined with `\n`.
    public var sections: [String: [String: String]]

    public init(sections: [String: [String: String]] = [:]) { self.sections = sections }

    /// Parses INI text the way pip's `configparser` reads it: `key = value` or `key: value`, indented
    /// continuation lines, `#`/`;` comment lines; keys lower-cased with `_` turned into `-`.
    public static func parse(_ text: String) -> PipConfigFile {
        var sections: [String: [String: String]] = [:]
        var section: String?
        var lastKey: String?
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") {
                if trimmed.isEmpty { lastKey = nil }
                continue
            }
            if let first = line.first, first == " " || first == "\t", let section, let key = lastKey {
                let previous = sections[section]?[key] ?? ""
                sections[section, default: [:]][key] = previous.isEmpty ? trimmed : previous + "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                section = name.trimmingCharacters(in: .whitespaces).lowercased()
                lastKey = nil
                continue
            }
            guard let section, let sep = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                lastKey = nil
                continue
            }
            let key = trimmed[..<sep].trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "_", with: "-")
            let value = trimmed[trimmed.index(after: sep)...].trimmingCharacters(in: .whitespaces)
            sections[section, default: [:]][key] = value
            lastKey = key
        }
        return PipConfigFile(sections: sections)
    }

    /// `index-url` as `pip install` sees it (`[install]` overrides `[global]`), with the section it came from.
    public var indexURL: (url: String, section: String)? {
        for section in ["install", "global"] {
            if let v = sections[section]?["index-url"]?.split(whereSeparator: \.isWhitespace).first {
                return (String(v), section)
            }
        }
        return nil
    }

    /// Every `extra-index-url` value (whitespace- or newline-separated), `[install]` before `[global]`.
    public var extraIndexURLs: [(url: String, section: String)] {
        ["install", "global"].flatMap { section in
            (sections[section]?["extra-index-url"] ?? "").split(whereSeparator: \.isWhitespace)
                .map { (String($0), section) }
        }
    }
}

/// Asks the installed pip for its built-in default index, so torchbump never hard-codes one.
public enum PipDefaultIndex {
    /// Runs `python3 -c "from pip._internal.models.index import PyPI; print(PyPI.simple_url)"` (10 s limit).
    /// Returns nil when Python or pip is missing or the output is not a URL.
    public static func query(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "from pip._internal.models.index import PyPI; print(PyPI.simple_url)"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !text.contains("\n") else { return nil }
        return text
    }
}
