import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

@Suite("Turn costs, U-turns and turn restrictions")
struct TurnRoutingTests {
    /// A crossroads: centre C with four two-way arms ending in dead ends. The east arm is
    /// longer than the north arm, so turning back at the north end is the cheaper detour.
    static let c = GeoCoordinate(latitude: 41.15, longitude: -8.61)
    static let n = GeoCoordinate(latitude: 41.151, longitude: -8.61)
    static let s = GeoCoordinate(latitude: 41.149, longitude: -8.61)
    static let e = GeoCoordinate(latitude: 41.15, longitude: -8.6080)
    static let w = GeoCoordinate(latitude: 41.15, longitude: -8.6113)

    /// The crossroads' graph and the nodes of C, N, S, E, W.
    static func crossroads() -> (RoadGraph, [String: Int]) {
        var b = RoadGraphBuilder()
        let ids = ["C": b.addNode(c), "N": b.addNode(n), "S": b.addNode(s), "E": b.addNode(e), "W": b.addNode(w)]
        for arm in ["N", "S", "E", "W"] {
            b.addEdge(from: ids["C"]!, to: ids[arm]!, speedKmh: 36, roadClass: .residential)
            b.addEdge(from: ids[arm]!, to: ids["C"]!, speedKmh: 36, roadClass: .residential)
        }
        let g = b.build(keeping: .all)
        func node(_ p: GeoCoordinate) -> Int {
            (0..<g.nodeCount).first { g.coordinate(of: $0).distance(to: p) < 0.01 }!
        }
        return (g, ["C": node(c), "N": node(n), "S": node(s), "E": node(e), "W": node(w)])
    }

