import Dispatch
import Foundation
import MirsadGeodesy

extension RoutingEngine {
    // MARK: One-to-one

    /// Travel estimate from one snapped point to another, nil when unreachable. `exemption`
    /// names the turn restrictions the vehicle may ignore.
    public func travel(
        from source: SnappedLocation, to target: SnappedLocation, speedFactor: Double = 1,
        exemption: TurnRestrictionExemption = .none
    ) -> TravelEstimate? {
        let m = metric(for: exemption)
        let cost = workspaces.withWorkspace { w in
            pointToPoint(source, target, metric: m, workspace: w, keepPath: false).cost
        }
        return cost < Cost.infinity ? TravelEstimate(cost, speedFactor: speedFactor) : nil
    }

    /// The fastest route with its geometry and the time at every vertex, nil when unreachable.
    public func route(
        from source: SnappedLocation, to target: SnappedLocation, speedFactor: Double = 1,
        exemption: TurnRestrictionExemption = .none
    ) -> Route? {
        let m = metric(for: exemption)
        let factor = speedFactor.isFinite && speedFactor > 0 ? speedFactor : 1
        return workspaces.withWorkspace { w -> Route? in
            let result = pointToPoint(source, target, metric: m, workspace: w, keepPath: true)
            guard result.cost < Cost.infinity, let from = result.source, let to = result.target else { return nil }
            var points: [(GeoCoordinate, UInt64)] = [(from.coordinate, 0)]
            var edges: [Int] = []
            if let path = result.path {
                edges = path.edges
                for (node, cost) in path.nodes {
                    points.append((graph.coordinate(of: node), UInt64(Cost.milliseconds(cost))))
                }
            }
            points.append((to.coordinate, UInt64(Cost.milliseconds(result.cost))))
            var geometry: [GeoCoordinate] = []
            var seconds: [Double] = []
            for (point, ms) in points where geometry.last != point {
                geometry.append(point)
                seconds.append(Double(ms) / 1000 / factor)
            }
            return Route(
                seconds: Cost.seconds(result.cost) / factor, meters: Cost.meters(result.cost), geometry: geometry,
                cumulativeSeconds: seconds, edges: edges)
        }
    }

    struct PathResult {
        struct Path {
            /// Road nodes passed, with the cost from the snapped start to each.
            var nodes: [(node: Int, cost: PackedCost)]
            /// Road edges driven end to end.
            var edges: [Int]
        }

        var cost: PackedCost
        var path: Path?
        /// The endpoints as used (re-snapped when they came from another network).
        var source: SnappedLocation?
        var target: SnappedLocation?
    }

    func pointToPoint(
        _ source: SnappedLocation, _ target: SnappedLocation, metric m: CCHMetric, workspace w: QueryWorkspace,
        keepPath: Bool
    ) -> PathResult {
        guard let source = checked(source), let target = checked(target) else {
            return PathResult(cost: Cost.infinity)
        }
        let direct = source.directCost(to: target, graph: graph, roadCost: m.roadCost)
        let sources = source.sourceSeeds(self, metric: m)
        let targets = target.targetSeeds(self, metric: m)
        guard !sources.isEmpty, !targets.isEmpty,
            let (cost, meeting) = EliminationTreeSearch.shortestPath(
                from: sources, to: targets, hierarchy: hierarchy, metric: m, workspace: w)
        else {
            EliminationTreeSearch.finish(w)
            return PathResult(cost: direct, source: source, target: target)
        }
        defer { EliminationTreeSearch.finish(w) }
        if direct <= cost { return PathResult(cost: direct, source: source, target: target) }
        guard keepPath else { return PathResult(cost: cost, source: source, target: target) }
        let unpacked = PathUnpacker.roadEdges(
            meeting: meeting, workspace: w, hierarchy: hierarchy, metric: m, graph: turns.routing)
        // The path runs over routing nodes (road edges, each reached at its head) joined by
        // turns. The cheapest seed at the first node is the one the search started from.
        let firstEdge = turns.roadEdge(of: Int(hierarchy.nodeOfRank[Int(unpacked.first)]))
        guard let start = sources.filter({ $0.node == unpacked.first }).min(by: { $0.cost < $1.cost }) else {
            return PathResult(cost: cost, source: source, target: target)
        }
        var nodes: [(node: Int, cost: PackedCost)] = []
        var edges: [Int] = []
        if start.coversWholeEdge {
            nodes.append((Int(graph.tail[firstEdge]), 0))
            edges.append(firstEdge)
        }
        var elapsed = start.cost
        nodes.append((Int(graph.head[firstEdge]), elapsed))
        for turn in unpacked.edges {
            let edge = turns.roadEdge(of: Int(turns.routing.head[turn]))
            elapsed &+= m.edgeCost[turn]
            nodes.append((Int(graph.head[edge]), elapsed))
            edges.append(edge)
        }
        return PathResult(
            cost: cost, path: PathResult.Path(nodes: nodes, edges: edges), source: source, target: target)
    }

