#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast substring tests over raw bytes (libc `memmem`), for prefilters that must run near `grep` speed.
public enum ByteSearch {
    /// Whether `bytes` contains any of `needles` (case-sensitive; list the case variants you need).
    public static func containsAny(_ bytes: [UInt8], _ needles: [String]) -> Bool {
        bytes.withUnsafeBytes { hay in
            guard let base = hay.baseAddress, hay.count > 0 else { return false }
            for needle in needles {
                let found = needle.utf8CString.withUnsafeBufferPointer { n -> Bool in
                    let length = n.count - 1  // without the NUL
                    guard length > 0, length <= hay.count else { return false }
                    return search(base, hay.count, n.baseAddress!, length) != nil
                }
                if found { return true }
            }
            return false
        }
    }

    /// `memmem` built from `memchr` + `memcmp` (both vectorised in libc; `memmem` itself is a GNU extension).
    static func search(_ hay: UnsafeRawPointer, _ hayCount: Int, _ needle: UnsafePointer<CChar>, _ length: Int)
        -> UnsafeRawPointer?
    {
        let first = Int32(UInt8(bitPattern: needle[0]))
        var cursor = hay
        var remaining = hayCount
        while remaining >= length {
            guard let hit = memchr(cursor, first, remaining - length + 1) else { return nil }
            if memcmp(hit, needle, length) == 0 { return UnsafeRawPointer(hit) }
            let advance = cursor.distance(to: UnsafeRawPointer(hit)) + 1
            cursor += advance
            remaining -= advance
        }
        return nil
    }

    /// Offset of the first occurrence of `needle` in `bytes[range]`, if any.
    public static func find(_ needle: String, in bytes: [UInt8], range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        return bytes.withUnsafeBytes { hay -> Int? in
            guard let base = hay.baseAddress else { return nil }
            return needle.utf8CString.withUnsafeBufferPointer { n -> Int? in
                let length = n.count - 1
                guard length > 0, length <= range.count,
                      let hit = search(base + range.lowerBound, range.count, n.baseAddress!, length) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
        }
    }
}

/// Maps a function over an array on all cores, keeping the input order.
public enum ParallelMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            out[i] = transform(items[i])
        }
        return results.map { $0! }
    }
}

import Dispatch
