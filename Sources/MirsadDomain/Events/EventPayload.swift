import Foundation

/// What happened, one case per event type. The log stores these; read models, the timeline,
/// replay after reconnect and the audit trail are all derived from them.
public enum EventPayload: Hashable, Sendable {
    case incidentCreated(IncidentCreated)
    case incidentStatusChanged(IncidentStatusChanged)
    case incidentNoteAdded(IncidentNoteAdded)
    case incidentPriorityChanged(IncidentPriorityChanged)
    case incidentTypeChanged(IncidentTypeChanged)
    case incidentMerged(IncidentMerged)
    case incidentShared(IncidentShared)
    case incidentShareRevoked(IncidentShareRevoked)
    case unitAssigned(UnitAssigned)
    case unitStatusChanged(UnitStatusChanged)
    case jurisdictionLoaded(JurisdictionLoaded)
    case userChanged(UserChanged)
    case securityEvent(SecurityEvent)
    case analyticAlert(AnalyticAlertRaised)
    case roadClosure(RoadClosureChanged)
    case publicAlert(PublicAlertChanged)
    case externalWarning(ExternalWarningReceived)
    case operation(OperationChanged)
    case shelter(ShelterChanged)
    case evacuee(EvacueeChanged)
    case droneMission(DroneMissionChanged)
    case airspace(AirspaceChanged)
    case sensor(SensorChanged)

    /// The stable type name used in JSON, the database and the live feed.
    public var type: String {
        switch self {
        case .incidentCreated: "incident.created"
        case .incidentStatusChanged: "incident.statusChanged"
        case .incidentNoteAdded: "incident.noteAdded"
        case .incidentPriorityChanged: "incident.priorityChanged"
        case .incidentTypeChanged: "incident.typeChanged"
        case .incidentMerged: "incident.merged"
        case .incidentShared: "incident.shared"
        case .incidentShareRevoked: "incident.shareRevoked"
        case .unitAssigned: "unit.assigned"
        case .unitStatusChanged: "unit.statusChanged"
        case .jurisdictionLoaded: "jurisdiction.loaded"
        case .userChanged: "user.changed"
        case .securityEvent(let event): "security.\(event.action.rawValue)"
        case .analyticAlert: "analytics.alert"
        case .roadClosure(let change): change.removed ? "roads.closureRemoved" : "roads.closureAdded"
        case .publicAlert(let change): change.change.eventType
        case .externalWarning: "alerts.received"
        case .operation(let change): change.change.eventType
        case .shelter(let change): change.change.eventType
        case .evacuee(let change): change.change.eventType
        case .droneMission(let change): change.change.eventType
        case .airspace(let change): change.change.eventType
        case .sensor(let change): change.change.eventType
        }
    }

    /// The incident the event concerns, if any.
    public var incidentId: UUID? {
        switch self {
        case .incidentCreated(let e): e.incident.id
        case .incidentStatusChanged(let e): e.incidentId
        case .incidentNoteAdded(let e): e.incidentId
        case .incidentPriorityChanged(let e): e.incidentId
        case .incidentTypeChanged(let e): e.incidentId
        case .incidentMerged(let e): e.incidentId
        case .incidentShared(let e): e.incidentId
        case .incidentShareRevoked(let e): e.incidentId
        case .unitAssigned(let e): e.incidentId
        case .unitStatusChanged(let e): e.incidentId
        case .securityEvent(let e): e.incidentId
        case .analyticAlert(let e): e.incidentId
        case .droneMission(let e): e.mission.incidentId
        case .jurisdictionLoaded, .userChanged, .roadClosure, .publicAlert, .externalWarning, .operation, .shelter,
            .evacuee, .airspace, .sensor:
            nil
        }
    }

    /// The unit the event concerns, if any.
    public var unitId: UUID? {
        switch self {
        case .unitAssigned(let e): e.unitId
        case .unitStatusChanged(let e): e.unitId
        case .droneMission(let e): e.mission.droneId
        default: nil
        }
    }
}

public struct IncidentCreated: Codable, Hashable, Sendable {
    /// The incident as created; replay rebuilds the read model from it.
    public var incident: Incident
    public init(incident: Incident) { self.incident = incident }
}

public struct IncidentStatusChanged: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var from: IncidentStatus
    public var to: IncidentStatus
    public var reason: String?
    public init(incidentId: UUID, from: IncidentStatus, to: IncidentStatus, reason: String?) {
        self.incidentId = incidentId
        self.from = from
        self.to = to
        self.reason = reason
    }
}

