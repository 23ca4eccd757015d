import Foundation
import MirsadGeodesy
import Synchronization

/// Process-wide unique metric versions, so a cache can never mistake one engine's metric
/// for another's.
enum MetricVersion {
    private static let counter = Atomic<UInt64>(0)

    static func next() -> UInt64 { counter.add(1, ordering: .relaxed).newValue }
}

/// The routing service the server and the CLI talk to: snapping, ETAs, tables, routes,
/// closures, isochrones, coverage and move-up suggestions on one road network.
///
/// Thread-safe and lock-light: the customized metric is an immutable snapshot that queries
/// pick up with one short lock and then use without locking; a closure update builds the
/// next snapshot on the side and swaps it in, so queries never wait for an update and an
/// update never waits for queries. Updates are serialized among themselves.
public final class RoutingEngine: Sendable {
    /// The road graph.
    public let graph: RoadGraph
    /// The turns the hierarchy is built on (one routing node per road edge, and per copy of
    /// an edge along a via-way restriction).
    let turns: TurnGraph
    let hierarchy: ContractionHierarchy
    let snapIndex: SnapIndex
    let workspaces: WorkspacePool
    /// Free-flow cost of every road edge.
    let baseCost: [PackedCost]
    /// Cost of every turn on top of the road edge it enters.
    let turnCost: [PackedCost]
    /// Identifies the network in `SnappedLocation`s (a checksum of positions and topology).
    public let fingerprint: UInt64
    /// The restriction kinds present, which decide whether two exemptions route alike.
    let restrictionKinds: Set<TurnRestriction>
    /// The live metric of each exemption in use (`.none` always; others once asked for).
    /// They share the road costs and differ in which restricted turns are open.
    private let metrics: Mutex<[TurnRestrictionExemption: CCHMetric]>
    private let closures: Mutex<ClosureBook>

    struct ClosureBook: Sendable {
        var active: [String: ResolvedClosure] = [:]
        var order: [String] = []
        /// Per exemption: the metric before the current one, kept to be recycled by the next
        /// update, and the restricted turns that stay closed.
        var spares: [TurnRestrictionExemption: CCHMetric] = [:]
        var closedArcs: [TurnRestrictionExemption: Set<Int>] = [:]
    }

    struct ResolvedClosure: Sendable {
        var closure: RoadClosure
        var edges: [Int]
    }

    /// Builds an engine: spatial index and the free-flow customization (tens of milliseconds
    /// on a city network).
    public init(network: RoadNetwork) {
        graph = network.graph
        turns = network.turns
        hierarchy = network.hierarchy
        snapIndex = SnapIndex(graph: network.graph)
        workspaces = WorkspacePool(nodeCount: network.hierarchy.nodeCount)
        let g = network.graph
        let base = (0..<g.edgeCount).map { Cost.pack(ms: g.timeMs[$0], dm: g.lengthDm[$0]) }
        baseCost = base
        let turnCost = network.turns.turnMs.map { Cost.pack(ms: $0, dm: 0) }
        self.turnCost = turnCost
        var hash = Checksum64.hash(UnsafeRawBufferPointer(start: nil, count: 0), seed: UInt64(g.nodeCount))
        for part in [
            g.latE7.withUnsafeBytes { Checksum64.hash($0) }, g.lonE7.withUnsafeBytes { Checksum64.hash($0) },
            g.head.withUnsafeBytes { Checksum64.hash($0) }, g.firstOut.withUnsafeBytes { Checksum64.hash($0) },
        ] {
            hash = withUnsafeBytes(of: (hash, part)) { Checksum64.hash($0) }
        }
        fingerprint = hash
        restrictionKinds = network.turns.restrictionKinds
        let closed = network.turns.closedArcs(for: .none)
        let arcs = RoutingEngine.turnCosts(network.turns, roadCost: base, turnCost: turnCost, closed: closed)
        let initial = CCHMetric.customize(
            network.hierarchy, edgeCost: arcs, roadCost: base, version: MetricVersion.next())
        metrics = Mutex([.none: initial])
        var book = ClosureBook()
        book.closedArcs[.none] = closed
        book.spares[.none] = initial.detachedCopy()
        closures = Mutex(book)
    }

