import Foundation
import Testing

@testable import MirsadDomain

/// The drone path planner: straight when clear, round a zone by its corners when not, never
/// into a zone, refusing what cannot be reached; and the battery arithmetic of a mission.
@Suite("Flight planning round no-fly zones")
struct FlightPlannerTests {
    static func zone(
        _ id: String, lat: ClosedRange<Double>, lon: ClosedRange<Double>,
        _ restriction: UASZone.Restriction = .prohibited,
        lower: Double = 0, upper: Double? = nil
    ) -> UASZone {
        UASZone(
            id: id, name: LocalizedName(en: id, ar: id), restriction: restriction, reasons: [], message: nil,
            outline: [
                Coordinate(lat: lat.lowerBound, lon: lon.lowerBound),
                Coordinate(lat: lat.lowerBound, lon: lon.upperBound),
                Coordinate(lat: lat.upperBound, lon: lon.upperBound),
                Coordinate(lat: lat.upperBound, lon: lon.lowerBound),
            ], lowerMeters: lower, upperMeters: upper)
    }

    static let start = Coordinate(lat: 29.30, lon: 47.90)
    static let end = Coordinate(lat: 29.30, lon: 48.00)
    /// Astride the straight line, 1.1 km north-south, 2 km east-west.
    static let wall = zone("WALL", lat: 29.295...29.305, lon: 47.94...47.96)

    /// The smallest distance from the path to the zone's outline, sampling each leg; negative inside.
    static func clearance(of path: FlightPath, from zone: UASZone) -> Double {
        var nearest = Double.infinity
        for (a, b) in zip(path.waypoints, path.waypoints.dropFirst()) {
            for step in 0...400 {
                let t = Double(step) / 400
                let point = Coordinate(lat: a.lat + (b.lat - a.lat) * t, lon: a.lon + (b.lon - a.lon) * t)
                if zone.contains(point) { return -1 }
                for (u, v) in zip(zone.outline, zone.outline.dropFirst() + [zone.outline[0]]) {
                    for k in 0...50 {
                        let s = Double(k) / 50
                        let edge = Coordinate(lat: u.lat + (v.lat - u.lat) * s, lon: u.lon + (v.lon - u.lon) * s)
                        nearest = min(nearest, point.distance(to: edge))
                    }
                }
            }
        }
        return nearest
    }

    @Test("a clear line is flown straight")
    func straight() throws {
        let planner = FlightPlanner(zones: [Self.zone("AWAY", lat: 29.40...29.41, lon: 47.90...47.91)], altitude: 100)
        let path = try planner.path(from: Self.start, to: Self.end).get()
        #expect(path.waypoints == [Self.start, Self.end] && path.avoidedZones.isEmpty)
        #expect(abs(path.distanceMeters - Self.start.distance(to: Self.end)) < 0.005 * path.distanceMeters)
    }

