import Foundation
import MirsadGeodesy
import Testing

@testable import MirsadGeo

/// Snapped positions on the street shapes that trip a node-based router: the two one-way
/// halves of a dual carriageway, a one-way roundabout and a dead-end spur. Each case is
/// checked against lengths worked out by hand and against the reference Dijkstra, which
/// reads snapped positions on its own.
@Suite("Snapping on dual carriageways, roundabouts and dead ends")
struct StreetShapeSnappingTests {
    static let origin = GeoCoordinate(latitude: 29.37, longitude: 47.97)

    /// A point `north` and `east` metres from the origin.
    static func at(north: Double, east: Double) -> GeoCoordinate { origin.offset(east: east, north: north) }

    /// Builds a car-model engine from named points and (from, to, two-way) roads.
    static func engine(
        _ points: [String: GeoCoordinate], roads: [(String, String, Bool)]
    ) -> (RoutingEngine, RoadNetwork) {
        var b = RoadGraphBuilder()
        var id: [String: Int] = [:]
        for name in points.keys.sorted() { id[name] = b.addNode(points[name]!) }
        for (u, v, twoWay) in roads {
            b.addEdge(from: id[u]!, to: id[v]!, speedKmh: 36, roadClass: .residential)
            if twoWay { b.addEdge(from: id[v]!, to: id[u]!, speedKmh: 36, roadClass: .residential) }
        }
        let network = RoadNetwork(graph: b.build(keeping: .all), rules: .car)
        return (RoutingEngine(network: network), network)
    }

