import Foundation

/// A drone sent to an incident: the plan it flies, and what happened on the way. The drone is
/// assigned to the incident like any unit, so it shows on the unit board and the incident.
public struct DroneMission: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable { case active, completed, aborted }

    public var id: UUID
    public var droneId: UUID
    public var callSign: String
    /// The drone's sector, which flies it.
    public var sector: String
    public var incidentId: UUID
    public var status: Status
    public var plan: MissionPlan
    /// Zones requiring authorisation that the requester holds it for.
    public var authorisedZones: [String]
    public var requestedBy: String
    public var startedAt: Date
    public var endedAt: Date?
    public var endReason: String?
    /// Set while the drone's telemetry has stopped (cleared when it comes back).
    public var linkLostAt: Date?
    public var findings: Int
    public var version: Int

    public init(
        id: UUID, droneId: UUID, callSign: String, sector: String, incidentId: UUID, plan: MissionPlan,
        authorisedZones: [String], requestedBy: String, startedAt: Date
    ) {
        self.id = id
        self.droneId = droneId
        self.callSign = callSign
        self.sector = sector
        self.incidentId = incidentId
        self.status = .active
        self.plan = plan
        self.authorisedZones = authorisedZones
        self.requestedBy = requestedBy
        self.startedAt = startedAt
        self.findings = 0
        self.version = 1
    }
}

/// Something the drone's crew saw: a note, optionally with a snapshot and where it was taken.
/// The snapshot's bytes are kept beside the log, addressed by their SHA-256, which the event
/// carries (so the audit tree covers the picture without the log holding megabytes).
public struct DroneFinding: Codable, Hashable, Sendable, Identifiable {
    public struct Snapshot: Codable, Hashable, Sendable {
        public var contentType: String
        public var bytes: Int
        public var sha256: String
        public init(contentType: String, bytes: Int, sha256: String) {
            self.contentType = contentType
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public var id: UUID
    public var missionId: UUID
    public var incidentId: UUID
    public var note: String
    public var location: Coordinate?
    public var snapshot: Snapshot?
    public var by: String
    public var at: Date

    public init(
        id: UUID, missionId: UUID, incidentId: UUID, note: String, location: Coordinate?, snapshot: Snapshot?,
        by: String, at: Date
    ) {
        self.id = id
        self.missionId = missionId
        self.incidentId = incidentId
        self.note = note
        self.location = location
        self.snapshot = snapshot
        self.by = by
        self.at = at
    }
}

/// A mission started, ended, lost or regained its link, or reported a finding.
public struct DroneMissionChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Sendable, CaseIterable {
        case started, completed, aborted, linkLost, linkRestored, findingAdded

        public var eventType: String {
            switch self {
            case .started: "drones.missionStarted"
            case .completed: "drones.missionCompleted"
            case .aborted: "drones.missionAborted"
            case .linkLost: "drones.linkLost"
            case .linkRestored: "drones.linkRestored"
            case .findingAdded: "drones.findingAdded"
            }
        }

        public static var eventTypes: [String] { allCases.map(\.eventType) }

    }

    public var change: Change
    public var mission: DroneMission
    public var finding: DroneFinding?
    /// Why, for an abort or a lost link.
    public var reason: String?

    public init(change: Change, mission: DroneMission, finding: DroneFinding? = nil, reason: String? = nil) {
        self.change = change
        self.mission = mission
        self.finding = finding
        self.reason = reason
    }
}

/// No-fly zones imported (replacing zones of the same id) or withdrawn.
public struct AirspaceChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Sendable, CaseIterable {
        case imported, removed
        public var eventType: String { "airspace.zones\(rawValue.prefix(1).uppercased())\(rawValue.dropFirst())" }
        public static var eventTypes: [String] { allCases.map(\.eventType) }
    }

    public var change: Change
    /// The zones imported.
    public var zones: [UASZone]
    /// The ids withdrawn.
    public var removed: [String]
    /// Where they came from (a file name, a publishing authority), for the record.
    public var source: String?

    public init(change: Change, zones: [UASZone], removed: [String], source: String?) {
        self.change = change
        self.zones = zones
        self.removed = removed
        self.source = source
    }
}
