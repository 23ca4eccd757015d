import Foundation
import MirsadGeodesy
import Testing

@testable import MirsadGeo

@Suite("Move-up planning")
struct MoveUpPlannerTests {
    static let engine = RoutingEngine(network: GeoFixtures.smallCity)
    static let center = GeoCoordinate(latitude: 24.7136, longitude: 46.6753)

    /// A point `meters` east (positive) or west of the centre.
    static func east(_ meters: Double) -> GeoCoordinate {
        GeoCoordinate(
            latitude: center.latitude,
            longitude: center.longitude + meters / (111_320 * cos(center.latitude * .pi / 180)))
    }

    @Test("committing the western unit makes the planner send the spare eastern unit west")
    func refillsTheGap() throws {
        let engine = Self.engine
        let west = try #require(engine.snap(Self.east(-2000)))
        let east = try #require(engine.snap(Self.east(2000)))
        let eastSpare = try #require(engine.snap(Self.east(2100)))
        let committed = [FleetMember(id: "west-1", location: west)]
        let available = [FleetMember(id: "east-1", location: east), FleetMember(id: "east-2", location: eastSpare)]
        let posts = [MoveUpPost(id: "west-station", location: west), MoveUpPost(id: "east-station", location: east)]
        let target = 180.0
        let plan = engine.moveUpPlan(
            available: available, committed: committed, posts: posts, targetSeconds: target, maxMoves: 2)
        #expect(plan.coveredMetersWithCommitted > plan.coveredMetersNow)
        let first = try #require(plan.suggestions.first)
        #expect(first.postId == "west-station")
        #expect(first.gainMeters > 0)
        // The claimed gain is real: recompute the coverage with the unit moved.
        let movedUnits = available.map { $0.id == first.unitId ? FleetMember(id: $0.id, location: west) : $0 }
        let after = engine.coverage(of: movedUnits, withinSeconds: target)
        #expect(abs(after.coveredMeters - first.coveredMetersAfter) < 1)
        #expect(abs(after.coveredMeters - plan.coveredMetersNow - first.gainMeters) < 1)
        // Later moves (if any) use other units and posts and are worth the minimum gain.
        #expect(Set(plan.suggestions.map(\.unitId)).count == plan.suggestions.count)
        #expect(Set(plan.suggestions.map(\.postId)).count == plan.suggestions.count)
        #expect(plan.suggestions.allSatisfy { $0.gainMeters >= 100 })
        #expect(first.travelSeconds > 0)
    }

    @Test("no suggestion when nothing is gained")
    func nothingToGain() throws {
        let engine = Self.engine
        let a = try #require(engine.snap(Self.east(0)))
        let plan = engine.moveUpPlan(
            available: [FleetMember(id: "u", location: a)], committed: [],
            posts: [MoveUpPost(id: "same", location: a)], targetSeconds: 300)
        #expect(plan.suggestions.isEmpty)
        #expect(plan.coveredMetersNow == plan.coveredMetersWithCommitted)
    }
}

@Suite("Synthetic city")
struct SyntheticCityTests {
    static let city = SyntheticCity(
        center: GeoCoordinate(latitude: 24.7136, longitude: 46.6753), radiusMeters: 3000, seed: 7,
        targetNodeCount: 4000, radialCount: 4)

    @Test("the same seed gives the same graph; another seed a different one")
    func deterministic() {
        let a = Self.city.generateGraph()
        let b = Self.city.generateGraph()
        #expect(a.latE7 == b.latE7 && a.lonE7 == b.lonE7 && a.head == b.head && a.timeMs == b.timeMs)
        var other = Self.city
        other.seed = 8
        let c = other.generateGraph()
        #expect(c.latE7 != a.latE7 || c.head != a.head)
    }

    @Test("size, road classes and strong connectivity")
    func shape() throws {
        let g = GeoFixtures.smallCity.graph
        #expect(g.nodeCount > 3400 && g.nodeCount < 4800, "nodes \(g.nodeCount)")
        let classes = Set((0..<g.edgeCount).map { g.roadClass(of: $0) })
        #expect(classes.isSuperset(of: [.residential, .secondary, .trunk, .motorway, .motorwayLink]))
        // Every node reaches every other: one PHAST sweep from any node reaches all.
        let engine = RoutingEngine(network: GeoFixtures.smallCity)
        let field = engine.reachField(try #require(engine.snap(g.coordinate(of: 0)))).seconds
        #expect(field.allSatisfy { $0.isFinite })
        let inbound = engine.reachField(try #require(engine.snap(g.coordinate(of: 0))), direction: .inbound).seconds
        #expect(inbound.allSatisfy { $0.isFinite })
        // All nodes lie within the city disc.
        let center = Self.city.center
        #expect((0..<g.nodeCount).allSatisfy { g.coordinate(of: $0).distance(to: center) <= 3000 * 1.01 })
    }

    @Test("the default city has about fifty thousand nodes")
    func defaultSize() {
        let g = SyntheticCity(center: GeoCoordinate(latitude: 24.7, longitude: 46.7)).generateGraph()
        #expect(g.nodeCount > 45_000 && g.nodeCount < 55_000, "nodes \(g.nodeCount)")
    }
}
