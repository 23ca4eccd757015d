import MirsadGeodesy
import Testing

@testable import MirsadGeo

@Suite("Minimum vertex cuts and the selection behind inertial flow")
struct InertialFlowTests {
    /// Whether removing `cut` leaves no path from a source to a sink.
    static func separates(_ g: UndirectedGraph, _ cut: Set<Int32>, sources: [Int32], sinks: Set<Int32>) -> Bool {
        var seen = Set(sources)
        var stack = sources
        while let v = stack.popLast() {
            if sinks.contains(v) { return false }
            for a in g.neighbors(Int(v)) {
                let w = g.adjacency[a]
                if !cut.contains(w) && seen.insert(w).inserted { stack.append(w) }
            }
        }
        return true
    }

    @Test("the flow's cut separates the sides and is as small as the smallest found by trying every subset")
    func cutsAreMinimum() {
        var rng = SplitMix64(seed: 5)
        var checked = 0
        for _ in 0..<300 {
            let n = 6 + Int(rng.next() % 7)
            var pairs: [(Int32, Int32)] = []
            for u in 0..<n {
                for v in (u + 1)..<n where rng.next() % 100 < 35 {
                    pairs.append((Int32(u), Int32(v)))
                    pairs.append((Int32(v), Int32(u)))
                }
            }
            let g = UndirectedGraph(nodeCount: n, pairs: pairs) { PlanarPoint(x: Double($0), y: 0) }
            let sources: [Int32] = [0, 1].prefix(1 + Int(rng.next() % 2)).map { $0 }
            let sinks: [Int32] = [Int32(n - 1), Int32(n - 2)].prefix(1 + Int(rng.next() % 2)).map { $0 }
            var solver = UnitNodeFlow(graph: g)
            let touching = sources.contains { s in g.neighbors(Int(s)).contains { sinks.contains(g.adjacency[$0]) } }
            guard let cut = solver.minimumCut(sources: sources, sinks: sinks, limit: .max) else {
                #expect(touching, "no cut only where a source touches a sink")
                continue
            }
            #expect(!touching)
            let sinkSet = Set(sinks)
            #expect(Self.separates(g, Set(cut), sources: sources, sinks: sinkSet))
            #expect(cut.allSatisfy { !sources.contains($0) && !sinkSet.contains($0) })
            // The smallest separator among all subsets of the other nodes.
            let free = (0..<Int32(n)).filter { !sources.contains($0) && !sinkSet.contains($0) }
            var smallest = Int.max
            for mask in 0..<(1 << free.count) where mask.nonzeroBitCount < smallest {
                let subset = Set(free.indices.filter { mask & (1 << $0) != 0 }.map { free[$0] })
                if Self.separates(g, subset, sources: sources, sinks: sinkSet) { smallest = subset.count }
            }
            #expect(cut.count == smallest)
            // Over the limit, no cut; the solver is reusable.
            if !cut.isEmpty { #expect(solver.minimumCut(sources: sources, sinks: sinks, limit: cut.count - 1) == nil) }
            #expect(solver.minimumCut(sources: sources, sinks: sinks, limit: .max)?.count == cut.count)
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test("selection puts the k smallest first, ties broken by node id, like sorting would")
    func selection() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<200 {
            let n = 1 + Int(rng.next() % 60)
            // Few distinct keys, so ties are common.
            var items = (0..<n).map { ProjectedNode(key: Double(rng.next() % 7), node: Int32($0)) }
            let sorted = items.sorted()
            let k = Int(rng.next() % UInt64(n + 1))
            ProjectedNode.select(&items, 0..<n, smallest: k)
            #expect(Set(items[0..<k].map(\.node)) == Set(sorted[0..<k].map(\.node)))
            #expect(Set(items.map(\.node)).count == n, "a permutation")
        }
    }
}
