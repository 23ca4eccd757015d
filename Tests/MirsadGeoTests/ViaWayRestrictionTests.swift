import Foundation
import MirsadGeodesy
import Testing

@testable import MirsadGeo

/// A ladder: A — J1 — J2 — B along the top, J1 — X and J2 — Y down, X — Y along the bottom,
/// all two-way; straight on from A over the rung J1–J2 into B is forbidden (a via-way
/// restriction), so a car from A to B goes round by X and Y.
@Suite("Turn restrictions over via ways")
struct ViaWayRestrictionTests {
    static let origin = GeoCoordinate(latitude: 29.37, longitude: 47.97)

    static func at(east: Double, north: Double) -> GeoCoordinate { origin.offset(east: east, north: north) }

    static let points: [String: GeoCoordinate] = [
        "A": at(east: -150, north: 0), "J1": at(east: 0, north: 0), "J2": at(east: 100, north: 0),
        "B": at(east: 250, north: 0), "X": at(east: 0, north: -100), "Y": at(east: 100, north: -150),
    ]
    static let roads = [("A", "J1"), ("J1", "J2"), ("J2", "B"), ("J1", "X"), ("X", "Y"), ("Y", "J2")]

    static func length(_ path: [String]) -> Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + points[$1.0]!.distance(to: points[$1.1]!) }
    }

    static func ladder() -> (RoadGraph, (String, String) -> Int) {
        var b = RoadGraphBuilder()
        var id: [String: Int] = [:]
        for name in points.keys.sorted() { id[name] = b.addNode(points[name]!) }
        for (u, v) in roads {
            b.addEdge(from: id[u]!, to: id[v]!, speedKmh: 36, roadClass: .residential)
            b.addEdge(from: id[v]!, to: id[u]!, speedKmh: 36, roadClass: .residential)
        }
        let g = b.build(keeping: .all)
        func node(_ name: String) -> Int {
            (0..<g.nodeCount).first { g.coordinate(of: $0).distance(to: points[name]!) < 0.01 }!
        }
        return (g, { g.edge(from: node($0), to: node($1))! })
    }

    static func check(_ network: RoadNetwork, edge: (String, String) -> Int) throws {
        let engine = RoutingEngine(network: network)
        func snap(_ name: String) throws -> SnappedLocation { try #require(engine.snap(points[name]!)) }
        func travel(_ from: String, _ to: String, _ exemption: TurnRestrictionExemption = .none) throws
            -> TravelEstimate
        {
            let (a, b) = (try snap(from), try snap(to))
            let got = try #require(engine.travel(from: a, to: b, exemption: exemption))
            let reference = ReferenceDijkstra(network: network, exemption: exemption).cost(from: a, to: b)
            #expect(got == TravelEstimate(reference), "\(from)→\(to)")
            return got
        }
        // From A, straight over the rung into B is forbidden: round by X and Y.
        let round = try travel("A", "B")
        #expect(abs(round.meters - length(["A", "J1", "X", "Y", "J2", "B"])) < 1, "\(round.meters) m")
        let route = try #require(engine.route(from: try snap("A"), to: try snap("B")))
        #expect(!route.edges.contains(edge("J1", "J2")))
        // The rung itself, and on from it to Y, are allowed from A.
        #expect(abs(try travel("A", "J2").meters - length(["A", "J1", "J2"])) < 1)
        let (a, nearJ2) = (try snap("A"), try #require(engine.snap(at(east: 100, north: -10))))
        let down = try #require(engine.travel(from: a, to: nearJ2))
        #expect(abs(down.meters - (length(["A", "J1", "J2"]) + 10)) < 1, "\(down.meters) m")
        #expect(down == TravelEstimate(ReferenceDijkstra(network: network).cost(from: a, to: nearJ2)))
        // Coming up from X, straight on over the rung into B is allowed.
        #expect(abs(try travel("X", "B").meters - length(["X", "J1", "J2", "B"])) < 1)
        // A vehicle type exempt from no_straight_on drives straight through.
        let exempt = try travel("A", "B", TurnRestrictionExemption([.noStraightOn]))
        #expect(abs(exempt.meters - length(["A", "J1", "J2", "B"])) < 1)
        // A fleet query sees the same.
        let fleet = engine.prepareFleet([FleetMember(id: "a", location: try snap("A"))])
        #expect(engine.travel(fleet: fleet, query: try snap("B")) == [round])
    }

    @Test("straight on over the rung is forbidden from A only; exempt vehicles drive it; the reference agrees")
    func ladder() throws {
        let (g, edge) = Self.ladder()
        let restriction = ViaWayRestriction(
            path: [edge("A", "J1"), edge("J1", "J2")], to: [edge("J2", "B")], rule: .no, restriction: .noStraightOn)
        let network = RoadNetwork(graph: g, rules: .car, viaWay: [restriction])
        #expect(network.turns.forbiddenTurnCount == 1)
        #expect(network.turns.routing.nodeCount == g.edgeCount + 1, "one copy: the rung for cars from A")
        try Self.check(network, edge: edge)
        // Stored and loaded, the restriction holds.
        let loaded = try RoadNetworkFile.decode(RoadNetworkFile.encode(network)).network
        #expect(loaded.turns.viaWay == [restriction])
        try Self.check(loaded, edge: edge)
        // only_* over the same way: from A over the rung, only into B.
        let only = ViaWayRestriction(
            path: [edge("A", "J1"), edge("J1", "J2")], to: [edge("J2", "B")], rule: .only, restriction: .onlyStraightOn)
        let onlyNetwork = RoadNetwork(graph: g, rules: .car, viaWay: [only])
        let engine = RoutingEngine(network: onlyNetwork)
        let a = try #require(engine.snap(Self.points["A"]!))
        let y = try #require(engine.snap(Self.points["Y"]!))
        let toY = try #require(engine.travel(from: a, to: y))
        #expect(abs(toY.meters - Self.length(["A", "J1", "X", "Y"])) < 1, "not by the rung then right")
        #expect(toY == TravelEstimate(ReferenceDijkstra(network: onlyNetwork).cost(from: a, to: y)))
    }

    @Test("overlapping via-way restrictions on a grid: the engine equals the reference on every pair tried")
    func randomOverlaps() throws {
        // A 5 × 5 grid of two-way streets 100 m apart.
        var b = RoadGraphBuilder()
        var grid: [[Int]] = []
        for i in 0..<5 {
            grid.append((0..<5).map { j in b.addNode(Self.at(east: Double(j) * 100, north: Double(i) * 100)) })
        }
        for i in 0..<5 {
            for j in 0..<5 {
                for (di, dj) in [(0, 1), (1, 0)] where i + di < 5 && j + dj < 5 {
                    b.addEdge(from: grid[i][j], to: grid[i + di][j + dj], speedKmh: 36, roadClass: .residential)
                    b.addEdge(from: grid[i + di][j + dj], to: grid[i][j], speedKmh: 36, roadClass: .residential)
                }
            }
        }
        let g = b.build(keeping: .all)
        var rng = SplitMix64(seed: 77)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func onward(_ e: Int) -> [Int] {
            let v = Int(g.head[e])
            return (Int(g.firstOut[v])..<Int(g.firstOut[v + 1])).filter { Int(g.head[$0]) != Int(g.tail[e]) }
        }
        let kinds: [TurnRestriction] = [.noStraightOn, .noLeftTurn, .onlyStraightOn, .noRightTurn]
        let unrestricted = RoutingEngine(network: RoadNetwork(graph: g, rules: .car))
        var bound = 0
        var copies = 0
        for round in 0..<4 {
            var restrictions: [ViaWayRestriction] = []
            // Paths start where others run, so that they overlap.
            var starts = [Int(rng.next() % UInt64(g.edgeCount))]
            for _ in 0..<10 {
                var path = [pick(starts)]
                for _ in 0..<(1 + Int(rng.next() % 3)) { path.append(pick(onward(path.last!))) }
                starts += path
                let rule: ViaWayRestriction.Rule = rng.next() % 3 == 0 ? .only : .no
                restrictions.append(
                    ViaWayRestriction(path: path, to: [pick(onward(path.last!))], rule: rule, restriction: pick(kinds)))
            }
            let network = RoadNetwork(graph: g, rules: .car, viaWay: restrictions)
            let engine = RoutingEngine(network: network)
            copies += network.turns.routing.nodeCount - g.edgeCount
            for exemption in [TurnRestrictionExemption.none, TurnRestrictionExemption([pick(kinds)])] {
                let reference = ReferenceDijkstra(network: network, exemption: exemption)
                // Junctions and points a third of the way along a street.
                func place() throws -> SnappedLocation {
                    let e = Int(rng.next() % UInt64(g.edgeCount))
                    let (p, q) = (g.coordinate(of: Int(g.tail[e])), g.coordinate(of: Int(g.head[e])))
                    let point =
                        rng.next() % 2 == 0
                        ? p
                        : GeoCoordinate(
                            latitude: p.latitude + (q.latitude - p.latitude) / 3,
                            longitude: p.longitude + (q.longitude - p.longitude) / 3)
                    return try #require(engine.snap(point))
                }
                // From where a restriction's path begins to a third of the way along where it
                // leads, half the time: the manoeuvre it is about.
                func along(_ e: Int) throws -> SnappedLocation {
                    let (p, q) = (g.coordinate(of: Int(g.tail[e])), g.coordinate(of: Int(g.head[e])))
                    return try #require(
                        engine.snap(
                            GeoCoordinate(
                                latitude: p.latitude + (q.latitude - p.latitude) / 3,
                                longitude: p.longitude + (q.longitude - p.longitude) / 3)))
                }
                for k in 0..<25 {
                    let r = pick(restrictions)
                    let a =
                        k % 2 == 0 ? try #require(engine.snap(g.coordinate(of: Int(g.tail[r.path[0]])))) : try place()
                    let z = k % 2 == 0 ? try along(pick(r.to)) : try place()
                    let got = engine.travel(from: a, to: z, exemption: exemption)
                    let want = reference.cost(from: a, to: z)
                    #expect(got == (want < Cost.infinity ? TravelEstimate(want) : nil), "round \(round)")
                    if got != unrestricted.travel(from: a, to: z) { bound += 1 }
                }
            }
        }
        // The restrictions changed some routes, and their paths overlapped into longer states.
        #expect(bound > 5, "\(bound) of 200 queries changed by the restrictions")
        #expect(copies > 40)
    }

    @Test("the import places a via-way relation on the graph")
    func imported() throws {
        var f = PBFFixture()
        let names = ["A", "J1", "J2", "B", "X", "Y"]
        let osm = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, Int64($0.offset + 1)) })
        f.nodes = names.map {
            PBFFixture.Node(id: osm[$0]!, lat: Self.points[$0]!.latitude, lon: Self.points[$0]!.longitude)
        }
        f.ways = Self.roads.enumerated().map { i, road in
            .init(id: Int64(30 + i), refs: [osm[road.0]!, osm[road.1]!], tags: ["highway": "residential"])
        }
        f.relations = [
            PBFFixture.Relation(
                id: 200, members: [(.way, 30, "from"), (.way, 31, "via"), (.way, 32, "to")],
                tags: ["type": "restriction", "restriction": "no_straight_on"])
        ]
        let roads = try OSMRoadImporter().importRoads(from: f.data())
        #expect(roads.statistics.restrictionsApplied == 1)
        #expect(roads.statistics.viaWayApplied == 1)
        #expect(roads.statistics.unapplied.isEmpty, "\(roads.statistics.unapplied)")
        let g = roads.graph
        func node(_ name: String) -> Int {
            (0..<g.nodeCount).first { g.coordinate(of: $0).distance(to: Self.points[name]!) < 0.01 }!
        }
        let edge = { (u: String, v: String) in g.edge(from: node(u), to: node(v))! }
        #expect(
            roads.viaWay == [
                ViaWayRestriction(
                    path: [edge("A", "J1"), edge("J1", "J2")], to: [edge("J2", "B")], rule: .no,
                    restriction: .noStraightOn)
            ])
        try Self.check(RoadNetwork(graph: g, rules: .car, viaWay: roads.viaWay), edge: edge)
    }
}
