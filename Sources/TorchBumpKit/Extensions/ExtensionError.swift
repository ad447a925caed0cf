import Foundation

/// Errors of the Extensions module.
public enum ExtensionError: Error, LocalizedError, Hashable, Sendable {
    /// The bundled or supplied catalogue document does not decode or is inconsistent (an internal bug when
    /// it is the bundled one).
    case invalidCatalog(detail: String)

    public var errorDescription: String? {
        switch self {
        case let .invalidCatalog(detail):
            return "the extension catalogue is invalid: \(detail)"
        }
    }
}
