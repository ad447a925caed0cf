import Foundation

/// The fast path of `SimpleHTMLParser`: the common anchor shape (no entities; a root-relative or absolute http(s)
/// href without dot segments) turned into an `IndexFile` straight from the page bytes. Anything else goes through
/// the general path (`makeFile`), which gives the same answers more slowly.
extension SimpleHTMLParser {
    /// The file for the common anchor shape straight from the bytes (no entities, a root-relative or absolute
    /// http(s) href without dot segments); nil sends the anchor through the general path.
    static func fastFile(_ b: UnsafeBufferPointer<UInt8>, _ raw: RawAnchor, resolver: LinkResolver) -> IndexFile? {
        guard let hrefRaw = raw.href else { return nil }
        let metadataRaw = raw.coreMetadata ?? raw.distInfoMetadata
        func hasEntity(_ r: Range<Int>?) -> Bool {
            guard let r else { return false }
            for i in r where b[i] == amp { return true }
            return false
        }
        if hasEntity(hrefRaw) || hasEntity(metadataRaw) || hasEntity(raw.requiresPython) || hasEntity(raw.yanked)
            || hasEntity(raw.uploadTime) { return nil }
        let href = trim(b, hrefRaw)
        var hash = href.upperBound
        for i in href where b[i] == UInt8(ascii: "#") { hash = i; break }
        let location = href.lowerBound..<hash
        guard let url = resolver.fastResolve(UnsafeBufferPointer(rebasing: b[location])) else { return nil }
        var end = location.upperBound
        for i in location where b[i] == UInt8(ascii: "?") { end = i; break }
        var start = location.lowerBound
        var k = end
        while k > location.lowerBound {
            if b[k - 1] == slash { start = k; break }
            k -= 1
        }
        guard start < end, let filename = percentDecoded(UnsafeBufferPointer(rebasing: b[start..<end])) else { return nil }
        var sha256: String?
        let fragment = UnsafeBufferPointer(rebasing: b[min(hash + 1, href.upperBound)..<href.upperBound])
        let key: StaticString = "sha256="
        if fragment.count > key.utf8CodeUnitCount,
           (0..<key.utf8CodeUnitCount).allSatisfy({ (fragment[$0] | (fragment[$0] >= 0x41 && fragment[$0] <= 0x5A ? 0x20 : 0)) == key.utf8Start[$0] }) {
            let value = UnsafeBufferPointer(rebasing: fragment[key.utf8CodeUnitCount...])
            let text = String(decoding: value, as: UTF8.self)
            sha256 = value.contains { $0 >= 0x41 && $0 <= 0x5A } ? text.lowercased() : text
        } else if !fragment.isEmpty {
            return nil  // other fragment shapes: the general path
        }
        func text(_ r: Range<Int>?) -> String? {
            r.map { String(decoding: UnsafeBufferPointer(rebasing: b[trim(b, $0)]), as: UTF8.self) }
        }
        let requiresPython = text(raw.requiresPython)
        return IndexFile(
            filename: filename, url: url, sha256: sha256,
            coreMetadata: metadataRaw.map { MetadataAvailability(utf8: UnsafeBufferPointer(rebasing: b[trim(b, $0)])) } ?? .none,
            requiresPython: requiresPython.flatMap { $0.isEmpty ? nil : $0 }, yanked: text(raw.yanked),
            uploadTime: text(raw.uploadTime))
    }

    /// `%XX`-decodes bytes to a string; nil for invalid escapes or invalid UTF-8.
    private static func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(validating: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            guard c == UInt8(ascii: "%") else { out.append(c); i += 1; continue }
            guard i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else { return nil }
            out.append(hi << 4 | lo)
            i += 3
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Resolves hrefs against a page URL, with a fast path for the root-relative and absolute http(s) hrefs that
    /// real indexes use (Foundation's relative resolution is several times slower than parsing an absolute URL).
    struct LinkResolver {
        let base: URL
        /// `scheme://host[:port]` of the base, when it has one.
        let origin: String?

        init(base: URL) {
            self.base = base
            let s = base.absoluteString
            if let schemeEnd = s.range(of: "://") {
                let rest = s[schemeEnd.upperBound...]
                let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
                let authority = rest[..<end]
                origin = authority.contains("@") ? nil : String(s[..<end])
            } else {
                origin = nil
            }
        }

        func resolve(_ location: String) -> URL? {
            fastResolve(location) ?? SimpleHTMLParser.resolve(location, against: base)
        }

        /// Root-relative and absolute http(s) locations without dot segments; nil for anything else.
        func fastResolve(_ location: String) -> URL? {
            var copy = location
            return copy.withUTF8 { fastResolve($0) }
        }

        /// `fastResolve` over the location's bytes; the absolute URL text is built in one allocation.
        func fastResolve(_ u: UnsafeBufferPointer<UInt8>) -> URL? {
            guard Self.isPlain(u) else { return nil }
            if let origin, u.count > 1, u[0] == UInt8(ascii: "/"), u[1] != UInt8(ascii: "/") {
                var originCopy = origin
                let text = originCopy.withUTF8 { o in
                    String(unsafeUninitializedCapacity: o.count + u.count) { buffer in
                        _ = buffer.initialize(fromContentsOf: o)
                        _ = UnsafeMutableBufferPointer(rebasing: buffer[o.count...]).initialize(fromContentsOf: u)
                        return o.count + u.count
                    }
                }
                return URL(string: text)
            }
            if Self.hasHTTPScheme(u), let url = URL(string: String(decoding: u, as: UTF8.self)), url.host != nil {
                return url
            }
            return nil
        }

        /// Only URL-legal bytes and no dot segments (those need RFC 3986 resolution).
        private static func isPlain(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
            var previous: UInt8 = 0
            var afterSlashDot = false
            for c in u {
                let legal = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
                    || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E || c == 0x2F || c == 0x25 || c == 0x2B
                    || c == 0x3A || c == 0x3D || c == 0x26 || c == 0x3F || c == 0x40 || c == 0x2C || c == 0x3B
                guard legal else { return false }
                if afterSlashDot && (c == 0x2F || c == 0x2E) { return false }
                afterSlashDot = previous == 0x2F && c == 0x2E
                previous = c
            }
            return !afterSlashDot
        }

        private static func hasHTTPScheme(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
            let lower = u.prefix(8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return lower.starts(with: "https://".utf8) || lower.starts(with: "http://".utf8)
        }
    }
}
