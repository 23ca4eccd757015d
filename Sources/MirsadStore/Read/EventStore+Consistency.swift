import Foundation
import MirsadDomain
import SQLKit

/// What `checkReadModels` found.
public struct ConsistencyReport: Sendable, Equatable {
    public var events: Int
    public var incidents: Int
    public var units: Int
    /// One line per disagreement between the stored read models and a replay of the log.
    public var problems: [String]

    public var isConsistent: Bool { problems.isEmpty }
}

extension EventStore {
    /// Replays the whole log in memory and compares the result with the stored read models.
    public func checkReadModels() async throws -> ConsistencyReport {
        let replayed = try await replay()
        let storedIncidents = try await backend.withReader { db in
            try await db.select().column("doc").from("incidents").all()
                .map {
                    try Codec.decode(
                        Incident.self, from: try $0.decode(column: "doc", as: String.self), what: "incident")
                }
        }
        let storedUnits = try await units().map(\.unit)
        var problems: [String] = []
        let storedByID = Dictionary(storedIncidents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, incident) in replayed.state.incidents {
            guard let stored = storedByID[id] else {
                problems.append("incident \(incident.number) is in the log but not in the read model")
                continue
            }
            if stored != incident {
                problems.append(
                    "incident \(incident.number) differs from its replay in \(Self.differingFields(stored, incident))")
            }
        }
        for stored in storedIncidents where replayed.state.incidents[stored.id] == nil {
            problems.append("incident \(stored.number) is in the read model but not in the log")
        }
        for unit in storedUnits {
            guard let replayedUnit = replayed.state.units[unit.id] else { continue }
            if replayedUnit.status != unit.status || replayedUnit.incidentId != unit.incidentId {
                problems.append(
                    "unit \(unit.callSign) is \(unit.status.rawValue) but its log says \(replayedUnit.status.rawValue)")
            }
        }
        let (storedClosures, loggedClosures) = try await backend.withReader { db in
            (
                try await RoadClosureRows.all(in: db),
                RoadClosureRows.inForce(after: try await RoadClosureRows.closureEvents(in: db))
            )
        }
        for stored in storedClosures where loggedClosures[stored.id]?.change != stored {
            problems.append("road closure \(stored.id) is in force in the read model but not as its log says")
        }
        for id in loggedClosures.keys where !storedClosures.contains(where: { $0.id == id }) {
            problems.append("road closure \(id) is in force in the log but missing from the read model")
        }
        problems += try await backend.withReader { db in try await PublicAlertRows.differences(in: db) }
        return ConsistencyReport(
            events: replayed.events, incidents: storedIncidents.count, units: storedUnits.count, problems: problems)
    }

    /// Rebuilds the incident, unit, road-closure and public-alert read models from the log, in one write transaction.
    @discardableResult
    public func rebuildReadModels() async throws -> ConsistencyReport {
        let replayed = try await replay()
        try await writer.submit { tx in
            tx.stage(tx.db.delete(from: "incidents").query)
            for incident in replayed.state.incidents.values { tx.stageIncident(incident) }
            for unit in replayed.state.units.values { tx.stageUnit(unit) }
            try await RoadClosureRows.rebuild(in: tx.db)
            try await PublicAlertRows.rebuild(in: tx.db)
            try await ExternalWarningRows.rebuild(in: tx.db)
            try await OperationRows.rebuild(in: tx.db)
            try await ShelterRows.rebuild(in: tx.db)
            try await EvacueeRows.rebuild(in: tx.db)
            try await MissionRows.rebuild(in: tx.db)
            try await ZoneRows.rebuild(in: tx.db)
        } as Void
        return try await checkReadModels()
    }

    /// Names the top-level JSON fields in which two values differ, with both values.
    static func differingFields<T: Encodable>(_ a: T, _ b: T) -> String {
        guard let left = try? JSONSerialization.jsonObject(with: MirsadJSON.encoder().encode(a)) as? [String: Any],
            let right = try? JSONSerialization.jsonObject(with: MirsadJSON.encoder().encode(b)) as? [String: Any]
        else { return "?" }
        func canonical(_ value: Any?) -> String {
            guard let value else { return "absent" }
            guard
                let data = try? JSONSerialization.data(
                    withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            else { return "\(value)" }
            return String(decoding: data, as: UTF8.self)
        }
        return Set(left.keys).union(right.keys).sorted().compactMap { key in
            let (l, r) = (canonical(left[key]), canonical(right[key]))
            return l == r ? nil : "\(key) (stored \(l), replayed \(r))"
        }.joined(separator: "; ")
    }

    /// Folds every event, page by page, starting from the jurisdiction's units at rest.
    private func replay() async throws -> (state: WorkingSet, events: Int) {
        guard let catalog else { throw StoreError.invalidConfiguration("no jurisdiction loaded") }
        var state = WorkingSet(catalog: catalog)
        for definition in catalog.jurisdiction.units {
            state.units[definition.id] = UnitState(definition: definition, at: Date(timeIntervalSince1970: 0))
        }
        var after: Int64 = 0
        var count = 0
        while true {
            let page = try await events(after: after, limit: 5000)
            guard let last = page.last else { break }
            for event in page { state.apply(event.payload, at: event.at) }
            count += page.count
            after = last.id
        }
        return (state, count)
    }
}