    /// Loads a `.mroads` file and builds the engine.
    public convenience init(contentsOf url: URL) throws(RoadNetworkFileError) {
        self.init(network: try RoadNetworkFile.read(from: url))
    }

    /// The metric snapshot queries run on, for vehicles that obey every restriction.
    var currentMetric: CCHMetric { metrics.withLock { $0[.none]! } }

    /// The exemption that routes like `exemption` here: only the kinds present matter.
    func canonical(_ exemption: TurnRestrictionExemption) -> TurnRestrictionExemption {
        TurnRestrictionExemption(exemption.kinds.intersection(restrictionKinds))
    }

    /// The metric snapshot for a vehicle with `exemption`. The first request for an exemption
    /// customizes its metric in full (as long as building the engine took); from then on
    /// closures keep it up to date like the default one.
    func metric(for exemption: TurnRestrictionExemption) -> CCHMetric {
        let key = canonical(exemption)
        if let m = metrics.withLock({ $0[key] }) { return m }
        return closures.withLock { book -> CCHMetric in
            if let m = metrics.withLock({ $0[key] }) { return m }
            let closed = turns.closedArcs(for: key)
            let road = currentMetric.roadCost
            let arcs = Self.turnCosts(turns, roadCost: road, turnCost: turnCost, closed: closed)
            let m = CCHMetric.customize(hierarchy, edgeCost: arcs, roadCost: road, version: MetricVersion.next())
            book.closedArcs[key] = closed
            book.spares[key] = m.detachedCopy()
            metrics.withLock { $0[key] = m }
            return m
        }
    }

    /// Prepares the metrics of these exemptions now (say, those of the jurisdiction's vehicle
    /// types at start-up), so that no dispatch query pays for their customization.
    public func prepare(exemptions: [TurnRestrictionExemption]) {
        for exemption in exemptions { _ = metric(for: exemption) }
    }

    /// The exemptions whose metrics are kept up to date, `.none` included.
    public var preparedExemptions: [TurnRestrictionExemption] {
        metrics.withLock { Array($0.keys) }
    }

    /// Number of arcs of the hierarchy's chordal supergraph (for reports).
    public var hierarchyArcCount: Int { hierarchy.arcCount }

    /// Number of allowed turns, and of turns restrictions forbid.
    public var turnCount: Int { turns.turnCount }
    public var forbiddenTurnCount: Int { turns.forbiddenTurnCount }
    /// The turn model the network was prepared with.
    public var turnRules: TurnRules { turns.rules }

    /// Number of nodes routes are searched over (one per road edge), which sizes per-node
    /// results such as destination fields.
    public var routingNodeCount: Int { hierarchy.nodeCount }

    /// The turns' costs: the road edge each enters plus the turn, unreachable when the road is
    /// or when the turn is `closed` (forbidden by a restriction).
    static func turnCosts(
        _ turns: TurnGraph, roadCost: [PackedCost], turnCost: [PackedCost], closed: Set<Int>
    ) -> [PackedCost] {
        let heads = turns.routing.head
        var costs = (0..<heads.count).map { arc in
            let road = roadCost[turns.roadEdge(of: Int(heads[arc]))]
            return road < Cost.infinity ? road &+ turnCost[arc] : Cost.infinity
        }
        for arc in closed { costs[arc] = Cost.infinity }
        return costs
    }

    // MARK: Snapping

    /// How close to a junction a snapped point must be to count as the junction itself.
    static let junctionToleranceMeters = 0.5

