import Foundation
import MirsadGeodesy

/// Collects nodes and directed edges from any source (OSM import, synthetic city, tests) and
/// turns them into a `RoadGraph`: self loops dropped, parallel edges reduced to the fastest,
/// by default only the roads joined to the largest strongly connected component kept (each
/// can be driven to from it or leads into it), and nodes renumbered along a Hilbert curve for
/// memory locality.
public struct RoadGraphBuilder: Sendable {
    struct Edge: Sendable {
        var tail: UInt32
        var head: UInt32
        var timeMs: UInt32
        var lengthDm: UInt32
        var roadClass: UInt8
    }

    private(set) var latE7: [Int32] = []
    private(set) var lonE7: [Int32] = []
    private(set) var edges: [Edge] = []

    public init() {}

    /// Number of nodes added so far.
    public var nodeCount: Int { latE7.count }

    /// Adds a node and returns its index.
    @discardableResult
    public mutating func addNode(_ coordinate: GeoCoordinate) -> Int {
        let fixed = FixedCoordinate(coordinate)
        latE7.append(fixed.latE7)
        lonE7.append(fixed.lonE7)
        return latE7.count - 1
    }

    mutating func addNode(latE7 lat: Int32, lonE7 lon: Int32) -> Int {
        latE7.append(lat)
        lonE7.append(lon)
        return latE7.count - 1
    }

    /// Position of a node already added.
    public func coordinate(of node: Int) -> GeoCoordinate {
        FixedCoordinate(latE7: latE7[node], lonE7: lonE7[node]).geo
    }

    /// Adds a directed edge whose length is the great-circle distance between its ends and
    /// whose time follows from `speedKmh`. `extraSeconds` adds a fixed delay (a signal).
    public mutating func addEdge(
        from u: Int, to v: Int, speedKmh: Double, roadClass: RoadClass, extraSeconds: Double = 0
    ) {
        precondition(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount, "edge end out of range")
        let meters = coordinate(of: u).distance(to: coordinate(of: v))
        let speed = max(speedKmh, 1) / 3.6
        addEdge(from: u, to: v, seconds: meters / speed + extraSeconds, meters: meters, roadClass: roadClass)
    }

    /// Adds a directed edge with explicit travel time and length.
    public mutating func addEdge(from u: Int, to v: Int, seconds: Double, meters: Double, roadClass: RoadClass) {
        precondition(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount, "edge end out of range")
        let ms = UInt32(clamping: Int((seconds * 1000).rounded()))
        let dm = UInt32(clamping: Int((meters * 10).rounded()))
        edges.append(Edge(tail: UInt32(u), head: UInt32(v), timeMs: ms, lengthDm: dm, roadClass: roadClass.rawValue))
    }

    /// Which nodes a built graph keeps.
    public enum Keep: Sendable {
        /// The largest strongly connected component: every node reaches every other.
        case stronglyConnected
        /// Nodes that can be driven to from the largest strongly connected component or can
        /// drive into it; islands with no such link are dropped. Keeping only the component
        /// lost the one-way roads at an extract's edge: a slip road entering from outside the
        /// extract is driven along and onto the motorway, yet is not in the component.
        case attached
        /// Every node with an edge.
        case all
    }

    /// Builds the graph, keeping `.attached` nodes unless told otherwise.
    public func build(keeping: Keep = .attached) -> RoadGraph {
        buildIndexed(keeping: keeping).graph
    }

