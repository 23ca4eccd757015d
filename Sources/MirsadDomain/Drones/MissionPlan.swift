import Foundation

/// Whether a drone can fly to a point, stay there and come back within its battery, and the
/// path it would fly. Computed before a mission starts (and on request, to compare drones).
public struct MissionPlan: Codable, Hashable, Sendable {
    /// Why a mission cannot be flown.
    public struct Refusal: Codable, Hashable, Sendable {
        public enum Kind: String, Codable, Sendable { case zone, enclosed, endurance, range }
        public var kind: Kind
        /// The zone at fault, for `zone`.
        public var zone: String?
        public var reason: String
    }

    public var droneId: UUID
    public var callSign: String
    public var start: Coordinate
    public var target: Coordinate
    /// Where it lands afterwards: its home station.
    public var base: Coordinate
    public var altitude: Double
    public var outbound: FlightPath?
    public var inbound: FlightPath?
    public var loiterMinutes: Double
    public var outboundMinutes: Double?
    /// Out, loiter and back.
    public var flightMinutes: Double?
    /// What the battery allows once the reserve is set aside.
    public var usableMinutes: Double
    public var batteryPercent: Double
    /// False when no recent telemetry gave the battery: a full one is assumed.
    public var batteryKnown: Bool
    public var reservePercent: Double
    public var distanceKm: Double?
    public var rangeKm: Double
    public var refusal: Refusal?

    public var feasible: Bool { refusal == nil }

    /// Plans a flight of `profile` from `start` to `target` and back to `base`, loitering
    /// `loiterMinutes`; `battery` is the latest known charge (nil assumes a full one).
    public static func assess(
        droneId: UUID, callSign: String, profile: DroneProfile, start: Coordinate, base: Coordinate,
        target: Coordinate, loiterMinutes: Double, battery: Double?, planner: FlightPlanner
    ) -> MissionPlan {
        let charge = battery ?? 100
        // The reserve is a share of a full battery, landed with whatever the charge was at take-off.
        let usable = profile.enduranceMinutes * max(0, charge - profile.reservePercent) / 100
        var plan = MissionPlan(
            droneId: droneId, callSign: callSign, start: start, target: target, base: base,
            altitude: profile.cruiseAltitude, outbound: nil, inbound: nil, loiterMinutes: loiterMinutes,
            outboundMinutes: nil, flightMinutes: nil, usableMinutes: usable, batteryPercent: charge,
            batteryKnown: battery != nil, reservePercent: profile.reservePercent, distanceKm: nil,
            rangeKm: profile.rangeKm, refusal: nil)
        let outbound: FlightPath
        let inbound: FlightPath
        switch planner.path(from: start, to: target) {
        case .failure(let refusal):
            plan.refusal = Refusal(refusal, start: "the drone's position", end: "the target")
            return plan
        case .success(let path): outbound = path
        }
        if start == base {
            inbound = outbound.reversed
        } else {
            switch planner.path(from: target, to: base) {
            case .failure(let refusal):
                plan.refusal = Refusal(refusal, start: "the target", end: "the drone's base")
                return plan
            case .success(let path): inbound = path
            }
        }
        let speed = profile.cruiseSpeed * 60  // metres a minute
        let outMinutes = outbound.distanceMeters / speed
        let flight = outMinutes + loiterMinutes + inbound.distanceMeters / speed
        let distance = (outbound.distanceMeters + inbound.distanceMeters) / 1000
        plan.outbound = outbound
        plan.inbound = inbound
        plan.outboundMinutes = outMinutes
        plan.flightMinutes = flight
        plan.distanceKm = distance
        if distance > profile.rangeKm {
            plan.refusal = Refusal(
                kind: .range, zone: nil,
                reason: "\(callSign) would fly \(Self.format(distance)) km out and back; its range is "
                    + "\(Self.format(profile.rangeKm)) km")
        } else if flight > usable {
            plan.refusal = Refusal(
                kind: .endurance, zone: nil,
                reason: "\(callSign) needs \(Self.format(flight)) min (\(Self.format(outMinutes)) out, "
                    + "\(Self.format(loiterMinutes)) on scene, \(Self.format(flight - outMinutes - loiterMinutes)) back) "
                    + "but \(Self.format(usable)) min are usable at \(Self.format(charge)) % battery with a "
                    + "\(Self.format(profile.reservePercent)) % reserve")
        }
        return plan
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

extension MissionPlan.Refusal {
    init(_ refusal: FlightRefusal, start: String, end: String) {
        switch refusal {
        case .insideZone(let zone, let endpoint):
            let place = endpoint == "start" ? start : end
            self.init(
                kind: .zone, zone: zone.id,
                reason: "\(place) lies inside no-fly zone \(zone.id) (\(zone.name.en), \(zone.restriction.rawValue))")
        case .enclosed:
            self.init(kind: .enclosed, zone: nil, reason: "no-fly zones close every way to the target")
        }
    }
}
