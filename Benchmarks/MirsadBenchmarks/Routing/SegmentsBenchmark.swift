import ArgumentParser
import Foundation
import MirsadGeo
import MirsadGeodesy

/// `mirsad-bench segments`: routes random drivable OSM segments from their first node to the
/// next, as 7-decimal text like any client sends, and compares with the segment itself and,
/// with --osrm-python, with OSRM on the same points (issue 15's check).
struct SegmentsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Route random OSM road segments node to node; count detours (vs OSRM).",
        discussion: """
            Target (issue 15): no segment where Mirsad's route is over 1.5 times OSRM's, other \
            than explained ones. A segment whose ends snap more than 0.5 m away is off the \
            network (an island the extract's border cuts off) and is counted apart.
            """)

    @Option(help: "OSM extracts (default Monaco and Andorra from ../shared/data/osm).")
    var pbf: [String] = []

    @Option(help: "Segments per extract.")
    var count = 241

    @Option(help: "Seed for the segment sample.")
    var seed: UInt64 = 15

    @Option(help: "Python interpreter with osrm-bindings installed (enables the OSRM comparison).")
    var osrmPython: String?

    @Option(help: "Peer script (default scripts/peers/osrm/osrm_segments.py).")
    var osrmScript = "scripts/peers/osrm/osrm_segments.py"

    @Option(help: "Working directory for exported segments and OSRM data (default .build/routing-bench).")
    var workDir = ".build/routing-bench"

    func validate() throws {
        guard count >= 1, count <= 1_000_000 else { throw ValidationError("--count must be 1...1000000") }
    }

    struct Checked {
        var segment: OSMRoadSegment
        var from: GeoCoordinate
        var to: GeoCoordinate
        var straight: Double
        var onNetwork: Bool
        var mirsad: Double?
    }

    func run() async throws {
        let files =
            pbf.isEmpty
            ? ["osm/monaco_osrm.osm.pbf", "osm/andorra_valhalla.osm.pbf"].map(RoutingBenchData.sharedFile) : pbf
        print(
            "| extract | segments | off the network | Mirsad > 1.5 × segment | Mirsad > 1.5 × OSRM | median Mirsad/OSRM |"
        )
        print("|---|---|---|---|---|---|")
        var details: [String] = []
        for file in files {
            let url = URL(fileURLWithPath: file)
            let all = try OSMRoadImporter().drivableSegments(contentsOf: url)
            let engine = RoutingEngine(network: try RoadNetwork.importOSM(contentsOf: url).network)
            var rng = SplitMix64(seed: seed)
            var picked = Set<Int>()
            while picked.count < min(count, all.count) { picked.insert(Int(rng.next() % UInt64(all.count))) }
            let checked = picked.sorted().map { i -> Checked in
                let s = all[i]
                let from = Self.decimalText(s.from)
                let to = Self.decimalText(s.to)
                let a = engine.snap(from)
                let b = engine.snap(to)
                let onNetwork = (a?.distanceMeters ?? .infinity) < 0.5 && (b?.distanceMeters ?? .infinity) < 0.5
                let meters = a.flatMap { a in b.flatMap { engine.route(from: a, to: $0)?.meters } }
                return Checked(
                    segment: s, from: from, to: to, straight: s.from.distance(to: s.to), onNetwork: onNetwork,
                    mirsad: meters)
            }
            let name = url.lastPathComponent
            let off = checked.filter { !$0.onNetwork }.count
            let overSegment = checked.filter { c in c.onNetwork && (c.mirsad ?? .infinity) > 1.5 * c.straight + 1 }
            for c in overSegment { details.append("\(name): \(Self.describe(c)) (segment \(Int(c.straight)) m)") }
            var versusPeer = "–"
            var median = "–"
            if let python = osrmPython ?? ProcessInfo.processInfo.environment["MIRSAD_OSRM_PYTHON"] {
                let osrm = try peerMeters(python: python, pbf: file, checked: checked)
                var ratios: [Double] = []
                var worse = 0
                for (i, c) in checked.enumerated() {
                    guard let o = osrm[i], o > 0 else { continue }
                    let m = c.mirsad ?? .infinity
                    ratios.append(m / o)
                    if m > 1.5 * o + 1 {
                        worse += 1
                        details.append(
                            "\(name): \(Self.describe(c)) (OSRM \(Int(o)) m\(c.onNetwork ? "" : ", off the network"))")
                    }
                }
                versusPeer = "\(worse)"
                median = String(format: "%.3f", RoutingBenchData.median(ratios.filter(\.isFinite)))
            }
            print("| \(name) | \(checked.count) | \(off) | \(overSegment.count) | \(versusPeer) | \(median) |")
        }
        for line in details { print("- \(line)") }
    }

    static func decimalText(_ c: GeoCoordinate) -> GeoCoordinate {
        GeoCoordinate(
            latitude: Double(String(format: "%.7f", c.latitude))!,
            longitude: Double(String(format: "%.7f", c.longitude))!)
    }

    static func describe(_ c: Checked) -> String {
        let s = c.segment
        let routed = c.mirsad.map { "\(Int($0)) m" } ?? "no route"
        return "way \(s.wayId) \(s.fromNode)→\(s.toNode) (\(s.roadClass)): Mirsad \(routed)"
    }

    private func peerMeters(python: String, pbf: String, checked: [Checked]) throws -> [Double?] {
        let dir = URL(fileURLWithPath: workDir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let pairs = dir.appendingPathComponent("segments.csv")
        let result = dir.appendingPathComponent("osrm_segments.json")
        var csv = "id,from_lat,from_lon,to_lat,to_lon\n"
        for (i, c) in checked.enumerated() {
            csv += String(
                format: "%d,%.7f,%.7f,%.7f,%.7f\n", i, c.from.latitude, c.from.longitude, c.to.latitude, c.to.longitude)
        }
        try Data(csv.utf8).write(to: pairs)
        try? FileManager.default.removeItem(at: result)
        let status = try PeerScript.run(
            python: python,
            arguments: [osrmScript, "--pbf", pbf, "--work", dir.path, "--pairs", pairs.path, "--json", result.path])
        guard status == 0,
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: result)) as? [String: Any],
            let meters = json["meters"] as? [String: Any]
        else { throw RoutingPeer.Failure(description: "OSRM segment script failed (\(status))") }
        return checked.indices.map { meters[String($0)] as? Double }
    }
}
