import ArgumentParser
import Foundation
import MirsadGeo
import MirsadGeodesy

/// `mirsad-bench routing`: the routing engine on Porto with 1000 units and 100 incidents,
/// side by side with OSRM when a Python with `osrm-bindings` is given.
struct RoutingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Road routing on Porto: preprocessing, dispatch ETAs, tables, closures, coverage (vs OSRM).",
        discussion: """
            Targets (issues 4 and 15): 1 incident × 1000 units ≤ 0.2 ms with cached unit snaps, \
            100 × 1000 table ≤ 30 ms, one-to-one ≤ 0.1 ms, metric update after a closure ≤ 20 ms at \
            most, preprocessing ≤ 2 s, coverage of 20 stations at 8 minutes ≤ 50 ms; against OSRM the \
            best unit agrees ≥ 97 %, the median ETA ratio is 0.95–1.05 for best units and \
            0.97–1.03 over all pairs. With --osrm-python (or MIRSAD_OSRM_PYTHON) the \
            OSRM peer (scripts/peers/osrm/osrm_peer.py) runs on the same points and the same \
            extract, and its figures and the agreement checks are printed alongside.
            """)

    @Option(help: "OSM extract (default ../shared/data/osm/porto_portugal_r5.osm.pbf).")
    var pbf: String?

    @Option(help: "Number of units.")
    var units = 1000

    @Option(help: "Number of incidents.")
    var incidents = 100

    @Option(help: "Seed for the unit and incident positions.")
    var seed: UInt64 = 42

    @Option(
        help:
            "Units from an id,lat,lon file instead of sampled (say, an earlier run's units.csv, to compare builds on the same points)."
    )
    var unitsCSV: String?

    @Option(help: "Incidents from an id,lat,lon file instead of sampled.")
    var incidentsCSV: String?

    @Option(help: "Repetitions per timed figure (median reported).")
    var repetitions = 5

    @Option(help: "Python interpreter with osrm-bindings installed (enables the OSRM side-by-side).")
    var osrmPython: String?

    @Option(help: "Peer script (default scripts/peers/osrm/osrm_peer.py).")
    var osrmScript = "scripts/peers/osrm/osrm_peer.py"

    @Option(help: "Working directory for exported points and OSRM data (default .build/routing-bench).")
    var workDir = ".build/routing-bench"

    @Option(
        help: "Turn model: car (restrictions and turn costs), car-unrestricted (turn costs only), free (node-based).")
    var turns: TurnModelChoice = .car

    func validate() throws {
        guard units >= 20, units <= 100_000 else { throw ValidationError("--units must be between 20 and 100000") }
        guard incidents >= 1, incidents <= 10_000 else {
            throw ValidationError("--incidents must be between 1 and 10000")
        }
        guard repetitions >= 1, repetitions <= 1000 else { throw ValidationError("--repetitions must be 1...1000") }
    }

    func run() async throws {
        let path = pbf ?? RoutingBenchData.sharedFile("osm/porto_portugal_r5.osm.pbf")
        let clock = ContinuousClock()
        var rows: [(String, String, String, String)] = []  // figure, Mirsad, target, OSRM
        func row(_ name: String, _ value: String, target: String = "", peer: String = "") {
            rows.append((name, value, target, peer))
        }

        // Import and preprocessing.
        var start = clock.now
        let imported = try OSMRoadImporter().importRoads(contentsOf: URL(fileURLWithPath: path))
        let (graph, stats) = (imported.graph, imported.statistics)
        let importTime = clock.now - start
        start = clock.now
        let (network, steps) = RoadNetwork.preprocess(
            graph: graph, rules: turns.rules, restrictions: turns.restrictions ? imported.restrictions : [],
            viaWay: turns.restrictions ? imported.viaWay : [])
        let preprocessTime = clock.now - start
        let bytes = RoadNetworkFile.encode(network)
        start = clock.now
        let loaded = try RoadNetworkFile.decode(bytes).network
        let engine = RoutingEngine(network: loaded)
        let loadTime = clock.now - start
        row("import PBF → graph", RoutingBenchData.format(importTime))
        row("preprocessing (order + contraction)", RoutingBenchData.format(preprocessTime), target: "≤ 2 s")
        row(
            "  of which turns / order / contraction",
            [steps.turns, steps.order, steps.contraction].map(RoutingBenchData.format).joined(separator: " / "))
        row("load .mroads + customize (\(bytes.count / 1024) KiB)", RoutingBenchData.format(loadTime))

        // Points: distinct OSM nodes, so both engines snap them to the same place; or given ones.
        var rng = SplitMix64(seed: seed)
        let sampledUnits = RoutingBenchData.points(graph: graph, count: units, rng: &rng)
        let sampledIncidents = RoutingBenchData.points(graph: graph, count: incidents, rng: &rng)
        let unitPoints = try unitsCSV.map(RoutingBenchData.points(inFile:)) ?? sampledUnits
        let incidentPoints = try incidentsCSV.map(RoutingBenchData.points(inFile:)) ?? sampledIncidents
        let origin = unitsCSV == nil && incidentsCSV == nil ? "seed \(seed)" : "points from files"
        RoutingBenchData.emit(
            "Routing benchmark: \(URL(fileURLWithPath: path).lastPathComponent), \(stats.graphNodes) nodes, "
                + "\(stats.graphEdges) edges, \(engine.turnCount) turns (\(engine.forbiddenTurnCount) forbidden by "
                + "\(stats.restrictionsApplied) restrictions; turns: \(turns.rawValue)), \(engine.hierarchyArcCount) CCH arcs; "
                + "\(unitPoints.count) units, "
                + "\(incidentPoints.count) incidents, \(origin)")
        var unitSnaps: [SnappedLocation] = []
        let snapTime = try RoutingBenchData.measure(repetitions: repetitions) {
            unitSnaps = try unitPoints.map { p in
                guard let s = engine.snap(p) else { throw ValidationError("unit at \(p) does not snap") }
                return s
            }
        }
        let incidentSnaps = try incidentPoints.map { p in
            guard let s = engine.snap(p) else { throw ValidationError("incident at \(p) does not snap") }
            return s
        }
        row("snap \(unitPoints.count) units", RoutingBenchData.format(snapTime))

        // 1 × N with cached unit snaps (the dispatch query).
        let fleet = engine.prepareFleet(
            unitSnaps.enumerated().map { FleetMember(id: "u\($0.offset)", location: $0.element) })
        start = clock.now
        _ = engine.travel(fleet: fleet, query: incidentSnaps[0])
        let fleetBuild = clock.now - start
        var perIncident: [Double] = []
        for _ in 0..<repetitions {
            for p in incidentPoints {
                let t0 = clock.now
                guard let incident = engine.snap(p) else { continue }
                _ = engine.travel(fleet: fleet, query: incident)
                perIncident.append(RoutingBenchData.seconds(clock.now - t0))
            }
        }
        row("fleet preparation (buckets, after snaps)", RoutingBenchData.format(fleetBuild))
        row(
            "1 incident × \(unitPoints.count) units (incl. incident snap)",
            RoutingBenchData.format(RoutingBenchData.median(perIncident)),
            target: "≤ 0.2 ms")

        // Table.
        var table: TravelTable?
        let tableTime = RoutingBenchData.measure(repetitions: repetitions) {
            table = engine.table(sources: unitSnaps, targets: incidentSnaps)
        }
        row(
            "\(incidentPoints.count) × \(unitPoints.count) table", RoutingBenchData.format(tableTime),
            target: "≤ 30 ms")

        // One-to-one.
        let pairs = min(1000, unitPoints.count)
        let oneToOne =
            RoutingBenchData.measure(repetitions: repetitions) {
                for k in 0..<pairs {
                    _ = engine.travel(from: unitSnaps[k], to: incidentSnaps[k % incidentPoints.count])
                }
            } / Double(pairs)
        row("one-to-one (mean)", RoutingBenchData.format(oneToOne), target: "≤ 0.1 ms")
        let routeTime =
            RoutingBenchData.measure(repetitions: repetitions) {
                for k in 0..<100 { _ = engine.route(from: unitSnaps[k], to: incidentSnaps[k % incidentPoints.count]) }
            } / 100
        row("one-to-one with geometry (mean)", RoutingBenchData.format(routeTime))

        // Closures: a 300 m block around successive incidents, applied then removed. The first
        // fleet query after each change rebuilds the fleet's buckets for the new metric.
        var updateTimes: [Double] = []
        var firstQueryTimes: [Double] = []
        var changedETAs = 0
        var unreachable = 0
        var compared = 0
        for k in 0..<min(10, incidentPoints.count) {
            let closure = RoadClosure(
                id: "bench-\(k)", area: .polygon(.circle(center: incidentPoints[k], radiusMeters: 300)), effect: .block)
            let before = engine.travel(fleet: fleet, query: incidentSnaps[k])
            let update = try engine.apply(closure)
            updateTimes.append(RoutingBenchData.seconds(update.duration))
            let t0 = clock.now
            let after = engine.travel(fleet: fleet, query: incidentSnaps[k])
            firstQueryTimes.append(RoutingBenchData.seconds(clock.now - t0))
            changedETAs += zip(before, after).filter { $0 != $1 }.count
            unreachable += after.filter { $0 == nil }.count
            compared += after.count
            let removal = try engine.removeClosure(id: closure.id)
            updateTimes.append(RoutingBenchData.seconds(removal.duration))
        }
        row(
            "metric update after a closure (median, max)",
            RoutingBenchData.format(RoutingBenchData.median(updateTimes)) + ", "
                + RoutingBenchData.format(updateTimes.max() ?? .nan), target: "max ≤ 20 ms")
        row(
            "first 1 × \(unitPoints.count) after a closure (bucket rebuild)",
            RoutingBenchData.format(RoutingBenchData.median(firstQueryTimes)))

        // Coverage of 20 stations at 8 minutes.
        let stations = unitSnaps.prefix(20).enumerated().map { FleetMember(id: "s\($0.offset)", location: $0.element) }
        var coverage: CoverageReport?
        let coverageTime = RoutingBenchData.measure(repetitions: repetitions) {
            coverage = engine.coverage(of: stations, withinSeconds: 480)
        }
        row(
            "coverage of 20 stations at 8 min (\(String(format: "%.1f", (coverage?.share ?? 0) * 100)) % of road)",
            RoutingBenchData.format(coverageTime), target: "≤ 50 ms")
        let isoTime = RoutingBenchData.measure(repetitions: repetitions) {
            _ = engine.isochrone(from: stations[0].location, withinSeconds: 480)
        }
        row("isochrone 8 min with area outline", RoutingBenchData.format(isoTime))

        // Exactness spot check against plain Dijkstra.
        let reference = ReferenceDijkstra(network: loaded)
        var exact = 0
        var checkRng = SplitMix64(seed: seed ^ 0xD1CE)
        for _ in 0..<20 {
            let s = Int(checkRng.next() % UInt64(graph.nodeCount))
            let t = Int(checkRng.next() % UInt64(graph.nodeCount))
            guard let a = engine.snap(graph.coordinate(of: s)), let b = engine.snap(graph.coordinate(of: t)) else {
                continue
            }
            if engine.travel(from: a, to: b) == reference.travel(from: s, to: t) { exact += 1 }
        }
        row("exact vs Dijkstra (20 random pairs)", "\(exact)/20")

        // OSRM side by side.
        if let python = osrmPython ?? ProcessInfo.processInfo.environment["MIRSAD_OSRM_PYTHON"], let table {
            RoutingBenchData.emit("running the OSRM peer (\(osrmScript)) ...")
            let peer = try RoutingPeer.run(
                python: python, script: osrmScript, workDir: workDir, pbf: path, units: unitPoints,
                incidents: incidentPoints, table: table, repetitions: repetitions)
            func figure(_ key: String) -> String { peer.timings[key].map(RoutingBenchData.format) ?? "n/a" }
            for i in rows.indices {
                switch rows[i].0 {
                case let name where name.hasPrefix("preprocessing"):
                    rows[i].3 = figure("preprocessing") + " (extract+contract)"
                case let name where name.hasPrefix("snap "): rows[i].3 = figure("snap_units")
                case let name where name.hasPrefix("1 incident"):
                    rows[i].3 = figure("one_to_many") + " (" + figure("one_to_many_hinted") + " with unit hints)"
                case let name where name.contains(" table"): rows[i].3 = figure("table")
                case "one-to-one with geometry (mean)": rows[i].3 = figure("route")
                default: break
                }
            }
            row("best unit agrees with OSRM", String(format: "%.1f %%", peer.bestUnitAgreement * 100), target: "≥ 97 %")
            row(
                "Mirsad's pick within 5 % of OSRM's best (OSRM ETAs)",
                String(format: "%.1f %%", peer.withinFivePercent * 100))
            row(
                "median ETA ratio Mirsad/OSRM (all pairs)", String(format: "%.3f", peer.medianRatio),
                target: "0.97–1.03")
            row("median ETA ratio (best units)", String(format: "%.3f", peer.medianBestRatio), target: "0.95–1.05")
            row("median distance ratio Mirsad/OSRM", String(format: "%.3f", peer.medianDistanceRatio))
        } else {
            row("OSRM side by side", "skipped (pass --osrm-python or set MIRSAD_OSRM_PYTHON)")
        }

        let widths = (
            max(rows.map(\.0.count).max() ?? 0, 6), max(rows.map(\.1.count).max() ?? 0, 6),
            max(rows.map(\.2.count).max() ?? 0, 6)
        )
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        RoutingBenchData.emit(
            pad("figure", widths.0) + "  " + pad("Mirsad", widths.1) + "  " + pad("target", widths.2) + "  OSRM")
        for r in rows {
            RoutingBenchData.emit(
                pad(r.0, widths.0) + "  " + pad(r.1, widths.1) + "  " + pad(r.2, widths.2) + "  " + r.3)
        }
        RoutingBenchData.emit(
            "closures around incidents changed \(changedETAs) of \(compared) unit ETAs to them "
                + "(\(unreachable) became unreachable: the block surrounds the incident)")
    }
}

/// The turn models the routing benchmarks can compare.
enum TurnModelChoice: String, ExpressibleByArgument, CaseIterable {
    case car
    case carUnrestricted = "car-unrestricted"
    case free

    var rules: TurnRules { self == .free ? .free : .car }
    var restrictions: Bool { self == .car }
}
