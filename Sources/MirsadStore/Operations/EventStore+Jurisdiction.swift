import Foundation
import MirsadDomain
import SQLKit

extension EventStore {
    /// Loads (or reloads) a jurisdiction: validates it whole, stores it, adds new units as
    /// available, refreshes existing ones while keeping their live state, and removes units no
    /// longer listed (refused while such a unit is committed to an incident).
    public func loadJurisdiction(_ jurisdiction: Jurisdiction, actor: Actor = .system) async throws {
        try jurisdiction.validate()
        let document = try Codec.encode(jurisdiction)
        try await writer.submit { tx in
            let rows = try await tx.db.select().columns("id", "doc").from("units").all()
            var existing: [UUID: UnitState] = [:]
            for row in rows {
                let unit = try Codec.decode(
                    UnitState.self, from: try row.decode(column: "doc", as: String.self), what: "unit")
                existing[unit.id] = unit
            }
            let listed = Set(jurisdiction.units.map(\.id))
            for (id, unit) in existing where !listed.contains(id) {
                guard !unit.status.isCommitted else {
                    throw DomainError.conflict(
                        reason: "unit \(unit.callSign) is missing from the new jurisdiction but is working an incident")
                }
                tx.stage(tx.db.delete(from: "units").where("id", .equal, id.uuidString).query)
                tx.stage(tx.db.delete(from: "unit_positions").where("unit_id", .equal, id.uuidString).query)
            }
            for definition in jurisdiction.units {
                var unit = existing[definition.id] ?? UnitState(definition: definition, at: tx.now)
                unit.redefine(definition)
                unit.version += 1
                tx.stageUnit(unit)
            }
            tx.stage(tx.db.delete(from: "settings").where("name", .equal, "jurisdiction").query)
            tx.stage(
                tx.db.insert(into: "settings").columns("name", "value")
                    .values(SQLBind("jurisdiction"), SQLBind(document)).query)
            _ = tx.append(
                [
                    (
                        .jurisdictionLoaded(
                            JurisdictionLoaded(
                                name: jurisdiction.name.en, sectors: jurisdiction.sectors.count,
                                stations: jurisdiction.stations.count,
                                units: jurisdiction.units.count, incidentTypes: jurisdiction.incidentTypes.count)),
                        sectors: []
                    )
                ],
                actor: actor)
        } as Void
        catalogBox.set(JurisdictionIndex(jurisdiction))
    }

    /// The jurisdiction stored in the database, if any.
    public func storedJurisdiction() async throws -> Jurisdiction? {
        let row = try await backend.withReader { db in
            try await db.select().column("value").from("settings").where("name", .equal, "jurisdiction").first()
        }
        guard let row else { return nil }
        return try Codec.decode(
            Jurisdiction.self, from: try row.decode(column: "value", as: String.self), what: "jurisdiction")
    }
}
