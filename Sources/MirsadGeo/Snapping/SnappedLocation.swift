import MirsadGeodesy

/// A position attached to the road network: the nearest point on the nearest road segment.
///
/// Snapping is the slow part of a dispatch query (a spatial lookup per unit), so callers keep
/// the snapped location of every unit and re-snap only when the unit moves. The value carries
/// the fingerprint of the network it was snapped on; an engine given a location from another
/// network (say, after a map update) snaps `query` again instead of trusting stale indexes.
public struct SnappedLocation: Sendable, Hashable, Codable {
    /// The position that was snapped.
    public let query: GeoCoordinate
    /// The point on the road.
    public let coordinate: GeoCoordinate
    /// Distance between `query` and `coordinate`, metres.
    public let distanceMeters: Double
    /// Undirected segment index.
    let segment: UInt32
    /// Edge from the segment's first to its second node, or `UInt32.max`.
    let forwardEdge: UInt32
    /// Edge from the second node back to the first, or `UInt32.max`.
    let backwardEdge: UInt32
    /// Position along the segment from its first node, 0...1.
    let fraction: Double
    /// Fingerprint of the network the indexes refer to.
    let network: UInt64

    /// The segment's first and second road node.
    func ends(in graph: RoadGraph) -> (first: Int, second: Int) {
        forwardEdge != .max
            ? (Int(graph.tail[Int(forwardEdge)]), Int(graph.head[Int(forwardEdge)]))
            : (Int(graph.head[Int(backwardEdge)]), Int(graph.tail[Int(backwardEdge)]))
    }

    /// The road node this location is at, when it is at a junction (either end of its segment).
    func junction(in graph: RoadGraph) -> Int? {
        if fraction == 0 { return ends(in: graph).first }
        if fraction == 1 { return ends(in: graph).second }
        return nil
    }

    /// Where a trip starting here enters the hierarchy (a routing node is a road edge driven
    /// to its end): from a junction, every road leaving it, driven whole; from inside a
    /// segment, the rest of each drivable direction.
    func sourceSeeds(_ engine: RoutingEngine, metric m: CCHMetric) -> [Seed] {
        let graph = engine.graph
        let rank = engine.hierarchy.rank
        if let v = junction(in: graph) {
            var seeds: [Seed] = []
            for b in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) where m.roadCost[b] < Cost.infinity {
                seeds.append(Seed(node: rank[b], cost: m.roadCost[b], edge: UInt32(b), coversWholeEdge: true))
            }
            return seeds
        }
        var seeds: [Seed] = []
        for (edge, share) in [(forwardEdge, 1 - fraction), (backwardEdge, fraction)] where edge != .max {
            let c = Cost.fraction(m.roadCost[Int(edge)], share)
            if c < Cost.infinity { seeds.append(Seed(node: rank[Int(edge)], cost: c, edge: edge)) }
        }
        return seeds
    }

    /// Where a trip ending here leaves the hierarchy: at a junction, arriving by any road;
    /// inside a segment, arriving at the start of a drivable direction by any road that may
    /// turn into it, with the turn and the part of the segment still to drive.
    func targetSeeds(_ engine: RoutingEngine, metric m: CCHMetric) -> [Seed] {
        let graph = engine.graph
        let turns = engine.turns
        let rank = engine.hierarchy.rank
        if let v = junction(in: graph) {
            return turns.nodes(into: v).map { Seed(node: rank[Int($0)], cost: 0) }
        }
        var seeds: [Seed] = []
        for (edge, share) in [(forwardEdge, fraction), (backwardEdge, 1 - fraction)] where edge != .max {
            let part = Cost.fraction(m.roadCost[Int(edge)], share)
            guard part < Cost.infinity else { continue }
            for i in turns.turns(into: Int(edge)) {
                let arc = Int(turns.inArc[i])
                guard m.edgeCost[arc] < Cost.infinity else { continue }
                let from = Int(turns.routing.tail[arc])
                seeds.append(
                    Seed(node: rank[from], cost: engine.turnCost[arc] &+ part, edge: edge))
            }
        }
        return seeds
    }

    /// The cost of driving from `self` to `target` without a turn: along their common segment,
    /// or from a junction straight onto the target's segment (a search through the hierarchy
    /// arrives by way of a road edge, so it never starts on one).
    func directCost(to target: SnappedLocation, graph: RoadGraph, roadCost: [PackedCost]) -> PackedCost {
        var best = Cost.infinity
        if segment == target.segment {
            if forwardEdge != .max && target.fraction >= fraction {
                best = min(best, Cost.fraction(roadCost[Int(forwardEdge)], target.fraction - fraction))
            }
            if backwardEdge != .max && target.fraction <= fraction {
                best = min(best, Cost.fraction(roadCost[Int(backwardEdge)], fraction - target.fraction))
            }
        }
        guard let from = junction(in: graph) else { return best }
        if let to = target.junction(in: graph) { return from == to ? 0 : best }
        let f = Int(target.forwardEdge)
        if target.forwardEdge != .max, Int(graph.tail[f]) == from {
            best = min(best, Cost.fraction(roadCost[f], target.fraction))
        }
        let r = Int(target.backwardEdge)
        if target.backwardEdge != .max, Int(graph.tail[r]) == from {
            best = min(best, Cost.fraction(roadCost[r], 1 - target.fraction))
        }
        return best
    }
}
