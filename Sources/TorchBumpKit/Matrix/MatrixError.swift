import Foundation

/// Why a release-matrix document could not be used (bundled data, a refreshed cache file, or built values).
public enum MatrixError: LocalizedError, Hashable, Sendable {
    /// The bytes are not a JSON document.
    case invalidJSON(detail: String)
    /// A required field is absent; `field` is a path such as `releases[3].torch`.
    case missingField(String)
    /// A field has the wrong type or an unusable value.
    case invalidValue(field: String, detail: String)
    /// The document's `schema` is newer than this torchbump understands.
    case unsupportedSchema(found: Int, supported: Int)
    /// The document lists no torch releases.
    case noReleases
    /// Two entries describe the same torch release.
    case duplicateRelease(String)

    public var errorDescription: String? {
        switch self {
        case let .invalidJSON(detail):
            return "release matrix is not valid JSON: \(detail)"
        case let .missingField(field):
            return "release matrix is missing the field '\(field)'"
        case let .invalidValue(field, detail):
            return "release matrix field '\(field)' is invalid: \(detail)"
        case let .unsupportedSchema(found, supported):
            return "release matrix schema \(found) is newer than the supported schema \(supported); update torchbump"
        case .noReleases:
            return "release matrix lists no torch releases"
        case let .duplicateRelease(torch):
            return "release matrix lists torch \(torch) more than once"
        }
    }

    /// Translates a `DecodingError` into a message naming the field.
    static func from(_ error: DecodingError) -> MatrixError {
        switch error {
        case let .keyNotFound(key, context):
            return .missingField(path(context.codingPath + [key]))
        case let .valueNotFound(type, context):
            return .invalidValue(field: path(context.codingPath), detail: "null where \(type) was expected")
        case let .typeMismatch(type, context):
            return .invalidValue(field: path(context.codingPath), detail: "expected \(type)")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let underlying = (context.underlyingError as NSError?)?.localizedDescription
                return .invalidJSON(detail: underlying ?? context.debugDescription)
            }
            return .invalidValue(field: path(context.codingPath), detail: context.debugDescription)
        @unknown default:
            return .invalidJSON(detail: String(describing: error))
        }
    }

    /// `releases[3].cudaVariants[1]`.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out.isEmpty ? "(document)" : out
    }
}