    /// The nearest point on the road network within `maxDistanceMeters`, or nil.
    public func snap(_ coordinate: GeoCoordinate, maxDistanceMeters: Double = 1000) -> SnappedLocation? {
        guard coordinate.isValid, maxDistanceMeters >= 0 else { return nil }
        guard var hit = snapIndex.nearest(to: coordinate, maxDistance: maxDistanceMeters, graph: graph) else {
            return nil
        }
        let forward = graph.segmentEdge[hit.segment]
        var snapped = snapIndex.projection.unproject(hit.point)
        // A point at a junction is the junction: every road there may enter and leave it. Left
        // a hair along one of its segments (a coordinate that rounds differently from the
        // node's), a one-way segment could only be reached from its far end.
        let length = Double(graph.lengthDm[Int(forward)]) / 10
        let end = hit.fraction < 0.5 ? 0.0 : 1.0
        if hit.fraction != end, abs(hit.fraction - end) * length <= Self.junctionToleranceMeters {
            hit.fraction = end
            snapped = graph.coordinate(of: Int(end == 0 ? graph.tail[Int(forward)] : graph.head[Int(forward)]))
            hit.distance = coordinate.distance(to: snapped)
        }
        return SnappedLocation(
            query: coordinate,
            coordinate: snapped,
            distanceMeters: hit.distance,
            segment: UInt32(hit.segment),
            forwardEdge: forward,
            backwardEdge: graph.reverseEdge[Int(forward)],
            fraction: hit.fraction,
            network: fingerprint
        )
    }

    /// `location` if it belongs to this network, else the same query snapped here (nil when
    /// no road is within 1 km).
    func checked(_ location: SnappedLocation) -> SnappedLocation? {
        location.network == fingerprint ? location : snap(location.query)
    }

    // MARK: Closures

    /// Applies a closure; every ETA computed after this returns sees it.
    @discardableResult
    public func apply(_ closure: RoadClosure) throws(RoadClosureError) -> MetricUpdate {
        let clock = ContinuousClock()
        let start = clock.now
        let edges = try resolve(closure.area)
        if case .slowdown(let factor) = closure.effect, !(factor.isFinite && factor >= 1) {
            throw .invalidFactor(factor)
        }
        return try closures.withLock { book throws(RoadClosureError) -> MetricUpdate in
            guard book.active[closure.id] == nil else { throw .duplicateId(closure.id) }
            book.active[closure.id] = ResolvedClosure(closure: closure, edges: edges)
            book.order.append(closure.id)
            let (changed, arcs) = recustomize(edges: edges, book: &book)
            return MetricUpdate(
                closureId: closure.id, affectedEdges: changed, recomputedArcs: arcs, duration: clock.now - start)
        }
    }

    /// Removes a closure by id.
    @discardableResult
    public func removeClosure(id: String) throws(RoadClosureError) -> MetricUpdate {
        let clock = ContinuousClock()
        let start = clock.now
        return try closures.withLock { book throws(RoadClosureError) -> MetricUpdate in
            guard let resolved = book.active.removeValue(forKey: id) else { throw .unknownId(id) }
            book.order.removeAll { $0 == id }
            let (changed, arcs) = recustomize(edges: resolved.edges, book: &book)
            return MetricUpdate(
                closureId: id, affectedEdges: changed, recomputedArcs: arcs, duration: clock.now - start)
        }
    }

    /// The closures in force, in the order they were applied.
    public var activeClosures: [RoadClosure] {
        closures.withLock { book in book.order.compactMap { book.active[$0]?.closure } }
    }

    /// Road-graph edges covered by an area.
    public func edges(in area: RoadClosure.Area) throws(RoadClosureError) -> [Int] {
        try resolve(area)
    }

