import Foundation

/// One report from a drone: where it is and how its battery stands. Telemetry is not an event
/// (ten reports a second per drone would drown the log): the position joins the unit's AVL
/// track and the newest report per drone is kept, as for any unit's position.
public struct DroneTelemetry: Codable, Hashable, Sendable {
    public enum Source: String, Codable, Sendable { case api, mavlink }

    public var unitId: UUID
    public var at: Date
    public var lat: Double
    public var lon: Double
    /// Metres above mean sea level.
    public var altitude: Double?
    /// Metres above the take-off point.
    public var relativeAltitude: Double?
    /// Metres per second over the ground.
    public var groundSpeed: Double?
    /// Degrees clockwise from north.
    public var heading: Double?
    /// Battery left, 0–100.
    public var batteryPercent: Double?
    /// Battery voltage in volts.
    public var voltage: Double?
    public var armed: Bool?
    /// The autopilot's state as MAVLink names it (`standby`, `active`, `critical`, `emergency`, ...).
    public var state: String?
    public var source: Source

    public init(
        unitId: UUID, at: Date, lat: Double, lon: Double, altitude: Double? = nil, relativeAltitude: Double? = nil,
        groundSpeed: Double? = nil, heading: Double? = nil, batteryPercent: Double? = nil, voltage: Double? = nil,
        armed: Bool? = nil, state: String? = nil, source: Source
    ) {
        self.unitId = unitId
        self.at = at
        self.lat = lat
        self.lon = lon
        self.altitude = altitude
        self.relativeAltitude = relativeAltitude
        self.groundSpeed = groundSpeed
        self.heading = heading
        self.batteryPercent = batteryPercent
        self.voltage = voltage
        self.armed = armed
        self.state = state
        self.source = source
    }

    public var coordinate: Coordinate { Coordinate(lat: lat, lon: lon) }

    /// The position part, as the unit board and the track keep it.
    public var position: UnitPosition {
        UnitPosition(unitId: unitId, lat: lat, lon: lon, at: at, speed: groundSpeed, heading: heading)
    }

    /// Checks ranges; `field` is the report's path in the request.
    public func validate(field: String) throws(DomainError) {
        _ = try coordinate.validated(field: field)
        if let battery = batteryPercent, !(0...100).contains(battery) {
            throw .invalidField(field: "\(field).batteryPercent", reason: "must be between 0 and 100")
        }
        if let altitude, !(-500...20_000).contains(altitude) {
            throw .invalidField(field: "\(field).altitude", reason: "metres above sea level, -500 to 20000")
        }
        if let heading, !(0..<360).contains(heading) {
            throw .invalidField(field: "\(field).heading", reason: "degrees, at least 0 and below 360")
        }
        if let groundSpeed, !(0...150).contains(groundSpeed) {
            throw .invalidField(field: "\(field).groundSpeed", reason: "metres per second, 0 to 150")
        }
        if let voltage, !(0...100).contains(voltage) {
            throw .invalidField(field: "\(field).voltage", reason: "volts, 0 to 100")
        }
    }
}
