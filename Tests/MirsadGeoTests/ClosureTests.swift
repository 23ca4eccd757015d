import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

@Suite(
    "Closures and slowdowns change every later ETA",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
struct ClosureTests {
    @Test("a blocked polygon is avoided and ETAs equal Dijkstra on the closed network")
    func blockPolygon() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.andorra))
        let g = engine.graph
        var sampler = PointSampler(graph: g, seed: 17)
        let pairs = try (0..<40).map { _ in
            (
                try #require(engine.snap(g.coordinate(of: sampler.node()))),
                try #require(engine.snap(g.coordinate(of: sampler.node())))
            )
        }
        let before = pairs.map { engine.travel(from: $0.0, to: $0.1) }
        // Close a 400 m disc around the middle of the first route.
        let route = try #require(engine.route(from: pairs[0].0, to: pairs[0].1))
        let middle = route.geometry[route.geometry.count / 2]
        let closure = RoadClosure(
            id: "flood", area: .polygon(.circle(center: middle, radiusMeters: 400)), effect: .block)
        let closed = Set(try engine.edges(in: closure.area))
        #expect(!closed.isEmpty)
        let update = try engine.apply(closure)
        #expect(update.affectedEdges == closed.count)
        let after = pairs.map { engine.travel(from: $0.0, to: $0.1) }
        for (i, pair) in pairs.enumerated() {
            let expected = referenceCost(engine: engine, from: pair.0, to: pair.1)
            #expect(after[i] == (expected < Cost.infinity ? TravelEstimate(expected) : nil))
            if let b = before[i], let a = after[i] { #expect(a.seconds >= b.seconds) }
            if let r = engine.route(from: pair.0, to: pair.1) { #expect(closed.isDisjoint(with: r.edges)) }
        }
        // The first route went through the closure, so it must now be slower or impossible.
        #expect(after[0].map { $0.seconds > before[0]!.seconds } ?? true)
        // Removing the closure restores every ETA exactly.
        try engine.removeClosure(id: "flood")
        #expect(pairs.map { engine.travel(from: $0.0, to: $0.1) } == before)
    }

    @Test("partial customization equals a full customization")
    func partialEqualsFull() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.monaco))
        var sampler = PointSampler(graph: engine.graph, seed: 8)
        for k in 0..<6 {
            let effect: RoadClosure.Effect = k % 2 == 0 ? .block : .slowdown(factor: 2.5)
            try engine.apply(
                RoadClosure(
                    id: "c\(k)", area: .polygon(.circle(center: sampler.point(), radiusMeters: 150)), effect: effect))
            let live = engine.currentMetric
            let full = CCHMetric.customize(
                engine.hierarchy, edgeCost: live.edgeCost, roadCost: live.roadCost, version: 0)
            #expect(full.up == live.up)
            #expect(full.down == live.down)
        }
        try engine.removeClosure(id: "c2")
        let live = engine.currentMetric
        let full = CCHMetric.customize(engine.hierarchy, edgeCost: live.edgeCost, roadCost: live.roadCost, version: 0)
        #expect(full.up == live.up && full.down == live.down)
        #expect(engine.activeClosures.map(\.id) == ["c0", "c1", "c3", "c4", "c5"])
    }

    @Test("a metric a query still holds keeps its values while updates recycle the older ones")
    func heldSnapshotsStayIntact() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.monaco))
        var sampler = PointSampler(graph: engine.graph, seed: 21)
        var held: [(metric: CCHMetric, up: [PackedCost], down: [PackedCost], road: [PackedCost])] = []
        for k in 0..<5 {
            // Deep copies of what the metric said when a query picked it up.
            let m = engine.currentMetric
            held.append((m, m.up.map { $0 }, m.down.map { $0 }, m.roadCost.map { $0 }))
            try engine.apply(
                RoadClosure(
                    id: "h\(k)", area: .polygon(.circle(center: sampler.point(), radiusMeters: 200)), effect: .block))
        }
        for (i, h) in held.enumerated() {
            #expect(h.metric.up == h.up && h.metric.down == h.down && h.metric.roadCost == h.road, "snapshot \(i)")
        }
        #expect(Set(held.map(\.metric.version)).count == held.count)
        let live = engine.currentMetric
        let full = CCHMetric.customize(engine.hierarchy, edgeCost: live.edgeCost, roadCost: live.roadCost, version: 0)
        #expect(full.up == live.up && full.down == live.down)
    }

    @Test("a slowdown multiplies the time of the covered edges")
    func slowdownFactor() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.monaco))
        let g = engine.graph
        let edge = 100
        let (u, v) = g.endpoints(of: edge)
        let a = try #require(engine.snap(g.coordinate(of: u)))
        let b = try #require(engine.snap(g.coordinate(of: v)))
        let before = try #require(engine.travel(from: a, to: b))
        try engine.apply(RoadClosure(id: "slow", area: .edges(Array(0..<g.edgeCount)), effect: .slowdown(factor: 2)))
        let after = try #require(engine.travel(from: a, to: b))
        // Everything is twice as slow, so the fastest path is the same one at double time.
        #expect(after.seconds == 2 * before.seconds)
        #expect(after.meters == before.meters)
    }

    @Test("fleet buckets follow the metric after a closure")
    func fleetSeesClosure() throws {
        let engine = RoutingEngine(network: try #require(GeoFixtures.monaco))
        var sampler = PointSampler(graph: engine.graph, seed: 4)
        let units = try (0..<30).map { FleetMember(id: "u\($0)", location: try #require(engine.snap(sampler.point()))) }
        let fleet = engine.prepareFleet(units)
        let incident = try #require(engine.snap(sampler.point()))
        _ = engine.travel(fleet: fleet, query: incident)
        try engine.apply(
            RoadClosure(
                id: "x", area: .polygon(.circle(center: incident.coordinate, radiusMeters: 200)),
                effect: .slowdown(factor: 4)))
        let after = engine.travel(fleet: fleet, query: incident)
        for (i, unit) in units.enumerated() { #expect(after[i] == engine.travel(from: unit.location, to: incident)) }
    }

    @Test("invalid closures are rejected with a reason")
    func invalidClosures() throws {
        let engine = RoutingEngine(network: GeoFixtures.smallCity)
        let area = RoadClosure.Area.edges([0, 1])
        #expect(throws: RoadClosureError.invalidFactor(0.5)) {
            try engine.apply(RoadClosure(id: "a", area: area, effect: .slowdown(factor: 0.5)))
        }
        #expect(throws: RoadClosureError.edgeOutOfRange(-1)) {
            try engine.apply(RoadClosure(id: "a", area: .edges([-1]), effect: .block))
        }
        #expect(throws: RoadClosureError.self) {
            try engine.apply(RoadClosure(id: "a", area: .polygon(GeoPolygon(outer: [])), effect: .block))
        }
        try engine.apply(RoadClosure(id: "a", area: area, effect: .block))
        #expect(throws: RoadClosureError.duplicateId("a")) {
            try engine.apply(RoadClosure(id: "a", area: area, effect: .block))
        }
        #expect(throws: RoadClosureError.unknownId("b")) { try engine.removeClosure(id: "b") }
    }
}
