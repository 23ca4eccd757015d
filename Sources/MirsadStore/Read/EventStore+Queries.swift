import Foundation
import MirsadDomain
import SQLKit

/// Filters for listing incidents.
public struct IncidentQuery: Sendable, Equatable {
    public enum Scope: String, Sendable { case open, all }
    public var scope: Scope
    /// Only incidents updated after this time.
    public var updatedSince: Date?
    public var limit: Int
    /// Only incidents this sector may see (nil: all, for oversight sectors).
    public var visibleTo: String?

    public init(scope: Scope = .open, updatedSince: Date? = nil, limit: Int = 200, visibleTo: String? = nil) {
        self.scope = scope
        self.updatedSince = updatedSince
        self.limit = limit
        self.visibleTo = visibleTo
    }
}

/// A unit with its latest reported position.
public struct UnitView: Codable, Hashable, Sendable {
    public var unit: UnitState
    public var position: UnitPosition?
}

extension EventStore {
    public func incident(_ id: UUID) async throws -> Incident? {
        try await backend.withReader { db in
            guard
                let row = try await db.select().column("doc").from("incidents").where("id", .equal, id.uuidString)
                    .first()
            else { return nil }
            return try Codec.decode(
                Incident.self, from: try row.decode(column: "doc", as: String.self), what: "incident")
        }
    }

    /// Incidents, most recently updated first.
    public func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        try await backend.withReader { db in
            let select = db.select().column("doc").from("incidents")
            if query.scope == .open { select.where("is_open", .equal, 1) }
            if let since = query.updatedSince { select.where("updated_ms", .greaterThan, since.epochMilliseconds) }
            if let sector = query.visibleTo { select.where("audience", .like, "%,\(sector),%") }
            return try await select.orderBy("updated_ms", .descending).limit(max(1, min(query.limit, 1000))).all()
                .map {
                    try Codec.decode(
                        Incident.self, from: try $0.decode(column: "doc", as: String.self), what: "incident")
                }
        }
    }

    /// Every event of an incident (including merges into it), in log order.
    public func timeline(of incidentID: UUID) async throws -> [EventEnvelope] {
        try await backend.withReader { db in
            try await db.select().column("body").from("events")
                .where("incident_id", .equal, incidentID.uuidString)
                .orWhere("related_incident_id", .equal, incidentID.uuidString)
                .orderBy("id").all()
                .map(Self.decodeEvent)
        }
    }

    /// Events after `id`, in order, at most `limit`.
    public func events(after id: Int64, limit: Int = 1000) async throws -> [EventEnvelope] {
        try await backend.withReader { db in
            try await db.select().column("body").from("events").where("id", .greaterThan, id)
                .orderBy("id").limit(limit).all().map(Self.decodeEvent)
        }
    }

    /// Every event of the given types, in log order (for checks and tests; reads the whole log).
    public func events(ofTypes types: [String]) async throws -> [EventEnvelope] {
        try await backend.withReader { db in
            try await db.select().column("body").from("events").where("type", .in, types).orderBy("id").all()
                .map(Self.decodeEvent)
        }
    }

    /// Appends events that record platform facts outside the incident domain (road closures,
    /// analytic alerts), audited like every other event.
    public func record(_ payloads: [(EventPayload, sectors: [String])], actor: Actor) async throws -> [EventEnvelope] {
        try await audit(payloads, actor: actor)
    }

    /// The id of the newest committed event (0 for an empty log).
    public func lastEventID() async throws -> Int64 {
        try await backend.withReader { db in try await LogHead.lastEventID(db) }
    }

    public func units() async throws -> [UnitView] {
        try await backend.withReader { db in
            let units = try await db.select().column("doc").from("units").orderBy("call_sign").all()
                .map {
                    try Codec.decode(UnitState.self, from: try $0.decode(column: "doc", as: String.self), what: "unit")
                }
            let positions = try await Self.positions(db.select().column("*").from("unit_positions"))
            let byUnit = Dictionary(positions.map { ($0.unitId, $0) }, uniquingKeysWith: { a, _ in a })
            return units.map { UnitView(unit: $0, position: byUnit[$0.id]) }
        }
    }

    public func unit(_ id: UUID) async throws -> UnitView? {
        try await backend.withReader { db in
            guard let row = try await db.select().column("doc").from("units").where("id", .equal, id.uuidString).first()
            else { return nil }
            let unit = try Codec.decode(
                UnitState.self, from: try row.decode(column: "doc", as: String.self), what: "unit")
            let position = try await Self.positions(
                db.select().column("*").from("unit_positions").where("unit_id", .equal, id.uuidString)
            ).first
            return UnitView(unit: unit, position: position)
        }
    }

    /// Latest positions written after position sequence `seq` (for other instances' feeds).
    public func positions(changedAfter seq: Int64) async throws -> (positions: [UnitPosition], seq: Int64) {
        try await backend.withReader { db in
            let rows = try await db.select().column("*").from("unit_positions").where("seq", .greaterThan, seq).all()
            let positions = try rows.map(Self.position(row:))
            let maxSeq = try rows.map { try $0.decode(column: "seq", as: Int64.self) }.max() ?? seq
            return (positions, maxSeq)
        }
    }

    public func currentPositionSeq() async throws -> Int64 {
        try await backend.withReader { db in
            try await db.select().column("position_seq").from("log_head").where("id", .equal, 1).first()?
                .decode(column: "position_seq", as: Int64.self) ?? 0
        }
    }

    /// A unit's stored track between two times, oldest first.
    public func track(of unitID: UUID, from: Date, to: Date, limit: Int = 5000) async throws -> [UnitPosition] {
        try await backend.withReader { db in
            try await Self.positions(
                db.select().column("*").from("unit_tracks").where("unit_id", .equal, unitID.uuidString)
                    .where("at_ms", .greaterThanOrEqual, from.epochMilliseconds)
                    .where("at_ms", .lessThanOrEqual, to.epochMilliseconds)
                    .orderBy("at_ms").limit(limit))
        }
    }

    static func decodeEvent(_ row: any SQLRow) throws -> EventEnvelope {
        try decodeEvent(body: try row.decode(column: "body", as: String.self))
    }

    static func decodeEvent(body: String) throws -> EventEnvelope {
        try Codec.decode(EventEnvelope.self, from: body, what: "event")
    }

    private static func positions(_ select: SQLSelectBuilder) async throws -> [UnitPosition] {
        try await select.all().map(position(row:))
    }

    private static func position(row: any SQLRow) throws -> UnitPosition {
        guard let id = UUID(uuidString: try row.decode(column: "unit_id", as: String.self)) else {
            throw StoreError.corrupt("unit id in positions")
        }
        return UnitPosition(
            unitId: id, lat: try row.decode(column: "lat", as: Double.self),
            lon: try row.decode(column: "lon", as: Double.self),
            at: Date(epochMilliseconds: try row.decode(column: "at_ms", as: Int64.self)),
            speed: try row.decode(column: "speed", as: Double?.self),
            heading: try row.decode(column: "heading", as: Double?.self))
    }
}
