/// Plain Dijkstra over road edges with a binary heap: slow but obviously correct, so tests
/// and tools use it as the reference the hierarchy must match exactly.
///
/// It shares nothing with the engine's search but the road graph, the turn rules' price of
/// an angle, and the restriction lists: a state is "at the head of road edge e, having driven
/// it" plus, where via-way restrictions are in play, every one of their paths the last edges
/// driven are a beginning of (tracked here pattern by pattern, not by the engine's matcher);
/// turns are allowed or refused here by the rules themselves, and snapped positions are read
/// from their segment and fraction, not from the engine's seeds.
public struct ReferenceDijkstra: Sendable {
    public let graph: RoadGraph
    let roadCost: [PackedCost]
    let rules: TurnRules
    let forbidden: Set<UInt64>
    /// The via-way restrictions that bind the vehicle, and those whose path begins with each edge.
    let viaWay: [ViaWayRestriction]
    let viaWayStarts: [Int: [Int]]
    let firstIn: [UInt32]
    let inEdges: [UInt32]
    let geometry: TurnGeometry

    /// Free-flow costs on a network, with its turn rules and the restrictions that bind a
    /// vehicle with `exemption`.
    public init(network: RoadNetwork, exemption: TurnRestrictionExemption = .none) {
        let g = network.graph
        self.init(
            graph: g, roadCost: (0..<g.edgeCount).map { Cost.pack(ms: g.timeMs[$0], dm: g.lengthDm[$0]) },
            turns: network.turns, exemption: exemption)
    }

    /// A reference whose edge costs reflect the engine's current closures.
    public init(engine: RoutingEngine, exemption: TurnRestrictionExemption = .none) {
        self.init(
            graph: engine.graph, roadCost: engine.currentMetric.roadCost, turns: engine.turns, exemption: exemption)
    }

    init(graph: RoadGraph, roadCost: [PackedCost], turns: TurnGraph, exemption: TurnRestrictionExemption) {
        self.graph = graph
        self.roadCost = roadCost
        rules = turns.rules
        // A turn stays forbidden unless the vehicle may ignore every restriction forbidding it.
        let byTurn = Dictionary(grouping: turns.restrictions, by: \.turn.packed)
        forbidden = Set(byTurn.filter { !exemption.allows($0.value.map(\.restriction)) }.keys)
        let binding = turns.viaWay.filter { !exemption.kinds.contains($0.restriction) }
        viaWay = binding
        viaWayStarts = Dictionary(grouping: binding.indices, by: { binding[$0].path[0] })
        let inbound = TurnGraph.inboundEdges(of: graph)
        firstIn = inbound.first
        inEdges = inbound.edges
        geometry = TurnGeometry(road: graph, firstIn: inbound.first, inEdges: inbound.edges)
    }

    /// Via-way paths under way, as `restriction << 32 | edges matched - 1`, sorted.
    typealias Progress = [UInt64]

    /// The paths under way after driving `b` on from `progress`.
    func progress(_ progress: Progress, driving b: Int) -> Progress {
        guard !viaWay.isEmpty else { return [] }
        var next: Progress = []
        for entry in progress {
            let (r, i) = (Int(entry >> 32), Int(entry & 0xFFFF_FFFF))
            if i + 1 < viaWay[r].path.count && viaWay[r].path[i + 1] == b { next.append(entry + 1) }
        }
        for r in viaWayStarts[b] ?? [] { next.append(UInt64(r) << 32) }
        return next.sorted()
    }

    /// The turn from `a` into `b` (consecutive edges) for a vehicle with `progress` along
    /// via-way paths, nil when not allowed.
    func turn(from a: Int, to b: Int, progress: Progress = []) -> PackedCost? {
        let v = Int(graph.head[a])
        if forbidden.contains(TurnPair(from: a, to: b).packed) { return nil }
        for entry in progress {
            let r = viaWay[Int(entry >> 32)]
            if Int(entry & 0xFFFF_FFFF) == r.path.count - 1 && r.forbids(b) { return nil }
        }
        let back = graph.head[b] == graph.tail[a]
        if back && rules.uTurns == .deadEndsOnly && graph.firstOut[v + 1] - graph.firstOut[v] > 1 { return nil }
        guard rules.pricesTurns else { return 0 }
        let g = geometry
        let seconds = rules.seconds(
            angle: back ? 180 : g.angle(from: a, to: b), roads: g.roadCount(at: v), isUTurn: back)
        return Cost.pack(ms: UInt32((seconds * 1000).rounded()), dm: 0)
    }

    /// Travel time (seconds) and length (metres) of the fastest path between two nodes,
    /// breaking ties by length; nil when unreachable.
    public func travel(from source: Int, to target: Int) -> TravelEstimate? {
        if source == target { return TravelEstimate(0) }
        let best = search(seeds: leaving(source)) { a, _, d in Int(graph.head[a]) == target ? d : nil }
        return best < Cost.infinity ? TravelEstimate(best) : nil
    }

    /// Cost between two snapped positions.
    func cost(from a: SnappedLocation, to b: SnappedLocation) -> PackedCost {
        let start = Position(a, graph)
        let end = Position(b, graph)
        if let u = start.node, let v = end.node, u == v { return 0 }
        // Along one segment, or from a junction onto the next segment, without a turn.
        var direct = Cost.infinity
        for (edge, behind, _) in start.directions(graph) {
            for (other, target, _) in end.directions(graph) where other == edge && target >= behind {
                direct = min(direct, Cost.fraction(roadCost[edge], target - behind))
            }
        }
        let found = search(seeds: start.seeds(self), initialBest: direct) { a, progress, d in
            let v = Int(graph.head[a])
            if let node = end.node { return node == v ? d : nil }
            var best: PackedCost?
            for (edge, behind, _) in end.inside where Int(graph.tail[edge]) == v {
                let part = Cost.fraction(roadCost[edge], behind)
                guard part < Cost.infinity, let t = turn(from: a, to: edge, progress: progress) else { continue }
                best = min(best ?? Cost.infinity, d + t + part)
            }
            return best
        }
        return min(direct, found)
    }

