import Foundation
import MirsadGeodesy

/// A directed road network: nodes with positions and directed edges with a base travel time,
/// a length and a road class, in compressed adjacency (CSR) form.
///
/// The graph is immutable and cheap to share between tasks. Travel times are integer
/// milliseconds and lengths integer decimetres so that every routing technique in this module
/// (plain Dijkstra, CCH queries, PHAST sweeps) produces bit-identical results.
public struct RoadGraph: Sendable {
    /// Number of nodes.
    public let nodeCount: Int
    /// Number of directed edges.
    public var edgeCount: Int { head.count }

    let latE7: [Int32]
    let lonE7: [Int32]
    /// `firstOut[v]..<firstOut[v+1]` are the edges leaving `v`, sorted by head.
    let firstOut: [UInt32]
    let head: [UInt32]
    let tail: [UInt32]
    /// Free-flow travel time of each edge, milliseconds.
    let timeMs: [UInt32]
    /// Length of each edge, decimetres.
    let lengthDm: [UInt32]
    let roadClass: [UInt8]
    /// The opposite edge (head→tail) when the road is two-way, else `UInt32.max`.
    let reverseEdge: [UInt32]

    /// Undirected road segments: each physical piece of road once, for snapping and coverage.
    let segmentEdge: [UInt32]  // an edge of the segment (the forward one when it exists)

    /// Builds a graph from validated arrays. Adjacency must be sorted by (tail, head) and free
    /// of duplicates and self loops; `RoadGraphBuilder` guarantees that.
    init(
        latE7: [Int32], lonE7: [Int32], firstOut: [UInt32], head: [UInt32], timeMs: [UInt32],
        lengthDm: [UInt32], roadClass: [UInt8]
    ) {
        nodeCount = latE7.count
        self.latE7 = latE7
        self.lonE7 = lonE7
        self.firstOut = firstOut
        self.head = head
        self.timeMs = timeMs
        self.lengthDm = lengthDm
        self.roadClass = roadClass
        var tail = [UInt32](repeating: 0, count: head.count)
        for v in 0..<latE7.count {
            for e in Int(firstOut[v])..<Int(firstOut[v + 1]) { tail[e] = UInt32(v) }
        }
        self.tail = tail
        var reverse = [UInt32](repeating: .max, count: head.count)
        var segments: [UInt32] = []
        segments.reserveCapacity(head.count / 2 + 16)
        for e in 0..<head.count {
            let u = Int(tail[e])
            let v = Int(head[e])
            if let r = RoadGraph.findEdge(firstOut: firstOut, head: head, from: v, to: u) {
                reverse[e] = UInt32(r)
                if u < v { segments.append(UInt32(e)) }
            } else {
                segments.append(UInt32(e))
            }
        }
        reverseEdge = reverse
        segmentEdge = segments
    }

    static func findEdge(firstOut: [UInt32], head: [UInt32], from u: Int, to v: Int) -> Int? {
        var lo = Int(firstOut[u])
        var hi = Int(firstOut[u + 1])
        let target = UInt32(v)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if head[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(firstOut[u + 1]) && head[lo] == target ? lo : nil
    }

    /// The edge from `u` to `v`, if there is one.
    public func edge(from u: Int, to v: Int) -> Int? {
        RoadGraph.findEdge(firstOut: firstOut, head: head, from: u, to: v)
    }

    /// Position of a node.
    public func coordinate(of node: Int) -> GeoCoordinate {
        GeoCoordinate(latitude: Double(latE7[node]) * 1e-7, longitude: Double(lonE7[node]) * 1e-7)
    }

    /// Tail and head of an edge.
    public func endpoints(of edge: Int) -> (tail: Int, head: Int) {
        (Int(tail[edge]), Int(head[edge]))
    }

    /// Free-flow travel time of an edge in seconds.
    public func travelSeconds(of edge: Int) -> Double { Double(timeMs[edge]) / 1000 }

    /// Length of an edge in metres.
    public func lengthMeters(of edge: Int) -> Double { Double(lengthDm[edge]) / 10 }

    /// Road class of an edge.
    public func roadClass(of edge: Int) -> RoadClass { RoadClass(rawValue: roadClass[edge]) ?? .other }

    /// Number of undirected road segments.
    public var segmentCount: Int { segmentEdge.count }

    /// Total length of the network counting each two-way road once, in metres.
    public var totalRoadLengthMeters: Double {
        var sum: UInt64 = 0
        for e in segmentEdge { sum += UInt64(lengthDm[Int(e)]) }
        return Double(sum) / 10
    }

    /// South-west and north-east corners of the node positions.
    public var boundingBox: (min: GeoCoordinate, max: GeoCoordinate) {
        guard nodeCount > 0 else {
            return (GeoCoordinate(latitude: 0, longitude: 0), GeoCoordinate(latitude: 0, longitude: 0))
        }
        let lat = (latE7.min()!, latE7.max()!)
        let lon = (lonE7.min()!, lonE7.max()!)
        return (
            GeoCoordinate(latitude: Double(lat.0) * 1e-7, longitude: Double(lon.0) * 1e-7),
            GeoCoordinate(latitude: Double(lat.1) * 1e-7, longitude: Double(lon.1) * 1e-7)
        )
    }

    /// Every node's position in `projection`'s plane, as x and y arrays.
    func planarPositions(_ projection: LocalProjection) -> (x: [Double], y: [Double]) {
        var xs = [Double](repeating: 0, count: nodeCount)
        var ys = [Double](repeating: 0, count: nodeCount)
        for v in 0..<nodeCount {
            let p = projection.project(latE7: latE7[v], lonE7: lonE7[v])
            xs[v] = p.x
            ys[v] = p.y
        }
        return (xs, ys)
    }

    /// A projection centred on the network, for planar work.
    public var projection: LocalProjection {
        let box = boundingBox
        return LocalProjection(referenceLatitude: (box.min.latitude + box.max.latitude) / 2)
    }
}
