/// A customized metric: the cost of every CCH arc in both directions for one assignment of
/// road-edge costs (free flow, or free flow with closures and slowdowns applied) and the
/// turn costs on top of them.
///
/// A value: queries take a copy (which shares the arrays) and read it without locks while an
/// update builds the next one. `up[a]` is the cost from the lower to the higher end of arc
/// `a`, `down[a]` the cost from the higher to the lower end.
///
/// An update changes a few thousand of some two million arc costs, so copying every array
/// would cost more than the update itself. Each metric therefore records what it changed
/// relative to the one it was derived from (`delta`); the engine keeps the metric before the
/// current one and brings it up to date by replaying that delta, writing into arrays nobody
/// else holds any more. If a query still holds them, copy-on-write keeps its snapshot intact.
struct CCHMetric: Sendable {
    /// Monotonic version, so caches built on an older metric can tell they are stale.
    private(set) var version: UInt64
    /// Effective cost of every edge of the graph the hierarchy was built on (the turns).
    private(set) var edgeCost: [PackedCost]
    /// Effective cost of every road edge, which the turns' costs include (snapped positions
    /// part-way along an edge are priced from it).
    private(set) var roadCost: [PackedCost]
    private(set) var inputUp: [PackedCost]
    private(set) var inputDown: [PackedCost]
    private(set) var up: [PackedCost]
    private(set) var down: [PackedCost]
    /// What this metric changed relative to the metric of version `delta.parent`; nil when it
    /// was customized from scratch.
    private(set) var delta: Delta?

    /// Indices whose values differ from the parent metric's.
    struct Delta: Sendable {
        var parent: UInt64
        var roadEdges: [Int] = []
        var edges: [Int] = []
        var inputArcs: [Int] = []
        var arcs: [Int] = []
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
            down: down, delta: nil)
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

    /// Whether `replay(to:)` can bring this metric up to `next`: `next` must be this very
    /// metric or have been derived from it.
    func canReplay(to next: CCHMetric) -> Bool { next.version == version || next.delta?.parent == version }

    /// Brings this metric (the parent of `next`, or a copy of it) up to `next`'s values by
    /// copying what `next` changed. In place when nobody else holds this metric's arrays.
    mutating func replay(to next: CCHMetric) {
        if next.version == version { return }
        guard let d = next.delta, d.parent == version else {
            self = next
            return
        }
        for e in d.roadEdges { roadCost[e] = next.roadCost[e] }
        for e in d.edges { edgeCost[e] = next.edgeCost[e] }
        for a in d.inputArcs {
            inputUp[a] = next.inputUp[a]
            inputDown[a] = next.inputDown[a]
        }
        for a in d.arcs {
            up[a] = next.up[a]
            down[a] = next.down[a]
        }
        version = next.version
        delta = next.delta
    }

    /// The same values in arrays of its own, so that the first update can be written into
    /// them instead of paying for copies and fresh pages then.
    func detachedCopy() -> CCHMetric {
        var copy = self
        copy.edgeCost.withUnsafeMutableBufferPointer { _ in }
        copy.roadCost.withUnsafeMutableBufferPointer { _ in }
        copy.inputUp.withUnsafeMutableBufferPointer { _ in }
        copy.inputDown.withUnsafeMutableBufferPointer { _ in }
        copy.up.withUnsafeMutableBufferPointer { _ in }
        copy.down.withUnsafeMutableBufferPointer { _ in }
        return copy
    }