    /// Cost from a snapped position to every road node (0 at its own junction).
    func reach(from location: SnappedLocation) -> [PackedCost] {
        let start = Position(location, graph)
        let dist = run(seeds: start.seeds(self))
        var out = [PackedCost](repeating: Cost.infinity, count: graph.nodeCount)
        for v in 0..<graph.nodeCount {
            for i in Int(firstIn[v])..<Int(firstIn[v + 1]) { out[v] = min(out[v], dist[Int(inEdges[i])]) }
        }
        if let v = start.node { out[v] = 0 }
        return out
    }

    /// Every edge leaving `v`, driven whole.
    func leaving(_ v: Int) -> [(Int, PackedCost)] {
        (Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1])).compactMap { b in
            roadCost[b] < Cost.infinity ? (b, roadCost[b]) : nil
        }
    }

    /// A snapped position read independently: a junction, or a point inside a segment with
    /// the share of each drivable direction already behind it.
    struct Position {
        var node: Int?
        /// (edge, share of the edge behind the point, share ahead)
        var inside: [(Int, Double, Double)] = []

        init(_ location: SnappedLocation, _ graph: RoadGraph) {
            let forward = location.forwardEdge == .max ? nil : Int(location.forwardEdge)
            let backward = location.backwardEdge == .max ? nil : Int(location.backwardEdge)
            let first = forward.map { Int(graph.tail[$0]) } ?? Int(graph.head[backward!])
            let second = forward.map { Int(graph.head[$0]) } ?? Int(graph.tail[backward!])
            if location.fraction <= 0 {
                node = first
            } else if location.fraction >= 1 {
                node = second
            } else {
                if let forward { inside.append((forward, location.fraction, 1 - location.fraction)) }
                if let backward { inside.append((backward, 1 - location.fraction, location.fraction)) }
            }
        }

        /// Edges this position lies on, with the share behind and ahead (a junction: the
        /// start of every edge leaving it).
        func directions(_ graph: RoadGraph) -> [(Int, Double, Double)] {
            guard let v = node else { return inside }
            return (Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1])).map { ($0, 0.0, 1.0) }
        }

        func seeds(_ r: ReferenceDijkstra) -> [(Int, PackedCost)] {
            if let v = node { return r.leaving(v) }
            return inside.map { ($0.0, Cost.fraction(r.roadCost[$0.0], $0.2)) }
        }
    }

    /// Costs from the seeds (road edges reached at their heads) to every road edge.
    func run(seeds: [(Int, PackedCost)]) -> [PackedCost] {
        var dist = [PackedCost](repeating: Cost.infinity, count: graph.edgeCount)
        _ = search(seeds: seeds) { a, _, d in
            dist[a] = min(dist[a], d)
            return nil
        }
        return dist
    }

    /// Dijkstra from the seeds over (edge, via-way progress) states, offering each settled
    /// state to `arrive`, which returns the cost of finishing there (or nil); stops once
    /// nothing left can beat the best finish.
    func search(
        seeds: [(Int, PackedCost)], initialBest: PackedCost = Cost.infinity,
        arrive: (Int, Progress, PackedCost) -> PackedCost?
    ) -> PackedCost {
        var best = initialBest
        // States without progress by edge; the few with progress by (edge, progress).
        var plain = [PackedCost](repeating: Cost.infinity, count: graph.edgeCount)
        var tracked: [ReferenceState: PackedCost] = [:]
        func settled(_ edge: Int, _ progress: Progress) -> PackedCost {
            progress.isEmpty ? plain[edge] : tracked[ReferenceState(edge: edge, progress: progress)] ?? Cost.infinity
        }
        var heap = BinaryMinHeap<ReferenceLabel>()
        func offer(_ edge: Int, _ progress: Progress, _ cost: PackedCost) {
            guard cost < settled(edge, progress) else { return }
            if progress.isEmpty {
                plain[edge] = cost
            } else {
                tracked[ReferenceState(edge: edge, progress: progress)] = cost
            }
            heap.push(ReferenceLabel(cost: cost, edge: edge, progress: progress))
        }
        for (edge, cost) in seeds { offer(edge, progress([], driving: edge), cost) }
        while let label = heap.pop() {
            let (d, a) = (label.cost, label.edge)
            if d > settled(a, label.progress) { continue }
            if d >= best { break }
            if let finish = arrive(a, label.progress, d) { best = min(best, finish) }
            let v = Int(graph.head[a])
            for b in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) {
                let c = roadCost[b]
                guard c < Cost.infinity, let t = turn(from: a, to: b, progress: label.progress) else { continue }
                offer(b, progress(label.progress, driving: b), d + t + c)
            }
        }
        return best
    }
}

/// A search state with via-way progress.
struct ReferenceState: Hashable {
    var edge: Int
    var progress: [UInt64]
}

/// A label of the reference search: ordered by cost, then edge.
struct ReferenceLabel: Comparable {
    var cost: PackedCost
    var edge: Int
    var progress: [UInt64] = []

    static func < (a: Self, b: Self) -> Bool { (a.cost, a.edge) < (b.cost, b.edge) }
}