    func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    @Test("turns cost what the car profile's sigmoid says: straight on next to nothing, right less than left")
    func turnCosts() throws {
        let (g, id) = Self.crossroads()
        let engine = RoutingEngine(network: RoadNetwork(graph: g, rules: .car))
        func time(_ from: String, _ to: String) throws -> Int {
            let a = try #require(engine.snap(g.coordinate(of: id[from]!)))
            let b = try #require(engine.snap(g.coordinate(of: id[to]!)))
            return milliseconds(try #require(engine.travel(from: a, to: b)).seconds)
        }
        func edges(_ from: String, _ to: String) -> Int {
            Int(g.timeMs[g.edge(from: id[from]!, to: id["C"]!)!]) + Int(g.timeMs[g.edge(from: id["C"]!, to: id[to]!)!])
        }
        let rules = TurnRules.car
        #expect(try time("S", "N") == edges("S", "N") + milliseconds(rules.seconds(angle: 0, roads: 4, isUTurn: false)))
        #expect(
            try time("S", "E") == edges("S", "E") + milliseconds(rules.seconds(angle: 90, roads: 4, isUTurn: false)))
        #expect(
            try time("S", "W") == edges("S", "W") + milliseconds(rules.seconds(angle: -90, roads: 4, isUTurn: false)))
        // The published curve: about 2.1 s right, 5.4 s left, 27.5 s for a U-turn.
        #expect(abs(rules.seconds(angle: 90, roads: 4, isUTurn: false) - 2.11) < 0.01)
        #expect(abs(rules.seconds(angle: -90, roads: 4, isUTurn: false) - 5.39) < 0.01)
        #expect(abs(rules.seconds(angle: 180, roads: 1, isUTurn: true) - 27.46) < 0.01)
        #expect(rules.seconds(angle: 45, roads: 2, isUTurn: false) == 0, "a bend is not a turn")
        // The free model prices nothing.
        let free = RoutingEngine(network: RoadNetwork(graph: g, rules: .free))
        let a = try #require(free.snap(g.coordinate(of: id["S"]!)))
        let b = try #require(free.snap(g.coordinate(of: id["W"]!)))
        #expect(milliseconds(try #require(free.travel(from: a, to: b)).seconds) == edges("S", "W"))
    }

    @Test("a U-turn is made only where the road ends, never in the middle of a street")
    func uTurns() throws {
        let (g, id) = Self.crossroads()
        let turns = TurnGraph(road: g, rules: .car)
        let cn = g.edge(from: id["C"]!, to: id["N"]!)!
        let nc = g.edge(from: id["N"]!, to: id["C"]!)!
        let sc = g.edge(from: id["S"]!, to: id["C"]!)!
        let cs = g.edge(from: id["C"]!, to: id["S"]!)!
        #expect(turns.routing.edge(from: cn, to: nc) != nil, "at the dead end N")
        #expect(turns.routing.edge(from: sc, to: cs) == nil, "at the crossroads")
        #expect(TurnGraph(road: g, rules: .free).routing.edge(from: sc, to: cs) != nil)
        // A trip starting on the south arm heading away still reaches the south end by turning
        // back at a dead end, and the reference agrees.
        let network = RoadNetwork(graph: g, rules: .car)
        let engine = RoutingEngine(network: network)
        let start = try #require(engine.snap(GeoCoordinate(latitude: 41.1495, longitude: -8.61)))
        let end = try #require(engine.snap(g.coordinate(of: id["N"]!)))
        let got = try #require(engine.travel(from: start, to: end))
        #expect(got == TravelEstimate(ReferenceDijkstra(network: network).cost(from: start, to: end)))
    }

    @Test("a forbidden left turn is driven round by the cheapest detour, and routes never take it")
    func forbiddenTurn() throws {
        let (g, id) = Self.crossroads()
        let sc = g.edge(from: id["S"]!, to: id["C"]!)!
        let cw = g.edge(from: id["C"]!, to: id["W"]!)!
        let network = RoadNetwork(graph: g, rules: .car, forbidden: [TurnPair(from: sc, to: cw)])
        let engine = RoutingEngine(network: network)
        #expect(engine.forbiddenTurnCount == 1)
        let a = try #require(engine.snap(g.coordinate(of: id["S"]!)))
        let b = try #require(engine.snap(g.coordinate(of: id["W"]!)))
        let route = try #require(engine.route(from: a, to: b))
        #expect(!zip(route.edges, route.edges.dropFirst()).contains { $0 == sc && $1 == cw })
        // Straight on to N, back at its dead end, then right into W.
        let viaNorth = [sc, g.edge(from: id["C"]!, to: id["N"]!)!, g.edge(from: id["N"]!, to: id["C"]!)!, cw]
        #expect(route.edges == viaNorth)
        let rules = TurnRules.car
        let expected =
            viaNorth.reduce(0) { $0 + Int(g.timeMs[$1]) }
            + milliseconds(rules.seconds(angle: 0, roads: 4, isUTurn: false))
            + milliseconds(rules.seconds(angle: 180, roads: 1, isUTurn: true))
            + milliseconds(rules.seconds(angle: 90, roads: 4, isUTurn: false))
        #expect(milliseconds(route.seconds) == expected)
        #expect(
            TravelEstimate(ReferenceDijkstra(network: network).cost(from: a, to: b)) == engine.travel(from: a, to: b))
        // The other turns at C are untouched.
        let e = try #require(engine.snap(g.coordinate(of: id["E"]!)))
        let free = RoutingEngine(network: RoadNetwork(graph: g, rules: .car))
        #expect(engine.travel(from: a, to: e) == free.travel(from: a, to: e))
    }

    @Test("a vehicle type exempt from a kind of restriction takes the turn; every other vehicle goes round")
    func exemptVehicles() throws {
        let (g, id) = Self.crossroads()
        let sc = g.edge(from: id["S"]!, to: id["C"]!)!
        let cw = g.edge(from: id["C"]!, to: id["W"]!)!
        let ec = g.edge(from: id["E"]!, to: id["C"]!)!
        let cs = g.edge(from: id["C"]!, to: id["S"]!)!
        // S→W is a forbidden left turn; E→S is forbidden twice (no right turn, only straight on).
        let network = RoadNetwork(
            graph: g, rules: .car,
            restrictions: [
                RestrictedTurn(TurnPair(from: sc, to: cw), .noLeftTurn),
                RestrictedTurn(TurnPair(from: ec, to: cs), .noRightTurn),
                RestrictedTurn(TurnPair(from: ec, to: cs), .onlyStraightOn),
            ])
        let engine = RoutingEngine(network: network)
        func snap(_ name: String) throws -> SnappedLocation { try #require(engine.snap(g.coordinate(of: id[name]!))) }
        let (s, w, e) = (try snap("S"), try snap("W"), try snap("E"))
        let left = TurnRestrictionExemption([.noLeftTurn])
        let rules = TurnRules.car
        let straightLeft =
            Int(g.timeMs[sc]) + Int(g.timeMs[cw]) + milliseconds(rules.seconds(angle: -90, roads: 4, isUTurn: false))
        let obeying = try #require(engine.travel(from: s, to: w))
        let exempt = try #require(engine.travel(from: s, to: w, exemption: left))
        #expect(milliseconds(exempt.seconds) == straightLeft, "the exempt vehicle turns left")
        #expect(obeying.seconds > exempt.seconds + 20, "the others go round by the dead end")
        #expect(engine.route(from: s, to: w, exemption: left)?.edges == [sc, cw])
        for (exemption, estimate) in [(TurnRestrictionExemption.none, obeying), (left, exempt)] {
            #expect(
                TravelEstimate(ReferenceDijkstra(network: network, exemption: exemption).cost(from: s, to: w))
                    == estimate)
        }
        // An exemption from kinds the map does not have routes like no exemption, on the same metric.
        #expect(engine.travel(from: s, to: w, exemption: TurnRestrictionExemption([.noUTurn])) == obeying)
        #expect(Set(engine.preparedExemptions) == [.none, left])
        // A turn forbidden by two restrictions is open only to a vehicle exempt from both.
        let right = try #require(engine.travel(from: e, to: s, exemption: TurnRestrictionExemption([.noRightTurn])))
        let both = try #require(engine.travel(from: e, to: s, exemption: .all))
        #expect(right == engine.travel(from: e, to: s))
        #expect(both.seconds < right.seconds)
        // In one fleet each member is routed under its own exemption.
        let fleet = engine.prepareFleet([
            FleetMember(id: "patrol", location: s), FleetMember(id: "ambulance", location: s, exemption: left),
            FleetMember(id: "engine", location: e, exemption: .all),
        ])
        #expect(
            engine.travel(fleet: fleet, query: w) == [obeying, exempt, engine.travel(from: e, to: w, exemption: .all)])
        // Closures reach every metric in use, and lifting them restores every ETA.
        try engine.apply(RoadClosure(id: "west", area: .edges([cw]), effect: .block))
        #expect(engine.travel(fleet: fleet, query: w) == [nil, nil, nil])
        try engine.removeClosure(id: "west")
        #expect(
            engine.travel(fleet: fleet, query: w) == [obeying, exempt, engine.travel(from: e, to: w, exemption: .all)])
        // Names as a jurisdiction writes them.
        #expect(try TurnRestrictionExemption(names: ["no_left_turn"]) == left)
        #expect(try TurnRestrictionExemption(names: ["*"]) == .all)
        #expect(throws: UnknownTurnRestriction(name: "no_left_turns")) {
            try TurnRestrictionExemption(names: ["no_left_turns"])
        }
    }

    @Test("a closure still re-customises the turns: a closed arm is routed round or unreachable")
    func closureOnTurns() throws {
        let (g, id) = Self.crossroads()
        let engine = RoutingEngine(network: RoadNetwork(graph: g, rules: .car))
        let a = try #require(engine.snap(g.coordinate(of: id["S"]!)))
        let b = try #require(engine.snap(g.coordinate(of: id["W"]!)))
        #expect(engine.travel(from: a, to: b) != nil)
        let cw = g.edge(from: id["C"]!, to: id["W"]!)!
        try engine.apply(RoadClosure(id: "west", area: .edges([cw]), effect: .block))
        #expect(engine.travel(from: a, to: b) == nil, "the only way into W is closed")
        try engine.removeClosure(id: "west")
        #expect(engine.travel(from: a, to: b) != nil)
    }

    @Test("the import applies via-node restrictions and says which it could not apply")
    func importedRestrictions() throws {
        var f = PBFFixture()
        let points: [(Int64, GeoCoordinate)] = [(1, Self.c), (2, Self.n), (3, Self.s), (4, Self.e), (5, Self.w)]
        f.nodes = points.map { PBFFixture.Node(id: $0.0, lat: $0.1.latitude, lon: $0.1.longitude) }
        f.ways = [
            .init(id: 20, refs: [1, 2], tags: ["highway": "residential"]),  // north arm
            .init(id: 21, refs: [3, 1], tags: ["highway": "residential"]),  // south arm
            .init(id: 22, refs: [1, 4], tags: ["highway": "residential"]),  // east arm
            .init(id: 23, refs: [5, 1], tags: ["highway": "residential"]),  // west arm
        ]
        func restriction(_ id: Int64, from: Int64, via: Int64, to: Int64, _ tags: [String: String])
            -> PBFFixture.Relation
        {
            PBFFixture.Relation(
                id: id, members: [(.way, from, "from"), (.node, via, "via"), (.way, to, "to")],
                tags: tags.merging(["type": "restriction"]) { a, _ in a })
        }
        f.relations = [
            restriction(100, from: 21, via: 1, to: 23, ["restriction": "no_left_turn"]),
            restriction(101, from: 22, via: 1, to: 23, ["restriction": "only_straight_on"]),
            restriction(102, from: 20, via: 1, to: 22, ["restriction": "no_left_turn", "except": "bicycle;motorcar"]),
            restriction(103, from: 20, via: 1, to: 23, ["restriction:hgv": "no_right_turn"]),
            restriction(104, from: 20, via: 1, to: 99, ["restriction": "no_right_turn"]),
            restriction(105, from: 20, via: 3, to: 22, ["restriction": "no_left_turn"]),
            PBFFixture.Relation(
                id: 106, members: [(.way, 21, "from"), (.way, 20, "via"), (.way, 22, "to")],
                tags: ["type": "restriction", "restriction": "no_u_turn"]),
            restriction(107, from: 20, via: 1, to: 23, ["restriction": "give_way"]),
        ]
        let roads = try OSMRoadImporter().importRoads(from: f.data())
        let s = roads.statistics
        #expect(s.restrictions == 8)
        #expect(s.restrictionsApplied == 2)
        let reasons = Dictionary(uniqueKeysWithValues: s.unapplied.map { ($0.relationId, $0.reason) })
        #expect(reasons[102] == .exceptCars)
        #expect(reasons[103] == .notForCars)
        #expect(reasons[104] == .notOnNetwork)
        #expect(reasons[105] == .notAtVia)
        #expect(reasons[106] == .viaWay)
        #expect(reasons[107] == .unknownValue("give_way"))
        let g = roads.graph
        func node(_ p: GeoCoordinate) -> Int {
            (0..<g.nodeCount).first { g.coordinate(of: $0).distance(to: p) < 0.01 }!
        }
        let (c, n, so, e, w) = (node(Self.c), node(Self.n), node(Self.s), node(Self.e), node(Self.w))
        // no_left_turn S→W: one turn; only_straight_on E→W: every other exit from E, U-turn included.
        let expected: Set<TurnPair> = [
            TurnPair(from: g.edge(from: so, to: c)!, to: g.edge(from: c, to: w)!),
            TurnPair(from: g.edge(from: e, to: c)!, to: g.edge(from: c, to: n)!),
            TurnPair(from: g.edge(from: e, to: c)!, to: g.edge(from: c, to: so)!),
            TurnPair(from: g.edge(from: e, to: c)!, to: g.edge(from: c, to: e)!),
        ]
        #expect(Set(roads.forbidden) == expected)
        #expect(s.forbiddenTurns == 4)
        // Each turn keeps the kind of restriction that forbids it.
        let kinds = Dictionary(uniqueKeysWithValues: roads.restrictions.map { ($0.turn, $0.restriction) })
        #expect(kinds[TurnPair(from: g.edge(from: so, to: c)!, to: g.edge(from: c, to: w)!)] == .noLeftTurn)
        #expect(kinds.values.filter { $0 == .onlyStraightOn }.count == 3)
        // Stored and loaded, the network keeps its turns.
        let network = RoadNetwork(graph: g, rules: .car, restrictions: roads.restrictions)
        let loaded = try RoadNetworkFile.decode(RoadNetworkFile.encode(network)).network
        #expect(loaded.turns.forbiddenTurnCount == 4)
        #expect(loaded.turns.restrictions == network.turns.restrictions)
        #expect(loaded.turns.rules == .car)
        #expect(loaded.turns.turnMs == network.turns.turnMs)
        let engine = RoutingEngine(network: loaded)
        let from = try #require(engine.snap(Self.e))
        let to = try #require(engine.snap(Self.n))
        let route = try #require(engine.route(from: from, to: to))
        #expect(route.edges.first == g.edge(from: e, to: c) && route.edges.dropFirst().first == g.edge(from: c, to: w))
    }

    @Test(
        "on Monaco and Andorra no route takes a turn a restriction forbids",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)), arguments: [0, 1])
    func realRestrictions(index: Int) throws {
        let network = try #require(index == 0 ? GeoFixtures.monaco : GeoFixtures.andorra)
        let engine = RoutingEngine(network: network)
        let g = engine.graph
        #expect(network.turns.forbiddenTurnCount > 20)
        for pair in Set(network.turns.restrictions.map(\.turn)) {
            let a = try #require(engine.snap(g.coordinate(of: Int(g.tail[pair.from]))))
            let b = try #require(engine.snap(g.coordinate(of: Int(g.head[pair.to]))))
            guard let route = engine.route(from: a, to: b) else { continue }
            #expect(!zip(route.edges, route.edges.dropFirst()).contains { $0 == pair.from && $1 == pair.to })
            #expect(
                TravelEstimate(ReferenceDijkstra(engine: engine).cost(from: a, to: b)) == engine.travel(from: a, to: b))
        }
    }
}