    // MARK: One-to-many and many-to-one

    /// Travel estimates between many points and one query point, without preparation. For a
    /// fleet queried repeatedly, prepare it once with `prepareFleet` instead.
    public func travel(
        between endpoints: [SnappedLocation], and query: SnappedLocation, direction: TravelDirection = .toQuery
    ) -> [TravelEstimate?] {
        let fleet = prepareFleet(
            endpoints.enumerated().map { FleetMember(id: String($0.offset), location: $0.element) },
            direction: direction)
        return travel(fleet: fleet, query: query)
    }

    /// Prepares a set of units (or any endpoints) for repeated one-to-many queries. The
    /// result caches the units' snaps and hierarchy searches; it stays valid across closures
    /// (it rebuilds its buckets itself when the metric changed).
    public func prepareFleet(_ members: [FleetMember], direction: TravelDirection = .toQuery) -> Fleet {
        // Members that may ignore different restrictions are searched on different metrics,
        // so each group gets a fleet of its own.
        let keys = members.map { canonical($0.exemption) }
        var parts: [Fleet.Part]?
        if keys.contains(where: { $0 != .none }) {
            let groups = Dictionary(grouping: keys.indices, by: { keys[$0] })
            parts = groups.keys.sorted { $0.kinds.count < $1.kinds.count }.map { key in
                let indices = groups[key]!
                return Fleet.Part(
                    exemption: key, indices: indices,
                    fleet: prepareFleet(
                        indices.map { i in
                            var member = members[i]
                            member.exemption = .none
                            return member
                        }, direction: direction))
            }
        }
        return Fleet(
            members: members, locations: members.map { checked($0.location) }, direction: direction,
            network: fingerprint, graph: graph, parts: parts)
    }

    /// Travel estimates for every fleet member (aligned with `fleet.members`), with each
    /// member's speed factor and restriction exemption applied; nil when unreachable.
    public func travel(fleet: Fleet, query: SnappedLocation) -> [TravelEstimate?] {
        zip(costs(fleet: fleet, query: query), fleet.members).map { cost, member in
            cost < Cost.infinity ? TravelEstimate(cost, speedFactor: member.speedFactor) : nil
        }
    }

    /// Raw costs for every member, each group of exemption on its own metric.
    func costs(fleet: Fleet, query: SnappedLocation) -> [PackedCost] {
        let fleet = fleet.network == fingerprint ? fleet : prepareFleet(fleet.members, direction: fleet.direction)
        guard let parts = fleet.parts else {
            let m = currentMetric
            return workspaces.withWorkspace { w in rawCosts(fleet: fleet, query: query, metric: m, workspace: w) }
        }
        var result = [PackedCost](repeating: Cost.infinity, count: fleet.members.count)
        for part in parts {
            let m = metric(for: part.exemption)
            let costs = workspaces.withWorkspace { w in
                rawCosts(fleet: part.fleet, query: query, metric: m, workspace: w)
            }
            for (k, i) in part.indices.enumerated() { result[i] = costs[k] }
        }
        return result
    }

