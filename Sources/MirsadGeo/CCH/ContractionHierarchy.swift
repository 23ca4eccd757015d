/// The metric-independent part of a Customizable Contraction Hierarchy: a node order, the
/// chordal supergraph it induces (upward arcs in CSR form, nodes numbered by rank), the
/// elimination tree, downward arc lists and the mapping of road edges onto arcs.
///
/// Everything here depends on topology only, so closures and vehicle speeds never require
/// recomputing it; they are handled by customization (`CCHMetric`).
public struct ContractionHierarchy: Sendable {
    /// Rank of each road-graph node; CCH node ids are ranks.
    let rank: [UInt32]
    /// Road-graph node of each rank.
    let nodeOfRank: [UInt32]
    /// `firstUp[r]..<firstUp[r+1]` are the arcs from `r` to higher-ranked neighbours, sorted.
    let firstUp: [UInt32]
    let upHead: [UInt32]
    /// Lower end of each arc.
    let upTail: [UInt32]
    /// Elimination-tree parent (lowest upward neighbour), `UInt32.max` at roots.
    let parent: [UInt32]
    /// `firstDown[r]..<firstDown[r+1]` are the arcs from lower-ranked neighbours into `r`,
    /// sorted by the lower end: `downTail` holds the lower end and `downArc` the arc id.
    let firstDown: [UInt32]
    let downTail: [UInt32]
    let downArc: [UInt32]
    /// Arc of each road edge, times two, plus 1 when the edge runs from the higher to the
    /// lower rank ("down" direction).
    let edgeArc: [UInt32]

    /// Number of CCH nodes.
    public var nodeCount: Int { rank.count }
    /// Number of arcs of the chordal supergraph (each serves both directions).
    public var arcCount: Int { upHead.count }

    /// Builds the hierarchy for `graph` with the given order (`order[i]` = node of rank i).
    init(graph: RoadGraph, order: [Int32]) {
        let n = graph.nodeCount
        var rank = [UInt32](repeating: 0, count: n)
        for (i, v) in order.enumerated() { rank[Int(v)] = UInt32(i) }
        // Upward neighbour sets in rank space, then elimination: each node's upper
        // neighbourhood minus its parent is merged into the parent's.
        // The input arcs in rank space, grouped by lower end (CSR), sorted and unique.
        var first = [Int](repeating: 0, count: n + 1)
        for e in 0..<graph.edgeCount {
            let a = rank[Int(graph.tail[e])]
            let b = rank[Int(graph.head[e])]
            if a != b { first[Int(min(a, b)) + 1] += 1 }
        }
        for r in 0..<n { first[r + 1] += first[r] }
        var fill = first
        var heads = [UInt32](repeating: 0, count: first[n])
        for e in 0..<graph.edgeCount {
            let a = rank[Int(graph.tail[e])]
            let b = rank[Int(graph.head[e])]
            guard a != b else { continue }
            let lo = Int(min(a, b))
            heads[fill[lo]] = max(a, b)
            fill[lo] += 1
        }
        var up = [[UInt32]](repeating: [], count: n)
        for r in 0..<n where first[r] < first[r + 1] {
            heads[first[r]..<first[r + 1]].sort()
            var list: [UInt32] = []
            list.reserveCapacity(first[r + 1] - first[r])
            for i in first[r]..<first[r + 1] where list.last != heads[i] { list.append(heads[i]) }
            up[r] = list
        }
        // Elimination: each node's upper neighbourhood minus its parent joins the parent's.
        var merged: [UInt32] = []
        for r in 0..<n {
            guard up[r].count > 1 else { continue }
            let p = Int(up[r][0])
            ContractionHierarchy.mergeSorted(up[p], up[r][1...], into: &merged)
            swap(&up[p], &merged)
        }
        self.init(graph: graph, rank: rank, up: up)
    }

    /// Assembles the CSR arrays from per-node sorted upward lists (rank space).
    init(graph: RoadGraph, rank: [UInt32], up: [[UInt32]]) {
        var firstUp = [UInt32](repeating: 0, count: up.count + 1)
        for r in 0..<up.count { firstUp[r + 1] = firstUp[r] + UInt32(up[r].count) }
        var upHead: [UInt32] = []
        upHead.reserveCapacity(Int(firstUp[up.count]))
        for list in up { upHead.append(contentsOf: list) }
        self.init(graph: graph, rank: rank, firstUp: firstUp, upHead: upHead)!
    }

