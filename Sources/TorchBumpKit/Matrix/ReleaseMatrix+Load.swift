import Foundation

extension ReleaseMatrix {
    /// Where a loaded matrix came from.
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        /// The data compiled into torchbump.
        case bundled
        /// A refreshed file in the user cache.
        case cache(URL)

        public var description: String {
            switch self {
            case .bundled: return "bundled data"
            case let .cache(url): return url.path
            }
        }
    }

    /// The user cache directory: `$XDG_CACHE_HOME` when set to an absolute path, else `$HOME/.cache`.
    public static func defaultCacheDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache", isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache", isDirectory: true)
    }

    /// `<cacheDirectory>/torchbump/release-matrix.json`.
    public static func cacheFile(in cacheDirectory: URL) -> URL {
        cacheDirectory.appendingPathComponent("torchbump", isDirectory: true)
            .appendingPathComponent("release-matrix.json", isDirectory: false)
    }

    /// The refreshed matrix in `<cacheDirectory>/torchbump/release-matrix.json` when it exists and is valid,
    /// otherwise the bundled data. A cache file that cannot be read or decoded, or that knows fewer releases than
    /// the bundled data, is never used; the returned warnings say why. Throws only if the bundled data is broken.
    public static func load(cacheDirectory: URL?)
        throws -> (matrix: ReleaseMatrix, source: Source, warnings: [Diagnostic])
    {
        let bundled = try bundled()
        guard let cacheDirectory else { return (bundled, .bundled, []) }
        let file = cacheFile(in: cacheDirectory)
        guard FileManager.default.fileExists(atPath: file.path) else { return (bundled, .bundled, []) }
        let location = SourceLocation(path: file.path, line: 1, column: 1)
        let cached: ReleaseMatrix
        do {
            cached = try ReleaseMatrix(json: try Data(contentsOf: file))
        } catch {
            let reason = (error as? LocalizedError)?.errorDescription ?? error.localizedDescription
            let message = "ignoring the cached release matrix (\(reason)); using the bundled data"
            return (bundled, .bundled, [.warning(message, at: location)])
        }
        if MatrixVersion.less(cached.newestRelease.torch, bundled.newestRelease.torch) {
            let message = "the cached release matrix stops at torch \(cached.newestRelease.torch) but the bundled "
                + "data knows \(bundled.newestRelease.torch); using the bundled data (refresh to update the cache)"
            return (bundled, .bundled, [.warning(message, at: location)])
        }
        // A cache written before a table existed lacks it: that knowledge is not refreshed, so take the bundled one.
        var merged = cached
        if merged.cudaImages.isEmpty { merged.cudaImages = bundled.cudaImages }
        return (merged, .cache(file), [])
    }
}
