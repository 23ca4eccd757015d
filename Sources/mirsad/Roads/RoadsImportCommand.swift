import ArgumentParser
import Foundation
import MirsadGeo

/// `mirsad roads import FILE.osm.pbf --out FILE.mroads`
struct RoadsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an OpenStreetMap PBF extract into a routable .mroads file.",
        discussion: """
            Keeps the roads a car may drive (OSRM-like car profile) that are joined to the \
            largest strongly connected part of the network, applies the turn restrictions \
            (type=restriction relations with a via node or via ways) and the car profile's turn costs, and \
            precomputes the contraction hierarchy over the turns, so the file loads and answers \
            queries at once. Restrictions that could not be applied are listed with the reason.
            """)

    @Argument(help: "OpenStreetMap extract (.osm.pbf).")
    var input: String

    @Option(name: .long, help: "Output file (.mroads).")
    var out: String

    @Flag(name: .long, help: "List every restriction that was not applied, not only the first 20.")
    var allUnapplied = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let imported: (network: RoadNetwork, statistics: OSMRoadImporter.Statistics)
        do {
            imported = try RoadNetwork.importOSM(contentsOf: URL(fileURLWithPath: input))
        } catch {
            throw RoadsFailure("\(input): \(error.description)")
        }
        let prepared = clock.now
        let s = imported.statistics
        let name = URL(fileURLWithPath: input).lastPathComponent
        do {
            try RoadNetworkFile.write(imported.network, to: URL(fileURLWithPath: out), metadata: "source=\(name)")
        } catch {
            throw RoadsFailure("cannot write \(out): \(error.localizedDescription)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        RoadsOutput.line("read \(s.blocks) blocks, \(s.osmNodes) OSM nodes, \(s.drivableWays) drivable ways")
        if s.missingNodeRefs > 0 {
            RoadsOutput.line("skipped \(s.missingNodeRefs) references to nodes outside the extract")
        }
        RoadsOutput.line(
            "graph: \(s.graphNodes) nodes, \(s.graphEdges) directed edges, \(imported.network.turns.turnCount) turns, "
                + "\(imported.network.hierarchy.arcCount) hierarchy arcs")
        reportRestrictions(s)
        RoadsOutput.line(
            "wrote \(out) (\(size / 1024) KiB) in \(RoadsOutput.milliseconds(clock.now - start)) "
                + "(import and preprocessing \(RoadsOutput.milliseconds(prepared - start)))")
    }
}

extension RoadsImportCommand {
    /// How many restrictions were applied, and which were not (those binding cars first).
    func reportRestrictions(_ s: OSMRoadImporter.Statistics) {
        let binding = s.unapplied.filter(\.reason.bindsCars)
        let other = s.unapplied.count - binding.count
        RoadsOutput.line(
            "turn restrictions: \(s.restrictions) in the file, \(s.restrictionsApplied) applied "
                + "(\(s.forbiddenTurns) turns forbidden, \(s.viaWayApplied) over via ways), "
                + "\(binding.count) could not be applied, "
                + "\(other) do not bind cars")
        let shown = allUnapplied ? binding[...] : binding.prefix(20)
        for u in shown { RoadsOutput.line("  not applied: relation \(u.relationId): \(u.reason)") }
        if shown.count < binding.count {
            RoadsOutput.line("  … and \(binding.count - shown.count) more (--all-unapplied lists them)")
        }
    }
}

/// `mirsad roads synthetic --out FILE.mroads`: the generated demo city network.
struct RoadsSyntheticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthetic",
        abstract: "Generate a deterministic synthetic city road network (.mroads).")

    @Option(name: .long, help: "Output file (.mroads).")
    var out: String

    @Option(name: .long, help: "City centre as LAT,LON.")
    var center: String = "24.7136,46.6753"

    @Option(name: .long, help: "City radius in metres.")
    var radius: Double = 9000

    @Option(name: .long, help: "Approximate number of intersections.")
    var nodes: Int = 50_000

    @Option(name: .long, help: "Random seed; the same seed gives the same network.")
    var seed: UInt64 = 42

    func validate() throws {
        _ = try RoadsCoordinate.parse(center, option: "--center")
        guard radius.isFinite, radius >= 500, radius <= 100_000 else {
            throw ValidationError("--radius must be between 500 and 100000 metres")
        }
        guard nodes >= 100, nodes <= 2_000_000 else { throw ValidationError("--nodes must be between 100 and 2000000") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let city = SyntheticCity(
            center: try RoadsCoordinate.parse(center, option: "--center"), radiusMeters: radius, seed: seed,
            targetNodeCount: nodes)
        let network = city.generateNetwork()
        do {
            try RoadNetworkFile.write(network, to: URL(fileURLWithPath: out), metadata: "synthetic seed=\(seed)")
        } catch {
            throw RoadsFailure("cannot write \(out): \(error.localizedDescription)")
        }
        RoadsOutput.line(
            "synthetic city: \(network.graph.nodeCount) nodes, \(network.graph.edgeCount) directed edges; wrote \(out) in "
                + RoadsOutput.milliseconds(clock.now - start))
    }
}

/// `mirsad roads info --graph G`
struct RoadsInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Describe a .mroads file (size, extent, load time).")

    @OptionGroup var graph: RoadsGraphOption

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let engine = try graph.engine()
        let loaded = clock.now - start
        let g = engine.graph
        let box = g.boundingBox
        RoadsOutput.line("nodes: \(g.nodeCount)")
        RoadsOutput.line("directed edges: \(g.edgeCount)")
        RoadsOutput.line("road length: \(String(format: "%.1f", g.totalRoadLengthMeters / 1000)) km")
        RoadsOutput.line("turns: \(engine.turnCount) (\(engine.forbiddenTurnCount) forbidden by restrictions)")
        RoadsOutput.line(
            "turn model: \(engine.turnRules.pricesTurns ? "turn costs" : "free turns"), U-turns \(engine.turnRules.uTurns == .anywhere ? "anywhere" : "at dead ends only")"
        )
        RoadsOutput.line("hierarchy arcs: \(engine.hierarchyArcCount)")
        RoadsOutput.line("extent: \(box.min) to \(box.max)")
        RoadsOutput.line("loaded and customized in \(RoadsOutput.milliseconds(loaded))")
    }
}
