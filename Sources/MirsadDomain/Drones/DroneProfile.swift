import Foundation

/// What makes a unit a drone: its airframe's limits, what it carries and how it talks. A drone
/// is a unit like any other (it has a sector, a home station and a status on the unit board);
/// the profile adds what mission planning and telemetry need.
public struct DroneProfile: Codable, Hashable, Sendable {
    public var model: String
    /// Flight time on a full battery, in minutes.
    public var enduranceMinutes: Double
    /// Cruise speed in metres per second.
    public var cruiseSpeed: Double
    /// The farthest the drone may fly in one mission (out and back), in kilometres: the
    /// control link's reach, which can bind before the battery does.
    public var rangeKm: Double
    /// What it carries, e.g. `eo`, `thermal`, `zoom`, `loudspeaker`, `searchlight`.
    public var sensors: [String]
    /// The MAVLink system id its autopilot sends with (1–255), when it reports over MAVLink.
    public var mavlinkSystemId: Int?
    /// Battery kept for the unexpected (headwind, a go-around), in percent of a full charge: the
    /// drone lands with at least this much.
    public var reservePercent: Double
    /// Height above ground it cruises at, in metres; no-fly zones are checked at this height.
    public var cruiseAltitude: Double

    public init(
        model: String, enduranceMinutes: Double, cruiseSpeed: Double, rangeKm: Double, sensors: [String],
        mavlinkSystemId: Int? = nil, reservePercent: Double = 20, cruiseAltitude: Double = 100
    ) {
        self.model = model
        self.enduranceMinutes = enduranceMinutes
        self.cruiseSpeed = cruiseSpeed
        self.rangeKm = rangeKm
        self.sensors = sensors
        self.mavlinkSystemId = mavlinkSystemId
        self.reservePercent = reservePercent
        self.cruiseAltitude = cruiseAltitude
    }

    enum CodingKeys: String, CodingKey {
        case model, enduranceMinutes, cruiseSpeed, rangeKm, sensors, mavlinkSystemId, reservePercent, cruiseAltitude
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            model: try c.decode(String.self, forKey: .model),
            enduranceMinutes: try c.decode(Double.self, forKey: .enduranceMinutes),
            cruiseSpeed: try c.decode(Double.self, forKey: .cruiseSpeed),
            rangeKm: try c.decode(Double.self, forKey: .rangeKm),
            sensors: try c.decodeIfPresent([String].self, forKey: .sensors) ?? [],
            mavlinkSystemId: try c.decodeIfPresent(Int.self, forKey: .mavlinkSystemId),
            reservePercent: try c.decodeIfPresent(Double.self, forKey: .reservePercent) ?? 20,
            cruiseAltitude: try c.decodeIfPresent(Double.self, forKey: .cruiseAltitude) ?? 100)
    }

    /// Checks the ranges; `field` is the path of the profile in the jurisdiction file.
    public func validate(field: String) throws(DomainError) {
        guard !model.trimmingCharacters(in: .whitespaces).isEmpty, model.count <= 100 else {
            throw .invalidField(field: "\(field).model", reason: "1-100 characters")
        }
        guard enduranceMinutes > 0, enduranceMinutes <= 24 * 60 else {
            throw .invalidField(field: "\(field).enduranceMinutes", reason: "must be between 0 and 1440")
        }
        guard cruiseSpeed > 0, cruiseSpeed <= 100 else {
            throw .invalidField(field: "\(field).cruiseSpeed", reason: "metres per second, between 0 and 100")
        }
        guard rangeKm > 0, rangeKm <= 1000 else {
            throw .invalidField(field: "\(field).rangeKm", reason: "must be between 0 and 1000")
        }
        guard (0..<100).contains(reservePercent) else {
            throw .invalidField(field: "\(field).reservePercent", reason: "must be at least 0 and below 100")
        }
        guard cruiseAltitude > 0, cruiseAltitude <= 500 else {
            throw .invalidField(field: "\(field).cruiseAltitude", reason: "metres above ground, between 0 and 500")
        }
        if let id = mavlinkSystemId, !(1...255).contains(id) {
            throw .invalidField(field: "\(field).mavlinkSystemId", reason: "must be between 1 and 255")
        }
    }
}