    /// Assembles from stored arrays; nil when they are inconsistent (checked, never trusted).
    init?(graph: RoadGraph, rank: [UInt32], firstUp: [UInt32], upHead: [UInt32]) {
        let n = graph.nodeCount
        guard rank.count == n, firstUp.count == n + 1, firstUp.first == 0, Int(firstUp[n]) == upHead.count else {
            return nil
        }
        var nodeOfRank = [UInt32](repeating: .max, count: n)
        for (v, r) in rank.enumerated() {
            guard Int(r) < n, nodeOfRank[Int(r)] == .max else { return nil }
            nodeOfRank[Int(r)] = UInt32(v)
        }
        var parent = [UInt32](repeating: .max, count: n)
        var upTail = [UInt32](repeating: 0, count: upHead.count)
        var downCount = [UInt32](repeating: 0, count: n + 1)
        for r in 0..<n {
            let b = Int(firstUp[r])
            let e = Int(firstUp[r + 1])
            guard b <= e else { return nil }
            var previous = UInt32(r)
            for a in b..<e {
                let h = upHead[a]
                guard h > previous, Int(h) < n else { return nil }
                previous = h
                upTail[a] = UInt32(r)
                downCount[Int(h) + 1] += 1
            }
            if b < e { parent[r] = upHead[b] }
        }
        for r in 0..<n { downCount[r + 1] += downCount[r] }
        var fill = downCount
        var downTail = [UInt32](repeating: 0, count: upHead.count)
        var downArc = [UInt32](repeating: 0, count: upHead.count)
        for r in 0..<n {
            for a in Int(firstUp[r])..<Int(firstUp[r + 1]) {
                let h = Int(upHead[a])
                downTail[Int(fill[h])] = UInt32(r)
                downArc[Int(fill[h])] = UInt32(a)
                fill[h] += 1
            }
        }
        // Map every road edge to its arc; a missing arc means the data is not a valid CCH.
        var edgeArc = [UInt32](repeating: 0, count: graph.edgeCount)
        for e in 0..<graph.edgeCount {
            let a = rank[Int(graph.tail[e])]
            let b = rank[Int(graph.head[e])]
            let (lo, hi, down): (UInt32, UInt32, UInt32) = a < b ? (a, b, 0) : (b, a, 1)
            guard let arc = ContractionHierarchy.findArc(firstUp: firstUp, upHead: upHead, from: lo, to: hi) else {
                return nil
            }
            edgeArc[e] = UInt32(arc) << 1 | down
        }
        self.rank = rank
        self.nodeOfRank = nodeOfRank
        self.firstUp = firstUp
        self.upHead = upHead
        self.upTail = upTail
        self.parent = parent
        self.firstDown = downCount
        self.downTail = downTail
        self.downArc = downArc
        self.edgeArc = edgeArc
    }

    /// Arc from rank `lo` up to rank `hi`, by binary search.
    static func findArc(firstUp: [UInt32], upHead: [UInt32], from lo: UInt32, to hi: UInt32) -> Int? {
        var b = Int(firstUp[Int(lo)])
        var e = Int(firstUp[Int(lo) + 1])
        while b < e {
            let m = (b + e) >> 1
            if upHead[m] < hi { b = m + 1 } else { e = m }
        }
        return b < Int(firstUp[Int(lo) + 1]) && upHead[b] == hi ? b : nil
    }

    func arc(from lo: UInt32, to hi: UInt32) -> Int? {
        ContractionHierarchy.findArc(firstUp: firstUp, upHead: upHead, from: lo, to: hi)
    }

    /// The union of two sorted lists, each value once, written into `out` (reused storage).
    private static func mergeSorted(_ a: [UInt32], _ b: ArraySlice<UInt32>, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = b.startIndex
        while i < a.count || j < b.endIndex {
            let next: UInt32
            if j == b.endIndex || (i < a.count && a[i] <= b[j]) {
                next = a[i]
                i += 1
            } else {
                next = b[j]
                j += 1
            }
            if out.last != next { out.append(next) }
        }
    }

    /// Depth statistics of the elimination tree (for reports and tuning).
    public var maxEliminationTreeDepth: Int {
        var depth = [Int](repeating: 0, count: nodeCount)
        var best = 0
        for r in stride(from: nodeCount - 1, through: 0, by: -1) {
            let p = parent[r]
            depth[r] = p == .max ? 1 : depth[Int(p)] + 1
            best = max(best, depth[r])
        }
        return best
    }
}
