/// A start or end of a query inside the hierarchy: a CCH node (rank) with the cost already
/// spent (or still to spend) between the snapped position and that node.
struct Seed: Sendable, Hashable {
    var node: UInt32
    var cost: PackedCost
    /// The road edge driven (partly) between the snapped position and `node`, if any.
    var edge: UInt32 = .max
    /// True when that edge is driven end to end (the position sits on its far node).
    var coversWholeEdge = false
}

/// Elimination-tree searches (Dibbelt, Strasser, Wagner): in a CCH every upward path from a
/// node stays on its ancestors in the elimination tree, so an upward search is a walk to the
/// root relaxing arcs in rank order — no priority queue.
enum EliminationTreeSearch {
    /// Collects the union of the ancestors of `seeds` into `list`, ascending.
    static func ancestors(
        of seeds: [Seed], hierarchy h: ContractionHierarchy, workspace w: QueryWorkspace, into list: inout [UInt32]
    ) {
        list.removeAll(keepingCapacity: true)
        let stamp = w.nextStamp()
        var runs = 0
        for seed in seeds {
            var x = seed.node
            if w.mark[Int(x)] == stamp { continue }
            runs += 1
            while x != .max && w.mark[Int(x)] != stamp {
                w.mark[Int(x)] = stamp
                list.append(x)
                x = h.parent[Int(x)]
            }
        }
        if runs > 1 { list.sort() }
    }

    /// Upward search from `seeds` with the given arc costs (`metric.up` for forward searches
    /// from a source, `metric.down` for backward searches from a target). Fills `dist` and
    /// `pred` on the nodes of `list`.
    static func run(
        seeds: [Seed], hierarchy h: ContractionHierarchy, costs: [PackedCost], list: [UInt32],
        dist: inout [PackedCost], pred: inout [UInt32]
    ) {
        for s in seeds where s.cost < dist[Int(s.node)] {
            dist[Int(s.node)] = s.cost
            pred[Int(s.node)] = .max
        }
        h.firstUp.withUnsafeBufferPointer { firstUp in
            h.upHead.withUnsafeBufferPointer { upHead in
                costs.withUnsafeBufferPointer { costs in
                    dist.withUnsafeMutableBufferPointer { dist in
                        pred.withUnsafeMutableBufferPointer { pred in
                            for x in list {
                                let d = dist[Int(x)]
                                if d >= Cost.infinity { continue }
                                for a in Int(firstUp[Int(x)])..<Int(firstUp[Int(x) + 1]) {
                                    let y = Int(upHead[a])
                                    let nd = d &+ costs[a]
                                    if nd < dist[y] {
                                        dist[y] = nd
                                        pred[y] = UInt32(a)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Resets the labels of `list` to unreached.
    static func reset(_ list: [UInt32], dist: inout [PackedCost], pred: inout [UInt32]) {
        for x in list {
            dist[Int(x)] = Cost.infinity
            pred[Int(x)] = .max
        }
    }

    /// Point-to-point query. Returns the cost and the meeting node, with the workspace's
    /// forward/backward labels left filled for path extraction (call `finish` afterwards).
    static func shortestPath(
        from sources: [Seed], to targets: [Seed], hierarchy h: ContractionHierarchy, metric: CCHMetric,
        workspace w: QueryWorkspace
    ) -> (cost: PackedCost, meeting: UInt32)? {
        ancestors(of: sources, hierarchy: h, workspace: w, into: &w.forwardList)
        ancestors(of: targets, hierarchy: h, workspace: w, into: &w.backwardList)
        for s in sources where s.cost < w.forward[Int(s.node)] {
            w.forward[Int(s.node)] = s.cost
            w.forwardArc[Int(s.node)] = .max
        }
        for t in targets where t.cost < w.backward[Int(t.node)] {
            w.backward[Int(t.node)] = t.cost
            w.backwardArc[Int(t.node)] = .max
        }
        var best = Cost.infinity
        var meeting = UInt32.max
        // Walk both ancestor lists in rank order; prune relaxations that cannot beat `best`.
        let fl = w.forwardList
        let bl = w.backwardList
        var i = 0
        var j = 0
        h.firstUp.withUnsafeBufferPointer { firstUp in
            h.upHead.withUnsafeBufferPointer { upHead in
                metric.up.withUnsafeBufferPointer { upCost in
                    metric.down.withUnsafeBufferPointer { downCost in
                        w.forward.withUnsafeMutableBufferPointer { fd in
                            w.backward.withUnsafeMutableBufferPointer { bd in
                                w.forwardArc.withUnsafeMutableBufferPointer { fp in
                                    w.backwardArc.withUnsafeMutableBufferPointer { bp in
                                        while i < fl.count || j < bl.count {
                                            let x: UInt32
                                            let inF: Bool
                                            let inB: Bool
                                            if j == bl.count || (i < fl.count && fl[i] < bl[j]) {
                                                x = fl[i]
                                                inF = true
                                                inB = false
                                                i += 1
                                            } else if i == fl.count || bl[j] < fl[i] {
                                                x = bl[j]
                                                inF = false
                                                inB = true
                                                j += 1
                                            } else {
                                                x = fl[i]
                                                inF = true
                                                inB = true
                                                i += 1
                                                j += 1
                                            }
                                            let xi = Int(x)
                                            let df = fd[xi]
                                            let db = bd[xi]
                                            if inF && inB && df &+ db < best {
                                                best = df &+ db
                                                meeting = x
                                            }
                                            let b = Int(firstUp[xi])
                                            let e = Int(firstUp[xi + 1])
                                            if inF && df < best {
                                                for a in b..<e {
                                                    let y = Int(upHead[a])
                                                    let nd = df &+ upCost[a]
                                                    if nd < fd[y] {
                                                        fd[y] = nd
                                                        fp[y] = UInt32(a)
                                                    }
                                                }
                                            }
                                            if inB && db < best {
                                                for a in b..<e {
                                                    let y = Int(upHead[a])
                                                    let nd = db &+ downCost[a]
                                                    if nd < bd[y] {
                                                        bd[y] = nd
                                                        bp[y] = UInt32(a)
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
        }
        return best < Cost.infinity ? (best, meeting) : nil
    }

    /// Clears what `shortestPath` left in the workspace.
    static func finish(_ w: QueryWorkspace) {
        reset(w.forwardList, dist: &w.forward, pred: &w.forwardArc)
        reset(w.backwardList, dist: &w.backward, pred: &w.backwardArc)
    }
}
