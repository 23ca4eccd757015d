import Foundation

/// A road graph, its turns and the contraction hierarchy over the turns: everything that
/// depends on the map only. This is what `.mroads` files store; a `RoutingEngine` adds the
/// live metric.
public struct RoadNetwork: Sendable {
    public let graph: RoadGraph
    /// The turns routes are searched over (one node per road edge).
    public let turns: TurnGraph
    public let hierarchy: ContractionHierarchy

    /// Preprocesses a graph: its turns under `rules` with the ones `restrictions` forbid, then the
    /// nested-dissection order and chordal completion of the turn graph. About a second for a
    /// city of 250k nodes; do it once at import and store the result.
    public init(
        graph: RoadGraph, rules: TurnRules = .free, restrictions: [RestrictedTurn] = [],
        viaWay: [ViaWayRestriction] = []
    ) {
        self = RoadNetwork.preprocess(graph: graph, rules: rules, restrictions: restrictions, viaWay: viaWay).network
    }

    /// Preprocesses with `forbidden` turns of no particular restriction kind.
    public init(graph: RoadGraph, rules: TurnRules, forbidden: [TurnPair]) {
        self.init(graph: graph, rules: rules, restrictions: forbidden.map { RestrictedTurn($0, .other) })
    }

    /// How long each step of preprocessing took (for benchmarks).
    public struct PreprocessingTimes: Sendable {
        /// Deriving the turns.
        public var turns: Duration
        /// The nested-dissection order.
        public var order: Duration
        /// The chordal completion and the hierarchy's arrays.
        public var contraction: Duration
    }

    /// Preprocesses as `init(graph:rules:restrictions:)` does and times each step.
    public static func preprocess(
        graph: RoadGraph, rules: TurnRules = .free, restrictions: [RestrictedTurn] = [],
        viaWay: [ViaWayRestriction] = []
    ) -> (network: RoadNetwork, times: PreprocessingTimes) {
        let clock = ContinuousClock()
        var start = clock.now
        let turns = TurnGraph(road: graph, rules: rules, restrictions: restrictions, viaWay: viaWay)
        let turnTime = clock.now - start
        start = clock.now
        let order = NestedDissectionOrder.compute(turns.routing)
        let orderTime = clock.now - start
        start = clock.now
        let hierarchy = ContractionHierarchy(graph: turns.routing, order: order)
        let times = PreprocessingTimes(turns: turnTime, order: orderTime, contraction: clock.now - start)
        return (RoadNetwork(graph: graph, turns: turns, hierarchy: hierarchy), times)
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
        return (
            RoadNetwork(
                graph: imported.graph, rules: rules, restrictions: imported.restrictions, viaWay: imported.viaWay),
            imported.statistics
        )
    }
}
