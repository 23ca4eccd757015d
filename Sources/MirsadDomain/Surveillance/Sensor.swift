import Foundation

/// A fixed sensor that reports a number (a flood gauge's water depth, a fire alarm panel's
/// state), as the jurisdiction file lists it. Crossing its threshold raises an alarm on the
/// common picture and can start an emergency plan (a playbook's `sensor` trigger).
public struct Sensor: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// Water depth at an underpass or a wadi (centimetres).
        case floodGauge
        /// A building's fire alarm panel (1 while it sounds).
        case fireAlarm
        /// Gas concentration at a plant or a tunnel (ppm).
        case gasDetector
        /// Wind speed (m/s), for sandstorms.
        case windGauge
        case other
    }

    public var id: String
    public var name: LocalizedName
    public var kind: Kind
    public var location: Coordinate
    public var governorate: String?
    /// The sector that runs it and may relay its readings.
    public var sector: String
    /// The unit its numbers are in (`cm`, `ppm`, `m/s`), shown with each reading.
    public var unit: String
    /// A reading above this raises the alarm.
    public var alarmAbove: Double
    /// The alarm ends only when a reading falls below this (at most `alarmAbove`), so a level
    /// hovering at the threshold does not raise it again and again.
    public var clearBelow: Double

    public init(
        id: String, name: LocalizedName, kind: Kind, location: Coordinate, governorate: String? = nil, sector: String,
        unit: String, alarmAbove: Double, clearBelow: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.location = location
        self.governorate = governorate
        self.sector = sector
        self.unit = unit
        self.alarmAbove = alarmAbove
        self.clearBelow = clearBelow ?? alarmAbove
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, location, governorate, sector, unit, alarmAbove, clearBelow
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(LocalizedName.self, forKey: .name),
            kind: try c.decode(Kind.self, forKey: .kind), location: try c.decode(Coordinate.self, forKey: .location),
            governorate: try c.decodeIfPresent(String.self, forKey: .governorate),
            sector: try c.decode(String.self, forKey: .sector), unit: try c.decode(String.self, forKey: .unit),
            alarmAbove: try c.decode(Double.self, forKey: .alarmAbove),
            clearBelow: try c.decodeIfPresent(Double.self, forKey: .clearBelow))
    }

    /// Checks the sensor against the jurisdiction, naming the bad field under `prefix` (`sensors[0]`).
    public func validate(sectors: Set<String>, governorates: Set<String>, field prefix: String) throws(DomainError) {
        let at = { (name: String) in "\(prefix).\(name)" }
        try SurveillanceText.checkID(id, field: at("id"))
        try ShelterText.check(name.en, field: at("name.en"), max: 200)
        try ShelterText.check(name.ar, field: at("name.ar"), max: 200)
        _ = try location.validated(field: at("location"))
        guard sectors.contains(sector) else {
            throw .invalidField(field: at("sector"), reason: "unknown sector '\(sector)'")
        }
        if let governorate, !governorates.contains(governorate) {
            throw .invalidField(field: at("governorate"), reason: "unknown governorate '\(governorate)'")
        }
        try ShelterText.check(unit, field: at("unit"), max: 16)
        guard alarmAbove.isFinite, abs(alarmAbove) <= SensorReading.maxMagnitude else {
            throw .invalidField(field: at("alarmAbove"), reason: "a finite number")
        }
        guard clearBelow.isFinite, clearBelow <= alarmAbove else {
            throw .invalidField(field: at("clearBelow"), reason: "a number no greater than alarmAbove")
        }
    }
}

/// One number from a sensor, at the time it was measured.
public struct SensorReading: Codable, Hashable, Sendable {
    public var sensorId: String
    public var value: Double
    public var at: Date

    public static let maxMagnitude = 1e9

    public init(sensorId: String, value: Double, at: Date) {
        self.sensorId = sensorId
        self.value = value
        self.at = at
    }
}

/// A sensor's latest reading and whether it is in alarm.
public struct SensorState: Codable, Hashable, Sendable {
    public var sensorId: String
    public var value: Double
    public var at: Date
    public var alarm: Bool
    /// When the current alarm began.
    public var alarmSince: Date?
    /// The highest reading of the current alarm.
    public var peak: Double?

    public init(sensorId: String, value: Double, at: Date, alarm: Bool, alarmSince: Date? = nil, peak: Double? = nil) {
        self.sensorId = sensorId
        self.value = value
        self.at = at
        self.alarm = alarm
        self.alarmSince = alarmSince
        self.peak = peak
    }
}

/// A sensor went into alarm or back to normal: an alert for everyone on the common picture
/// (a flooded underpass matters to every sector), and a playbook trigger.
public struct SensorChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Hashable, Sendable, CaseIterable {
        case alarm, normal

        /// The event type in the log and on the live feed (`sensors.alarm`).
        public var eventType: String { "sensors.\(rawValue)" }
        public static var eventTypes: [String] { allCases.map(\.eventType) }
    }

    public var change: Change
    public var sensorId: String
    public var kind: Sensor.Kind
    public var name: LocalizedName
    public var location: Coordinate
    public var governorate: String?
    public var sector: String
    /// The reading that crossed the threshold, and the threshold it crossed.
    public var value: Double
    public var threshold: Double
    public var unit: String
    public var measuredAt: Date

    public init(change: Change, sensor: Sensor, reading: SensorReading) {
        self.change = change
        sensorId = sensor.id
        kind = sensor.kind
        name = sensor.name
        location = sensor.location
        governorate = sensor.governorate
        sector = sensor.sector
        value = reading.value
        threshold = change == .alarm ? sensor.alarmAbove : sensor.clearBelow
        unit = sensor.unit
        measuredAt = reading.at
    }

    /// How the alarm reads in a log line or a plan's trigger: "sensor gauge-1 (floodGauge) 42 cm > 30 cm".
    public var summary: String {
        let sign = change == .alarm ? ">" : "<"
        let value = self.value.formatted(.number.precision(.fractionLength(0...2)))
        let threshold = self.threshold.formatted(.number.precision(.fractionLength(0...2)))
        return "sensor \(sensorId) (\(kind.rawValue)) \(value) \(unit) \(sign) \(threshold) \(unit)"
    }
}
