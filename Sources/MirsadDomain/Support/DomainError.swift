/// Why the domain refused a command. The server maps each case to an RFC 9457 problem with a
/// stable `type`, a human title and, where there is one, the field at fault.
public enum DomainError: Error, Equatable, Sendable {
    /// A field is missing, malformed or out of range.
    case invalidField(field: String, reason: String)
    /// The object does not exist (or the caller may not know it exists).
    case notFound(kind: String, id: String)
    /// A state machine refused the transition.
    case illegalTransition(kind: String, from: String, to: String)
    /// The command conflicts with current state (e.g. a unit already on another incident).
    case conflict(reason: String)
    /// The caller's role or sector does not allow the action.
    case forbidden(reason: String)

    /// A short, stable identifier for the problem `type` URI.
    public var code: String {
        switch self {
        case .invalidField: "invalid-field"
        case .notFound: "not-found"
        case .illegalTransition: "illegal-transition"
        case .conflict: "conflict"
        case .forbidden: "forbidden"
        }
    }

    /// A human-readable explanation.
    public var message: String {
        switch self {
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .notFound(let kind, let id): "\(kind) \(id) not found"
        case .illegalTransition(let kind, let from, let to): "\(kind) cannot go from \(from) to \(to)"
        case .conflict(let reason): reason
        case .forbidden(let reason): reason
        }
    }

    /// The field at fault, when the error concerns one.
    public var field: String? {
        if case .invalidField(let field, _) = self { return field }
        return nil
    }
}
