import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one text file plus what is needed to edit it without disturbing anything else:
/// a line table, the newline style, a UTF-8 byte-order mark, the final-newline flag and the file mode.
public struct SourceFile: Sendable, Hashable {
    public enum NewlineStyle: String, Sendable, Codable { case lf, crlf, mixed, none }

    /// Path relative to the repository root (or as given), used in diagnostics.
    public let path: String
    /// The whole file, byte for byte, including any BOM.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line (line 1 at index 0).
    public let lineStarts: [Int]
    public let newline: NewlineStyle
    public let hasBOM: Bool
    public let endsWithNewline: Bool
    /// POSIX permission bits, when read from disk.
    public let mode: UInt16?

    public init(path: String, bytes: [UInt8], mode: UInt16? = nil) {
        self.path = path
        self.bytes = bytes
        self.mode = mode
        self.hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var starts = [0]
        var crlf = 0, lf = 0
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buf in
            // memchr finds each newline at vector speed; only newline positions are looked at.
            guard let base = buf.baseAddress else { return }
            var i = 0
            while i < buf.count, let hit = memchr(base + i, 0x0A, buf.count - i) {
                let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if at > 0 && buf[at - 1] == 0x0D { crlf += 1 } else { lf += 1 }
                starts.append(at + 1)
                i = at + 1
            }
        }
        if starts.count > 1 && starts.last == bytes.count { starts.removeLast() }
        self.lineStarts = starts
        self.endsWithNewline = bytes.last == 0x0A
        switch (lf, crlf) {
        case (0, 0): newline = .none
        case (_, 0): newline = .lf
        case (0, _): newline = .crlf
        default: newline = .mixed
        }
    }

    public init(path: String, text: String, mode: UInt16? = nil) {
        self.init(path: path, bytes: Array(text.utf8), mode: mode)
    }

    /// Reads a file from disk. `displayPath` is what diagnostics show (usually repo-relative).
    public static func read(_ url: URL, displayPath: String? = nil) throws -> SourceFile {
        let (bytes, mode) = try readBytes(url)
        return SourceFile(path: displayPath ?? url.path, bytes: bytes, mode: mode)
    }

    /// The raw bytes and permission bits of a file (no line table: for callers that may not need one).
    public static func readBytes(_ url: URL) throws -> (bytes: [UInt8], mode: UInt16) {
        try readBytes(path: url.path)
    }

    /// The raw bytes and permission bits of the file at an absolute path.
    public static func readBytes(path: String) throws -> (bytes: [UInt8], mode: UInt16) {
        // open + fstat + read: one pass, no Data copy, mode from the same fstat.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        // Read straight into uninitialised storage (no zero-fill pass); a file that grew meanwhile is read on.
        var failed = false
        let expected = max(Int(st.st_size), 0)
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < expected {
                #if canImport(Glibc)
                let n = Glibc.read(fd, buffer.baseAddress! + count, expected - count)
                #else
                let n = Darwin.read(fd, buffer.baseAddress! + count, expected - count)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if n == 0 { break }
                count += n
            }
        }
        if failed { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        if bytes.count == expected {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { buf in
                    #if canImport(Glibc)
                    Glibc.read(fd, buf.baseAddress!, buf.count)
                    #else
                    Darwin.read(fd, buf.baseAddress!, buf.count)
                    #endif
                }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
        }
        return (bytes, UInt16(st.st_mode & 0o7777))
    }

    /// The newline sequence new lines in this file should use.
    public var preferredNewline: String { newline == .crlf ? "\r\n" : "\n" }

    public var lineCount: Int { bytes.isEmpty ? 0 : lineStarts.count }

    /// Offset where content starts (after a BOM).
    public var contentStart: Int { hasBOM ? 3 : 0 }

    /// The whole text as a String (lossy for invalid UTF-8; use `isValidUTF8` to check).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var isValidUTF8: Bool {
        // Fast path: pure ASCII (the common case for source files).
        let ascii = bytes.withUnsafeBufferPointer { p -> Bool in
            var acc: UInt8 = 0
            for b in p { acc |= b }
            return acc < 0x80
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }

    /// Span of line `n` (1-based) without its line terminator (`\n` or `\r\n`).
    public func lineSpan(_ n: Int) -> Span {
        precondition(n >= 1 && n <= lineStarts.count, "line \(n) out of range")
        var start = lineStarts[n - 1]
        if n == 1 { start = contentStart }
        var end = n < lineStarts.count ? lineStarts[n] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return Span(start, end)
    }

    /// Span of line `n` including its terminator.
    public func fullLineSpan(_ n: Int) -> Span {
        let start = n == 1 ? contentStart : lineStarts[n - 1]
        let end = n < lineStarts.count ? lineStarts[n] : bytes.count
        return Span(start, end)
    }

    /// Text of line `n` (1-based) without its terminator.
    public func line(_ n: Int) -> String { self[lineSpan(n)] }

    /// All lines with their numbers and spans (terminators excluded).
    public var lines: [(number: Int, span: Span, text: String)] {
        (1...max(lineCount, 1)).compactMap { n in
            guard n <= lineCount else { return nil }
            let s = lineSpan(n)
            return (n, s, self[s])
        }
    }

    public subscript(span: Span) -> String {
        String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    /// 1-based line number containing byte `offset`.
    public func lineNumber(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// Readable location of byte `offset` (column is 1-based, in bytes, BOM excluded on line 1).
    public func location(of offset: Int) -> SourceLocation {
        let line = lineNumber(at: offset)
        let start = line == 1 ? contentStart : lineStarts[line - 1]
        return SourceLocation(path: path, line: line, column: offset - start + 1)
    }

    /// The same file with `edits` applied (see `TextEdit.apply`).
    public func applying(_ edits: [TextEdit]) throws -> SourceFile {
        SourceFile(path: path, bytes: try TextEdit.apply(edits, to: bytes), mode: mode)
    }
}
