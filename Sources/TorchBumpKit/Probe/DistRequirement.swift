import Foundation

/// One `Requires-Dist` entry of a wheel's core metadata (`triton==3.3.0; platform_system == "Linux"`), split into
/// name, extras, specifier and marker — just what the probe and the matrix refresh read from torch's metadata.
public struct DistRequirement: Hashable, Sendable, CustomStringConvertible {
    /// The name as written (`nvidia-cuda-runtime-cu12`).
    public var name: String
    /// The PEP 503 normalised name.
    public var normalizedName: String
    /// `cuda-toolkit[cublas,cudart]==13.0.2` → `["cublas", "cudart"]`.
    public var extras: [String]
    /// The specifier text without spaces (`==3.3.0`, `>=2.11,<3`), empty when there is none (or a URL requirement).
    public var specifier: String
    /// The marker after `;`, trimmed; nil when there is none.
    public var marker: String?

    /// Parses `name[extras] (specifier) ; marker`, `name @ url ; marker` and plain names; nil for text without a
    /// valid name.
    public init?(_ line: String) {
        var text = Substring(line.trimmingCharacters(in: .whitespacesAndNewlines))
        var marker: String?
        if let semi = Self.markerSeparator(in: text) {
            let m = text[text.index(after: semi)...].trimmingCharacters(in: .whitespaces)
            marker = m.isEmpty ? nil : m
            text = text[..<semi]
        }
        let nameEnd = text.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
            ?? text.endIndex
        let name = String(text[..<nameEnd])
        guard let first = name.unicodeScalars.first, CharacterSet.alphanumerics.contains(first) else { return nil }
        var rest = text[nameEnd...].drop { $0 == " " || $0 == "\t" }
        var extras: [String] = []
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            extras = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        }
        var spec = ""
        if rest.first == "@" {
            spec = ""  // a direct URL reference carries no version specifier
        } else {
            var s = String(rest)
            if s.hasPrefix("("), s.hasSuffix(")") { s = String(s.dropFirst().dropLast()) }
            spec = s.filter { !$0.isWhitespace }
        }
        self.name = name
        self.normalizedName = normalizePackageName(name)
        self.extras = extras
        self.specifier = spec
        self.marker = marker
    }

    /// The specifier as a set; nil when it does not parse (an empty specifier is the empty set).
    public var specifierSet: SpecifierSet? { try? SpecifierSet(parsing: specifier) }

    /// The version of an exact `==X` pin (`==12.4.127` → `12.4.127`); nil for anything else.
    public var pinnedVersion: String? {
        guard specifier.hasPrefix("=="), !specifier.hasPrefix("==="), !specifier.contains(","),
              !specifier.hasSuffix(".*") else { return nil }
        return String(specifier.dropFirst(2))
    }

    /// Whether the requirement applies in `environment` (no marker: always).
    public func applies(in environment: MarkerEnvironment) -> Bool {
        guard let marker else { return true }
        return environment.evaluate(marker)
    }

    public var description: String {
        var s = name
        if !extras.isEmpty { s += "[" + extras.joined(separator: ",") + "]" }
        s += specifier
        if let marker { s += "; " + marker }
        return s
    }

    /// The first `;` outside quotes.
    private static func markerSeparator(in text: Substring) -> Substring.Index? {
        var quote: Character?
        for i in text.indices {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ";" {
                return i
            }
        }
        return nil
    }
}
