import Foundation
import MirsadGeo
import MirsadGeodesy

/// Inputs and helpers for `RoutingBenchmark`.
enum RoutingBenchData {
    /// `../shared/data` as tests find it: `MIRSAD_SHARED_DATA`, else next to the working directory.
    static func sharedFile(_ relative: String) -> String {
        if let explicit = ProcessInfo.processInfo.environment["MIRSAD_SHARED_DATA"] {
            return URL(fileURLWithPath: explicit).appendingPathComponent(relative).path
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(relative)
            .standardizedFileURL.path
    }

    /// `count` distinct node positions picked with a seeded generator: both engines snap them
    /// exactly onto the same OSM node.
    static func points(graph: RoadGraph, count: Int, rng: inout SplitMix64) -> [GeoCoordinate] {
        var seen = Set<Int>()
        var result: [GeoCoordinate] = []
        while result.count < count && seen.count < graph.nodeCount {
            let v = Int(rng.next() % UInt64(graph.nodeCount))
            if seen.insert(v).inserted { result.append(graph.coordinate(of: v)) }
        }
        return result
    }

    /// Unbuffered output, so lines keep their order with the peer script's messages.
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Human format: s, ms or µs.
    static func format(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.1f µs", seconds * 1e6)
    }

    static func format(_ d: Duration) -> String { format(seconds(d)) }

    /// Median of measured durations, seconds.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Times `body` `repetitions` times and returns the median in seconds.
    static func measure(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<max(repetitions, 1) {
            let start = clock.now
            try body()
            samples.append(seconds(clock.now - start))
        }
        return median(samples)
    }

    /// The points of an `id,lat,lon` file, in file order.
    static func points(inFile path: String) throws -> [GeoCoordinate] {
        try CoordinateCSV.parse(String(contentsOfFile: path, encoding: .utf8)).map(\.coordinate)
    }

    /// `id,lat,lon` text for the peer script.
    static func csv(prefix: String, _ points: [GeoCoordinate]) -> String {
        var out = "id,lat,lon\n"
        for (i, p) in points.enumerated() {
            out += "\(prefix)\(i)," + String(format: "%.7f,%.7f\n", p.latitude, p.longitude)
        }
        return out
    }
}
