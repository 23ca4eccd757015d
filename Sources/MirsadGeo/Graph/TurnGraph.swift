import Foundation

/// The graph routes are searched on: one node per road edge, standing for "at the edge's
/// head, having driven along it", and one arc per allowed turn from an edge onto the next.
///
/// A road node cannot say which way a vehicle came in, so on it a forbidden turn or a turn
/// cost cannot be expressed; on road edges it can (the edge-based graph OSRM uses). An arc
/// a → b costs driving b plus turning from a into b. A turn a restriction forbids is an arc
/// too, closed by every metric but those of vehicles exempt from that restriction. With
/// `TurnRules.free` and no restrictions the arcs are every pair of consecutive edges at no
/// turn cost, and routes equal those of the node-based graph.
public struct TurnGraph: Sendable {
    /// The turns in `RoadGraph` form, so the hierarchy, metrics and searches work on it as on
    /// any graph: node i is road edge i (placed at the edge's midpoint, which gives the
    /// separator search real geometry), edge j is a turn with the cost of its target edge plus
    /// the turn's seconds.
    let routing: RoadGraph
    /// Seconds of each turn, milliseconds (already included in `routing.timeMs`).
    let turnMs: [UInt32]
    /// `firstIn[b]..<firstIn[b+1]` index `inArc`: the turns into road edge b.
    let firstIn: [UInt32]
    let inArc: [UInt32]
    /// Road edges arriving at each road node: `roadFirstIn[v]..<roadFirstIn[v+1]` index `roadIn`.
    let roadFirstIn: [UInt32]
    let roadIn: [UInt32]
    /// The rules the turns were derived with.
    public let rules: TurnRules
    /// The turns restrictions forbid, sorted by turn and kind (a turn may be forbidden by
    /// more than one restriction).
    let restrictions: [RestrictedTurn]
    /// The routing arc of each entry of `restrictions` (a restricted turn is an arc like any
    /// other, so that a vehicle exempt from it can take it; every other metric closes it),
    /// or nil when the turn is not allowed anyway (a U-turn in the middle of a street).
    let restrictedArc: [UInt32?]

    /// Number of allowed turns (restricted ones included).
    public var turnCount: Int { routing.edgeCount }

    /// Number of turns restrictions forbid.
    public var forbiddenTurnCount: Int { Set(restrictions.map(\.turn)).count }

    /// The restriction kinds that forbid at least one turn here.
    public var restrictionKinds: Set<TurnRestriction> { Set(restrictions.map(\.restriction)) }

    /// Derives the turns of `road` under `rules`, marking the ones `restrictions` forbid
    /// (pairs of road edges that meet at a node).
    public init(road: RoadGraph, rules: TurnRules, restrictions: [RestrictedTurn] = []) {
        self.rules = rules
        let sorted = Array(Set(restrictions)).sorted {
            ($0.turn.packed, $0.restriction.code) < ($1.turn.packed, $1.restriction.code)
        }
        self.restrictions = sorted
        let inbound = TurnGraph.inboundEdges(of: road)
        roadFirstIn = inbound.first
        roadIn = inbound.edges
        let geometry = TurnGeometry(road: road, firstIn: inbound.first, inEdges: inbound.edges)

        let m = road.edgeCount
        var firstOut = [UInt32](repeating: 0, count: m + 1)
        var head: [UInt32] = []
        var timeMs: [UInt32] = []
        var lengthDm: [UInt32] = []
        var roadClass: [UInt8] = []
        var turnMs: [UInt32] = []
        head.reserveCapacity(m * 2)
        for a in 0..<m {
            let v = Int(road.head[a])
            for b in Int(road.firstOut[v])..<Int(road.firstOut[v + 1]) {
                guard
                    let ms = TurnGraph.turnMilliseconds(
                        from: a, to: b, road: road, rules: rules, geometry: geometry)
                else { continue }
                head.append(UInt32(b))
                turnMs.append(ms)
                timeMs.append(road.timeMs[b] &+ ms)
                lengthDm.append(road.lengthDm[b])
                roadClass.append(road.roadClass[b])
            }
            firstOut[a + 1] = UInt32(head.count)
        }
        var lat = [Int32](repeating: 0, count: m)
        var lon = [Int32](repeating: 0, count: m)
        for e in 0..<m {
            let u = Int(road.tail[e])
            let v = Int(road.head[e])
            lat[e] = Int32((Int64(road.latE7[u]) + Int64(road.latE7[v])) / 2)
            lon[e] = Int32((Int64(road.lonE7[u]) + Int64(road.lonE7[v])) / 2)
        }
        routing = RoadGraph(
            latE7: lat, lonE7: lon, firstOut: firstOut, head: head, timeMs: timeMs, lengthDm: lengthDm,
            roadClass: roadClass)
        self.turnMs = turnMs
        var firstIn = [UInt32](repeating: 0, count: m + 1)
        for b in head { firstIn[Int(b) + 1] += 1 }
        for i in 0..<m { firstIn[i + 1] += firstIn[i] }
        var fill = firstIn
        var inArc = [UInt32](repeating: 0, count: head.count)
        for (arc, b) in head.enumerated() {
            inArc[Int(fill[Int(b)])] = UInt32(arc)
            fill[Int(b)] += 1
        }
        self.firstIn = firstIn
        self.inArc = inArc
        restrictedArc = sorted.map { r in
            TurnGraph.findArc(firstOut: firstOut, head: head, from: r.turn.from, to: r.turn.to).map(UInt32.init)
        }
    }

