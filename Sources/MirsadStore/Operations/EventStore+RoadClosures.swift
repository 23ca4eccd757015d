import Foundation
import MirsadDomain
import SQLKit

/// Road closures in force, a read model of the log kept in the same transaction as the
/// `roads.closure*` events: whether an id is taken or known is decided here, under the writer
/// lock every instance shares, never in one instance's memory.
extension EventStore {
    /// Decides a closure command against the `road_closures` rows and commits its event with
    /// the row change: adding an id in force is 409, lifting one not in force is 404.
    public func execute(_ command: RoadClosureCommand, actor: Actor) async throws -> EventEnvelope {
        try await writer.submit { tx in
            let inForce = try await RoadClosureRows.exists(command.id, in: tx.db)
            let change = try RoadClosureDecider.decide(command, inForce: inForce, actor: actor)
            let event = tx.append([(.roadClosure(change), sectors: [])], actor: actor)[0]
            if change.removed {
                tx.stage(tx.db.delete(from: "road_closures").where("id", .equal, change.id).query)
            } else {
                tx.stage(
                    tx.db.insert(into: "road_closures").columns("id", "added_event_id", "change")
                        .values(SQLBind(change.id), SQLBind(event.id), SQLBind(try Codec.encode(change))).query)
            }
            return event
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
