/// Path pieces the scanners ask for on every file of a repository, computed without splitting the whole path.
enum PathName {
    /// The last component of a `/`-separated path (`docker/Dockerfile.cpu` → `Dockerfile.cpu`).
    @inline(__always)
    static func last(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}