    /// Derives the turns with `forbidden` restricted by a restriction of no particular kind.
    public init(road: RoadGraph, rules: TurnRules, forbidden: [TurnPair]) {
        self.init(road: road, rules: rules, restrictions: forbidden.map { RestrictedTurn($0, .other) })
    }

    private static func findArc(firstOut: [UInt32], head: [UInt32], from a: Int, to b: Int) -> Int? {
        guard a >= 0, a + 1 < firstOut.count else { return nil }
        return RoadGraph.findEdge(firstOut: firstOut, head: head, from: a, to: b)
    }

    /// The arcs that stay closed for a vehicle with `exemption`: those of turns forbidden by
    /// a restriction it does not ignore.
    func closedArcs(for exemption: TurnRestrictionExemption) -> Set<Int> {
        var closed = Set<Int>()
        for (r, arc) in zip(restrictions, restrictedArc) where !exemption.kinds.contains(r.restriction) {
            if let arc { closed.insert(Int(arc)) }
        }
        return closed
    }

    /// The cost of turning from road edge `a` into `b` in milliseconds, nil when the rules
    /// never allow it (restrictions are applied by the metric).
    /// (`ReferenceDijkstra.turn` decides the same on its own, as a reference must.)
    static func turnMilliseconds(
        from a: Int, to b: Int, road: RoadGraph, rules: TurnRules, geometry: TurnGeometry
    ) -> UInt32? {
        let v = Int(road.head[a])
        guard Int(road.tail[b]) == v else { return nil }
        let isUTurn = road.head[b] == road.tail[a]
        if isUTurn, rules.uTurns == .deadEndsOnly {
            // Only where nothing else leads on.
            let exits = Int(road.firstOut[v + 1]) - Int(road.firstOut[v])
            guard exits == 1 else { return nil }
        }
        guard rules.pricesTurns else { return 0 }
        let angle = isUTurn ? 180 : geometry.angle(from: a, to: b)
        let seconds = rules.seconds(angle: angle, roads: geometry.roadCount(at: v), isUTurn: isUTurn)
        return UInt32((seconds * 1000).rounded())
    }

    /// Road edges grouped by head.
    static func inboundEdges(of road: RoadGraph) -> (first: [UInt32], edges: [UInt32]) {
        let n = road.nodeCount
        var first = [UInt32](repeating: 0, count: n + 1)
        for e in 0..<road.edgeCount { first[Int(road.head[e]) + 1] += 1 }
        for i in 0..<n { first[i + 1] += first[i] }
        var fill = first
        var edges = [UInt32](repeating: 0, count: road.edgeCount)
        for e in 0..<road.edgeCount {
            let v = Int(road.head[e])
            edges[Int(fill[v])] = UInt32(e)
            fill[v] += 1
        }
        return (first, edges)
    }

    /// The turns into road edge `b`.
    func turns(into b: Int) -> Range<Int> { Int(firstIn[b])..<Int(firstIn[b + 1]) }

    /// Road edges arriving at road node `v`.
    func edges(into v: Int) -> ArraySlice<UInt32> { roadIn[Int(roadFirstIn[v])..<Int(roadFirstIn[v + 1])] }
}

/// A turn from one road edge onto the next, by edge index.
public struct TurnPair: Sendable, Hashable {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    var packed: UInt64 { UInt64(UInt32(truncatingIfNeeded: from)) << 32 | UInt64(UInt32(truncatingIfNeeded: to)) }

    init(packed: UInt64) {
        from = Int(packed >> 32)
        to = Int(packed & 0xFFFF_FFFF)
    }
}
