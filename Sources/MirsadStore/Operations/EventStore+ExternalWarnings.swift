import Foundation
import MirsadDomain
import SQLKit

/// Other agencies' warnings, a read model of the `alerts.received` events kept in the same
/// transaction: de-duplication by `sender,identifier` is decided here, so instances polling
/// the same feed record each warning once.
extension EventStore {
    /// Records a warning read from a feed; a warning known before is a `conflict`.
    public func record(_ warning: ExternalWarning, actor: Actor) async throws -> EventEnvelope {
        try await writer.submit { tx in
            let known =
                try await tx.db.select().column("id").from("external_warnings")
                .where("id", .equal, warning.id).first() != nil
            var referenced: [ExternalWarning] = []
            for key in warning.replaces {
                if let earlier = try await ExternalWarningRows.one(key, in: tx.db) { referenced.append(earlier) }
            }
            let received = try ExternalWarningDecider.decide(
                warning, known: known, referenced: referenced, actor: actor)
            let event = tx.append([(.externalWarning(received), sectors: [])], actor: actor)[0]
            // The new row is a plain insert: the same warning twice in one batch breaks the
            // primary key, and the writer's one-by-one retry then finds it known (409).
            tx.stage(try ExternalWarningRows.write(received.warning, on: tx.db).last!)
            for changed in received.ended {
                for statement in try ExternalWarningRows.write(changed, on: tx.db) { tx.stage(statement) }
            }
            return event
        }
    }

    /// Every warning received, newest first.
    public func externalWarnings() async throws -> [ExternalWarning] {
        try await backend.withReader { db in
            try await db.select().column("record").from("external_warnings").orderBy("received_ms", .descending)
                .all().map(ExternalWarningRows.decode)
        }
    }
}

enum ExternalWarningRows {
    static func one(_ id: String, in db: any SQLDatabase) async throws -> ExternalWarning? {
        try await db.select().column("record").from("external_warnings").where("id", .equal, id).first()
            .map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> ExternalWarning {
        try Codec.decode(
            ExternalWarning.self, from: try row.decode(column: "record", as: String.self), what: "external warning")
    }

    static func write(_ warning: ExternalWarning, on db: any SQLDatabase) throws -> [any SQLExpression] {
        [
            db.delete(from: "external_warnings").where("id", .equal, warning.id).query,
            db.insert(into: "external_warnings").columns("id", "status", "received_ms", "record")
                .values(
                    SQLBind(warning.id), SQLBind(warning.status.rawValue),
                    SQLBind(warning.receivedAt.epochMilliseconds), SQLBind(try Codec.encode(warning))
                ).query,
        ]
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        let events = try await db.select().column("body").from("events").where("type", .equal, "alerts.received")
            .orderBy("id").all().map(EventStore.decodeEvent)
        var warnings: [String: ExternalWarning] = [:]
        for event in events {
            guard case .externalWarning(let received) = event.payload else { continue }
            for warning in [received.warning] + received.ended { warnings[warning.id] = warning }
        }
        try await db.delete(from: "external_warnings").run()
        for warning in warnings.values {
            for statement in try write(warning, on: db) { try await db.execute(sql: statement) { _ in } }
        }
    }
}
