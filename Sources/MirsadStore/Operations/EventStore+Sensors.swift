import Foundation
import MirsadDomain
import SQLKit

/// What a batch of sensor readings did.
public struct SensorIngestResult: Codable, Hashable, Sendable {
    /// Readings that became a sensor's latest.
    public var accepted: Int
    /// Readings older than the one stored, kept out.
    public var late: Int
    /// The alarms and all-clears they raised, in order.
    public var changes: [SensorChanged]
}

/// Sensor readings. The latest reading per sensor is kept in `sensor_states`; only crossing a
/// threshold is an event (`sensors.alarm`, `sensors.normal`), decided against that row under
/// the writer lock every instance shares, so two gateways relaying the same gauge raise one
/// alarm between them.
extension EventStore {
    public static let maxReadingsPerBatch = 1_000

    public func ingest(_ readings: [SensorReading], actor: Actor) async throws -> SensorIngestResult {
        guard (1...Self.maxReadingsPerBatch).contains(readings.count) else {
            throw DomainError.invalidField(
                field: "readings", reason: "between 1 and \(Self.maxReadingsPerBatch) readings per request")
        }
        // In the order they were measured, so a batch that catches up replays the crossings.
        let ordered = readings.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        return try await writer.submit { tx in
            var result = SensorIngestResult(accepted: 0, late: 0, changes: [])
            var decisions: [(offset: Int, SensorDecision)] = []
            for (offset, reading) in ordered {
                let state = try await tx.sensorState(reading.sensorId)
                let decision = try SensorDecider.decide(
                    reading, state: state, now: tx.now, actor: actor, catalog: tx.catalog, field: "readings[\(offset)]")
                decisions.append((offset, decision))
                guard let next = decision.state else {
                    result.late += 1
                    continue
                }
                result.accepted += 1
                tx.staged.sensorStates[next.sensorId] = next
                if let change = decision.change { result.changes.append(change) }
            }
            for state in Set(decisions.compactMap { $0.1.state?.sensorId }).compactMap({ tx.staged.sensorStates[$0] }) {
                tx.stage(try SensorRows.write(state, on: tx.db))
            }
            if !result.changes.isEmpty {
                _ = tx.append(result.changes.map { (.sensor($0), sectors: []) }, actor: actor)
            }
            return result
        }
    }

    /// Every sensor's latest reading, by sensor id (sensors never heard from are absent).
    public func sensorStates() async throws -> [String: SensorState] {
        try await backend.withReader { db in
            var states: [String: SensorState] = [:]
            for row in try await db.select().column("record").from("sensor_states").all() {
                let state = try SensorRows.decode(row)
                states[state.sensorId] = state
            }
            return states
        }
    }
}

extension BatchTransaction {
    /// The sensor's state as this batch sees it.
    func sensorState(_ id: String) async throws -> SensorState? {
        if let staged = staged.sensorStates[id] { return staged }
        return try await db.select().column("record").from("sensor_states").where("sensor_id", .equal, id).first()
            .map(SensorRows.decode)
    }
}

enum SensorRows {
    static func decode(_ row: any SQLRow) throws -> SensorState {
        try Codec.decode(
            SensorState.self, from: try row.decode(column: "record", as: String.self), what: "sensor state")
    }

    static func write(_ state: SensorState, on db: any SQLDatabase) throws -> any SQLExpression {
        db.insert(into: "sensor_states").columns("sensor_id", "at_ms", "alarm", "record")
            .values(
                SQLBind(state.sensorId), SQLBind(state.at.epochMilliseconds), SQLBind(state.alarm ? 1 : 0),
                SQLBind(try Codec.encode(state))
            )
            .onConflict(with: ["sensor_id"]) { update in
                update.set(excludedValueOf: "at_ms").set(excludedValueOf: "alarm").set(excludedValueOf: "record")
            }.query
    }
}
