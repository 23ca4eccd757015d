import Foundation
import MirsadDomain
import SQLKit

/// Road closures in force, a read model of the log kept in the same transaction as the
/// `roads.closure*` events: whether an id is taken or known is decided here, under the writer
/// lock every instance shares, never in one instance's memory.
extension EventStore {
    /// Records a new closure; 409 (`DomainError.conflict`) when a closure with its id is in force.
    public func addRoadClosure(_ change: RoadClosureChanged, actor: Actor) async throws -> EventEnvelope {
        precondition(!change.removed, "use liftRoadClosure to lift a closure")
        let body = try Codec.encode(change)
        return try await writer.submit { tx in
            if try await RoadClosureRows.exists(change.id, in: tx.db) {
                throw DomainError.conflict(reason: "closure \(change.id) is in force")
            }
            let event = tx.append([(.roadClosure(change), sectors: [])], actor: actor)[0]
            tx.stage(
                tx.db.insert(into: "road_closures").columns("id", "added_event_id", "change")
                    .values(SQLBind(change.id), SQLBind(event.id), SQLBind(body)).query)
            return event
        }
    }

    /// Lifts a closure in force; 404 (`DomainError.notFound`) when none has the id.
    public func liftRoadClosure(id: String, reason: String, actor: Actor) async throws -> EventEnvelope {
        let change = RoadClosureChanged(id: id, removed: true, polygon: nil, slowdownFactor: nil, reason: reason)
        return try await writer.submit { tx in
            guard try await RoadClosureRows.exists(id, in: tx.db) else {
                throw DomainError.notFound(kind: "closure", id: id)
            }
            tx.stage(tx.db.delete(from: "road_closures").where("id", .equal, id).query)
            return tx.append([(.roadClosure(change), sectors: [])], actor: actor)[0]
        }
    }

    /// The closures in force, by id, with the log position they are current as of: a reader
    /// applies these, then every closure event after `asOf`.
    public func roadClosures() async throws -> (closures: [RoadClosureChanged], asOf: Int64) {
        try await backend.withReader { db in
            // One read of the head before the rows: a closure committed in between is in the
            // rows and also after `asOf`, which applying idempotently absorbs.
            let head = try await LogHead.lastEventID(db)
            return (try await RoadClosureRows.all(in: db), head)
        }
    }
}

/// The `road_closures` rows, shared by the writes above and the migration that builds them.
enum RoadClosureRows {
    static func exists(_ id: String, in db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("road_closures").where("id", .equal, id).first() != nil
    }

    static func all(in db: any SQLDatabase) async throws -> [RoadClosureChanged] {
        try await db.select().column("change").from("road_closures").orderBy("id").all().map {
            try Codec.decode(
                RoadClosureChanged.self, from: try $0.decode(column: "change", as: String.self),
                what: "road closure")
        }
    }

    /// The closures in force after `events` (closure events in log order), by id.
    static func inForce(after events: [EventEnvelope]) -> [String: (eventID: Int64, change: RoadClosureChanged)] {
        var inForce: [String: (eventID: Int64, change: RoadClosureChanged)] = [:]
        for event in events {
            guard case .roadClosure(let change) = event.payload else { continue }
            inForce[change.id] = change.removed ? nil : (event.id, change)
        }
        return inForce
    }

    static func closureEvents(in db: any SQLDatabase) async throws -> [EventEnvelope] {
        try await db.select().column("body").from("events")
            .where("type", .in, ["roads.closureAdded", "roads.closureRemoved"]).orderBy("id").all()
            .map(EventStore.decodeEvent)
    }

    /// Fills the table from the closure events in the log (databases from before it, a rebuild).
    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        let inForce = inForce(after: try await closureEvents(in: db))
        try await db.delete(from: "road_closures").run()
        for (id, closure) in inForce {
            try await db.insert(into: "road_closures").columns("id", "added_event_id", "change")
                .values(SQLBind(id), SQLBind(closure.eventID), SQLBind(try Codec.encode(closure.change))).run()
        }
    }
}
