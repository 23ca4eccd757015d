/// The incident lifecycle: `received → dispatched → enRoute → onScene → cleared → closed`,
/// plus `cancelled` from any open state.
public enum IncidentStatus: String, Codable, CodingKeyRepresentable, CaseIterable, Sendable, Comparable {
    case received, dispatched, enRoute, onScene, cleared, closed, cancelled

    /// Statuses an incident may move to next. Steps may be skipped forward while units work
    /// (a unit can report on scene without reporting en route) but never backward.
    public var allowedNext: Set<IncidentStatus> {
        switch self {
        case .received: [.dispatched, .cancelled]
        case .dispatched: [.enRoute, .onScene, .cancelled]
        case .enRoute: [.onScene, .cancelled]
        case .onScene: [.cleared]
        case .cleared: [.closed]
        case .closed, .cancelled: []
        }
    }

    public func canMove(to next: IncidentStatus) -> Bool { allowedNext.contains(next) }

    /// Still needs attention: not closed and not cancelled.
    public var isOpen: Bool { self != .closed && self != .cancelled }

    /// Units may still be assigned.
    public var acceptsUnits: Bool { [.received, .dispatched, .enRoute, .onScene].contains(self) }

    private var rank: Int { IncidentStatus.allCases.firstIndex(of: self)! }
    public static func < (lhs: IncidentStatus, rhs: IncidentStatus) -> Bool { lhs.rank < rhs.rank }
}
