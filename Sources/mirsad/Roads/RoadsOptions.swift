import ArgumentParser
import Foundation
import MirsadGeo
import MirsadGeodesy

/// `--graph FILE.mroads`, loaded into an engine.
struct RoadsGraphOption: ParsableArguments {
    @Option(name: .long, help: "Road network file written by `mirsad roads import` (.mroads).")
    var graph: String

    func engine() throws -> RoutingEngine {
        do {
            return try RoutingEngine(contentsOf: URL(fileURLWithPath: graph))
        } catch {
            throw RoadsFailure("\(graph): \(error.description)")
        }
    }
}

/// Temporary closures applied before a query.
struct RoadsClosureOptions: ParsableArguments {
    @Option(
        name: .customLong("block"),
        help: ArgumentHelp(
            "Close every road within a circle: LAT,LON,RADIUS_M (repeatable).", valueName: "lat,lon,radius"))
    var blocks: [String] = []

    @Option(
        name: .customLong("slow"),
        help: ArgumentHelp(
            "Slow every road within a circle by a factor ≥ 1: LAT,LON,RADIUS_M,FACTOR (repeatable).",
            valueName: "lat,lon,radius,factor"))
    var slowdowns: [String] = []

    func validate() throws {
        for (i, b) in blocks.enumerated() { _ = try closure(b, index: i, slow: false) }
        for (i, s) in slowdowns.enumerated() { _ = try closure(s, index: i, slow: true) }
    }

    private func closure(_ text: String, index: Int, slow: Bool) throws -> RoadClosure {
        let option = slow ? "--slow" : "--block"
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let expected = slow ? 4 : 3
        guard parts.count == expected, let lat = Double(parts[0]), let lon = Double(parts[1]),
            let radius = Double(parts[2])
        else {
            throw ValidationError(
                "\(option) \"\(text)\": expected \(slow ? "LAT,LON,RADIUS_M,FACTOR" : "LAT,LON,RADIUS_M")")
        }
        let center = GeoCoordinate(latitude: lat, longitude: lon)
        guard center.isValid else { throw ValidationError("\(option) \"\(text)\": coordinate out of range") }
        guard radius.isFinite, radius > 0, radius <= 100_000 else {
            throw ValidationError("\(option) \"\(text)\": radius must be between 0 and 100000 metres")
        }
        var effect = RoadClosure.Effect.block
        if slow {
            guard let factor = Double(parts[3]), factor.isFinite, factor >= 1 else {
                throw ValidationError("\(option) \"\(text)\": factor must be a number ≥ 1")
            }
            effect = .slowdown(factor: factor)
        }
        return RoadClosure(
            id: "\(slow ? "slow" : "block")-\(index + 1)",
            area: .polygon(.circle(center: center, radiusMeters: radius, segments: 48)), effect: effect)
    }

    /// Applies the closures, reporting each on standard error.
    func apply(to engine: RoutingEngine) throws {
        let closures =
            try blocks.enumerated().map { try closure($1, index: $0, slow: false) }
            + slowdowns.enumerated().map { try closure($1, index: $0, slow: true) }
        for c in closures {
            let update = try engine.apply(c)
            RoadsOutput.note(
                "closure \(c.id): \(update.affectedEdges) road edges, metric updated in "
                    + RoadsOutput.milliseconds(update.duration))
        }
    }
}

/// `LAT,LON` arguments.
enum RoadsCoordinate {
    static func parse(_ text: String, option: String) throws -> GeoCoordinate {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]) else {
            throw ValidationError("\(option) \"\(text)\": expected LAT,LON in degrees")
        }
        let c = GeoCoordinate(latitude: lat, longitude: lon)
        guard c.isValid else { throw ValidationError("\(option) \"\(text)\": latitude or longitude out of range") }
        return c
    }

    static func snap(_ c: GeoCoordinate, engine: RoutingEngine, maxMeters: Double, what: String) throws
        -> SnappedLocation
    {
        guard let s = engine.snap(c, maxDistanceMeters: maxMeters) else {
            throw RoadsFailure("\(what) \(c) is more than \(Int(maxMeters)) m from any road of this network")
        }
        return s
    }
}

/// A failure with a message for the operator (exit code 1, no stack trace).
struct RoadsFailure: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ message: String) { description = message }
    var errorDescription: String? { description }
}

/// Output helpers for the roads commands.
enum RoadsOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Progress and notes go to standard error so standard output stays machine-readable.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func milliseconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        return String(format: "%.1f ms", Double(s) * 1000 + Double(atto) / 1e15)
    }

    /// Writes `text` to `path`, or to standard output when `path` is nil or "-".
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RoadsFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Pretty, stable JSON for GeoJSON output.
    static func json(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
