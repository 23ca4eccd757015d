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

    /// Where a trip starting here enters the hierarchy: the far ends of the segment with the
    /// cost of driving there.
    func sourceSeeds(graph: RoadGraph, hierarchy h: ContractionHierarchy, edgeCost: [PackedCost]) -> [Seed] {
        var seeds = endpointSeeds(graph: graph, hierarchy: h)
        if forwardEdge != .max {
            let c = Cost.fraction(edgeCost[Int(forwardEdge)], 1 - fraction)
            if c < Cost.infinity {
                seeds.append(
                    Seed(
                        node: h.rank[Int(graph.head[Int(forwardEdge)])], cost: c, edge: forwardEdge,
                        coversWholeEdge: fraction == 0))
            }
        }
        if backwardEdge != .max {
            let c = Cost.fraction(edgeCost[Int(backwardEdge)], fraction)
            if c < Cost.infinity {
                seeds.append(
                    Seed(
                        node: h.rank[Int(graph.head[Int(backwardEdge)])], cost: c, edge: backwardEdge,
                        coversWholeEdge: fraction == 1))
            }
        }
        return seeds
    }

    /// Where a trip ending here leaves the hierarchy: the near ends with the remaining cost.
    func targetSeeds(graph: RoadGraph, hierarchy h: ContractionHierarchy, edgeCost: [PackedCost]) -> [Seed] {
        var seeds = endpointSeeds(graph: graph, hierarchy: h)
        if forwardEdge != .max {
            let c = Cost.fraction(edgeCost[Int(forwardEdge)], fraction)
            if c < Cost.infinity {
                seeds.append(
                    Seed(
                        node: h.rank[Int(graph.tail[Int(forwardEdge)])], cost: c, edge: forwardEdge,
                        coversWholeEdge: fraction == 1))
            }
        }
        if backwardEdge != .max {
            let c = Cost.fraction(edgeCost[Int(backwardEdge)], 1 - fraction)
            if c < Cost.infinity {
                seeds.append(
                    Seed(
                        node: h.rank[Int(graph.tail[Int(backwardEdge)])], cost: c, edge: backwardEdge,
                        coversWholeEdge: fraction == 0))
            }
        }
        return seeds
    }

    /// A location exactly on a node can use every road at that node, not only its segment.
    private func endpointSeeds(graph: RoadGraph, hierarchy h: ContractionHierarchy) -> [Seed] {
        let edge = Int(forwardEdge != .max ? forwardEdge : backwardEdge)
        let (first, second) =
            forwardEdge != .max ? (graph.tail[edge], graph.head[edge]) : (graph.head[edge], graph.tail[edge])
        if fraction == 0 { return [Seed(node: h.rank[Int(first)], cost: 0)] }
        if fraction == 1 { return [Seed(node: h.rank[Int(second)], cost: 0)] }
        return []
    }

    /// The cost of driving from `self` to `target` without leaving their common segment.
    func directCost(to target: SnappedLocation, edgeCost: [PackedCost]) -> PackedCost {
        guard segment == target.segment else { return Cost.infinity }
        var best = Cost.infinity
        if forwardEdge != .max && target.fraction >= fraction {
            best = min(best, Cost.fraction(edgeCost[Int(forwardEdge)], target.fraction - fraction))
        }
        if backwardEdge != .max && target.fraction <= fraction {
            best = min(best, Cost.fraction(edgeCost[Int(backwardEdge)], fraction - target.fraction))
        }
        return best
    }
}
