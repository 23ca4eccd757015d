/// A customized metric: the cost of every CCH arc in both directions for one assignment of
/// road-edge costs (free flow, or free flow with closures and slowdowns applied) and the
/// turn costs on top of them.
///
/// Immutable once built, so queries read it without locks while an update builds the next
/// one. `up[a]` is the cost from the lower to the higher end of arc `a`, `down[a]` the cost
/// from the higher to the lower end.
final class CCHMetric: Sendable {
    /// Monotonic version, so caches built on an older metric can tell they are stale.
    let version: UInt64
    /// Effective cost of every edge of the graph the hierarchy was built on (the turns).
    let edgeCost: [PackedCost]
    /// Effective cost of every road edge, which the turns' costs include (snapped positions
    /// part-way along an edge are priced from it).
    let roadCost: [PackedCost]
    let inputUp: [PackedCost]
    let inputDown: [PackedCost]
    let up: [PackedCost]
    let down: [PackedCost]

    private init(
        version: UInt64, edgeCost: [PackedCost], roadCost: [PackedCost], inputUp: [PackedCost],
        inputDown: [PackedCost], up: [PackedCost], down: [PackedCost]
    ) {
        self.version = version
        self.edgeCost = edgeCost
        self.roadCost = roadCost
        self.inputUp = inputUp
        self.inputDown = inputDown
        self.up = up
        self.down = down
    }

    /// The arc inputs of a road-edge cost vector (each arc direction has at most one edge,
    /// since the road graph has no parallel edges).
    private static func inputs(_ h: ContractionHierarchy, _ edgeCost: [PackedCost]) -> ([PackedCost], [PackedCost]) {
        var inUp = [PackedCost](repeating: Cost.infinity, count: h.arcCount)
        var inDown = [PackedCost](repeating: Cost.infinity, count: h.arcCount)
        for e in 0..<edgeCost.count {
            let m = Int(h.edgeArc[e])
            if m & 1 == 0 {
                inUp[m >> 1] = min(inUp[m >> 1], edgeCost[e])
            } else {
                inDown[m >> 1] = min(inDown[m >> 1], edgeCost[e])
            }
        }
        return (inUp, inDown)
    }

    /// Full customization: lower triangles enumerated bottom-up, O(number of triangles).
    static func customize(
        _ h: ContractionHierarchy, edgeCost: [PackedCost], roadCost: [PackedCost], version: UInt64
    ) -> CCHMetric {
        let (inUp, inDown) = inputs(h, edgeCost)
        var up = inUp
        var down = inDown
        let n = h.nodeCount
        h.firstUp.withUnsafeBufferPointer { firstUp in
            h.upHead.withUnsafeBufferPointer { upHead in
                up.withUnsafeMutableBufferPointer { up in
                    down.withUnsafeMutableBufferPointer { down in
                        for v in 0..<n {
                            let b = Int(firstUp[v])
                            let e = Int(firstUp[v + 1])
                            if e - b < 2 { continue }
                            for i in b..<(e - 1) {
                                let w1 = Int(upHead[i])
                                let upI = up[i]
                                let downI = down[i]
                                var p = Int(firstUp[w1])
                                let pEnd = Int(firstUp[w1 + 1])
                                for j in (i + 1)..<e {
                                    let w2 = upHead[j]
                                    while p < pEnd && upHead[p] != w2 { p += 1 }
                                    // Chordality guarantees the arc exists; a miss would mean a
                                    // corrupt hierarchy, which the loader rejects beforehand.
                                    if p == pEnd { break }
                                    let viaUp = downI &+ up[j]
                                    if viaUp < up[p] { up[p] = viaUp }
                                    let viaDown = down[j] &+ upI
                                    if viaDown < down[p] { down[p] = viaDown }
                                }
                            }
                        }
                    }
                }
            }
        }
        return CCHMetric(
            version: version, edgeCost: edgeCost, roadCost: roadCost, inputUp: inUp, inputDown: inDown, up: up,
            down: down)
    }

