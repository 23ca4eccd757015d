import Foundation

/// A turn restriction relation that applies to cars, as read from the file: `no_*` forbids
/// the turn from the `from` way over the `via` node into the `to` way, `only_*` forbids every
/// other turn from `from` at `via`.
struct DecodedRestriction: Sendable, Hashable {
    struct Member: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case node, way, relation }
        var kind: Kind
        var id: Int64
        var role: String
    }

    enum Rule: Sendable, Hashable {
        case no
        case only
    }

    var id: Int64
    var rule: Rule
    /// The tag value, such as `no_left_turn`.
    var value: String
    var fromWays: [Int64]
    var viaNodes: [Int64]
    var viaWays: [Int64]
    var toWays: [Int64]

    /// Vehicle keys that make a restriction apply to cars, most specific first (OSRM car
    /// profile: `restriction:motorcar`, `:motor_vehicle`, `:vehicle`, then `restriction`).
    static let carVehicles = ["motorcar", "motor_vehicle", "vehicle"]

    /// Reads a `type=restriction` relation, or says why it does not bind cars or cannot be used.
    static func make(id: Int64, tags: [String: String], members: [Member]) -> Result<
        DecodedRestriction, UnappliedRestriction
    > {
        func skip(_ reason: UnappliedRestriction.Reason) -> Result<DecodedRestriction, UnappliedRestriction> {
            .failure(UnappliedRestriction(relationId: id, reason: reason))
        }
        let specific = carVehicles.lazy.compactMap { tags["restriction:\($0)"] }.first
        guard let value = specific ?? tags["restriction"] else {
            // Only other vehicles' restrictions (restriction:hgv, ...) or only a conditional one.
            return skip(
                tags.keys.contains { $0.hasPrefix("restriction:") && $0.hasSuffix(":conditional") }
                    ? .conditional : .notForCars)
        }
        if let except = tags["except"] {
            let exempt = Set(except.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            if carVehicles.contains(where: exempt.contains) { return skip(.exceptCars) }
        }
        let rule: Rule
        if value.hasPrefix("no_") {
            rule = .no
        } else if value.hasPrefix("only_") {
            rule = .only
        } else {
            return skip(.unknownValue(value))
        }
        var restriction = DecodedRestriction(
            id: id, rule: rule, value: value, fromWays: [], viaNodes: [], viaWays: [], toWays: [])
        for member in members {
            switch (member.role, member.kind) {
            case ("from", .way): restriction.fromWays.append(member.id)
            case ("to", .way): restriction.toWays.append(member.id)
            case ("via", .node): restriction.viaNodes.append(member.id)
            case ("via", .way): restriction.viaWays.append(member.id)
            default: continue  // location_hint and the like
            }
        }
        guard !restriction.fromWays.isEmpty else { return skip(.missingMembers("no from way")) }
        guard !restriction.toWays.isEmpty else { return skip(.missingMembers("no to way")) }
        if !restriction.viaWays.isEmpty {
            guard restriction.viaNodes.isEmpty else { return skip(.missingMembers("both via ways and a via node")) }
            guard restriction.fromWays.count == 1, restriction.toWays.count == 1 else {
                return skip(
                    .missingMembers(
                        "via ways with \(restriction.fromWays.count) from and \(restriction.toWays.count) to ways"))
            }
            return .success(restriction)
        }
        guard !restriction.viaNodes.isEmpty else { return skip(.missingMembers("no via member")) }
        guard restriction.viaNodes.count == 1 else {
            return skip(.missingMembers("\(restriction.viaNodes.count) via nodes"))
        }
        // `only_*` names one way out; several would contradict each other.
        if rule == .only, restriction.toWays.count != 1 || restriction.fromWays.count != 1 {
            return skip(
                .missingMembers(
                    "\(value) with \(restriction.fromWays.count) from and \(restriction.toWays.count) to ways"))
        }
        return .success(restriction)
    }

    /// The via-way restrictions this relation makes on `graph` (one per drivable way in from
    /// the `from` way), or why it cannot be placed there.
    func viaWayRestrictions(
        graph: RoadGraph, refs: (Int64) -> [Int64]?, graphNode: (Int64) -> Int?
    ) -> Result<[ViaWayRestriction], UnappliedRestriction> {
        func fail(_ reason: UnappliedRestriction.Reason) -> Result<[ViaWayRestriction], UnappliedRestriction> {
            .failure(UnappliedRestriction(relationId: id, reason: reason))
        }
        guard let from = refs(fromWays[0]), let to = refs(toWays[0]) else { return fail(.notOnNetwork) }
        var viaRefs: [[Int64]] = []
        for way in viaWays {
            guard let nodes = refs(way) else { return fail(.notOnNetwork) }
            viaRefs.append(nodes)
        }
        // The drivable road edges along the via ways, and the shortest chain of them from a
        // node the from way shares to a node the to way shares.
        var along: [Int: [Int]] = [:]  // graph node → via edges leaving it
        for nodes in viaRefs {
            for (p, q) in zip(nodes, nodes.dropFirst()) {
                guard let u = graphNode(p), let v = graphNode(q) else { continue }
                if let e = graph.edge(from: u, to: v) { along[u, default: []].append(e) }
                if let e = graph.edge(from: v, to: u) { along[v, default: []].append(e) }
            }
        }
        let viaNodes = Set(viaRefs.joined())
        let starts = Set(from.filter(viaNodes.contains).compactMap(graphNode))
        let ends = Set(to.filter(viaNodes.contains).compactMap(graphNode))
        var previous: [Int: Int] = [:]  // graph node → via edge that reached it
        var queue = starts.sorted()
        var head = 0
        var end: Int?
        while head < queue.count, end == nil {
            let u = queue[head]
            head += 1
            for e in along[u] ?? [] {
                let v = Int(graph.head[e])
                guard !starts.contains(v), previous[v] == nil else { continue }
                previous[v] = e
                if ends.contains(v) {
                    end = v
                    break
                }
                queue.append(v)
            }
        }
        guard let end else { return fail(.viaWay) }
        var via: [Int] = []
        var node = end
        while let e = previous[node] {
            via.append(e)
            node = Int(graph.tail[e])
        }
        via.reverse()
        let start = Int(graph.tail[via[0]])
        // The from way's edges into the start, and the to way's edges out of the end.
        func edges(of nodes: [Int64], at v: Int, arriving: Bool) -> [Int] {
            var found: [Int] = []
            for i in nodes.indices where graphNode(nodes[i]) == v {
                for j in [i - 1, i + 1] where j >= 0 && j < nodes.count {
                    guard let u = graphNode(nodes[j]) else { continue }
                    if let e = arriving ? graph.edge(from: u, to: v) : graph.edge(from: v, to: u) { found.append(e) }
                }
            }
            return found.filter { !via.contains($0) }
        }
        let inbound = edges(of: from, at: start, arriving: true)
        let outbound = edges(of: to, at: end, arriving: false)
        guard !inbound.isEmpty, !outbound.isEmpty else { return fail(.notAtVia) }
        let kind = TurnRestriction(osmValue: value)
        return .success(
            inbound.map { a in
                ViaWayRestriction(path: [a] + via, to: outbound, rule: rule == .no ? .no : .only, restriction: kind)
            })
    }

    /// The turns this restriction forbids on `graph`, or why it cannot be placed there.
    /// `refs` gives the node references of each way, `graphNode` an OSM node's graph node.
    func forbiddenTurns(
        graph: RoadGraph, refs: (Int64) -> [Int64]?, graphNode: (Int64) -> Int?
    ) -> Result<[TurnPair], UnappliedRestriction> {
        func fail(_ reason: UnappliedRestriction.Reason) -> Result<[TurnPair], UnappliedRestriction> {
            .failure(UnappliedRestriction(relationId: id, reason: reason))
        }
        let viaId = viaNodes[0]
        guard let v = graphNode(viaId) else { return fail(.notOnNetwork) }
        // Road edges of a way that arrive at (or leave) the via node.
        func edges(of way: Int64, arriving: Bool) -> [Int]? {
            guard let nodes = refs(way) else { return nil }
            var found: [Int] = []
            for i in nodes.indices where nodes[i] == viaId {
                for j in [i - 1, i + 1] where j >= 0 && j < nodes.count {
                    guard let u = graphNode(nodes[j]) else { continue }
                    let edge = arriving ? graph.edge(from: u, to: v) : graph.edge(from: v, to: u)
                    if let edge { found.append(edge) }
                }
            }
            return found
        }
        var pairs: [TurnPair] = []
        for from in fromWays {
            guard let inbound = edges(of: from, arriving: true) else { return fail(.notOnNetwork) }
            guard !inbound.isEmpty else { return fail(.notAtVia) }
            var outbound: [Int] = []
            for to in toWays {
                guard let out = edges(of: to, arriving: false) else { return fail(.notOnNetwork) }
                guard !out.isEmpty else { return fail(.notAtVia) }
                outbound += out
            }
            for a in inbound {
                let back = Int(graph.tail[a])
                // From a way into itself (no_u_turn) the turn meant is back the way it came,
                // not on along the same way.
                let targets = fromWays == toWays ? outbound.filter { Int(graph.head[$0]) == back } : outbound
                switch rule {
                case .no:
                    pairs += targets.map { TurnPair(from: a, to: $0) }
                case .only:
                    let allowed = Set(targets)
                    for b in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) where !allowed.contains(b) {
                        pairs.append(TurnPair(from: a, to: b))
                    }
                }
            }
        }
        return .success(pairs)
    }
}

