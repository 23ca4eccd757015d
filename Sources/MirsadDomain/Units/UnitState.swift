import Foundation

/// The read model of one unit: its definition plus what it is doing now.
public struct UnitState: Codable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var callSign: String
    public var sector: String
    public var type: String
    public var capabilities: [String]
    public var homeStation: String
    public var status: UnitStatus
    /// The incident the unit is committed to, if any.
    public var incidentId: UUID?
    public var statusChangedAt: Date
    public var version: Int

    public init(definition: UnitDefinition, at: Date) {
        id = definition.id
        callSign = definition.callSign
        sector = definition.sector
        type = definition.type
        capabilities = definition.capabilities
        homeStation = definition.homeStation
        status = .available
        incidentId = nil
        statusChangedAt = at
        version = 0
    }

    /// Refreshes the static part from a reloaded jurisdiction file, keeping the live state.
    public mutating func redefine(_ definition: UnitDefinition) {
        callSign = definition.callSign
        sector = definition.sector
        type = definition.type
        capabilities = definition.capabilities
        homeStation = definition.homeStation
    }
}

/// One AVL report.
public struct UnitPosition: Codable, Hashable, Sendable {
    public var unitId: UUID
    public var lat: Double
    public var lon: Double
    public var at: Date
    /// Metres per second, when the device reports it.
    public var speed: Double?
    /// Degrees clockwise from north, when the device reports it.
    public var heading: Double?

    public init(unitId: UUID, lat: Double, lon: Double, at: Date, speed: Double? = nil, heading: Double? = nil) {
        self.unitId = unitId
        self.lat = lat
        self.lon = lon
        self.at = at
        self.speed = speed
        self.heading = heading
    }

    public var coordinate: Coordinate { Coordinate(lat: lat, lon: lon) }
}
