import Dispatch
import MirsadGeodesy

/// Computes a contraction order for Customizable Contraction Hierarchies by nested dissection.
///
/// Road graphs are mostly trees hanging off the network (dead ends) and chains of degree-2
/// shape points. Those are ordered first and cheaply: dead-end trees leaf first, chains with
/// their middle node last so the elimination tree stays shallow. The remaining core is cut
/// recursively with inertial flow; each separator is ranked above the parts it separates.
enum NestedDissectionOrder {
    /// Pieces at or below this size are ordered by ascending degree.
    static let baseSize = 8

    /// `order[i]` is the node of rank `i`.
    static func compute(_ graph: RoadGraph) -> [Int32] {
        compute(UndirectedGraph(graph))
    }

    static func compute(_ g: UndirectedGraph) -> [Int32] {
        let n = g.nodeCount
        var order: [Int32] = []
        order.reserveCapacity(n)
        var removed = [Bool](repeating: false, count: n)
        var degree = (0..<n).map { g.degree($0) }

        // 1. Dead-end trees, leaf first.
        var queue: [Int32] = (0..<n).filter { degree[$0] <= 1 }.map { Int32($0) }
        var head = 0
        while head < queue.count {
            let v = Int(queue[head])
            head += 1
            if removed[v] { continue }
            removed[v] = true
            order.append(Int32(v))
            for a in g.neighbors(v) {
                let w = Int(g.adjacency[a])
                if removed[w] { continue }
                degree[w] -= 1
                if degree[w] <= 1 { queue.append(Int32(w)) }
            }
        }

        // 2. Chains of degree-2 nodes between junctions.
        var junction = (0..<n).map { !removed[$0] && degree[$0] >= 3 }
        var inChain = [Bool](repeating: false, count: n)
        var bypass: [(Int32, Int32)] = []
        /// The first remaining neighbour of `v` other than `except` (or -1).
        func aliveNeighbor(of v: Int, except: Int) -> Int {
            for a in g.neighbors(v) {
                let w = Int(g.adjacency[a])
                if !removed[w] && w != except { return w }
            }
            return -1
        }
        for start in 0..<n where !removed[start] && !junction[start] && !inChain[start] {
            // Walk both ways from `start` until junctions (or all the way round a cycle).
            guard degree[start] == 2 else { continue }
            let firstEnd = aliveNeighbor(of: start, except: -1)
            let ends = [firstEnd, aliveNeighbor(of: start, except: firstEnd)]
            var left: [Int] = []
            var right: [Int] = []
            var endpoints: [Int] = []
            var isCycle = false
            for (side, first) in ends.enumerated() {
                var previous = start
                var current = first
                while !junction[current] && current != start {
                    if side == 0 { left.append(current) } else { right.append(current) }
                    let onward = aliveNeighbor(of: current, except: previous)
                    let next = onward >= 0 ? onward : previous
                    previous = current
                    current = next
                }
                if current == start {
                    isCycle = true
                    break
                }
                endpoints.append(current)
            }
            var chain: [Int]
            if isCycle {
                // A ring with no junction: promote `start` to a junction, the rest is a chain.
                junction[start] = true
                chain = left
            } else {
                chain = left.reversed() + [start] + right
                if endpoints[0] != endpoints[1] { bypass.append((Int32(endpoints[0]), Int32(endpoints[1]))) }
            }
            for v in chain { inChain[v] = true }
            appendMiddleLast(chain, 0, chain.count - 1, into: &order)
        }

        // 3. The core: junctions, their direct links and one link per bypassed chain.
        let coreNodes = (0..<n).filter { junction[$0] }
        var coreId = [Int32](repeating: -1, count: n)
        for (i, v) in coreNodes.enumerated() { coreId[v] = Int32(i) }
        var pairs: [(Int32, Int32)] = []
        for v in coreNodes {
            for a in g.neighbors(v) {
                let w = Int(g.adjacency[a])
                if junction[w] { pairs.append((coreId[v], coreId[w])) }
            }
        }
        for (a, b) in bypass where junction[Int(a)] && junction[Int(b)] {
            pairs.append((coreId[Int(a)], coreId[Int(b)]))
            pairs.append((coreId[Int(b)], coreId[Int(a)]))
        }
        let core = UndirectedGraph(nodeCount: coreNodes.count, pairs: pairs) { i in
            PlanarPoint(x: g.x[coreNodes[i]], y: g.y[coreNodes[i]])
        }
        var coreOrder: [Int32] = []
        coreOrder.reserveCapacity(coreNodes.count)
        dissect(core, ids: (0..<core.nodeCount).map { Int32($0) }, into: &coreOrder)
        order.append(contentsOf: coreOrder.map { Int32(coreNodes[Int($0)]) })
        precondition(order.count == n, "ordering lost nodes")
        return order
    }

    private static func appendMiddleLast(_ chain: [Int], _ lo: Int, _ hi: Int, into order: inout [Int32]) {
        guard lo <= hi else { return }
        let mid = (lo + hi) / 2
        appendMiddleLast(chain, lo, mid - 1, into: &order)
        appendMiddleLast(chain, mid + 1, hi, into: &order)
        order.append(Int32(chain[mid]))
    }

    /// Orders `sub` (whose node i is `ids[i]`) with separators last.
    private static func dissect(_ sub: UndirectedGraph, ids: [Int32], into order: inout [Int32]) {
        let n = sub.nodeCount
        if n == 0 { return }
        if n <= baseSize {
            order.append(contentsOf: (0..<n).sorted { sub.degree($0) < sub.degree($1) }.map { ids[$0] })
            return
        }
        let all = [Bool](repeating: true, count: n)
        let components = sub.components(alive: all)
        if components.count > 1 {
            recurse(sub, ids: ids, parts: components, into: &order)
            return
        }
        guard let separator = InertialFlowCut.separator(of: sub), !separator.isEmpty, separator.count < n else {
            order.append(contentsOf: (0..<n).sorted { sub.degree($0) < sub.degree($1) }.map { ids[$0] })
            return
        }
        var alive = all
        for v in separator { alive[Int(v)] = false }
        recurse(sub, ids: ids, parts: sub.components(alive: alive), into: &order)
        order.append(contentsOf: separator.map { ids[Int($0)] })
    }

    /// Pieces at least this large are dissected side by side on the machine's cores (the
    /// order of each is computed apart and appended in the same order as one at a time).
    static let parallelSize = 40_000

    private static func recurse(
        _ sub: UndirectedGraph, ids: [Int32], parts: [[Int32]], into order: inout [Int32]
    ) {
        if sub.nodeCount >= parallelSize && parts.count > 1 {
            let orders = ResultSlots<[Int32]>(count: parts.count)
            DispatchQueue.concurrentPerform(iterations: parts.count) { i in
                var local = [Int32](repeating: -1, count: sub.nodeCount)
                let piece = sub.induced(parts[i], local: &local)
                var partOrder: [Int32] = []
                partOrder.reserveCapacity(parts[i].count)
                dissect(piece, ids: parts[i].map { ids[Int($0)] }, into: &partOrder)
                orders.set(i, partOrder)
            }
            for part in orders.values() { order.append(contentsOf: part ?? []) }
            return
        }
        var local = [Int32](repeating: -1, count: sub.nodeCount)
        for part in parts {
            let piece = sub.induced(part, local: &local)
            dissect(piece, ids: part.map { ids[Int($0)] }, into: &order)
        }
    }
}
