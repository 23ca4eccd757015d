/// PHAST (Delling et al.) on a CCH: distances from a set of seeds to every node with one
/// upward elimination-tree search and one linear downward sweep over all nodes in decreasing
/// rank. Used for isochrones and coverage, where whole regions are needed.
enum Phast {
    /// Costs from the seeds (`.toQuery` reversed: to the seeds) for every rank.
    /// `outward == true`: cost from the seeds to each node; false: from each node to the seeds.
    static func distances(
        from seeds: [Seed], outward: Bool, hierarchy h: ContractionHierarchy, metric: CCHMetric,
        workspace w: QueryWorkspace
    ) -> [PackedCost] {
        let n = h.nodeCount
        var dist = [PackedCost](repeating: Cost.infinity, count: n)
        guard !seeds.isEmpty else { return dist }
        let upward = outward ? metric.up : metric.down
        let downward = outward ? metric.down : metric.up
        EliminationTreeSearch.ancestors(of: seeds, hierarchy: h, workspace: w, into: &w.forwardList)
        EliminationTreeSearch.run(
            seeds: seeds, hierarchy: h, costs: upward, list: w.forwardList, dist: &w.forward, pred: &w.forwardArc)
        for x in w.forwardList { dist[Int(x)] = w.forward[Int(x)] }
        EliminationTreeSearch.reset(w.forwardList, dist: &w.forward, pred: &w.forwardArc)
        h.firstUp.withUnsafeBufferPointer { firstUp in
            h.upHead.withUnsafeBufferPointer { upHead in
                downward.withUnsafeBufferPointer { down in
                    dist.withUnsafeMutableBufferPointer { dist in
                        var x = n - 1
                        while x >= 0 {
                            var best = dist[x]
                            for a in Int(firstUp[x])..<Int(firstUp[x + 1]) {
                                let c = dist[Int(upHead[a])] &+ down[a]
                                if c < best { best = c }
                            }
                            dist[x] = best
                            x -= 1
                        }
                    }
                }
            }
        }
        return dist
    }
}
