import Foundation

/// The read model of one incident: everything the console shows, folded from its events.
public struct Incident: Codable, Hashable, Sendable, Identifiable {
    public var id: UUID
    /// Human number per year, e.g. `2026-000123`.
    public var number: String
    public var type: String
    public var family: String
    public var priority: Int
    public var status: IncidentStatus
    public var location: Coordinate
    public var address: String?
    public var caller: Caller?
    public var narrative: String?
    public var owningSector: String
    public var createdAt: Date
    public var updatedAt: Date
    /// When each status was first reached (`received` is the creation time).
    public var statusTimes: [IncidentStatus: Date]
    public var notes: [IncidentNote]
    /// Units working the incident now.
    public var assignedUnits: [UUID]
    /// Every unit ever assigned, with its sector, for history and need-to-know.
    public var assignmentHistory: [AssignmentRecord]
    /// Sectors the incident is explicitly shared with (beyond owner and assigned units).
    public var sharedWith: [IncidentShare]
    public var possibleDuplicateOf: UUID?
    /// Set when a dispatcher merged this incident into another one; nothing is deleted.
    public var mergedInto: UUID?
    /// Incidents merged into this one.
    public var mergedFrom: [UUID]
    /// Increases by one with every event, for optimistic checks and caching.
    public var version: Int

    /// Fields a jurisdiction may mark as restricted per incident type.
    public static let restrictableFields: Set<String> = ["caller", "narrative", "address", "notes"]

    public init(
        id: UUID, number: String, type: IncidentType, priority: Int, location: Coordinate, address: String?,
        caller: Caller?, narrative: String?, createdAt: Date, possibleDuplicateOf: UUID?
    ) {
        self.id = id
        self.number = number
        self.type = type.code
        self.family = type.family
        self.priority = priority
        self.status = .received
        self.location = location
        self.address = address
        self.caller = caller
        self.narrative = narrative
        self.owningSector = type.owningSector
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.statusTimes = [.received: createdAt]
        self.notes = []
        self.assignedUnits = []
        self.assignmentHistory = []
        self.sharedWith = []
        self.possibleDuplicateOf = possibleDuplicateOf
        self.mergedInto = nil
        self.mergedFrom = []
        self.version = 1
    }

    /// Sectors entitled to see the incident: owner, sectors of units ever assigned, active shares.
    public var visibleToSectors: Set<String> {
        var sectors: Set<String> = [owningSector]
        for record in assignmentHistory { sectors.insert(record.sector) }
        for share in sharedWith where share.revokedAt == nil { sectors.insert(share.sector) }
        return sectors
    }
}

/// Who called, as far as the call-taker recorded it.
public struct Caller: Codable, Hashable, Sendable {
    public var name: String?
    public var phone: String?
    public var language: String?

    public init(name: String? = nil, phone: String? = nil, language: String? = nil) {
        self.name = name
        self.phone = phone
        self.language = language
    }
}

public struct IncidentNote: Codable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var text: String
    public var author: String
    public var sector: String?
    public var at: Date
    /// Set on a copy whose text was withheld (a restricted field); fetch the incident with a
    /// purpose to read it. Never stored.
    public var redacted: Bool?

    public init(id: UUID, text: String, author: String, sector: String?, at: Date) {
        self.id = id
        self.text = text
        self.author = author
        self.sector = sector
        self.at = at
    }
}

public struct AssignmentRecord: Codable, Hashable, Sendable {
    public var unitId: UUID
    public var sector: String
    public var assignedAt: Date
    public var releasedAt: Date?

    public init(unitId: UUID, sector: String, assignedAt: Date, releasedAt: Date? = nil) {
        self.unitId = unitId
        self.sector = sector
        self.assignedAt = assignedAt
        self.releasedAt = releasedAt
    }
}

/// An explicit grant of visibility to another sector, with the reason; revocable.
public struct IncidentShare: Codable, Hashable, Sendable {
    public var sector: String
    public var reason: String
    public var by: String
    public var at: Date
    public var revokedAt: Date?

    public init(sector: String, reason: String, by: String, at: Date, revokedAt: Date? = nil) {
        self.sector = sector
        self.reason = reason
        self.by = by
        self.at = at
        self.revokedAt = revokedAt
    }
}
