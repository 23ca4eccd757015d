/// Turns a path of CCH arcs (shortcuts) back into road edges: an arc whose cost equals its
/// input cost is a road edge; otherwise some lower triangle explains it and both halves are
/// unpacked in turn.
enum PathUnpacker {
    enum Direction {
        /// From the lower to the higher end of the arc.
        case up
        /// From the higher to the lower end.
        case down
    }

    /// Road edges along the path found by `EliminationTreeSearch.shortestPath`, with the
    /// ranks where the path enters and leaves the hierarchy.
    static func roadEdges(
        meeting m: UInt32, workspace w: QueryWorkspace, hierarchy h: ContractionHierarchy, metric: CCHMetric,
        graph: RoadGraph
    ) -> (first: UInt32, edges: [Int], last: UInt32) {
        var arcs: [(Int, Direction)] = []
        var x = m
        while w.forwardArc[Int(x)] != .max {
            let a = Int(w.forwardArc[Int(x)])
            arcs.append((a, .up))
            x = h.upTail[a]
        }
        let first = x
        arcs.reverse()
        x = m
        while w.backwardArc[Int(x)] != .max {
            let a = Int(w.backwardArc[Int(x)])
            arcs.append((a, .down))
            x = h.upTail[a]
        }
        let last = x
        var edges: [Int] = []
        for (a, d) in arcs { unpack(a, d, hierarchy: h, metric: metric, graph: graph, into: &edges) }
        return (first, edges, last)
    }

    static func unpack(
        _ arc: Int, _ direction: Direction, hierarchy h: ContractionHierarchy, metric: CCHMetric, graph: RoadGraph,
        into edges: inout [Int]
    ) {
        var stack: [(Int, Direction)] = [(arc, direction)]
        while let (a, d) = stack.popLast() {
            let x = Int(h.upTail[a])
            let y = Int(h.upHead[a])
            let cost = d == .up ? metric.up[a] : metric.down[a]
            let input = d == .up ? metric.inputUp[a] : metric.inputDown[a]
            if input == cost {
                let (from, to) = d == .up ? (x, y) : (y, x)
                if let e = graph.edge(from: Int(h.nodeOfRank[from]), to: Int(h.nodeOfRank[to])) {
                    edges.append(e)
                    continue
                }
            }
            var found: (Int, Int)?
            h.forEachLowerTriangle(x, y) { ax, ay in
                guard found == nil else { return }
                if d == .up {
                    if metric.down[ax] &+ metric.up[ay] == cost { found = (ax, ay) }
                } else {
                    if metric.down[ay] &+ metric.up[ax] == cost { found = (ax, ay) }
                }
            }
            guard let (ax, ay) = found else { continue }  // unreachable for a consistent metric
            if d == .up {
                // x → v → y: pushed in reverse so x → v is unpacked first.
                stack.append((ay, .up))
                stack.append((ax, .down))
            } else {
                // y → v → x.
                stack.append((ax, .up))
                stack.append((ay, .down))
            }
        }
    }
}
