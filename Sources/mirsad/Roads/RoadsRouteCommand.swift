import ArgumentParser
import Foundation
import MirsadGeo
import MirsadGeodesy

/// `mirsad roads route --graph G --from LAT,LON --to LAT,LON`
struct RoadsRouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Fastest route between two points, with its geometry.")

    @OptionGroup var graph: RoadsGraphOption
    @OptionGroup var closures: RoadsClosureOptions

    @Option(name: .long, help: "Start as LAT,LON.")
    var from: String

    @Option(name: .long, help: "Destination as LAT,LON.")
    var to: String

    @Option(name: .long, help: "Emergency speed factor of the vehicle (1.2 = 20 % faster than the car profile).")
    var speedFactor: Double = 1

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Turn restrictions the vehicle may ignore, comma-separated OSM values (no_left_turn,only_straight_on,...) or *.",
            valueName: "kinds"))
    var ignoreRestrictions: String?

    @Option(name: .long, help: "Largest distance from a road when snapping, metres.")
    var maxSnap: Double = 1000

    @Option(name: .long, help: "Write the route as a GeoJSON Feature to this file ('-' for standard output).")
    var geojson: String?

    func validate() throws {
        _ = try RoadsCoordinate.parse(from, option: "--from")
        _ = try RoadsCoordinate.parse(to, option: "--to")
        guard speedFactor.isFinite, speedFactor > 0, speedFactor <= 5 else {
            throw ValidationError("--speed-factor must be greater than 0 and at most 5")
        }
        guard maxSnap.isFinite, maxSnap > 0 else { throw ValidationError("--max-snap must be a positive number") }
        _ = try exemption()
    }

    /// The exemption `--ignore-restrictions` names.
    func exemption() throws -> TurnRestrictionExemption {
        guard let ignoreRestrictions else { return .none }
        let names = ignoreRestrictions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        do {
            return try TurnRestrictionExemption(names: names)
        } catch {
            throw ValidationError("--ignore-restrictions: \(error)")
        }
    }

    func run() throws {
        let engine = try graph.engine()
        try closures.apply(to: engine)
        let a = try RoadsCoordinate.snap(
            try RoadsCoordinate.parse(from, option: "--from"), engine: engine, maxMeters: maxSnap, what: "start")
        let b = try RoadsCoordinate.snap(
            try RoadsCoordinate.parse(to, option: "--to"), engine: engine, maxMeters: maxSnap, what: "destination")
        let clock = ContinuousClock()
        let start = clock.now
        guard let route = engine.route(from: a, to: b, speedFactor: speedFactor, exemption: try exemption()) else {
            throw RoadsFailure("no route: the destination cannot be reached (closed roads?)")
        }
        let elapsed = clock.now - start
        RoadsOutput.line(
            String(
                format: "%.1f s (%d min %02d s), %.1f m, %d points", route.seconds, Int(route.seconds) / 60,
                Int(route.seconds) % 60, route.meters, route.geometry.count))
        RoadsOutput.note(
            String(
                format: "snapped start %.1f m, destination %.1f m from the given points; query ",
                a.distanceMeters, b.distanceMeters) + RoadsOutput.milliseconds(elapsed))
        if let geojson {
            let feature: [String: Any] = [
                "type": "Feature",
                "properties": ["seconds": route.seconds, "meters": route.meters],
                "geometry": [
                    "type": "LineString", "coordinates": route.geometry.map { [$0.longitude, $0.latitude] },
                ],
            ]
            try RoadsOutput.write(try RoadsOutput.json(feature), to: geojson)
        }
    }
}