public struct IncidentNoteAdded: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var note: IncidentNote
    public init(incidentId: UUID, note: IncidentNote) {
        self.incidentId = incidentId
        self.note = note
    }
}

public struct IncidentPriorityChanged: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var from: Int
    public var to: Int
    public var reason: String
    public init(incidentId: UUID, from: Int, to: Int, reason: String) {
        self.incidentId = incidentId
        self.from = from
        self.to = to
        self.reason = reason
    }
}

public struct IncidentTypeChanged: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var from: String
    public var to: String
    public var family: String
    public var owningSector: String
    public var reason: String
    public init(incidentId: UUID, from: String, to: String, family: String, owningSector: String, reason: String) {
        self.incidentId = incidentId
        self.from = from
        self.to = to
        self.family = family
        self.owningSector = owningSector
        self.reason = reason
    }
}

/// `incidentId` was merged into `into`: it stays, linked, and stops being open.
public struct IncidentMerged: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var into: UUID
    public var reason: String?
    public init(incidentId: UUID, into: UUID, reason: String?) {
        self.incidentId = incidentId
        self.into = into
        self.reason = reason
    }
}

public struct IncidentShared: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var sector: String
    public var reason: String
    /// The user who granted the share.
    public var by: String
    public init(incidentId: UUID, sector: String, reason: String, by: String) {
        self.incidentId = incidentId
        self.sector = sector
        self.reason = reason
        self.by = by
    }
}

public struct IncidentShareRevoked: Codable, Hashable, Sendable {
    public var incidentId: UUID
    public var sector: String
    public var reason: String?
    public init(incidentId: UUID, sector: String, reason: String?) {
        self.incidentId = incidentId
        self.sector = sector
        self.reason = reason
    }
}

public struct UnitAssigned: Codable, Hashable, Sendable {
    public var unitId: UUID
    public var incidentId: UUID
    public var callSign: String
    public var sector: String
    public init(unitId: UUID, incidentId: UUID, callSign: String, sector: String) {
        self.unitId = unitId
        self.incidentId = incidentId
        self.callSign = callSign
        self.sector = sector
    }
}

public struct UnitStatusChanged: Codable, Hashable, Sendable {
    public var unitId: UUID
    public var from: UnitStatus
    public var to: UnitStatus
    /// The incident the unit works (or has just left).
    public var incidentId: UUID?
    public var reason: String?
    public init(unitId: UUID, from: UnitStatus, to: UnitStatus, incidentId: UUID?, reason: String? = nil) {
        self.unitId = unitId
        self.from = from
        self.to = to
        self.incidentId = incidentId
        self.reason = reason
    }
}

public struct JurisdictionLoaded: Codable, Hashable, Sendable {
    public var name: String
    public var sectors: Int
    public var stations: Int
    public var units: Int
    public var incidentTypes: Int
    public init(name: String, sectors: Int, stations: Int, units: Int, incidentTypes: Int) {
        self.name = name
        self.sectors = sectors
        self.stations = stations
        self.units = units
        self.incidentTypes = incidentTypes
    }
}

/// A user account was created or changed (never carries the password hash).
public struct UserChanged: Codable, Hashable, Sendable {
    public var username: String
    /// What changed, typed: reactors decide on these, never on the text.
    public var changes: [UserChange]
    /// The same in words, for people reading the timeline and the audit trail.
    public var change: String
    public var role: String?
    public var sector: String?

    public init(username: String, changes: [UserChange], role: String?, sector: String?) {
        self.username = username
        self.changes = changes
        self.change = changes.map(\.description).joined(separator: ", ")
        self.role = role
        self.sector = sector
    }

    /// Whether the account's sessions may not go on after this change (on every instance).
    public var endsSessions: Bool { changes.contains(where: \.endsSessions) }

    enum CodingKeys: String, CodingKey { case username, changes, change, role, sector }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        change = try container.decode(String.self, forKey: .change)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        sector = try container.decodeIfPresent(String.self, forKey: .sector)
        // Entries written before the change was typed carry only the words; they are read
        // back by the words they were written with, once, here.
        changes =
            try container.decodeIfPresent([UserChange].self, forKey: .changes)
            ?? UserChange.fromLegacyDescription(change)
    }
}

