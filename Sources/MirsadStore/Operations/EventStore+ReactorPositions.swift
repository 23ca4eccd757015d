import Foundation
import SQLKit

/// Where each durable reactor has got to in the log. This is a consumer's bookmark, not a
/// fact of the domain, so it is written directly rather than as an event. Instances share a
/// bookmark and only ever move it forward: a reactor's work (an alert, later a playbook step)
/// is recorded once whichever instance does it, so resuming after the furthest is right.
extension EventStore {
    /// The stored position of a reactor, or nil when it has never run on this database.
    public func reactorPosition(_ name: String) async throws -> Int64? {
        try await backend.withReader { db in
            try await db.select().column("position").from("reactor_positions").where("name", .equal, name).first()?
                .decode(column: "position", as: Int64.self)
        }
    }

    /// Moves a reactor's position forward to `position` (never back). It rides on the next
    /// group commit like any write, so bookmarking costs no fsync of its own.
    public func saveReactorPosition(_ name: String, _ position: Int64) async throws {
        try await writer.submit { tx in
            tx.stage(
                tx.db.insert(into: "reactor_positions").columns("name", "position")
                    .values(SQLBind(name), SQLBind(position))
                    .onConflict(with: ["name"]) { update in
                        update.set(excludedValueOf: "position")
                            .where(
                                SQLColumn("position", table: "reactor_positions"), .lessThan,
                                SQLColumn("position", table: "excluded"))
                    }
                    .query)
        } as Void
    }
}
