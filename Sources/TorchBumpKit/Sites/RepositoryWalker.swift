import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists the files of a repository worth scanning: tracked and untracked-but-not-ignored files of a git
/// checkout (so `.gitignore` is respected), or a plain directory walk; skips VCS, virtualenv, cache and build
/// folders, symlinks that leave the repository, files over `maxFileSize`, and binary files.
public struct RepositoryWalker: Sendable {
    public static let skippedDirectories: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache",
        ".pytest_cache", ".ruff_cache", "site-packages", ".eggs", ".idea", ".vscode", "build", "dist",
    ]

    /// Whether a folder name is never scanned (`.build`, `.build-x` and `.build_x` are SwiftPM scratch folders;
    /// `.buildkite` is not).
    public static func isSkipped(_ name: String) -> Bool {
        skippedDirectories.contains(name) || name == ".build" || name.hasPrefix(".build-") || name.hasPrefix(".build_")
    }

    public var root: URL
    public var maxFileSize: Int = 2 * 1024 * 1024
    /// Use `git ls-files` when the root is a git checkout.
    public var useGit: Bool = true

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// A file found by the walk.
    public struct Entry: Sendable, Hashable {
        /// Repository-relative path with `/` separators.
        public var path: String
        /// Absolute file-system path.
        public var absolutePath: String
        public var url: URL { URL(fileURLWithPath: absolutePath) }
    }

    /// Repository-relative paths of candidate files, sorted, filtered by `accept` before any file is read.
    public func files(accept: @escaping @Sendable (String) -> Bool) -> (entries: [Entry], diagnostics: [Diagnostic]) {
        var paths: [String]
        if useGit, let listed = gitFiles() {
            paths = listed
        } else {
            paths = walkFiles()
        }
        paths = paths.filter { path in
            !path.split(separator: "/").dropLast().contains { Self.isSkipped(String($0)) }
        }
        paths.sort()
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        let rootPath = root.path
        // One lstat per file, on all cores (FileManager's attribute dictionaries cost several syscalls each).
        let accepted = ParallelMap.map(paths) { accept($0) }
        let candidates = zip(paths, accepted).filter(\.1).map(\.0)
        let maxFileSize = self.maxFileSize
        let checked: [(Entry?, Diagnostic?)] = ParallelMap.map(candidates) { path in
            let absolute = rootPath + "/" + path  // plain strings: URL building costs more than the lstat
            var st = stat()
            guard lstat(absolute, &st) == 0 else { return (nil, nil) }
            var size = Int(st.st_size)
            if (st.st_mode & S_IFMT) == S_IFLNK {
                let target = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
                guard target.hasPrefix(rootPath + "/") else {
                    return (nil, .note("skipped symlink that leaves the repository", at: SourceLocation(path: path, line: 1)))
                }
                var tst = stat()
                guard stat(target, &tst) == 0, (tst.st_mode & S_IFMT) == S_IFREG else { return (nil, nil) }
                size = Int(tst.st_size)
            } else if (st.st_mode & S_IFMT) != S_IFREG {
                return (nil, nil)
            }
            if size > maxFileSize {
                return (nil, .note("skipped: larger than \(maxFileSize / 1024 / 1024) MiB", at: SourceLocation(path: path, line: 1)))
            }
            return (Entry(path: path, absolutePath: absolute), nil)
        }
        for (entry, diagnostic) in checked {
            if let entry { entries.append(entry) }
            if let diagnostic { diagnostics.append(diagnostic) }
        }
        return (entries, diagnostics)
    }

    private func gitFiles() -> [String]? {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var seen = Set<String>()
        return data.split(separator: 0).compactMap { chunk in
            let p = String(decoding: chunk, as: UTF8.self)
            return seen.insert(p).inserted ? p : nil
        }
    }

    private func walkFiles() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(
            at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: [])
        else { return [] }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        while let url = enumerator.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            let name = url.lastPathComponent
            if values?.isDirectory == true {
                if Self.isSkipped(name) { enumerator.skipDescendants() }
                continue
            }
            let path = url.path
            guard path.hasPrefix(prefix) else { continue }
            out.append(String(path.dropFirst(prefix.count)))
        }
        return out
    }
}
