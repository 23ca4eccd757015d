/// The unit lifecycle. `dispatched` is reached only through an assignment; `returning` and
/// `available` end the unit's work on its incident.
public enum UnitStatus: String, Codable, CodingKeyRepresentable, CaseIterable, Sendable {
    case available, dispatched, enRoute, onScene, returning, outOfService

    public var allowedNext: Set<UnitStatus> {
        switch self {
        case .available: [.dispatched, .outOfService]
        case .dispatched: [.enRoute, .onScene, .available, .returning]
        case .enRoute: [.onScene, .available, .returning]
        case .onScene: [.returning, .available]
        case .returning: [.available, .dispatched, .outOfService]
        case .outOfService: [.available]
        }
    }

    public func canMove(to next: UnitStatus) -> Bool { allowedNext.contains(next) }

    /// Bound to an incident.
    public var isCommitted: Bool { [.dispatched, .enRoute, .onScene].contains(self) }

    /// Free to take a new assignment.
    public var isAssignable: Bool { self == .available || self == .returning }
}
