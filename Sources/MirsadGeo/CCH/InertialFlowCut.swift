import Dispatch

/// Inertial flow (Schild & Sommer): a small balanced node separator of a road graph.
///
/// For a few directions the nodes are ranked by their projection on the direction; the first
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
        let pinned = max(1, Int(Double(n) * sideShare))
        // The cut of direction d under `limit`: nil when none is that small.
        @Sendable func cut(_ d: Int, limit: Int, solver: inout UnitNodeFlow) -> [Int32]? {
            let (dx, dy) = directions[d]
            var ranked = (0..<n).map { ProjectedNode(key: g.x[$0] * dx + g.y[$0] * dy, node: Int32($0)) }
            // Only which nodes fall in each end quarter matters, not their order: two
            // selections instead of a sort.
            ProjectedNode.select(&ranked, 0..<n, smallest: pinned)
            ProjectedNode.select(&ranked, pinned..<n, smallest: n - 2 * pinned)
            return solver.minimumCut(
                sources: ranked[0..<pinned].map(\.node), sinks: ranked[(n - pinned)...].map(\.node), limit: limit)
        }
        var best: [Int32]?
        func limit() -> Int { best.map { $0.count - 1 } ?? Int.max }
        // Graphs as large as those dissected side by side have two directions cut at a time.
        if n < NestedDissectionOrder.parallelSize {
            var solver = UnitNodeFlow(graph: g)
            for d in directions.indices {
                if let c = cut(d, limit: limit(), solver: &solver) { best = c }
            }
            return best
        }
        // Two at a time; a later direction wins only with a strictly smaller cut, exactly as
        // one at a time (the limit only stops a flow early, it never changes its cut).
        for first in stride(from: 0, to: directions.count, by: 2) {
            let pair = Array(first..<min(first + 2, directions.count))
            let bound = limit()
            let cuts = ResultSlots<[Int32]>(count: pair.count)
            DispatchQueue.concurrentPerform(iterations: pair.count) { i in
                var solver = UnitNodeFlow(graph: g)
                if let c = cut(pair[i], limit: bound, solver: &solver) { cuts.set(i, c) }
            }
            for c in cuts.values() {
                if let c, c.count < (best?.count ?? Int.max) { best = c }
            }
        }
        return best
    }
}

/// A node with its position along a direction, ordered by position and then by id, so that
/// equal positions still split the same way every run.
struct ProjectedNode: Comparable {
    var key: Double
    var node: Int32

    static func < (a: ProjectedNode, b: ProjectedNode) -> Bool {
        a.key != b.key ? a.key < b.key : a.node < b.node
    }

    /// Reorders `range` of `items` so that its first `k` elements are its `k` smallest
    /// (quickselect with a median-of-three pivot; expected linear time).
    static func select(_ items: inout [ProjectedNode], _ range: Range<Int>, smallest k: Int) {
        var lo = range.lowerBound
        var hi = range.upperBound - 1
        let target = range.lowerBound + k
        guard k > 0, k < range.count else { return }
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            // Median of three to `mid`, then partition around it (Hoare).
            if items[mid] < items[lo] { items.swapAt(mid, lo) }
            if items[hi] < items[lo] { items.swapAt(hi, lo) }
            if items[hi] < items[mid] { items.swapAt(hi, mid) }
            let pivot = items[mid]
            var i = lo
            var j = hi
            while i <= j {
                while items[i] < pivot { i += 1 }
                while pivot < items[j] { j -= 1 }
                if i <= j {
                    items.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // [lo, j] ≤ pivot ≤ [i, hi]; the k-th boundary lies in one of the parts.
            if target <= j {
                hi = j
            } else if target >= i {
                lo = i
            } else {
                return
            }
        }
    }
}

/// Maximum flow with unit node capacities on an undirected graph, by breadth-first augmenting
/// paths in the implicit node-split residual network. Sources and sinks have unlimited
/// capacity, so the minimum cut consists of other nodes only.
///
/// On road graphs every augmenting path is longer than the last, so Dinic's phases find one
/// path each and cost twice as much; a search that stops at the first sink it reaches, from
/// the sources that border the rest only, is the cheaper one here.
struct UnitNodeFlow {
    let g: UndirectedGraph
    private var role: [UInt8]  // 0 free, 1 source, 2 sink
    private var inFrom: [Int32]
    private var outTo: [Int32]
    private var stamp: [UInt32]
    private var parent: [Int32]
    private var generation: UInt32 = 0
    private var queue: [Int32]
    /// The sinks' in-states the last search reached, and per node the round whose path
    /// took it (paths augmented together must not share a node).
    private var hits: [Int32] = []
    private var taken: [UInt32]
    private var round: UInt32 = 0