    /// True when every lower triangle of the hierarchy closes (the chordal property); the
    /// file loader calls this before trusting stored arcs.
    static func isChordal(_ h: ContractionHierarchy) -> Bool {
        for v in 0..<h.nodeCount {
            let b = Int(h.firstUp[v])
            let e = Int(h.firstUp[v + 1])
            if e - b < 2 { continue }
            for i in b..<(e - 1) {
                let w1 = Int(h.upHead[i])
                var p = Int(h.firstUp[w1])
                let pEnd = Int(h.firstUp[w1 + 1])
                for j in (i + 1)..<e {
                    while p < pEnd && h.upHead[p] != h.upHead[j] { p += 1 }
                    if p == pEnd { return false }
                }
            }
        }
        return true
    }

    /// Partial customization after some edge costs changed: only arcs whose cost can
    /// change are recomputed, in increasing arc order (an arc's lower triangles always have
    /// smaller arc ids), each from its input and its lower triangles.
    func updated(
        _ h: ContractionHierarchy, edgeCost newCost: [PackedCost], roadCost: [PackedCost], changedEdges: [Int],
        version: UInt64
    ) -> (metric: CCHMetric, recomputedArcs: Int) {
        var inUp = inputUp
        var inDown = inputDown
        var up = self.up
        var down = self.down
        var heap = BinaryMinHeap<UInt32>()
        var queued = Set<UInt32>()
        for e in changedEdges {
            let m = Int(h.edgeArc[e])
            let a = m >> 1
            if m & 1 == 0 { inUp[a] = newCost[e] } else { inDown[a] = newCost[e] }
            if queued.insert(UInt32(a)).inserted { heap.push(UInt32(a)) }
        }
        var recomputed = 0
        while let arc = heap.pop() {
            let a = Int(arc)
            recomputed += 1
            let x = Int(h.upTail[a])
            let y = Int(h.upHead[a])
            var newUp = inUp[a]
            var newDown = inDown[a]
            h.forEachLowerTriangle(x, y) { ax, ay in
                // x→v→y and y→v→x through the common lower neighbour v.
                let viaUp = down[ax] &+ up[ay]
                if viaUp < newUp { newUp = viaUp }
                let viaDown = down[ay] &+ up[ax]
                if viaDown < newDown { newDown = viaDown }
            }
            if newUp == up[a] && newDown == down[a] { continue }
            up[a] = newUp
            down[a] = newDown
            // Arc a is a lower arc of the triangles (x, y, z) for z in up(x), z ≠ y.
            for i in Int(h.firstUp[x])..<Int(h.firstUp[x + 1]) {
                let z = h.upHead[i]
                if z == UInt32(y) { continue }
                let upper = z > UInt32(y) ? h.arc(from: UInt32(y), to: z) : h.arc(from: z, to: UInt32(y))
                if let upper, queued.insert(UInt32(upper)).inserted { heap.push(UInt32(upper)) }
            }
        }
        let metric = CCHMetric(
            version: version, edgeCost: newCost, roadCost: roadCost, inputUp: inUp, inputDown: inDown, up: up,
            down: down)
        return (metric, recomputed)
    }
}

extension ContractionHierarchy {
    /// Calls `body(arc(v,x), arc(v,y))` for every common lower neighbour v of x and y.
    @inline(__always)
    func forEachLowerTriangle(_ x: Int, _ y: Int, _ body: (Int, Int) -> Void) {
        var i = Int(firstDown[x])
        let iEnd = Int(firstDown[x + 1])
        var j = Int(firstDown[y])
        let jEnd = Int(firstDown[y + 1])
        while i < iEnd && j < jEnd {
            let vi = downTail[i]
            let vj = downTail[j]
            if vi == vj {
                body(Int(downArc[i]), Int(downArc[j]))
                i += 1
                j += 1
            } else if vi < vj {
                i += 1
            } else {
                // Skip ahead in the (usually much longer) list of y by binary search.
                var lo = j + 1
                var hi = jEnd
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if downTail[mid] < vi { lo = mid + 1 } else { hi = mid }
                }
                j = lo
            }
        }
    }
}
