import Foundation

/// What a call-taker sends to open an incident. Only `type` and `location` are required.
public struct CreateIncident: Codable, Hashable, Sendable {
    public var type: String
    public var location: Coordinate
    public var address: String?
    public var caller: Caller?
    public var narrative: String?
    /// Overrides the type's default priority (1 most urgent ... 4).
    public var priority: Int?

    public init(
        type: String, location: Coordinate, address: String? = nil, caller: Caller? = nil, narrative: String? = nil,
        priority: Int? = nil
    ) {
        self.type = type
        self.location = location
        self.address = address
        self.caller = caller
        self.narrative = narrative
        self.priority = priority
    }
}

/// Every state-changing request the platform accepts. The store loads what a command touches,
/// `Decider` checks it and returns events, and the store commits them.
public enum Command: Hashable, Sendable {
    case createIncident(CreateIncident)
    case changeIncidentStatus(incidentId: UUID, to: IncidentStatus, reason: String?)
    case addNote(incidentId: UUID, text: String)
    case changePriority(incidentId: UUID, priority: Int, reason: String)
    case changeIncidentType(incidentId: UUID, type: String, reason: String)
    case mergeIncident(incidentId: UUID, into: UUID, reason: String?)
    case assignUnits(incidentId: UUID, unitIds: [UUID])
    case releaseUnit(incidentId: UUID, unitId: UUID, reason: String?)
    case changeUnitStatus(unitId: UUID, to: UnitStatus, reason: String?)
    case shareIncident(incidentId: UUID, sector: String, reason: String)
    case revokeShare(incidentId: UUID, sector: String, reason: String?)
    /// Early warning found a pattern. `key` names it (an alert is raised once per key);
    /// `audience` are sectors told besides those who see the incident.
    case raiseAnalyticAlert(AnalyticAlertRaised, key: String, audience: [String])

    /// Incidents the command reads or changes, which the store must load first.
    public var incidentIDs: [UUID] {
        switch self {
        case .createIncident: []
        case .changeIncidentStatus(let id, _, _), .addNote(let id, _), .changePriority(let id, _, _),
            .changeIncidentType(let id, _, _), .assignUnits(let id, _), .releaseUnit(let id, _, _),
            .shareIncident(let id, _, _), .revokeShare(let id, _, _):
            [id]
        case .mergeIncident(let id, let into, _): [id, into]
        case .changeUnitStatus: []
        case .raiseAnalyticAlert(let alert, _, _): alert.incidentId.map { [$0] } ?? []
        }
    }

    /// Units the command reads or changes directly.
    public var unitIDs: [UUID] {
        switch self {
        case .assignUnits(_, let ids): ids
        case .releaseUnit(_, let id, _), .changeUnitStatus(let id, _, _): [id]
        default: []
        }
    }
}