    /// Builds the graph and says where each added node went (`UInt32.max`: dropped).
    func buildIndexed(keeping: Keep = .attached) -> (graph: RoadGraph, nodeIndex: [UInt32]) {
        let n = nodeCount
        // 1. Sort by (tail, head, time, length) and drop loops and parallel duplicates.
        var sorted = edges.filter { $0.tail != $0.head }
        sorted.sort { a, b in
            if a.tail != b.tail { return a.tail < b.tail }
            if a.head != b.head { return a.head < b.head }
            if a.timeMs != b.timeMs { return a.timeMs < b.timeMs }
            return a.lengthDm < b.lengthDm
        }
        var unique: [Edge] = []
        unique.reserveCapacity(sorted.count)
        for e in sorted where unique.last.map({ $0.tail != e.tail || $0.head != e.head }) ?? true {
            unique.append(e)
        }
        // 2. Keep what is joined to the largest strongly connected component.
        var keep: [Bool]
        switch keeping {
        case .stronglyConnected:
            keep = RoadGraphBuilder.largestSCC(nodeCount: n, edges: unique)
        case .attached:
            keep = RoadGraphBuilder.attachedToLargestSCC(nodeCount: n, edges: unique)
        case .all:
            // Drop isolated nodes only.
            keep = [Bool](repeating: false, count: n)
            for e in unique {
                keep[Int(e.tail)] = true
                keep[Int(e.head)] = true
            }
        }
        // 3. Renumber kept nodes along a Hilbert curve.
        var kept = (0..<n).filter { keep[$0] }
        if !kept.isEmpty {
            let minLat = kept.map { latE7[$0] }.min()!
            let maxLat = kept.map { latE7[$0] }.max()!
            let minLon = kept.map { lonE7[$0] }.min()!
            let maxLon = kept.map { lonE7[$0] }.max()!
            let spanLat = max(Double(maxLat) - Double(minLat), 1)
            let spanLon = max(Double(maxLon) - Double(minLon), 1)
            let keys = kept.map { v -> UInt64 in
                let x = UInt32((Double(lonE7[v]) - Double(minLon)) / spanLon * 65535)
                let y = UInt32((Double(latE7[v]) - Double(minLat)) / spanLat * 65535)
                return hilbertIndex(x: x, y: y, order: 16)
            }
            let perm = kept.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : kept[$0] < kept[$1] }
            kept = perm.map { kept[$0] }
        }
        var newId = [UInt32](repeating: .max, count: n)
        for (i, v) in kept.enumerated() { newId[v] = UInt32(i) }
        // 4. CSR in the new numbering.
        var remapped: [Edge] = []
        remapped.reserveCapacity(unique.count)
        for var e in unique where newId[Int(e.tail)] != .max && newId[Int(e.head)] != .max {
            e.tail = newId[Int(e.tail)]
            e.head = newId[Int(e.head)]
            remapped.append(e)
        }
        remapped.sort { $0.tail != $1.tail ? $0.tail < $1.tail : $0.head < $1.head }
        var firstOut = [UInt32](repeating: 0, count: kept.count + 1)
        for e in remapped { firstOut[Int(e.tail) + 1] += 1 }
        for i in 0..<kept.count { firstOut[i + 1] += firstOut[i] }
        let graph = RoadGraph(
            latE7: kept.map { latE7[$0] },
            lonE7: kept.map { lonE7[$0] },
            firstOut: firstOut,
            head: remapped.map(\.head),
            timeMs: remapped.map(\.timeMs),
            lengthDm: remapped.map(\.lengthDm),
            roadClass: remapped.map(\.roadClass)
        )
        return (graph, newId)
    }

    /// Nodes reachable from the largest strongly connected component, or reaching it.
    static func attachedToLargestSCC(nodeCount n: Int, edges: [Edge]) -> [Bool] {
        let core = largestSCC(nodeCount: n, edges: edges)
        var keep = core
        for reversed in [false, true] {
            let (firstOut, heads) = adjacency(nodeCount: n, edges: edges, reversed: reversed)
            var seen = core
            var stack = (0..<n).filter { core[$0] }
            while let v = stack.popLast() {
                for w in heads[firstOut[v]..<firstOut[v + 1]] where !seen[w] {
                    seen[w] = true
                    keep[w] = true
                    stack.append(w)
                }
            }
        }
        return keep
    }

    /// Compressed adjacency of `edges`: tail to head, or head to tail when `reversed`.
    static func adjacency(nodeCount n: Int, edges: [Edge], reversed: Bool = false) -> (firstOut: [Int], heads: [Int]) {
        var firstOut = [Int](repeating: 0, count: n + 1)
        for e in edges { firstOut[Int(reversed ? e.head : e.tail) + 1] += 1 }
        for i in 0..<n { firstOut[i + 1] += firstOut[i] }
        var heads = [Int](repeating: 0, count: edges.count)
        var fill = firstOut
        for e in edges {
            let (from, to) = reversed ? (Int(e.head), Int(e.tail)) : (Int(e.tail), Int(e.head))
            heads[fill[from]] = to
            fill[from] += 1
        }
        return (firstOut, heads)
    }

    /// Iterative Tarjan; returns membership of the largest strongly connected component.
    static func largestSCC(nodeCount n: Int, edges: [Edge]) -> [Bool] {
        let (firstOut, heads) = adjacency(nodeCount: n, edges: edges)
        let components = stronglyConnectedComponents(nodeCount: n, firstOut: firstOut, heads: heads)
        var sizes: [Int: Int] = [:]
        for c in components { sizes[c, default: 0] += 1 }
        guard let best = sizes.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key
        else { return [Bool](repeating: false, count: n) }
        return components.map { $0 == best }
    }
}

/// Component id of every node (Tarjan's algorithm without recursion).
func stronglyConnectedComponents(nodeCount n: Int, firstOut: [Int], heads: [Int]) -> [Int] {
    var index = [Int](repeating: -1, count: n)
    var low = [Int](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var component = [Int](repeating: -1, count: n)
    var stack: [Int] = []
    var callStack: [(node: Int, edge: Int)] = []
    var counter = 0
    var componentCount = 0
    for root in 0..<n where index[root] < 0 {
        callStack.append((root, firstOut[root]))
        index[root] = counter
        low[root] = counter
        counter += 1
        stack.append(root)
        onStack[root] = true
        while let top = callStack.last {
            let v = top.node
            if top.edge < firstOut[v + 1] {
                let w = heads[top.edge]
                callStack[callStack.count - 1].edge += 1
                if index[w] < 0 {
                    index[w] = counter
                    low[w] = counter
                    counter += 1
                    stack.append(w)
                    onStack[w] = true
                    callStack.append((w, firstOut[w]))
                } else if onStack[w] {
                    low[v] = min(low[v], index[w])
                }
            } else {
                callStack.removeLast()
                if let parent = callStack.last {
                    low[parent.node] = min(low[parent.node], low[v])
                }
                if low[v] == index[v] {
                    while true {
                        let w = stack.removeLast()
                        onStack[w] = false
                        component[w] = componentCount
                        if w == v { break }
                    }
                    componentCount += 1
                }
            }
        }
    }
    return component
}

/// Position of (x, y) along a Hilbert curve of the given order (bits per axis).
func hilbertIndex(x: UInt32, y: UInt32, order: Int) -> UInt64 {
    var x = x
    var y = y
    var d: UInt64 = 0
    var s = UInt32(1) << UInt32(order - 1)
    while s > 0 {
        let rx: UInt32 = (x & s) > 0 ? 1 : 0
        let ry: UInt32 = (y & s) > 0 ? 1 : 0
        d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
        if ry == 0 {
            if rx == 1 {
                x = s &- 1 &- x
                y = s &- 1 &- y
            }
            swap(&x, &y)
        }
        s >>= 1
    }
    return d
}
