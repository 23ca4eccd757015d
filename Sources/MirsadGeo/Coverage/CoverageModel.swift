import MirsadGeodesy

/// The road network reduced to what coverage needs: undirected segments with their two end
/// nodes, current travel time in each direction and length, optionally restricted to a
/// sector. Coverage of a segment follows from the travel-time labels of its two ends.
///
/// A value snapshot (taken with the closures in force when it was made), so planners can use
/// it without touching the engine.
public struct CoverageModel: Sendable {
    let nodeCount: Int
    let first: [Int32]
    let second: [Int32]
    /// Seconds to drive the segment first→second (`.infinity` when not allowed or closed).
    let forwardSeconds: [Double]
    /// Seconds to drive second→first.
    let backwardSeconds: [Double]
    /// Metres counted for the segment (0 outside the sector).
    let length: [Double]
    /// Segments incident to each node (CSR).
    let nodeFirstSegment: [Int32]
    let nodeSegments: [Int32]

    /// Total counted road length, metres.
    public let totalMeters: Double

    init(graph: RoadGraph, edgeCost: [PackedCost], include: (Int) -> Bool) {
        let count = graph.segmentCount
        var first = [Int32](repeating: 0, count: count)
        var second = [Int32](repeating: 0, count: count)
        var forward = [Double](repeating: .infinity, count: count)
        var backward = [Double](repeating: .infinity, count: count)
        var length = [Double](repeating: 0, count: count)
        var degree = [Int32](repeating: 0, count: graph.nodeCount + 1)
        var total = 0.0
        for s in 0..<count {
            let e = Int(graph.segmentEdge[s])
            let u = Int(graph.tail[e])
            let v = Int(graph.head[e])
            first[s] = Int32(u)
            second[s] = Int32(v)
            if edgeCost[e] < Cost.infinity { forward[s] = Cost.seconds(edgeCost[e]) }
            let r = graph.reverseEdge[e]
            if r != .max && edgeCost[Int(r)] < Cost.infinity { backward[s] = Cost.seconds(edgeCost[Int(r)]) }
            if include(s) {
                length[s] = Double(graph.lengthDm[e]) / 10
                total += length[s]
            }
            degree[u + 1] += 1
            degree[v + 1] += 1
        }
        for i in 0..<graph.nodeCount { degree[i + 1] += degree[i] }
        var fill = degree
        var incident = [Int32](repeating: 0, count: Int(degree[graph.nodeCount]))
        for s in 0..<count {
            incident[Int(fill[Int(first[s])])] = Int32(s)
            fill[Int(first[s])] += 1
            incident[Int(fill[Int(second[s])])] = Int32(s)
            fill[Int(second[s])] += 1
        }
        nodeCount = graph.nodeCount
        self.first = first
        self.second = second
        forwardSeconds = forward
        backwardSeconds = backward
        self.length = length
        nodeFirstSegment = degree
        nodeSegments = incident
        totalMeters = total
    }

    /// Covered metres of one segment given the labels of its ends: seconds already spent on
    /// arrival and the speed factor of the vehicle that arrives. The parts reached from
    /// both ends are unioned.
    /// With `inbound`, labels are times *to* a point and a segment part counts when it can
    /// drive to a labelled end, so the opposite directions are used.
    @inline(__always)
    func covered(
        _ s: Int, firstLabel: Double, firstFactor: Double, secondLabel: Double, secondFactor: Double,
        threshold: Double, inbound: Bool = false
    ) -> Double {
        fraction(
            s, firstLabel: firstLabel, firstFactor: firstFactor, secondLabel: secondLabel,
            secondFactor: secondFactor, threshold: threshold, inbound: inbound
        ).total * length[s]
    }

    /// Reached fractions from each end (and their union, capped at 1).
    @inline(__always)
    func fraction(
        _ s: Int, firstLabel: Double, firstFactor: Double, secondLabel: Double, secondFactor: Double,
        threshold: Double, inbound: Bool
    ) -> (fromFirst: Double, fromSecond: Double, total: Double) {
        let fromFirstSeconds = inbound ? backwardSeconds[s] : forwardSeconds[s]
        let fromSecondSeconds = inbound ? forwardSeconds[s] : backwardSeconds[s]
        var a = 0.0
        var b = 0.0
        if firstLabel <= threshold {
            let t = fromFirstSeconds / firstFactor
            a = t.isFinite ? (t > 0 ? min(1, (threshold - firstLabel) / t) : 1) : 0
        }
        if secondLabel <= threshold {
            let t = fromSecondSeconds / secondFactor
            b = t.isFinite ? (t > 0 ? min(1, (threshold - secondLabel) / t) : 1) : 0
        }
        return (a, b, min(1, a + b))
    }

    /// Covered metres for per-node labels (effective seconds) and arrival speed factors.
    func coveredMeters(labels: [Double], factors: [Double], threshold: Double) -> Double {
        var sum = 0.0
        for s in 0..<first.count {
            let u = Int(first[s])
            let v = Int(second[s])
            sum += covered(
                s, firstLabel: labels[u], firstFactor: factors[u], secondLabel: labels[v], secondFactor: factors[v],
                threshold: threshold)
        }
        return sum
    }
}

/// Share of road length reached in time by at least one unit.
public struct CoverageReport: Sendable, Hashable, Codable {
    /// Metres of road reached within the target time.
    public var coveredMeters: Double
    /// Metres of road considered (the sector, or the whole network).
    public var totalMeters: Double
    /// The target time, seconds.
    public var targetSeconds: Double

    /// `coveredMeters / totalMeters`, 0 for an empty sector.
    public var share: Double { totalMeters > 0 ? coveredMeters / totalMeters : 0 }
}

/// Coverage with geometry, for drawing a sector's coverage on the map.
public struct CoverageMap: Sendable, Hashable, Codable {
    public var report: CoverageReport
    /// Outline of the covered roads (raster cells, small enclosed gaps filled).
    public var coveredAreas: [GeoPolygon]
    /// Covered road pieces.
    public var coveredRoads: [[GeoCoordinate]]
    /// Road pieces of the sector no unit reaches in time.
    public var uncoveredRoads: [[GeoCoordinate]]
    /// Raster cell size behind `coveredAreas`, metres.
    public var cellSizeMeters: Double
}