    /// The `count` fleet members with the smallest ETA (after speed factors), best first;
    /// ties go to the smaller member id so results are reproducible.
    public func nearest(fleet: Fleet, query: SnappedLocation, count: Int) -> [RankedMember] {
        let estimates = travel(fleet: fleet, query: query)
        var ranked: [RankedMember] = []
        for (member, estimate) in zip(fleet.members, estimates) {
            if let estimate { ranked.append(RankedMember(member: member, estimate: estimate)) }
        }
        ranked.sort { a, b in a.estimate != b.estimate ? a.estimate < b.estimate : a.member.id < b.member.id }
        return Array(ranked.prefix(max(count, 0)))
    }

    func rawCosts(fleet: Fleet, query: SnappedLocation, metric m: CCHMetric, workspace w: QueryWorkspace)
        -> [PackedCost]
    {
        // A fleet prepared by an engine on another network is prepared again here.
        let fleet = fleet.network == fingerprint ? fleet : prepareFleet(fleet.members, direction: fleet.direction)
        let index = fleet.index(metric: m) { seeds in
            BucketIndex(seeds: seeds, direction: fleet.direction, hierarchy: hierarchy, metric: m, pool: workspaces)
        } seedsFor: { location in
            fleet.direction == .toQuery ? location.sourceSeeds(self, metric: m) : location.targetSeeds(self, metric: m)
        }
        var result = [PackedCost](repeating: Cost.infinity, count: fleet.members.count)
        guard let query = checked(query) else { return result }
        let querySeeds =
            fleet.direction == .toQuery ? query.targetSeeds(self, metric: m) : query.sourceSeeds(self, metric: m)
        index.query(seeds: querySeeds, hierarchy: hierarchy, metric: m, workspace: w, result: &result)
        for i in fleet.members(near: query, in: graph) {
            guard let location = fleet.locations[i] else { continue }
            let direct =
                fleet.direction == .toQuery
                ? location.directCost(to: query, graph: graph, roadCost: m.roadCost)
                : query.directCost(to: location, graph: graph, roadCost: m.roadCost)
            result[i] = min(result[i], direct)
        }
        return result
    }

    // MARK: Many-to-many

    /// A full table from every source to every target. Rows are computed in parallel.
    public func table(sources: [SnappedLocation], targets: [SnappedLocation]) -> TravelTable {
        guard !sources.isEmpty, !targets.isEmpty else {
            return TravelTable(sourceCount: sources.count, targetCount: targets.count, costs: [])
        }
        let fleet = prepareFleet(
            sources.enumerated().map { FleetMember(id: String($0.offset), location: $0.element) }, direction: .toQuery)
        let m = currentMetric
        // Build the buckets once before fanning out.
        _ = workspaces.withWorkspace { w in
            rawCosts(fleet: fleet, query: targets[0], metric: m, workspace: w)
        }
        let columns = ResultSlots<[PackedCost]>(count: targets.count)
        let chunks = min(targets.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            workspaces.withWorkspace { w in
                var t = chunk
                while t < targets.count {
                    columns.set(t, rawCosts(fleet: fleet, query: targets[t], metric: m, workspace: w))
                    t += chunks
                }
            }
        }
        let cols = columns.values()
        var flat = [PackedCost](repeating: Cost.infinity, count: sources.count * targets.count)
        for t in 0..<targets.count {
            guard let column = cols[t] else { continue }
            for s in 0..<sources.count { flat[s * targets.count + t] = column[s] }
        }
        return TravelTable(sourceCount: sources.count, targetCount: targets.count, costs: flat)
    }
}
