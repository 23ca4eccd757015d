/// A value geodesy cannot work with; `message` says which and why.
public enum GeodesyError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidUTMZone(String)

    public var message: String {
        switch self {
        case .invalidUTMZone(let reason): reason
        }
    }

    public var description: String { message }
}
