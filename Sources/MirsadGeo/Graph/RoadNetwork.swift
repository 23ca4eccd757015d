import Foundation

/// A road graph together with its contraction hierarchy: everything that depends on the
/// map only. This is what `.mroads` files store; a `RoutingEngine` adds the live metric.
public struct RoadNetwork: Sendable {
    public let graph: RoadGraph
    public let hierarchy: ContractionHierarchy

    /// Preprocesses a graph: nested-dissection order and chordal completion. Takes a few
    /// seconds for a city of 250k nodes; do it once at import and store the result.
    public init(graph: RoadGraph) {
        let order = NestedDissectionOrder.compute(graph)
        self.init(graph: graph, hierarchy: ContractionHierarchy(graph: graph, order: order))
    }

    init(graph: RoadGraph, hierarchy: ContractionHierarchy) {
        self.graph = graph
        self.hierarchy = hierarchy
    }

    /// Imports an OSM PBF extract and preprocesses it.
    public static func importOSM(
        contentsOf url: URL, profile: CarProfile = .standard
    ) throws(OSMImportError) -> (network: RoadNetwork, statistics: OSMRoadImporter.Statistics) {
        let (graph, stats) = try OSMRoadImporter(profile: profile).importGraph(contentsOf: url)
        return (RoadNetwork(graph: graph), stats)
    }
}
