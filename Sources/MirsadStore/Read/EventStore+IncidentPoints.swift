import Foundation
import MirsadDomain
import SQLKit

/// Where and when an incident happened: what pattern analysis needs, without the document.
public struct IncidentPoint: Hashable, Sendable {
    public var id: UUID
    public var type: String
    public var owningSector: String
    public var location: Coordinate
    public var createdAt: Date

    public init(id: UUID, type: String, owningSector: String, location: Coordinate, createdAt: Date) {
        self.id = id
        self.type = type
        self.owningSector = owningSector
        self.location = location
        self.createdAt = createdAt
    }

    public init(_ incident: Incident) {
        self.init(
            id: incident.id, type: incident.type, owningSector: incident.owningSector, location: incident.location,
            createdAt: incident.createdAt)
    }
}

/// Which incidents to read for analysis.
public struct IncidentPointQuery: Sendable {
    /// Only these incident types (nil: all).
    public var types: [String]?
    /// Created at or after / before.
    public var from: Date?
    public var to: Date?
    /// Only incidents this sector may see (nil: all, for oversight sectors and the platform).
    public var visibleTo: String?
    /// Only incidents within this many metres (a lat/lon box) of a point.
    public var near: (point: Coordinate, meters: Double)?
    public var limit: Int

    public init(
        types: [String]? = nil, from: Date? = nil, to: Date? = nil, visibleTo: String? = nil,
        near: (point: Coordinate, meters: Double)? = nil, limit: Int
    ) {
        self.types = types
        self.from = from
        self.to = to
        self.visibleTo = visibleTo
        self.near = near
        self.limit = limit
    }

}

extension EventStore {
    /// The newest incident points up to `limit`, oldest first, read from indexed columns (cheap
    /// even for a year of calls).
    public func incidentPoints(_ query: IncidentPointQuery) async throws -> [IncidentPoint] {
        try await backend.withReader { db in
            let select = db.select().columns("id", "type", "owning_sector", "lat", "lon", "created_ms").from(
                "incidents")
            if let types = query.types { select.where("type", .in, types) }
            if let from = query.from { select.where("created_ms", .greaterThanOrEqual, from.epochMilliseconds) }
            if let to = query.to { select.where("created_ms", .lessThan, to.epochMilliseconds) }
            if let sector = query.visibleTo { select.where("audience", .like, "%,\(sector),%") }
            if let (point, meters) = query.near {
                let box = point.boundingBox(metres: meters)
                select.where("lat", .greaterThanOrEqual, box.minLat).where("lat", .lessThanOrEqual, box.maxLat)
                    .where("lon", .greaterThanOrEqual, box.minLon).where("lon", .lessThanOrEqual, box.maxLon)
            }
            // The newest `limit` incidents, returned oldest first.
            let rows = try await select.orderBy("created_ms", .descending).limit(max(1, query.limit)).all()
            return try rows.reversed().map { row in
                let id = try row.decode(column: "id", as: String.self)
                guard let uuid = UUID(uuidString: id) else {
                    throw StoreError.corrupt("incident id '\(id)' is not a UUID")
                }
                return IncidentPoint(
                    id: uuid, type: try row.decode(column: "type", as: String.self),
                    owningSector: try row.decode(column: "owning_sector", as: String.self),
                    location: Coordinate(
                        lat: try row.decode(column: "lat", as: Double.self),
                        lon: try row.decode(column: "lon", as: Double.self)),
                    createdAt: Date(epochMilliseconds: try row.decode(column: "created_ms", as: Int64.self)))
            }
        }
    }
}
