import Foundation

/// The fields torchbump reads from a wheel's core metadata (`METADATA`, or the PEP 658 `<wheel>.metadata` sidecar).
public struct CoreMetadata: Hashable, Sendable {
    public var name: String
    public var version: String
    /// Every `Requires-Dist` line, unfolded (`nvidia-cudnn-cu12==9.1.0.70; platform_system == "Linux"`).
    public var requiresDist: [String]
    public var requiresPython: String?
    /// Every `Provides-Extra` value.
    public var providesExtra: [String]
    /// All header fields in order, names as written, values unfolded (continuation lines joined by `\n`).
    public var fields: [Field]

    /// One header line (continuations folded in).
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    public init(
        name: String, version: String, requiresDist: [String] = [], requiresPython: String? = nil,
        providesExtra: [String] = [], fields: [Field] = []
    ) {
        self.name = name
        self.version = version
        self.requiresDist = requiresDist
        self.requiresPython = requiresPython
        self.providesExtra = providesExtra
        self.fields = fields
    }

    /// Every value of a header, matched case-insensitively.
    public func values(_ header: String) -> [String] {
        let key = header.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// Parses RFC 822-style headers up to the first blank line (the description body is ignored).
    /// Returns nil when `Name` or `Version` is missing.
    public static func parse(_ text: String) -> CoreMetadata? {
        var fields: [Field] = []
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        // `Character` treats CRLF as one grapheme, so split on all three line-break forms.
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in lines {
            if line.isEmpty { break }  // end of headers; a whitespace-only line is a continuation
            if let first = line.first, first == " " || first == "\t" {
                // Continuation of the previous header.
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].value += "\n" + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            fields.append(Field(name: name, value: value))
        }
        func all(_ key: String) -> [String] {
            fields.filter { $0.name.lowercased() == key }.map(\.value)
        }
        func oneLine(_ s: String) -> String {
            s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
        guard let name = all("name").first.map(oneLine), !name.isEmpty,
              let version = all("version").first.map(oneLine), !version.isEmpty
        else { return nil }
        let requiresPython = all("requires-python").first.map(oneLine).flatMap { $0.isEmpty ? nil : $0 }
        return CoreMetadata(
            name: name, version: version,
            requiresDist: all("requires-dist").map(oneLine).filter { !$0.isEmpty },
            requiresPython: requiresPython,
            providesExtra: all("provides-extra").map(oneLine).filter { !$0.isEmpty },
            fields: fields)
    }

    /// Parses bytes as UTF-8 (invalid sequences are replaced, never fatal).
    public static func parse(_ bytes: [UInt8]) -> CoreMetadata? {
        parse(String(decoding: bytes, as: UTF8.self))
    }
}
