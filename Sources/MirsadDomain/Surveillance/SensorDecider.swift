import Foundation

/// What a reading does: the sensor's new state, and the alarm or all-clear it raises, if any.
/// `state` is nil for a reading older than the one stored, which is kept out (a relay catching
/// up never turns a current alarm off with an old number).
public struct SensorDecision: Hashable, Sendable {
    public var state: SensorState?
    public var change: SensorChanged?
}

/// The sensor rules: a reading comes from the sensor's own sector (or oversight) by someone
/// who may relay readings; it is a finite number measured no later than now; above
/// `alarmAbove` the sensor goes into alarm once, and out of it once below `clearBelow`.
public enum SensorDecider {
    /// How far ahead of the server's clock a sensor's clock may run.
    public static let clockSkew: TimeInterval = 5

    public static func decide(
        _ reading: SensorReading, state: SensorState?, now: Date, actor: Actor, catalog: JurisdictionIndex,
        field: String
    ) throws(DomainError) -> SensorDecision {
        try actor.require(.reportReadings)
        guard let sensor = catalog.sensors[reading.sensorId] else {
            throw .invalidField(
                field: "\(field).sensorId", reason: "no sensor '\(reading.sensorId)' in the jurisdiction")
        }
        try AccessPolicy(catalog: catalog).checkRuns(sector: sensor.sector, by: actor, what: "sensor \(sensor.id)")
        guard reading.value.isFinite, abs(reading.value) <= SensorReading.maxMagnitude else {
            throw .invalidField(field: "\(field).value", reason: "a finite number")
        }
        guard reading.at.timeIntervalSince(now) <= clockSkew else {
            throw .invalidField(field: "\(field).at", reason: "is in the future")
        }
        if let state, reading.at <= state.at { return SensorDecision(state: nil, change: nil) }
        let wasAlarm = state?.alarm ?? false
        var next = SensorState(
            sensorId: sensor.id, value: reading.value, at: reading.at, alarm: wasAlarm, alarmSince: state?.alarmSince,
            peak: state?.peak)
        var change: SensorChanged?
        if !wasAlarm && reading.value > sensor.alarmAbove {
            next.alarm = true
            next.alarmSince = reading.at
            next.peak = reading.value
            change = SensorChanged(change: .alarm, sensor: sensor, reading: reading)
        } else if wasAlarm && reading.value < sensor.clearBelow {
            next.alarm = false
            next.alarmSince = nil
            next.peak = nil
            change = SensorChanged(change: .normal, sensor: sensor, reading: reading)
        } else if wasAlarm {
            next.peak = max(next.peak ?? reading.value, reading.value)
        }
        return SensorDecision(state: next, change: change)
    }
}
