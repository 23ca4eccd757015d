import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

@Suite(
    "CCH queries equal plain Dijkstra on real networks",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
struct ShortestPathTests {
    static let networks: [(String, RoadNetwork?)] = [("Monaco", GeoFixtures.monaco), ("Andorra", GeoFixtures.andorra)]

    @Test("imported graphs have the expected size", arguments: [0, 1])
    func importedSizes(index: Int) throws {
        let (name, network) = Self.networks[index]
        let g = try #require(network, "\(name) did not import").graph
        // Drivable graphs per ../shared/data/README.md: Monaco ~15k/27k, Andorra ~25k/46k.
        let expected = name == "Monaco" ? (15_000, 27_000) : (25_000, 46_000)
        #expect(abs(g.nodeCount - expected.0) < expected.0 / 10, "\(name) nodes \(g.nodeCount)")
        #expect(abs(g.edgeCount - expected.1) < expected.1 / 10, "\(name) edges \(g.edgeCount)")
    }

    @Test("node-to-node times and lengths match Dijkstra exactly", arguments: [0, 1])
    func nodeToNode(index: Int) throws {
        let (name, network) = Self.networks[index]
        let engine = RoutingEngine(network: try #require(network))
        let reference = ReferenceDijkstra(engine: engine)
        var sampler = PointSampler(graph: engine.graph, seed: 11)
        var reachable = 0
        for _ in 0..<300 {
            let s = sampler.node()
            let t = sampler.node()
            let a = try #require(engine.snap(engine.graph.coordinate(of: s)))
            let b = try #require(engine.snap(engine.graph.coordinate(of: t)))
            let expected = reference.travel(from: s, to: t)
            let got = engine.travel(from: a, to: b)
            #expect(got == expected, "\(name) \(s)→\(t)")
            if got != nil { reachable += 1 }
        }
        // The graph keeps one-way roads that only lead into or out of the network, so a few
        // pairs have no route (Dijkstra agrees above); nearly all do.
        #expect(reachable >= 285)
    }

    @Test("snapped off-road points match Dijkstra from the same snaps", arguments: [0, 1])
    func snappedPoints(index: Int) throws {
        let engine = RoutingEngine(network: try #require(Self.networks[index].1))
        var sampler = PointSampler(graph: engine.graph, seed: 23)
        for _ in 0..<150 {
            let a = try #require(engine.snap(sampler.point()))
            let b = try #require(engine.snap(sampler.point()))
            let expected = referenceCost(engine: engine, from: a, to: b)
            let got = engine.travel(from: a, to: b)
            #expect(got == (expected < Cost.infinity ? TravelEstimate(expected) : nil))
        }
    }

    @Test("fleet queries in both directions equal one-to-one queries", arguments: [0, 1])
    func fleetBothDirections(index: Int) throws {
        let engine = RoutingEngine(network: try #require(Self.networks[index].1))
        var sampler = PointSampler(graph: engine.graph, seed: 5)
        let units = try (0..<60).map { FleetMember(id: "u\($0)", location: try #require(engine.snap(sampler.point()))) }
        let toIncident = engine.prepareFleet(units, direction: .toQuery)
        let fromIncident = engine.prepareFleet(units, direction: .fromQuery)
        for _ in 0..<10 {
            let incident = try #require(engine.snap(sampler.point()))
            let inbound = engine.travel(fleet: toIncident, query: incident)
            let outbound = engine.travel(fleet: fromIncident, query: incident)
            for (i, unit) in units.enumerated() {
                #expect(inbound[i] == engine.travel(from: unit.location, to: incident))
                #expect(outbound[i] == engine.travel(from: incident, to: unit.location))
            }
        }
    }

    @Test("a table equals one-to-one queries cell by cell")
    func tableMatches() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.andorra))
        var sampler = PointSampler(graph: engine.graph, seed: 99)
        let sources = try (0..<25).map { _ in try #require(engine.snap(sampler.point())) }
        let targets = try (0..<15).map { _ in try #require(engine.snap(sampler.point())) }
        let table = engine.table(sources: sources, targets: targets)
        for s in 0..<sources.count {
            for t in 0..<targets.count {
                #expect(table.estimate(source: s, target: t) == engine.travel(from: sources[s], to: targets[t]))
            }
        }
    }

    @Test("destination fields equal one-to-one queries, and go stale when the roads change")
    func destinationFields() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.andorra))
        var sampler = PointSampler(graph: engine.graph, seed: 41)
        let places = try (0..<8).map { _ in try #require(engine.snap(sampler.point())) }
        let fields = try places.map { try #require(engine.destinationField($0)) }
        var reachable = 0
        for _ in 0..<60 {
            let origin = try #require(engine.snap(sampler.point()))
            let got = engine.travel(from: origin, to: fields)
            for (k, place) in places.enumerated() {
                #expect(got[k] == engine.travel(from: origin, to: place))
                if got[k] != nil { reachable += 1 }
            }
        }
        #expect(reachable > 400)
        // A point on a destination's own segment reaches it without leaving the segment.
        #expect(engine.travel(from: places[0], to: [fields[0]])[0] == TravelEstimate(seconds: 0, meters: 0))
        #expect(fields.allSatisfy(engine.isCurrent))
        try engine.apply(
            RoadClosure(id: "slow", area: .edges(Array(0..<engine.graph.edgeCount)), effect: .slowdown(factor: 2)))
        #expect(!engine.isCurrent(fields[0]), "a closure makes the fields stale")
    }

    @Test("route geometry and edges add up to the ETA")
    func routeConsistency() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.monaco))
        let g = engine.graph
        var sampler = PointSampler(graph: g, seed: 3)
        var checked = 0
        for _ in 0..<60 {
            let a = try #require(engine.snap(g.coordinate(of: sampler.node())))
            let b = try #require(engine.snap(g.coordinate(of: sampler.node())))
            guard a.fraction == 0 || a.fraction == 1, b.fraction == 0 || b.fraction == 1,
                engine.travel(from: a, to: b) != nil
            else { continue }
            let route = try #require(engine.route(from: a, to: b))
            #expect(route.geometry.first == a.coordinate)
            #expect(route.geometry.last == b.coordinate)
            // From node to node, the route is made of whole edges joined by allowed turns: the
            // edges and the turns between them add up to the ETA.
            var ms = route.edges.reduce(0) { $0 + Int(g.timeMs[$1]) }
            for (a, b) in zip(route.edges, route.edges.dropFirst()) {
                let turn = try #require(engine.turns.routing.edge(from: a, to: b), "the route turns where it may not")
                ms += Int(engine.turns.turnMs[turn])
            }
            let dm = route.edges.reduce(0) { $0 + Int(g.lengthDm[$1]) }
            #expect(Double(ms) / 1000 == route.seconds)
            #expect(Double(dm) / 10 == route.meters)
            // Timing: one time per vertex, rising to the ETA; positions follow the geometry.
            #expect(route.cumulativeSeconds.count == route.geometry.count)
            #expect(route.cumulativeSeconds.last == route.seconds)
            #expect(zip(route.cumulativeSeconds, route.cumulativeSeconds.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(route.position(afterSeconds: -1) == route.geometry.first)
            #expect(route.position(afterSeconds: route.seconds + 1) == route.geometry.last)
            if route.geometry.count > 2 {
                let k = route.geometry.count / 2
                let p = route.position(afterSeconds: route.cumulativeSeconds[k])
                #expect(p.distance(to: route.geometry[k]) < 0.01)
            }
            // Consecutive edges connect.
            for (e1, e2) in zip(route.edges, route.edges.dropFirst()) { #expect(g.head[e1] == g.tail[e2]) }
            checked += 1
        }
        #expect(checked > 30)
    }
}