    init(graph: UndirectedGraph) {
        g = graph
        let n = graph.nodeCount
        role = [UInt8](repeating: 0, count: n)
        inFrom = [Int32](repeating: -1, count: n)
        outTo = [Int32](repeating: -1, count: n)
        stamp = [UInt32](repeating: 0, count: 2 * n)
        parent = [Int32](repeating: -1, count: 2 * n)
        queue = [Int32](repeating: 0, count: 2 * n)
        taken = [UInt32](repeating: 0, count: n)
    }

    /// The minimum vertex cut between `sources` and `sinks`, or nil when it would exceed
    /// `limit` nodes or when a source touches a sink (no finite cut).
    mutating func minimumCut(sources: [Int32], sinks: [Int32], limit: Int) -> [Int32]? {
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
        // A source whose neighbours are all sources can start no augmenting path.
        let frontier = sources.filter { s in g.neighbors(Int(s)).contains { role[Int(g.adjacency[$0])] != 1 } }
        var flow = 0
        // Each search reaches many sinks; the tree paths to them that share no node are all
        // augmenting paths at once (none changes the residual arcs of another).
        while augmentingSearch(sources: frontier) {
            round &+= 1
            for sinkState in hits where isFree(pathTo: sinkState) {
                flow += 1
                if flow > limit { return nil }
                augment(endingAt: sinkState)
            }
        }
        // The last search marked everything reachable: the cut is every node whose in-state
        // was reached but whose out-state was not.
        var cut: [Int32] = []
        for v in 0..<n where role[v] == 0 {
            if stamp[2 * v] == generation && stamp[2 * v + 1] != generation { cut.append(Int32(v)) }
        }
        return cut
    }

    /// Whether the search tree's path to `sinkState` avoids every node taken this round; if
    /// so, takes them.
    private mutating func isFree(pathTo sinkState: Int32) -> Bool {
        var s = Int(parent[Int(sinkState)])
        while s >= 0 {
            if taken[s >> 1] == round { return false }
            s = Int(parent[s])
        }
        s = Int(parent[Int(sinkState)])
        while s >= 0 {
            taken[s >> 1] = round
            s = Int(parent[s])
        }
        return true
    }

    /// States: 2v = v_in, 2v+1 = v_out. Searches everything reachable from the sources and
    /// collects the sinks' in-states reached in `hits`; true when there is one.
    private mutating func augmentingSearch(sources: [Int32]) -> Bool {
        generation &+= 1
        if generation == 0 {
            for i in stamp.indices { stamp[i] = 0 }
            generation = 1
        }
        let gen = generation
        var found = hits
        found.removeAll(keepingCapacity: true)
        hits = []
        // The hot loop of preprocessing: raw buffers, each state queued at most once.
        g.firstOut.withUnsafeBufferPointer { firstOut in
            g.adjacency.withUnsafeBufferPointer { adjacency in
                role.withUnsafeBufferPointer { role in
                    outTo.withUnsafeBufferPointer { outTo in
                        inFrom.withUnsafeBufferPointer { inFrom in
                            stamp.withUnsafeMutableBufferPointer { stamp in
                                parent.withUnsafeMutableBufferPointer { parent in
                                    queue.withUnsafeMutableBufferPointer { queue in
                                        var tail = 0
                                        @inline(__always) func visit(_ next: Int, from state: Int) {
                                            stamp[next] = gen
                                            parent[next] = Int32(state)
                                            queue[tail] = Int32(next)
                                            tail += 1
                                        }
                                        for s in sources {
                                            let state = 2 * Int(s) + 1
                                            stamp[state] = gen
                                            parent[state] = -1
                                            queue[tail] = Int32(state)
                                            tail += 1
                                        }
                                        var head = 0
                                        while head < tail {
                                            let state = Int(queue[head])
                                            head += 1
                                            let v = state >> 1
                                            if state & 1 == 1 {
                                                // v_out: to every neighbour's in-state; back to
                                                // v_in when v carries flow.
                                                for a in Int(firstOut[v])..<Int(firstOut[v + 1]) {
                                                    let w = Int(adjacency[a])
                                                    let next = 2 * w
                                                    if stamp[next] == gen || role[w] == 1 { continue }
                                                    if role[w] == 2 {
                                                        // A sink: recorded, not searched on.
                                                        stamp[next] = gen
                                                        parent[next] = Int32(state)
                                                        found.append(Int32(next))
                                                        continue
                                                    }
                                                    visit(next, from: state)
                                                }
                                                if role[v] == 0 && outTo[v] >= 0 && stamp[2 * v] != gen {
                                                    visit(2 * v, from: state)
                                                }
                                            } else if outTo[v] < 0 {
                                                // v_in: through v when it is free ...
                                                if stamp[2 * v + 1] != gen { visit(2 * v + 1, from: state) }
                                            } else {
                                                // ... else back along the edge that feeds v.
                                                let u = Int(inFrom[v])
                                                if u >= 0 && role[u] == 0 && stamp[2 * u + 1] != gen {
                                                    visit(2 * u + 1, from: state)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        hits = found
        return !hits.isEmpty
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