/// A turn restriction the import could not apply, and why.
public struct UnappliedRestriction: Sendable, Hashable, Error {
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// Tagged for other vehicles only.
        case notForCars
        /// `except=*` exempts cars.
        case exceptCars
        /// Only a time- or condition-dependent restriction (not applied, as in OSRM by default).
        case conditional
        /// A `restriction` value that is neither `no_*` nor `only_*`.
        case unknownValue(String)
        /// No from, via or to member, or several where one is needed.
        case missingMembers(String)
        /// Via ways that do not form a drivable path between the from and to ways.
        case viaWay
        /// A member way or the via node is not on the drivable network (outside the extract,
        /// not drivable by car, or dropped as an island).
        case notOnNetwork
        /// The from or to way does not touch the via node in a drivable direction.
        case notAtVia

        public var description: String {
            switch self {
            case .notForCars: "not for cars"
            case .exceptCars: "cars exempt (except=*)"
            case .conditional: "conditional"
            case .unknownValue(let v): "unknown value \(v)"
            case .missingMembers(let what): "missing or extra members: \(what)"
            case .viaWay: "the via ways do not lead from the from way to the to way"
            case .notOnNetwork: "a member is not on the drivable network"
            case .notAtVia: "a way does not meet the via node in a drivable direction"
            }
        }

        /// Restrictions that do not bind cars are not failures, only not relevant.
        public var bindsCars: Bool {
            switch self {
            case .notForCars, .exceptCars, .conditional: false
            default: true
            }
        }
    }

    public var relationId: Int64
    public var reason: Reason
}