    /// Partial customization after some costs changed: only arcs whose cost can change are
    /// recomputed, in increasing arc order (an arc's lower triangles always have smaller arc
    /// ids), each from its input and its lower triangles. `changedRoadEdges` and
    /// `changedEdges` list the indices of `roadCost` and `edgeCost` that `cost` changes.
    /// Returns the number of arcs recomputed; the result has version `version` and a delta
    /// against the metric it was before.
    mutating func update(
        _ h: ContractionHierarchy, changedRoadEdges: [(edge: Int, cost: PackedCost)],
        changedEdges: [(edge: Int, cost: PackedCost)], version newVersion: UInt64
    ) -> Int {
        var d = Delta(parent: version)
        for (e, cost) in changedRoadEdges {
            roadCost[e] = cost
            d.roadEdges.append(e)
        }
        // The arcs to recompute, as a bitset scanned upwards: every arc queued while arc a
        // is recomputed lies above a, so one pass in increasing order sees each arc once, after
        // all the arcs below it that could change it.
        var queued = [UInt64](repeating: 0, count: (h.arcCount + 63) / 64)
        var lowest = Int.max
        for (e, cost) in changedEdges {
            edgeCost[e] = cost
            d.edges.append(e)
            let m = Int(h.edgeArc[e])
            let a = m >> 1
            if m & 1 == 0 { inputUp[a] = cost } else { inputDown[a] = cost }
            d.inputArcs.append(a)
            queued[a >> 6] |= 1 << UInt64(a & 63)
            lowest = min(lowest, a)
        }
        var recomputed = 0
        var changedArcs: [Int] = []
        // The hot loop of a closure update: raw buffers over the hierarchy and the costs.
        h.firstUp.withUnsafeBufferPointer { firstUp in
            h.upHead.withUnsafeBufferPointer { upHead in
                h.upTail.withUnsafeBufferPointer { upTail in
                    h.firstDown.withUnsafeBufferPointer { firstDown in
                        h.downTail.withUnsafeBufferPointer { downTail in
                            h.downArc.withUnsafeBufferPointer { downArc in
                                inputUp.withUnsafeBufferPointer { inputUp in
                                    inputDown.withUnsafeBufferPointer { inputDown in
                                        up.withUnsafeMutableBufferPointer { up in
                                            down.withUnsafeMutableBufferPointer { down in
                                                queued.withUnsafeMutableBufferPointer { queued in
                                                    var word = lowest == Int.max ? queued.count : lowest >> 6
                                                    while word < queued.count {
                                                        let bits = queued[word]
                                                        if bits == 0 {
                                                            word += 1
                                                            continue
                                                        }
                                                        let bit = bits.trailingZeroBitCount
                                                        queued[word] = bits & (bits &- 1)
                                                        let a = word << 6 | bit
                                                        recomputed += 1
                                                        let x = Int(upTail[a])
                                                        let y = Int(upHead[a])
                                                        var newUp = inputUp[a]
                                                        var newDown = inputDown[a]
                                                        // x→v→y and y→v→x through every common lower
                                                        // neighbour v.
                                                        ContractionHierarchy.forEachLowerTriangle(
                                                            x, y, firstDown: firstDown, downTail: downTail,
                                                            downArc: downArc
                                                        ) { ax, ay in
                                                            let viaUp = down[ax] &+ up[ay]
                                                            if viaUp < newUp { newUp = viaUp }
                                                            let viaDown = down[ay] &+ up[ax]
                                                            if viaDown < newDown { newDown = viaDown }
                                                        }
                                                        if newUp == up[a] && newDown == down[a] { continue }
                                                        up[a] = newUp
                                                        down[a] = newDown
                                                        changedArcs.append(a)
                                                        // Arc a is a lower arc of the triangles (x, y, z)
                                                        // for z in up(x), z ≠ y: the upper arc is z–y
                                                        // below y (found by search in up(z)) and y–z above
                                                        // it (found by walking up(y) alongside up(x)).
                                                        var k = Int(firstUp[y])
                                                        let kEnd = Int(firstUp[y + 1])
                                                        for p in Int(firstUp[x])..<Int(firstUp[x + 1]) {
                                                            let z = upHead[p]
                                                            if z < UInt32(y) {
                                                                var lo = Int(firstUp[Int(z)])
                                                                var hi = Int(firstUp[Int(z) + 1])
                                                                while lo < hi {
                                                                    let mid = (lo + hi) >> 1
                                                                    if upHead[mid] < UInt32(y) {
                                                                        lo = mid + 1
                                                                    } else {
                                                                        hi = mid
                                                                    }
                                                                }
                                                                if lo < Int(firstUp[Int(z) + 1])
                                                                    && upHead[lo] == UInt32(y)
                                                                {
                                                                    queued[lo >> 6] |= 1 << UInt64(lo & 63)
                                                                }
                                                            } else if z > UInt32(y) {
                                                                while k < kEnd && upHead[k] < z { k += 1 }
                                                                if k < kEnd && upHead[k] == z {
                                                                    queued[k >> 6] |= 1 << UInt64(k & 63)
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
                }
            }
        }
        d.arcs = changedArcs
        version = newVersion
        delta = d
        return recomputed
    }
}

extension ContractionHierarchy {
    /// Calls `body(arc(v,x), arc(v,y))` for every common lower neighbour v of x and y.
    func forEachLowerTriangle(_ x: Int, _ y: Int, _ body: (Int, Int) -> Void) {
        firstDown.withUnsafeBufferPointer { firstDown in
            downTail.withUnsafeBufferPointer { downTail in
                downArc.withUnsafeBufferPointer { downArc in
                    Self.forEachLowerTriangle(
                        x, y, firstDown: firstDown, downTail: downTail, downArc: downArc, body)
                }
            }
        }
    }

    /// The same walk over raw buffers of `firstDown`, `downTail` and `downArc` (the down
    /// lists are sorted by their lower end, so two of them merge like sorted lists).
    @inline(__always)
    static func forEachLowerTriangle(
        _ x: Int, _ y: Int, firstDown: UnsafeBufferPointer<UInt32>, downTail: UnsafeBufferPointer<UInt32>,
        downArc: UnsafeBufferPointer<UInt32>, _ body: (Int, Int) -> Void
    ) {
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
