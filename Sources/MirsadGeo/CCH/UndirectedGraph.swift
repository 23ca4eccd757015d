import MirsadGeodesy

/// A simple undirected graph in CSR form with planar node positions: the input of the
/// nested-dissection ordering, which only cares about topology and geometry.
struct UndirectedGraph {
    var firstOut: [Int32]
    var adjacency: [Int32]
    var x: [Double]
    var y: [Double]

    var nodeCount: Int { x.count }

    func neighbors(_ v: Int) -> Range<Int> { Int(firstOut[v])..<Int(firstOut[v + 1]) }

    func degree(_ v: Int) -> Int { Int(firstOut[v + 1] - firstOut[v]) }

    /// Symmetric, loop-free, duplicate-free adjacency of a road graph, built by counting (a
    /// graph of a million edges is not worth a sort of its pairs).
    init(_ graph: RoadGraph) {
        let projection = graph.projection
        let n = graph.nodeCount
        var firstOut = [Int32](repeating: 0, count: n + 1)
        for e in 0..<graph.edgeCount where graph.tail[e] != graph.head[e] {
            firstOut[Int(graph.tail[e]) + 1] += 1
            firstOut[Int(graph.head[e]) + 1] += 1
        }
        for i in 0..<n { firstOut[i + 1] += firstOut[i] }
        var fill = firstOut
        var slots = [Int32](repeating: 0, count: Int(firstOut[n]))
        for e in 0..<graph.edgeCount where graph.tail[e] != graph.head[e] {
            let u = Int(graph.tail[e])
            let v = Int(graph.head[e])
            slots[Int(fill[u])] = Int32(v)
            fill[u] += 1
            slots[Int(fill[v])] = Int32(u)
            fill[v] += 1
        }
        // Each node's few neighbours sorted, and the pair of a two-way road kept once.
        var compact = [Int32](repeating: 0, count: n + 1)
        var adjacency: [Int32] = []
        adjacency.reserveCapacity(slots.count)
        for v in 0..<n {
            let range = Int(firstOut[v])..<Int(firstOut[v + 1])
            slots[range].sort()
            for i in range where i == range.lowerBound || slots[i - 1] != slots[i] { adjacency.append(slots[i]) }
            compact[v + 1] = Int32(adjacency.count)
        }
        let (xs, ys) = graph.planarPositions(projection)
        self.init(firstOut: compact, adjacency: adjacency, x: xs, y: ys)
    }

    /// Builds from directed pairs (both directions must be present for symmetry).
    init(nodeCount n: Int, pairs: [(Int32, Int32)], position: (Int) -> PlanarPoint) {
        var sorted = pairs.filter { $0.0 != $0.1 }
        sorted.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var firstOut = [Int32](repeating: 0, count: n + 1)
        var adjacency: [Int32] = []
        adjacency.reserveCapacity(sorted.count)
        var last: (Int32, Int32) = (-1, -1)
        for p in sorted where p != last {
            adjacency.append(p.1)
            firstOut[Int(p.0) + 1] += 1
            last = p
        }
        for i in 0..<n { firstOut[i + 1] += firstOut[i] }
        self.firstOut = firstOut
        self.adjacency = adjacency
        var xs = [Double](repeating: 0, count: n)
        var ys = [Double](repeating: 0, count: n)
        for v in 0..<n {
            let p = position(v)
            xs[v] = p.x
            ys[v] = p.y
        }
        x = xs
        y = ys
    }

    init(firstOut: [Int32], adjacency: [Int32], x: [Double], y: [Double]) {
        self.firstOut = firstOut
        self.adjacency = adjacency
        self.x = x
        self.y = y
    }

    /// The subgraph induced by `nodes` (global ids), renumbered 0..<nodes.count in that order.
    /// `local` is scratch of size `nodeCount` filled with -1; it is restored before returning.
    func induced(_ nodes: [Int32], local: inout [Int32]) -> UndirectedGraph {
        for (i, v) in nodes.enumerated() { local[Int(v)] = Int32(i) }
        var firstOut = [Int32](repeating: 0, count: nodes.count + 1)
        var adj: [Int32] = []
        var xs = [Double](repeating: 0, count: nodes.count)
        var ys = [Double](repeating: 0, count: nodes.count)
        for (i, v) in nodes.enumerated() {
            for a in neighbors(Int(v)) {
                let w = local[Int(self.adjacency[a])]
                if w >= 0 { adj.append(w) }
            }
            firstOut[i + 1] = Int32(adj.count)
            xs[i] = x[Int(v)]
            ys[i] = y[Int(v)]
        }
        for v in nodes { local[Int(v)] = -1 }
        return UndirectedGraph(firstOut: firstOut, adjacency: adj, x: xs, y: ys)
    }

    /// Connected components restricted to nodes with `alive[v]`, as lists of local ids.
    func components(alive: [Bool]) -> [[Int32]] {
        var seen = [Bool](repeating: false, count: nodeCount)
        var result: [[Int32]] = []
        var stack: [Int32] = []
        for start in 0..<nodeCount where alive[start] && !seen[start] {
            var component: [Int32] = []
            seen[start] = true
            stack.append(Int32(start))
            while let v = stack.popLast() {
                component.append(v)
                for a in neighbors(Int(v)) {
                    let w = Int(adjacency[a])
                    if alive[w] && !seen[w] {
                        seen[w] = true
                        stack.append(Int32(w))
                    }
                }
            }
            result.append(component)
        }
        return result
    }
}