    @Test("a zone across the line is flown round by its near corners, keeping the clearance")
    func detour() throws {
        let planner = FlightPlanner(zones: [Self.wall], altitude: 100, clearance: 50)
        let path = try planner.path(from: Self.start, to: Self.end).get()
        #expect(path.avoidedZones == ["WALL"] && path.waypoints.count == 4, "\(path.waypoints)")
        let kept = Self.clearance(of: path, from: Self.wall)
        #expect(kept >= 25, "came within \(kept) m")
        // Round the north or south side: via two corners 550 m off the line plus the clearance.
        let direct = Self.start.distance(to: Self.end)
        #expect(
            path.distanceMeters > direct && path.distanceMeters < direct + 200, "\(path.distanceMeters) vs \(direct)")
        #expect(path.waypoints.dropFirst().dropLast().allSatisfy { abs($0.lat - 29.30) > 0.005 })
    }

    @Test("a target inside a zone is refused naming it; authorisation opens only zones that need it")
    func refusals() throws {
        let inside = Coordinate(lat: 29.30, lon: 47.95)
        let planner = FlightPlanner(zones: [Self.wall], altitude: 100)
        guard case .failure(.insideZone(let zone, let endpoint)) = planner.path(from: Self.start, to: inside) else {
            Issue.record("flew into the zone")
            return
        }
        #expect(zone.id == "WALL" && endpoint == "end")
        let approval = Self.zone("CTR", lat: 29.295...29.305, lon: 47.94...47.96, .reqAuthorisation)
        #expect(
            (try? FlightPlanner(zones: [approval], altitude: 100).path(from: Self.start, to: Self.end).get())?
                .avoidedZones == ["CTR"])
        let authorised = FlightPlanner(zones: [approval], altitude: 100, authorised: ["CTR"])
        #expect((try? authorised.path(from: Self.start, to: Self.end).get())?.waypoints.count == 2)
        let prohibited = FlightPlanner(zones: [Self.wall], altitude: 100, authorised: ["WALL"])
        #expect((try? prohibited.path(from: Self.start, to: Self.end).get())?.avoidedZones == ["WALL"])
        // A zone that starts above the cruise height, or a conditional one, does not bind.
        let high = Self.zone("HIGH", lat: 29.295...29.305, lon: 47.94...47.96, lower: 150)
        #expect(FlightPlanner(zones: [high], altitude: 100).bindingZones.isEmpty)
        let conditional = Self.zone("COND", lat: 29.295...29.305, lon: 47.94...47.96, .conditional)
        #expect(FlightPlanner(zones: [conditional], altitude: 100).bindingZones.isEmpty)
    }

    @Test("a target ringed by zones is refused as enclosed")
    func enclosed() {
        let target = Coordinate(lat: 29.30, lon: 48.00)
        let ring = [
            Self.zone("N", lat: 29.31...29.32, lon: 47.98...48.02),
            Self.zone("S", lat: 29.28...29.29, lon: 47.98...48.02),
            Self.zone("W", lat: 29.28...29.32, lon: 47.98...47.99),
            Self.zone("E", lat: 29.28...29.32, lon: 48.01...48.02),
        ]
        guard case .failure(.enclosed) = FlightPlanner(zones: ring, altitude: 100).path(from: Self.start, to: target)
        else {
            Issue.record("found a way into a closed ring")
            return
        }
    }

    @Test("a mission is feasible when out, on scene and back fit the battery less the reserve, and the range")
    func feasibility() throws {
        let profile = DroneProfile(
            model: "Q", enduranceMinutes: 30, cruiseSpeed: 10, rangeKm: 25, sensors: [], reservePercent: 20)
        let planner = FlightPlanner(zones: [], altitude: 100)
        let id = UUID()
        // 9.7 km each way at 600 m a minute: 16.2 min out, 16.2 back.
        func plan(loiter: Double, battery: Double?) -> MissionPlan {
            MissionPlan.assess(
                droneId: id, callSign: "Q1", profile: profile, start: Self.start, base: Self.start, target: Self.end,
                loiterMinutes: loiter, battery: battery, planner: planner)
        }
        let near = MissionPlan.assess(
            droneId: id, callSign: "Q1", profile: profile, start: Self.start, base: Self.start,
            target: Coordinate(lat: 29.30, lon: 47.95), loiterMinutes: 5, battery: nil, planner: planner)
        #expect(near.feasible && near.usableMinutes == 24 && !near.batteryKnown)
        let outMinutes = try #require(near.outboundMinutes)
        #expect(abs(outMinutes - Self.start.distance(to: Coordinate(lat: 29.30, lon: 47.95)) / 600) < 1e-9)
        #expect(abs((near.flightMinutes ?? 0) - (2 * outMinutes + 5)) < 1e-9)
        let halfCharge = MissionPlan.assess(
            droneId: id, callSign: "Q1", profile: profile, start: Self.start, base: Self.start,
            target: Coordinate(lat: 29.30, lon: 47.95), loiterMinutes: 5, battery: 50, planner: planner)
        #expect(!halfCharge.feasible && halfCharge.refusal?.kind == .endurance && halfCharge.usableMinutes == 9)
        let far = plan(loiter: 0, battery: nil)
        #expect(far.refusal?.kind == .endurance || far.refusal?.kind == .range)
        let farther = MissionPlan.assess(
            droneId: id, callSign: "Q1", profile: profile, start: Self.start, base: Self.start,
            target: Coordinate(lat: 29.30, lon: 48.05), loiterMinutes: 0, battery: nil, planner: planner)
        #expect(farther.refusal?.kind == .range && farther.refusal?.reason.contains("range is 25.0 km") == true)
    }
}
