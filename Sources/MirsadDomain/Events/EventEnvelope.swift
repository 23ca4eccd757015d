import Foundation

/// Who did something: the authenticated user, or the system itself (simulator, migrations).
public struct Actor: Codable, Hashable, Sendable {
    public var username: String
    public var role: Role
    public var sector: String?

    public init(username: String, role: Role, sector: String?) {
        self.username = username
        self.role = role
        self.sector = sector
    }

    /// Actions the platform takes by itself (jurisdiction loading, the demo generator).
    public static let system = Actor(username: "system", role: .admin, sector: nil)
}

/// One entry of the event log: the payload plus when, by whom, about what, and who may see it.
///
/// `id` is the position in the log: dense (1, 2, 3, ... with no gaps) and in commit order on
/// every backend, which is what lets a live-feed client resume with `since=<id>` without gaps
/// or duplicates.
public struct EventEnvelope: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var at: Date
    public var actor: Actor
    /// Sectors entitled to see the event (need-to-know); empty means every sector.
    public var sectors: [String]
    /// The type of the incident concerned, so field rules apply without a lookup.
    public var incidentType: String?
    public var payload: EventPayload

    public init(
        id: Int64 = 0, at: Date, actor: Actor, sectors: [String], incidentType: String? = nil, payload: EventPayload
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.sectors = sectors
        self.incidentType = incidentType
        self.payload = payload
    }

    public var type: String { payload.type }
    public var incidentId: UUID? { payload.incidentId }
    public var unitId: UUID? { payload.unitId }
}

extension EventEnvelope: Codable {
    enum CodingKeys: String, CodingKey { case id, type, at, actor, sectors, incidentId, incidentType, unitId, data }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(at, forKey: .at)
        try c.encode(actor, forKey: .actor)
        try c.encode(sectors, forKey: .sectors)
        try c.encodeIfPresent(incidentId, forKey: .incidentId)
        try c.encodeIfPresent(incidentType, forKey: .incidentType)
        try c.encodeIfPresent(unitId, forKey: .unitId)
        try payload.encodeData(to: c.superEncoder(forKey: .data))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        at = try c.decode(Date.self, forKey: .at)
        actor = try c.decode(Actor.self, forKey: .actor)
        sectors = try c.decode([String].self, forKey: .sectors)
        incidentType = try c.decodeIfPresent(String.self, forKey: .incidentType)
        let type = try c.decode(String.self, forKey: .type)
        payload = try EventPayload(type: type, from: c.superDecoder(forKey: .data))
    }
}

extension EventPayload {
    /// Encodes the case's associated value alone (the type name travels beside it).
    public func encodeData(to encoder: any Encoder) throws {
        switch self {
        case .incidentCreated(let e): try e.encode(to: encoder)
        case .incidentStatusChanged(let e): try e.encode(to: encoder)
        case .incidentNoteAdded(let e): try e.encode(to: encoder)
        case .incidentPriorityChanged(let e): try e.encode(to: encoder)
        case .incidentTypeChanged(let e): try e.encode(to: encoder)
        case .incidentMerged(let e): try e.encode(to: encoder)
        case .incidentShared(let e): try e.encode(to: encoder)
        case .incidentShareRevoked(let e): try e.encode(to: encoder)
        case .unitAssigned(let e): try e.encode(to: encoder)
        case .unitStatusChanged(let e): try e.encode(to: encoder)
        case .jurisdictionLoaded(let e): try e.encode(to: encoder)
        case .userChanged(let e): try e.encode(to: encoder)
        case .securityEvent(let e): try e.encode(to: encoder)
        case .analyticAlert(let e): try e.encode(to: encoder)
        case .roadClosure(let e): try e.encode(to: encoder)
        case .publicAlert(let e): try e.encode(to: encoder)
        case .externalWarning(let e): try e.encode(to: encoder)
        case .operation(let e): try e.encode(to: encoder)
        case .shelter(let e): try e.encode(to: encoder)
        case .evacuee(let e): try e.encode(to: encoder)
        case .droneMission(let e): try e.encode(to: encoder)
        case .airspace(let e): try e.encode(to: encoder)
        case .sensor(let e): try e.encode(to: encoder)
        }
    }

    /// Decodes the associated value for a stored type name.
    public init(type: String, from decoder: any Decoder) throws {
        switch type {
        case "incident.created": self = .incidentCreated(try .init(from: decoder))
        case "incident.statusChanged": self = .incidentStatusChanged(try .init(from: decoder))
        case "incident.noteAdded": self = .incidentNoteAdded(try .init(from: decoder))
        case "incident.priorityChanged": self = .incidentPriorityChanged(try .init(from: decoder))
        case "incident.typeChanged": self = .incidentTypeChanged(try .init(from: decoder))
        case "incident.merged": self = .incidentMerged(try .init(from: decoder))
        case "incident.shared": self = .incidentShared(try .init(from: decoder))
        case "incident.shareRevoked": self = .incidentShareRevoked(try .init(from: decoder))
        case "unit.assigned": self = .unitAssigned(try .init(from: decoder))
        case "unit.statusChanged": self = .unitStatusChanged(try .init(from: decoder))
        case "jurisdiction.loaded": self = .jurisdictionLoaded(try .init(from: decoder))
        case "user.changed": self = .userChanged(try .init(from: decoder))
        case "analytics.alert": self = .analyticAlert(try .init(from: decoder))
        case "roads.closureAdded", "roads.closureRemoved": self = .roadClosure(try .init(from: decoder))
        case _ where PublicAlertChanged.Change.eventTypes.contains(type): self = .publicAlert(try .init(from: decoder))
        case "alerts.received": self = .externalWarning(try .init(from: decoder))
        case _ where OperationChanged.Change.eventTypes.contains(type): self = .operation(try .init(from: decoder))
        case _ where ShelterChanged.Change.eventTypes.contains(type): self = .shelter(try .init(from: decoder))
        case _ where EvacueeChanged.Change.eventTypes.contains(type): self = .evacuee(try .init(from: decoder))
        case _ where DroneMissionChanged.Change.eventTypes.contains(type):
            self = .droneMission(try .init(from: decoder))
        case _ where AirspaceChanged.Change.eventTypes.contains(type): self = .airspace(try .init(from: decoder))
        case _ where SensorChanged.Change.eventTypes.contains(type): self = .sensor(try .init(from: decoder))
        case _ where type.hasPrefix("security."): self = .securityEvent(try .init(from: decoder))
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown event type '\(type)'"))
        }
    }
}
