import Foundation

/// A unit as the jurisdiction defines it: who it is and what it can do. Its changing state
/// (status, incident, position) lives in `UnitState`.
public struct UnitDefinition: Codable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var callSign: String
    public var sector: String
    /// Vehicle or team type, e.g. `patrol-car`, `fire-engine`, `boat`; routing uses it for speed factors.
    public var type: String
    /// What the unit can do, matched against incident-type requirements (e.g. `patrol`, `engine`).
    public var capabilities: [String]
    public var homeStation: String
    /// Set for a drone: its airframe, sensors and telemetry link.
    public var drone: DroneProfile?

    public init(
        id: UUID? = nil, callSign: String, sector: String, type: String, capabilities: [String], homeStation: String,
        drone: DroneProfile? = nil
    ) {
        self.drone = drone
        self.id = id ?? StableID.unit(callSign: callSign)
        self.callSign = callSign
        self.sector = sector
        self.type = type
        self.capabilities = capabilities
        self.homeStation = homeStation
    }

    enum CodingKeys: String, CodingKey { case id, callSign, sector, type, capabilities, homeStation, drone }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let callSign = try c.decode(String.self, forKey: .callSign)
        self.init(
            id: try c.decodeIfPresent(UUID.self, forKey: .id),
            callSign: callSign,
            sector: try c.decode(String.self, forKey: .sector),
            type: try c.decode(String.self, forKey: .type),
            capabilities: try c.decode([String].self, forKey: .capabilities),
            homeStation: try c.decode(String.self, forKey: .homeStation),
            drone: try c.decodeIfPresent(DroneProfile.self, forKey: .drone)
        )
    }
}
