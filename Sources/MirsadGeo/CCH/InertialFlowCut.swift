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
        var best: [Int32]?
        var solver = UnitNodeFlow(graph: g)
        let pinned = max(1, Int(Double(n) * sideShare))
        var ranked = [ProjectedNode](repeating: ProjectedNode(key: 0, node: 0), count: n)
        for (dx, dy) in directions {
            for v in 0..<n { ranked[v] = ProjectedNode(key: g.x[v] * dx + g.y[v] * dy, node: Int32(v)) }
            // Only which nodes fall in each end quarter matters, not their order: two
            // selections instead of a sort.
            ProjectedNode.select(&ranked, 0..<n, smallest: pinned)
            ProjectedNode.select(&ranked, pinned..<n, smallest: n - 2 * pinned)
            let limit = best.map { $0.count - 1 } ?? Int.max
            if let cut = solver.minimumCut(
                sources: ranked[0..<pinned].map(\.node), sinks: ranked[(n - pinned)...].map(\.node), limit: limit)
            {
                best = cut
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

/// Maximum flow with unit node capacities on an undirected graph (Dinic's algorithm on the
/// implicit node-split residual network): each phase labels the states by breadth-first
/// distance from the sources, then augments along shortest paths by depth-first search
/// until none is left, so a cut of c nodes costs a handful of phases, not c full searches.
/// Sources and sinks have unlimited capacity, so the minimum cut consists of other nodes only.
struct UnitNodeFlow {
    let g: UndirectedGraph
    private var role: [UInt8]  // 0 free, 1 source, 2 sink
    /// Where the unit of flow through a free node comes from and goes to (-1: none).
    private var inFrom: [Int32]
    private var outTo: [Int32]
    /// Per state (2v = v_in, 2v+1 = v_out): distance from the sources in this phase, -1 when
    /// unreached (or found to lead nowhere), and the next arc the search will try.
    private var level: [Int32]
    private var cursor: [Int32]
    private var queue: [Int32]
    private var path: [Int32]

    init(graph: UndirectedGraph) {
        g = graph
        let n = graph.nodeCount
        role = [UInt8](repeating: 0, count: n)
        inFrom = [Int32](repeating: -1, count: n)
        outTo = [Int32](repeating: -1, count: n)
        level = [Int32](repeating: -1, count: 2 * n)
        cursor = [Int32](repeating: 0, count: 2 * n)
        queue = []
        queue.reserveCapacity(2 * n)
        path = []
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
        var flow = 0
        while labelLevels(sources: sources) {
            for i in cursor.indices { cursor[i] = 0 }
            for s in sources {
                while findPath(from: 2 * s + 1) {
                    augment()
                    flow += 1
                    if flow > limit { return nil }
                }
            }
        }
        // The last labelling reached everything reachable: the cut is every node whose
        // in-state was reached but whose out-state was not.
        var cut: [Int32] = []
        for v in 0..<n where role[v] == 0 && level[2 * v] >= 0 && level[2 * v + 1] < 0 { cut.append(Int32(v)) }
        return cut
    }

    @inline(__always)
    private func isSink(_ state: Int) -> Bool { state & 1 == 0 && role[state >> 1] == 2 }

    /// Number of residual arcs a state may have: a node's out-state leads to every
    /// neighbour's in-state and back to its own in-state; an in-state has one way on.
    @inline(__always)
    private func arcCount(_ state: Int) -> Int {
        state & 1 == 1 ? g.degree(state >> 1) + 1 : 1
    }

    /// The state arc `k` of `state` leads to under the current flow, or -1 when it is full.
    @inline(__always)
    private func target(_ state: Int, _ k: Int) -> Int {
        let v = state >> 1
        if state & 1 == 1 {
            let first = Int(g.firstOut[v])
            if first + k < Int(g.firstOut[v + 1]) {
                let w = Int(g.adjacency[first + k])
                return role[w] == 1 ? -1 : 2 * w
            }
            // Back through v, undoing the unit it carries.
            return role[v] == 0 && outTo[v] >= 0 ? 2 * v : -1
        }
        // Through v when it is free; else back along the edge that feeds v.
        if outTo[v] < 0 { return 2 * v + 1 }
        let u = Int(inFrom[v])
        return u >= 0 && role[u] == 0 ? 2 * u + 1 : -1
    }

    /// Labels states by distance from the sources' out-states; true when a sink was reached.
    /// Labelling stops at the sinks' distance, except in the last phase, which reaches
    /// everything reachable (the cut is read from it).
    private mutating func labelLevels(sources: [Int32]) -> Bool {
        for i in level.indices { level[i] = -1 }
        queue.removeAll(keepingCapacity: true)
        for s in sources {
            level[2 * Int(s) + 1] = 0
            queue.append(2 * s + 1)
        }
        var sinkLevel = Int32.max
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let next = level[state] + 1
            if next >= sinkLevel { continue }
            for k in 0..<arcCount(state) {
                let t = target(state, k)
                guard t >= 0, level[t] < 0 else { continue }
                level[t] = next
                if isSink(t) {
                    sinkLevel = next
                } else {
                    queue.append(Int32(t))
                }
            }
        }
        return sinkLevel != Int32.max
    }

    /// A shortest augmenting path from `start` into `path`, searching depth-first along
    /// increasing levels; states that lead nowhere are dropped for the rest of the phase.
    private mutating func findPath(from start: Int32) -> Bool {
        path.removeAll(keepingCapacity: true)
        guard level[Int(start)] == 0 else { return false }
        path.append(start)
        while let top32 = path.last {
            let top = Int(top32)
            if isSink(top) { return true }
            let count = arcCount(top)
            var advanced = false
            while Int(cursor[top]) < count {
                let t = target(top, Int(cursor[top]))
                if t >= 0 && level[t] == level[top] + 1 {
                    path.append(Int32(t))
                    advanced = true
                    break
                }
                cursor[top] += 1
            }
            if !advanced {
                level[top] = -1
                path.removeLast()
                if let parent = path.last { cursor[Int(parent)] += 1 }
            }
        }
        return false
    }

    /// Pushes one unit along `path` (source out-state to sink in-state).
    private mutating func augment() {
        for i in 0..<(path.count - 1) {
            let from = Int(path[i])
            let to = Int(path[i + 1])
            let u = from >> 1
            let v = to >> 1
            if from & 1 == 1 && to & 1 == 0 {
                if u == v {
                    // v_out → v_in: v no longer carries flow.
                    outTo[u] = -1
                    inFrom[u] = -1
                } else {
                    // u_out → v_in: new flow on u → v.
                    if role[u] == 0 { outTo[u] = Int32(v) }
                    if role[v] == 0 { inFrom[v] = Int32(u) }
                }
            }
            // v_in → v_out: nothing to record; v_in → u_out cancels u → v, whose new values
            // are written by the neighbouring steps of the path.
        }
    }
}
