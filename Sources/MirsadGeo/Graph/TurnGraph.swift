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
///
/// A via-way restriction depends on more than the last edge, so the edges along its via
/// ways get copies, nodes `road.edgeCount...`, reached only by vehicles that came in along
/// its path; at the copy of the last via edge the restricted turns are closed.
public struct TurnGraph: Sendable {
    /// The turns in `RoadGraph` form, so the hierarchy, metrics and searches work on it as on
    /// any graph: node i < road.edgeCount is road edge i (placed at the edge's midpoint, which
    /// gives the separator search real geometry), a later node a copy of road edge
    /// `copyOf[i - road.edgeCount]`; edge j is a turn with the cost of its target edge plus
    /// the turn's seconds.
    let routing: RoadGraph
    /// The road edge each copy stands for.
    let copyOf: [UInt32]
    /// Seconds of each turn, milliseconds (already included in `routing.timeMs`).
    let turnMs: [UInt32]
    /// `firstIn[b]..<firstIn[b+1]` index `inArc`: the turns into road edge b (into the edge
    /// itself or into a copy of it).
    let firstIn: [UInt32]
    let inArc: [UInt32]
    /// Routing nodes whose road edge arrives at each road node: `nodeFirstIn[v]..<[v+1]`
    /// index `nodeIn`.
    let nodeFirstIn: [UInt32]
    let nodeIn: [UInt32]
    /// The rules the turns were derived with.
    public let rules: TurnRules
    /// The turns via-node restrictions forbid, sorted by turn and kind (a turn may be
    /// forbidden by more than one restriction).
    let restrictions: [RestrictedTurn]
    /// The via-way restrictions.
    let viaWay: [ViaWayRestriction]
    /// Every restricted arc with the kind of one restriction that closes it (an arc closed
    /// by two restrictions is listed twice).
    let restrictedArcs: [(arc: UInt32, kind: TurnRestriction)]

    /// Number of allowed turns (restricted ones included).
    public var turnCount: Int { routing.edgeCount }

    /// Number of turns via-node restrictions forbid, plus the via-way restrictions.
    public var forbiddenTurnCount: Int { Set(restrictions.map(\.turn)).count + viaWay.count }

    /// The restriction kinds that forbid at least one turn here.
    public var restrictionKinds: Set<TurnRestriction> { Set(restrictedArcs.map(\.kind)) }

