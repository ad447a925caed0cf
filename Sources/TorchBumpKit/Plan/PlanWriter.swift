import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a plan to disk safely: refuses dirty files (unless allowed), never writes outside the repository or
/// through a symlink that leaves it, checks every file is unchanged since it was scanned, then writes each file by
/// temp file + fsync + rename in the same directory, keeping mode and ownership.
public struct PlanWriter: Sendable {
    public var root: URL
    public var allowDirty: Bool

    public init(root: URL, allowDirty: Bool = false) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        self.allowDirty = allowDirty
    }

    public enum WriteError: Error, LocalizedError, Equatable {
        /// Files with uncommitted changes that the plan would touch.
        case dirty([String])
        /// A path resolves outside the repository.
        case outsideRepository(String)
        /// The file changed on disk since it was scanned.
        case changedSinceScan(String)
        /// Edits could not be applied (overlap) — an internal planning bug.
        case conflictingEdits(String, String)
        case io(String, String)

        public var errorDescription: String? {
            switch self {
            case let .dirty(paths):
                return "refusing to write: uncommitted changes in \(paths.joined(separator: ", ")) (commit or stash them, or pass --allow-dirty)"
            case let .outsideRepository(path):
                return "refusing to write \(path): it resolves outside the repository"
            case let .changedSinceScan(path):
                return "\(path) changed on disk while planning; run again"
            case let .conflictingEdits(path, detail):
                return "internal error: conflicting edits for \(path): \(detail)"
            case let .io(path, detail):
                return "cannot write \(path): \(detail)"
            }
        }
    }

    /// Paths (repository-relative) with uncommitted changes in git, among `paths`. Empty outside a git checkout.
    public func dirtyPaths(_ paths: [String]) -> [String] {
        guard !paths.isEmpty, FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--"] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data.split(separator: 0).compactMap { entry in
            let s = String(decoding: entry, as: UTF8.self)
            return s.count > 3 ? String(s.dropFirst(3)) : nil
        }
    }

    /// Writes `plan` using the file contents captured at scan time (`files`). Returns the paths written.
    @discardableResult
    public func write(_ plan: UpgradePlan, files: [String: SourceFile]) throws -> [String] {
        let groups = plan.editsByFile
        let dirty = allowDirty ? [] : dirtyPaths(groups.map(\.path))
        if !dirty.isEmpty { throw WriteError.dirty(dirty) }
        // Pre-flight every file before the first rename, so a problem leaves the repository untouched.
        var staged: [(url: URL, bytes: [UInt8], original: SourceFile)] = []
        for (path, edits) in groups {
            let url = try resolveInside(path)
            guard let original = files[path] else { throw WriteError.changedSinceScan(path) }
            guard let onDisk = try? Data(contentsOf: url), [UInt8](onDisk) == original.bytes else {
                throw WriteError.changedSinceScan(path)
            }
            do {
                let bytes = try TextEdit.apply(edits.map(\.edit), to: original.bytes)
                if bytes != original.bytes { staged.append((url, bytes, original)) }
            } catch {
                throw WriteError.conflictingEdits(path, "\(error)")
            }
        }
        var written: [String] = []
        for item in staged {
            try atomicWrite(item.bytes, to: item.url)
            written.append(item.original.path)
        }
        return written
    }

    /// The real URL of a repository-relative path, refusing anything that leaves the repository.
    func resolveInside(_ path: String) throws -> URL {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") { throw WriteError.outsideRepository(path) }
        let url = root.appendingPathComponent(path)
        let real = url.resolvingSymlinksInPath().standardizedFileURL
        guard real.path.hasPrefix(root.path + "/") else { throw WriteError.outsideRepository(path) }
        return real
    }

    /// temp file in the same directory + fsync + rename; keeps permission bits and ownership.
    func atomicWrite(_ bytes: [UInt8], to url: URL) throws {
        let dir = url.deletingLastPathComponent().path
        var st = stat()
        guard stat(url.path, &st) == 0 else { throw WriteError.io(url.path, String(cString: strerror(errno))) }
        var template = Array("\(dir)/.\(url.lastPathComponent).torchbump-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError.io(url.path, String(cString: strerror(errno))) }
        let tempPath = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                Glibc.write(fd, buf.baseAddress! + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                close(fd)
                throw WriteError.io(url.path, String(cString: strerror(errno)))
            }
            offset += n
        }
        fchmod(fd, st.st_mode & 0o7777)
        _ = fchown(fd, st.st_uid, st.st_gid)
        guard fsync(fd) == 0 else {
            close(fd)
            throw WriteError.io(url.path, String(cString: strerror(errno)))
        }
        close(fd)
        guard rename(tempPath, url.path) == 0 else { throw WriteError.io(url.path, String(cString: strerror(errno))) }
        ok = true
        // Persist the rename itself.
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}
