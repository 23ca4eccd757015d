/// Inertial flow (Schild & Sommer): a small balanced node separator of a road graph.
///
/// For a few directions the nodes are sorted by their projection on the direction; the first
/// and last quarter become source and sink, and a maximum flow with unit node capacities
/// between them yields a minimum vertex cut. Roads are nearly planar, so one of the
/// directions usually crosses the network where it is thin (a river with few bridges).
struct InertialFlowCut {
    /// Share of nodes pinned to each side.
    static let sideShare = 0.25
    static let directions: [(Double, Double)] = [(1, 0), (0, 1), (0.7071, 0.7071), (0.7071, -0.7071)]

    /// Separator nodes (local ids), or nil when no valid cut exists (tiny or dense graphs).
    static func separator(of g: UndirectedGraph) -> [Int32]? {
        let n = g.nodeCount
        guard n >= 8 else { return nil }
        var best: [Int32]?
        var solver = UnitNodeFlow(graph: g)
        for (dx, dy) in directions {
            var order = (0..<n).map { Int32($0) }
            let key = (0..<n).map { g.x[$0] * dx + g.y[$0] * dy }
            order.sort { key[Int($0)] != key[Int($1)] ? key[Int($0)] < key[Int($1)] : $0 < $1 }
            let pinned = max(1, Int(Double(n) * sideShare))
            let limit = best.map { $0.count - 1 } ?? Int.max
            if let cut = solver.minimumCut(sources: order.prefix(pinned), sinks: order.suffix(pinned), limit: limit) {
                best = cut
            }
        }
        return best
    }
}

/// Maximum flow with unit node capacities on an undirected graph, by breadth-first augmenting
/// paths in the implicit node-split residual network. Sources and sinks have unlimited
/// capacity, so the minimum cut consists of other nodes only.
struct UnitNodeFlow {
    let g: UndirectedGraph
    private var role: [UInt8]  // 0 free, 1 source, 2 sink
    private var inFrom: [Int32]
    private var outTo: [Int32]
    private var stamp: [UInt32]
    private var parent: [Int32]
    private var generation: UInt32 = 0
    private var queue: [Int32]

    init(graph: UndirectedGraph) {
        g = graph
        let n = graph.nodeCount
        role = [UInt8](repeating: 0, count: n)
        inFrom = [Int32](repeating: -1, count: n)
        outTo = [Int32](repeating: -1, count: n)
        stamp = [UInt32](repeating: 0, count: 2 * n)
        parent = [Int32](repeating: -1, count: 2 * n)
        queue = []
        queue.reserveCapacity(2 * n)
    }

    /// The minimum vertex cut between `sources` and `sinks`, or nil when it would exceed
    /// `limit` nodes or when a source touches a sink (no finite cut).
    mutating func minimumCut(sources: ArraySlice<Int32>, sinks: ArraySlice<Int32>, limit: Int) -> [Int32]? {
        let n = g.nodeCount
        for v in 0..<n {
            role[v] = 0
            inFrom[v] = -1
            outTo[v] = -1
        }
        for s in sources { role[Int(s)] = 1 }
        for t in sinks { role[Int(t)] = 2 }
        for s in sources {
            for a in g.neighbors(Int(s)) where role[Int(g.adjacency[a])] == 2 { return nil }
        }
        var flow = 0
        while let sinkState = augmentingSearch(sources: sources) {
            flow += 1
            if flow > limit { return nil }
            augment(endingAt: sinkState)
        }
        // The last search marked everything reachable: the cut is every node whose in-state
        // was reached but whose out-state was not.
        var cut: [Int32] = []
        for v in 0..<n where role[v] == 0 {
            if stamp[2 * v] == generation && stamp[2 * v + 1] != generation { cut.append(Int32(v)) }
        }
        return cut
    }

    /// States: 2v = v_in, 2v+1 = v_out. Returns the in-state of the sink reached, or nil.
    private mutating func augmentingSearch(sources: ArraySlice<Int32>) -> Int32? {
        generation &+= 1
        if generation == 0 {
            for i in stamp.indices { stamp[i] = 0 }
            generation = 1
        }
        queue.removeAll(keepingCapacity: true)
        for s in sources {
            let state = 2 * Int(s) + 1
            stamp[state] = generation
            parent[state] = -1
            queue.append(Int32(state))
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let v = state >> 1
            if state & 1 == 1 {
                // v_out: to every neighbour's in-state; back to v_in when v carries flow.
                for a in g.neighbors(v) {
                    let w = Int(g.adjacency[a])
                    let next = 2 * w
                    if stamp[next] == generation || role[w] == 1 { continue }
                    stamp[next] = generation
                    parent[next] = Int32(state)
                    if role[w] == 2 { return Int32(next) }
                    queue.append(Int32(next))
                }
                if role[v] == 0 && outTo[v] >= 0 {
                    let next = 2 * v
                    if stamp[next] != generation {
                        stamp[next] = generation
                        parent[next] = Int32(state)
                        queue.append(Int32(next))
                    }
                }
            } else {
                // v_in: through v if it is free, else back along the edge that feeds v.
                if outTo[v] < 0 {
                    let next = 2 * v + 1
                    if stamp[next] != generation {
                        stamp[next] = generation
                        parent[next] = Int32(state)
                        queue.append(Int32(next))
                    }
                } else {
                    let u = Int(inFrom[v])
                    if u >= 0 && role[u] == 0 {
                        let next = 2 * u + 1
                        if stamp[next] != generation {
                            stamp[next] = generation
                            parent[next] = Int32(state)
                            queue.append(Int32(next))
                        }
                    }
                }
            }
        }
        return nil
    }

    private mutating func augment(endingAt sinkState: Int32) {
        var path: [Int] = []
        var s = Int(sinkState)
        while s >= 0 {
            path.append(s)
            s = Int(parent[s])
        }
        path.reverse()
        for i in 0..<(path.count - 1) {
            let from = path[i]
            let to = path[i + 1]
            let u = from >> 1
            let v = to >> 1
            if from & 1 == 1 && to & 1 == 0 {
                if u == v {
                    // v_out → v_in: v no longer carries flow.
                    outTo[u] = -1
                    inFrom[u] = -1
                } else {
                    // u_out → v_in: either new flow on u→v, or the cancellation of v→u
                    // (impossible here: reverse edges are entered from in-states only).
                    if role[u] == 0 { outTo[u] = Int32(v) }
                    if role[v] == 0 { inFrom[v] = Int32(u) }
                }
            }
            // v_in → v_out: nothing to record; v_in → u_out cancels u→v, whose new values
            // are written by the neighbouring steps of the path.
        }
    }
}
