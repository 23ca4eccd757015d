/// Plain Dijkstra on the road graph with a binary heap: slow but obviously correct, so tests
/// and tools use it as the reference the hierarchy must match exactly.
public struct ReferenceDijkstra: Sendable {
    public let graph: RoadGraph
    let edgeCost: [PackedCost]

    /// Free-flow costs.
    public init(graph: RoadGraph) {
        self.graph = graph
        edgeCost = (0..<graph.edgeCount).map { Cost.pack(ms: graph.timeMs[$0], dm: graph.lengthDm[$0]) }
    }

    init(graph: RoadGraph, edgeCost: [PackedCost]) {
        self.graph = graph
        self.edgeCost = edgeCost
    }

    /// A reference whose edge costs reflect the engine's current closures.
    public init(engine: RoutingEngine) {
        self.init(graph: engine.graph, edgeCost: engine.currentMetric.edgeCost)
    }

    /// Travel time (seconds) and length (metres) of the fastest path between two nodes,
    /// breaking ties by length; nil when unreachable.
    public func travel(from source: Int, to target: Int) -> TravelEstimate? {
        let d = run(seeds: [(source, 0)], stopAt: target)
        return d[target] < Cost.infinity ? TravelEstimate(d[target]) : nil
    }

    /// Costs from the seeds to every node (packed), for tests at snapped positions.
    func run(seeds: [(Int, PackedCost)], stopAt target: Int? = nil) -> [PackedCost] {
        var dist = [PackedCost](repeating: Cost.infinity, count: graph.nodeCount)
        var heap: [(PackedCost, Int)] = []
        func push(_ item: (PackedCost, Int)) {
            heap.append(item)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                if heap[p].0 <= heap[i].0 { break }
                heap.swapAt(p, i)
                i = p
            }
        }
        func pop() -> (PackedCost, Int)? {
            guard !heap.isEmpty else { return nil }
            let top = heap[0]
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1
                    let r = l + 1
                    var m = i
                    if l < heap.count && heap[l].0 < heap[m].0 { m = l }
                    if r < heap.count && heap[r].0 < heap[m].0 { m = r }
                    if m == i { break }
                    heap.swapAt(m, i)
                    i = m
                }
            }
            return top
        }
        for (node, cost) in seeds where cost < dist[node] {
            dist[node] = cost
            push((cost, node))
        }
        while let (d, v) = pop() {
            if d > dist[v] { continue }
            if v == target { break }
            for e in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) {
                let c = edgeCost[e]
                if c >= Cost.infinity { continue }
                let w = Int(graph.head[e])
                let nd = d + c
                if nd < dist[w] {
                    dist[w] = nd
                    push((nd, w))
                }
            }
        }
        return dist
    }
}
