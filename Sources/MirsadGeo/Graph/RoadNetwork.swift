import Foundation

/// A road graph, its turns and the contraction hierarchy over the turns: everything that
/// depends on the map only. This is what `.mroads` files store; a `RoutingEngine` adds the
/// live metric.
public struct RoadNetwork: Sendable {
    public let graph: RoadGraph
    /// The turns routes are searched over (one node per road edge).
    public let turns: TurnGraph
    public let hierarchy: ContractionHierarchy

    /// Preprocesses a graph: its turns under `rules` without the `forbidden` ones, then the
    /// nested-dissection order and chordal completion of the turn graph. About a second for a
    /// city of 250k nodes; do it once at import and store the result.
    public init(graph: RoadGraph, rules: TurnRules = .free, forbidden: [TurnPair] = []) {
        let turns = TurnGraph(road: graph, rules: rules, forbidden: forbidden)
        let order = NestedDissectionOrder.compute(turns.routing)
        self.init(graph: graph, turns: turns, hierarchy: ContractionHierarchy(graph: turns.routing, order: order))
    }

    init(graph: RoadGraph, turns: TurnGraph, hierarchy: ContractionHierarchy) {
        self.graph = graph
        self.turns = turns
        self.hierarchy = hierarchy
    }

    /// Imports an OSM PBF extract with its turn restrictions and preprocesses it with the
    /// car turn model.
    public static func importOSM(
        contentsOf url: URL, profile: CarProfile = .standard, rules: TurnRules = .car
    ) throws(OSMImportError) -> (network: RoadNetwork, statistics: OSMRoadImporter.Statistics) {
        let imported = try OSMRoadImporter(profile: profile).importRoads(contentsOf: url)
        return (RoadNetwork(graph: imported.graph, rules: rules, forbidden: imported.forbidden), imported.statistics)
    }
}
