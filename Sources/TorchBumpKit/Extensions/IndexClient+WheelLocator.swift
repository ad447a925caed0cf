import Foundation

/// The index client answers the extension planner's questions: 404 (and 403 on PyTorch's index) become
/// nil/false, everything else that fails is thrown.
extension IndexClient: WheelLocator {
    public func files(project: String, index: URL) async throws -> [LocatedFile]? {
        let listed: SimpleIndexPage
        do {
            listed = try await page(project: project, index: index)
        } catch let error as IndexError where error.isNotFound {
            return nil
        }
        return listed.files.map { file in
            var sha: String?
            if case let .available(digest) = file.coreMetadata { sha = digest }
            return LocatedFile(filename: file.filename, url: file.url, hasMetadata: file.coreMetadata.isAvailable,
                               metadataSHA256: sha, yanked: file.isYanked)
        }
    }

    public func requiresDist(of file: LocatedFile) async throws -> [String]? {
        guard file.hasMetadata else { return nil }
        let indexed = IndexFile(filename: file.filename, url: file.url,
                                coreMetadata: .available(sha256: file.metadataSHA256))
        return try await metadata(for: indexed)?.requiresDist
    }
}