    /// Derives the turns of `road` under `rules`, marking the ones `restrictions` (pairs of
    /// road edges that meet at a node) and `viaWay` forbid.
    public init(
        road: RoadGraph, rules: TurnRules, restrictions: [RestrictedTurn] = [], viaWay: [ViaWayRestriction] = []
    ) {
        self.rules = rules
        let sorted = Array(Set(restrictions)).sorted {
            ($0.turn.packed, $0.restriction.code) < ($1.turn.packed, $1.restriction.code)
        }
        self.restrictions = sorted
        self.viaWay = viaWay
        var kindsOfTurn: [UInt64: [TurnRestriction]] = [:]
        for r in sorted { kindsOfTurn[r.turn.packed, default: []].append(r.restriction) }
        let inbound = TurnGraph.inboundEdges(of: road)
        let geometry = TurnGeometry(road: road, firstIn: inbound.first, inEdges: inbound.edges)

        // Routing nodes: the road edges, then one copy per matcher state of two edges or more.
        let m = road.edgeCount
        let automaton = ViaWayAutomaton(viaWay)
        var nodeOfState = [Int](repeating: -1, count: automaton.states.count)
        var stateOfCopy: [Int] = []
        for (s, state) in automaton.states.enumerated() where state.depth >= 2 {
            nodeOfState[s] = m + stateOfCopy.count
            stateOfCopy.append(s)
        }
        copyOf = stateOfCopy.map { UInt32(automaton.states[$0].edge) }
        let nodeCount = m + stateOfCopy.count
        func roadEdge(_ node: Int) -> Int { node < m ? node : Int(automaton.states[stateOfCopy[node - m]].edge) }

        var firstOut = [UInt32](repeating: 0, count: nodeCount + 1)
        var head: [UInt32] = []
        var timeMs: [UInt32] = []
        var lengthDm: [UInt32] = []
        var roadClass: [UInt8] = []
        var turnMs: [UInt32] = []
        var restricted: [(arc: UInt32, kind: TurnRestriction)] = []
        head.reserveCapacity(m * 2)
        var out: [(node: Int, edge: Int, ms: UInt32, kinds: [TurnRestriction])] = []
        for u in 0..<nodeCount {
            let a = roadEdge(u)
            let state = u < m ? automaton.start(a) : stateOfCopy[u - m]
            let v = Int(road.head[a])
            out.removeAll(keepingCapacity: true)
            for b in Int(road.firstOut[v])..<Int(road.firstOut[v + 1]) {
                guard let ms = TurnGraph.turnMilliseconds(from: a, to: b, road: road, rules: rules, geometry: geometry)
                else { continue }
                var kinds = kindsOfTurn[TurnPair(from: a, to: b).packed] ?? []
                for r in automaton.states[state].complete where viaWay[r].forbids(b) {
                    kinds.append(viaWay[r].restriction)
                }
                let next = automaton.next(state, b)
                out.append((nodeOfState[next] >= 0 ? nodeOfState[next] : b, b, ms, kinds))
            }
            // A node's arcs sorted by head, as RoadGraph wants them.
            out.sort { $0.node < $1.node }
            for turn in out {
                for kind in turn.kinds { restricted.append((UInt32(head.count), kind)) }
                head.append(UInt32(turn.node))
                turnMs.append(turn.ms)
                timeMs.append(road.timeMs[turn.edge] &+ turn.ms)
                lengthDm.append(road.lengthDm[turn.edge])
                roadClass.append(road.roadClass[turn.edge])
            }
            firstOut[u + 1] = UInt32(head.count)
        }
        var lat = [Int32](repeating: 0, count: nodeCount)
        var lon = [Int32](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            let e = roadEdge(node)
            let u = Int(road.tail[e])
            let v = Int(road.head[e])
            lat[node] = Int32((Int64(road.latE7[u]) + Int64(road.latE7[v])) / 2)
            lon[node] = Int32((Int64(road.lonE7[u]) + Int64(road.lonE7[v])) / 2)
        }
        routing = RoadGraph(
            latE7: lat, lonE7: lon, firstOut: firstOut, head: head, timeMs: timeMs, lengthDm: lengthDm,
            roadClass: roadClass)
        self.turnMs = turnMs
        restrictedArcs = restricted
        // Turns grouped by the road edge they enter.
        var firstIn = [UInt32](repeating: 0, count: m + 1)
        for b in head { firstIn[roadEdge(Int(b)) + 1] += 1 }
        for i in 0..<m { firstIn[i + 1] += firstIn[i] }
        var fill = firstIn
        var inArc = [UInt32](repeating: 0, count: head.count)
        for (arc, b) in head.enumerated() {
            let e = roadEdge(Int(b))
            inArc[Int(fill[e])] = UInt32(arc)
            fill[e] += 1
        }
        self.firstIn = firstIn
        self.inArc = inArc
        // Routing nodes grouped by the road node their edge arrives at.
        var nodeFirstIn = [UInt32](repeating: 0, count: road.nodeCount + 1)
        for node in 0..<nodeCount { nodeFirstIn[Int(road.head[roadEdge(node)]) + 1] += 1 }
        for i in 0..<road.nodeCount { nodeFirstIn[i + 1] += nodeFirstIn[i] }
        var nodeFill = nodeFirstIn
        var nodeIn = [UInt32](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            let v = Int(road.head[roadEdge(node)])
            nodeIn[Int(nodeFill[v])] = UInt32(node)
            nodeFill[v] += 1
        }
        self.nodeFirstIn = nodeFirstIn
        self.nodeIn = nodeIn
    }

    /// Derives the turns with `forbidden` restricted by a restriction of no particular kind.
    public init(road: RoadGraph, rules: TurnRules, forbidden: [TurnPair]) {
        self.init(road: road, rules: rules, restrictions: forbidden.map { RestrictedTurn($0, .other) })
    }

    /// The road edge a routing node stands for.
    func roadEdge(of node: Int) -> Int {
        let m = firstIn.count - 1
        return node < m ? node : Int(copyOf[node - m])
    }

    /// The arcs that stay closed for a vehicle with `exemption`: those of turns forbidden by
    /// a restriction it does not ignore.
    func closedArcs(for exemption: TurnRestrictionExemption) -> Set<Int> {
        var closed = Set<Int>()
        for (arc, kind) in restrictedArcs where !exemption.kinds.contains(kind) { closed.insert(Int(arc)) }
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

    /// The turns into road edge `b` (or into a copy of it).
    func turns(into b: Int) -> Range<Int> { Int(firstIn[b])..<Int(firstIn[b + 1]) }

    /// Routing nodes whose road edge arrives at road node `v` (the edges and their copies).
    func nodes(into v: Int) -> ArraySlice<UInt32> { nodeIn[Int(nodeFirstIn[v])..<Int(nodeFirstIn[v + 1])] }
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