    private func resolve(_ area: RoadClosure.Area) throws(RoadClosureError) -> [Int] {
        switch area {
        case .edges(let ids):
            if let bad = ids.first(where: { $0 < 0 || $0 >= graph.edgeCount }) { throw .edgeOutOfRange(bad) }
            return Array(Set(ids)).sorted()
        case .polygon(let polygon):
            guard polygon.outer.count >= 3 else { throw .invalidPolygon("the outer ring needs at least 3 points") }
            guard polygon.outer.allSatisfy(\.isValid), polygon.holes.allSatisfy({ $0.allSatisfy(\.isValid) }) else {
                throw .invalidPolygon("a vertex is not a valid WGS84 coordinate")
            }
            let planar = PlanarPolygon(polygon, projection: snapIndex.projection)
            var edges: [Int] = []
            for s in snapIndex.segments(
                inBoxMinX: planar.minX, minY: planar.minY, maxX: planar.maxX, maxY: planar.maxY)
            {
                let e = Int(graph.segmentEdge[s])
                let a = Int(graph.tail[e])
                let b = Int(graph.head[e])
                let pa = PlanarPoint(x: snapIndex.nodeX[a], y: snapIndex.nodeY[a])
                let pb = PlanarPoint(x: snapIndex.nodeX[b], y: snapIndex.nodeY[b])
                if planar.intersects(pa, pb) {
                    edges.append(e)
                    let r = graph.reverseEdge[e]
                    if r != .max { edges.append(Int(r)) }
                }
            }
            return edges.sorted()
        }
    }

    /// Recomputes the cost of `edges` from all active closures and swaps in the new metrics.
    private func recustomize(edges: [Int], book: inout ClosureBook) -> (changed: Int, arcs: Int) {
        let road = currentMetric.roadCost
        var changedRoad: [(edge: Int, cost: PackedCost)] = []
        let active = book.order.compactMap { book.active[$0] }
        let memberships = active.map { Set($0.edges) }
        for e in edges {
            var blocked = false
            var factor = 1.0
            for (i, c) in active.enumerated() where memberships[i].contains(e) {
                switch c.closure.effect {
                case .block: blocked = true
                case .slowdown(let f): factor = max(factor, f)
                }
            }
            let value = blocked ? Cost.infinity : Cost.slowed(baseCost[e], by: factor)
            if value != road[e] { changedRoad.append((e, value)) }
        }
        var arcs = 0
        for key in metrics.withLock({ Array($0.keys) }) {
            arcs += recustomize(key, changedRoad: changedRoad, book: &book)
        }
        return (changedRoad.count, arcs)
    }

    /// Applies changed road costs to the metric of one exemption; returns the arcs recomputed.
    private func recustomize(
        _ key: TurnRestrictionExemption, changedRoad: [(edge: Int, cost: PackedCost)], book: inout ClosureBook
    ) -> Int {
        guard let old = metrics.withLock({ $0[key] }), let closed = book.closedArcs[key] else { return 0 }
        // A road edge's cost is part of every turn into it.
        var changedTurns: [(edge: Int, cost: PackedCost)] = []
        for (e, road) in changedRoad {
            for i in turns.turns(into: e) {
                let arc = Int(turns.inArc[i])
                let open = road < Cost.infinity && !closed.contains(arc)
                changedTurns.append((arc, open ? road &+ turnCost[arc] : Cost.infinity))
            }
        }
        // Partial customization pays per changed arc; past a few percent of the network a full
        // customization (a fixed few tens of milliseconds on a city) is cheaper.
        var next: CCHMetric
        let arcs: Int
        if changedTurns.count > turns.turnCount / 20 {
            var road = old.roadCost
            var cost = old.edgeCost
            for (e, value) in changedRoad { road[e] = value }
            for (t, value) in changedTurns { cost[t] = value }
            next = CCHMetric.customize(hierarchy, edgeCost: cost, roadCost: road, version: MetricVersion.next())
            arcs = hierarchy.arcCount
            book.spares[key] = nil
        } else {
            // The metric before `old` becomes the next one: it differs from `old` by old's
            // delta only, and its arrays are free once the queries on it have finished.
            if var spare = book.spares.removeValue(forKey: key), spare.canReplay(to: old) {
                spare.replay(to: old)
                next = spare
            } else {
                next = old
            }
            arcs = next.update(
                hierarchy, changedRoadEdges: changedRoad, changedEdges: changedTurns, version: MetricVersion.next())
            book.spares[key] = old
        }
        metrics.withLock { $0[key] = next }
        return arcs
    }
}