    /// Length of a polyline through named points.
    static func length(_ points: [String: GeoCoordinate], _ path: [String]) -> Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + points[$1.0]!.distance(to: points[$1.1]!) }
    }

    /// The engine's estimate, after checking that the reference Dijkstra agrees exactly.
    static func travel(
        _ engine: RoutingEngine, _ network: RoadNetwork, from a: SnappedLocation, to b: SnappedLocation
    ) throws -> TravelEstimate {
        let got = try #require(engine.travel(from: a, to: b))
        #expect(got == TravelEstimate(ReferenceDijkstra(network: network).cost(from: a, to: b)))
        return got
    }

    @Test("on a dual carriageway a point is on the half it is nearest, and drives that half's way")
    func dualCarriageway() throws {
        // The north half runs west, the south half east, 8 m apart, joined at both ends; a
        // side street leaves the north half at its middle node M northwards to X.
        let p: [String: GeoCoordinate] = [
            "NW": Self.at(north: 8, east: 0), "NM": Self.at(north: 8, east: 200), "NE": Self.at(north: 8, east: 400),
            "SW": Self.at(north: 0, east: 0), "SM": Self.at(north: 0, east: 200), "SE": Self.at(north: 0, east: 400),
            "X": Self.at(north: 150, east: 200),
        ]
        let (engine, network) = Self.engine(
            p,
            roads: [
                ("NE", "NM", false), ("NM", "NW", false), ("NW", "SW", false), ("SW", "SM", false),
                ("SM", "SE", false), ("SE", "NE", false), ("NM", "X", true),
            ])
        let x = try #require(engine.snap(p["X"]!))
        // 1 m south of the south half, 100 m west of the middle: east to the end, across,
        // back west to M, up the side street.
        let south = try #require(engine.snap(Self.at(north: -1, east: 100)))
        #expect(abs(south.coordinate.distance(to: Self.at(north: 0, east: 100))) < 0.5, "snapped to the south half")
        let fromSouth = try Self.travel(engine, network, from: south, to: x)
        let southWay = 300 + Self.length(p, ["SE", "NE", "NM", "X"])
        #expect(abs(fromSouth.meters - southWay) < 1, "\(fromSouth.meters) m, expected \(southWay) m")
        // 1 m north of the north half, 100 m east of the middle: straight west to M and up.
        let north = try #require(engine.snap(Self.at(north: 9, east: 300)))
        let fromNorth = try Self.travel(engine, network, from: north, to: x)
        #expect(abs(fromNorth.meters - (100 + Self.length(p, ["NM", "X"]))) < 1, "\(fromNorth.meters) m")
        // Back from X to the south point: west along the north half, round the west end.
        let back = try Self.travel(engine, network, from: x, to: south)
        #expect(abs(back.meters - (Self.length(p, ["X", "NM", "NW", "SW"]) + 100)) < 1, "\(back.meters) m")
    }

    @Test("round a one-way roundabout: the next exit is a quarter, the one before it three quarters")
    func roundabout() throws {
        // Ring nodes 30 m from the centre, driven anticlockwise (E → N → W → S → E), each
        // with a two-way arm 100 m long.
        var p: [String: GeoCoordinate] = [:]
        for (name, north, east) in [("N", 30.0, 0.0), ("W", 0, -30), ("S", -30, 0), ("E", 0, 30)] {
            p[name] = Self.at(north: north, east: east)
            p[name + "arm"] = Self.at(north: north * 130 / 30, east: east * 130 / 30)
        }
        let ring = ["E", "N", "W", "S", "E"]
        var roads = zip(ring, ring.dropFirst()).map { ($0, $1, false) }
        for name in ["N", "W", "S", "E"] { roads.append((name, name + "arm", true)) }
        let (engine, network) = Self.engine(p, roads: roads)
        func snap(_ name: String) throws -> SnappedLocation { try #require(engine.snap(p[name]!)) }
        let quarter = p["E"]!.distance(to: p["N"]!)
        // East arm to north arm: one quarter.
        let eastToNorth = try Self.travel(engine, network, from: snap("Earm"), to: snap("Narm"))
        #expect(abs(eastToNorth.meters - (200 + quarter)) < 1, "\(eastToNorth.meters) m")
        // North arm to east arm: three quarters, never against the ring.
        let northToEast = try Self.travel(engine, network, from: snap("Narm"), to: snap("Earm"))
        #expect(abs(northToEast.meters - (200 + 3 * quarter)) < 1, "\(northToEast.meters) m")
        // A point on the ring between E and N is reached from E and left towards N.
        let onRing = try #require(
            engine.snap(
                GeoCoordinate(
                    latitude: (p["E"]!.latitude + p["N"]!.latitude) / 2,
                    longitude: (p["E"]!.longitude + p["N"]!.longitude) / 2)))
        let fromWest = try Self.travel(engine, network, from: snap("Warm"), to: onRing)
        #expect(abs(fromWest.meters - (100 + 2.5 * quarter)) < 1, "\(fromWest.meters) m")
        let toWest = try Self.travel(engine, network, from: onRing, to: snap("Warm"))
        #expect(abs(toWest.meters - (0.5 * quarter + quarter + 100)) < 1, "\(toWest.meters) m")
    }

    @Test("a dead-end spur is driven in and out, and its end is a place to start and to reach")
    func deadEnd() throws {
        // A two-way through street A–J–B and a spur J–D of 120 m.
        let p: [String: GeoCoordinate] = [
            "A": Self.at(north: 0, east: -200), "J": Self.at(north: 0, east: 0), "B": Self.at(north: 0, east: 200),
            "D": Self.at(north: 120, east: 0),
        ]
        let (engine, network) = Self.engine(p, roads: [("A", "J", true), ("J", "B", true), ("J", "D", true)])
        func snap(_ name: String) throws -> SnappedLocation { try #require(engine.snap(p[name]!)) }
        let end = try snap("D")
        let toEnd = try Self.travel(engine, network, from: snap("A"), to: end)
        #expect(abs(toEnd.meters - 320) < 1, "\(toEnd.meters) m")
        let fromEnd = try Self.travel(engine, network, from: end, to: snap("B"))
        #expect(abs(fromEnd.meters - 320) < 1, "\(fromEnd.meters) m")
        // Half-way up the spur, to either end of the through street: out by the junction,
        // without a detour to the dead end.
        let mid = try #require(engine.snap(Self.at(north: 60, east: 2)))
        for name in ["A", "B"] {
            let out = try Self.travel(engine, network, from: mid, to: snap(name))
            #expect(abs(out.meters - 260) < 1, "\(name): \(out.meters) m")
        }
        // From the junction to mid-spur and on to the end: the end is farther by the rest.
        let inToMid = try Self.travel(engine, network, from: snap("J"), to: mid)
        let inToEnd = try Self.travel(engine, network, from: snap("J"), to: end)
        #expect(abs(inToEnd.meters - inToMid.meters - 60) < 1)
    }
}
