import ArgumentParser
import Foundation
import MirsadGeo

/// `mirsad roads isochrone --graph G --from LAT,LON --minutes 8`
struct RoadsIsochroneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isochrone",
        abstract: "Roads and area within a travel time of a point, as GeoJSON.",
        discussion: """
            Writes a GeoJSON FeatureCollection: a MultiPolygon of the reached area (raster \
            outline of --cell metres) and a MultiLineString of the reached roads.
            """)

    @OptionGroup var graph: RoadsGraphOption
    @OptionGroup var closures: RoadsClosureOptions

    @Option(name: .long, help: "The point as LAT,LON.")
    var from: String

    @Option(name: .long, help: "Travel time limit in minutes.")
    var minutes: Double

    @Option(
        name: .long, help: "outbound: where a vehicle from the point gets; inbound: from where the point is reached.")
    var direction: String = "outbound"

    @Option(name: .long, help: "Emergency speed factor of the vehicle.")
    var speedFactor: Double = 1

    @Option(name: .long, help: "Raster cell size of the area outline, metres.")
    var cell: Double = 100

    @Option(name: .long, help: "Largest distance from a road when snapping, metres.")
    var maxSnap: Double = 1000

    @Option(name: .long, help: "Output GeoJSON file (default: standard output).")
    var out: String?

    func validate() throws {
        _ = try RoadsCoordinate.parse(from, option: "--from")
        guard minutes.isFinite, minutes > 0, minutes <= 24 * 60 else {
            throw ValidationError("--minutes must be greater than 0 and at most 1440")
        }
        guard IsochroneDirection(rawValue: direction) != nil else {
            throw ValidationError("--direction must be outbound or inbound, not \"\(direction)\"")
        }
        guard speedFactor.isFinite, speedFactor > 0, speedFactor <= 5 else {
            throw ValidationError("--speed-factor must be greater than 0 and at most 5")
        }
        guard cell.isFinite, cell >= 10, cell <= 5000 else {
            throw ValidationError("--cell must be between 10 and 5000")
        }
        guard maxSnap.isFinite, maxSnap > 0 else { throw ValidationError("--max-snap must be a positive number") }
    }

    func run() throws {
        let engine = try graph.engine()
        try closures.apply(to: engine)
        let point = try RoadsCoordinate.snap(
            try RoadsCoordinate.parse(from, option: "--from"), engine: engine, maxMeters: maxSnap, what: "point")
        let clock = ContinuousClock()
        let start = clock.now
        let iso = engine.isochrone(
            from: point, withinSeconds: minutes * 60, direction: IsochroneDirection(rawValue: direction) ?? .outbound,
            speedFactor: speedFactor, cellSizeMeters: cell)
        RoadsOutput.note(
            String(format: "%.1f km of road within %.1f min", iso.reachedMeters / 1000, minutes)
                + " (\(direction)), \(iso.areas.count) area(s), computed in "
                + RoadsOutput.milliseconds(clock.now - start))
        let properties: [String: Any] = [
            "minutes": minutes, "direction": direction, "reachedMeters": iso.reachedMeters,
        ]
        let collection: [String: Any] = [
            "type": "FeatureCollection",
            "features": [
                [
                    "type": "Feature", "properties": properties.merging(["kind": "area"]) { $1 },
                    "geometry": iso.geoJSONMultiPolygon,
                ],
                [
                    "type": "Feature", "properties": properties.merging(["kind": "roads"]) { $1 },
                    "geometry": iso.geoJSONMultiLineString,
                ],
            ],
        ]
        try RoadsOutput.write(try RoadsOutput.json(collection), to: out)
    }
}