/// One kind of change to an account.
public enum UserChange: String, Codable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case created, roleChanged, sectorChanged, disabled, enabled, unlocked, passwordReset, passwordChanged,
        secondFactorStarted, secondFactorEnrolled, secondFactorReset

    /// A new role or sector changes what the account may see; a disabled account, a new
    /// password or a new second factor means whoever holds a session may no longer be the owner.
    public var endsSessions: Bool {
        switch self {
        case .roleChanged, .sectorChanged, .disabled, .passwordReset, .passwordChanged, .secondFactorReset: true
        case .created, .enabled, .unlocked, .secondFactorStarted, .secondFactorEnrolled: false
        }
    }

    public var description: String {
        switch self {
        case .created: "created"
        case .roleChanged: "role changed"
        case .sectorChanged: "sector changed"
        case .disabled: "disabled"
        case .enabled: "enabled"
        case .unlocked: "unlocked"
        case .passwordReset: "password reset"
        case .passwordChanged: "password changed"
        case .secondFactorStarted: "second factor started"
        case .secondFactorEnrolled: "second factor enrolled"
        case .secondFactorReset: "second factor reset"
        }
    }

    /// The typed changes of an entry written before `changes` existed (e.g. "role dispatcher,
    /// sector traffic", "password reset", "created (demo)").
    static func fromLegacyDescription(_ text: String) -> [UserChange] {
        text.split(separator: ",").compactMap { part in
            let words = part.trimmingCharacters(in: .whitespaces)
            if words.hasPrefix("role") { return .roleChanged }
            if words.hasPrefix("sector") { return .sectorChanged }
            if words.hasPrefix("created") { return .created }
            return UserChange.allCases.first { $0.description == words }
        }
    }
}

/// Security-relevant facts the audit trail records: logins, denials, restricted reads.
public struct SecurityEvent: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case login, loginFailed, logout, sessionEnded, sessionLocked, sessionUnlocked, accountLocked,
            accountUnlocked, accessDenied, restrictedRead, passwordChanged, secondFactorEnrolled,
            unitTokenIssued, unitTokenRevoked
    }
    public var action: Action
    /// `success`, `failure` or `denied`.
    public var outcome: String
    /// The account concerned.
    public var subject: String?
    public var incidentId: UUID?
    /// The session concerned (ending it ends its live connections on every instance).
    public var sessionId: UUID?
    /// Why a restricted record was read, as the reader stated it.
    public var purpose: String?
    /// What was attempted (route, command) or why it failed.
    public var detail: String?
    /// For coalesced denials: how many refusals this entry stands for (absent means one).
    public var count: Int?
    public init(
        action: Action, outcome: String, subject: String? = nil, incidentId: UUID? = nil, sessionId: UUID? = nil,
        purpose: String? = nil, detail: String? = nil, count: Int? = nil
    ) {
        self.count = count
        self.action = action
        self.outcome = outcome
        self.subject = subject
        self.incidentId = incidentId
        self.sessionId = sessionId
        self.purpose = purpose
        self.detail = detail
    }
}

/// An analytic early-warning alert (near-repeat zone, emerging series), carried as JSON so
/// the analytics engine owns its shape.
public struct AnalyticAlertRaised: Codable, Hashable, Sendable {
    public var incidentId: UUID?
    public var kind: String
    public var summary: LocalizedName
    public var evidence: JSONValue
    public init(incidentId: UUID?, kind: String, summary: LocalizedName, evidence: JSONValue) {
        self.incidentId = incidentId
        self.kind = kind
        self.summary = summary
        self.evidence = evidence
    }
}

/// A road closure or slowdown (a flooded underpass, an accident, a cordon) added or lifted.
/// Every server instance applies it to its routing engine as the event arrives.
public struct RoadClosureChanged: Codable, Hashable, Sendable {
    public var id: String
    public var removed: Bool
    /// The closed area (a polygon of at least three points), for an added closure.
    public var polygon: [Coordinate]?
    /// Nil blocks the roads; a factor ≥ 1 multiplies their travel time.
    public var slowdownFactor: Double?
    public var reason: String
    public init(id: String, removed: Bool, polygon: [Coordinate]?, slowdownFactor: Double?, reason: String) {
        self.id = id
        self.removed = removed
        self.polygon = polygon
        self.slowdownFactor = slowdownFactor
        self.reason = reason
    }
}
