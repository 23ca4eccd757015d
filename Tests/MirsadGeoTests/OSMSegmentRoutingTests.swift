import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

/// Every drivable piece of road in an extract, routed from its first node to its second: the
/// route must be about the piece itself. The coordinates go in as the decimal text OSM and API
/// clients write (7 decimals), which rounds differently from the stored node: a plain-Dijkstra
/// comparison from the nodes themselves missed the one-way streets routed around the block.
@Suite(
    "Routing along each OSM road segment",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
struct OSMSegmentRoutingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        /// Largest share of segments allowed outside the network: islands the extract's border
        /// cuts off from the rest (a motorway crossing the extract with its junctions outside).
        let maxIslandShare: Double
        var testDescription: String { file }
    }

    static let cases = [
        Case(file: "osm/monaco_osrm.osm.pbf", maxIslandShare: 0.06),
        Case(file: "osm/andorra_valhalla.osm.pbf", maxIslandShare: 0.001),
    ]

    static func decimalText(_ c: GeoCoordinate) -> GeoCoordinate {
        GeoCoordinate(
            latitude: Double(String(format: "%.7f", c.latitude))!,
            longitude: Double(String(format: "%.7f", c.longitude))!)
    }

    @Test("no segment's route is over 1.5 times the segment, unless a faster road joins its ends", arguments: cases)
    func everySegment(_ c: Case) throws {
        let url = try #require(SharedData.file(c.file))
        let segments = try OSMRoadImporter().drivableSegments(contentsOf: url)
        let engine = RoutingEngine(network: try RoadNetwork.importOSM(contentsOf: url).network)
        let g = engine.graph
        var islands = 0
        var detours: [String] = []
        for s in segments {
            let straight = s.from.distance(to: s.to)
            guard let a = engine.snap(Self.decimalText(s.from)), let b = engine.snap(Self.decimalText(s.to)),
                a.distanceMeters < 0.5, b.distanceMeters < 0.5
            else {
                islands += 1
                continue
            }
            // On the network, each end is a junction node: the segment is one edge of the graph.
            #expect(a.fraction == 0 || a.fraction == 1, "way \(s.wayId) node \(s.fromNode) is not snapped to its node")
            let route = try #require(engine.route(from: a, to: b), "way \(s.wayId) \(s.fromNode)→\(s.toNode)")
            guard route.meters > 1.5 * straight + 1 else { continue }
            let u = a.fraction == 0 ? g.tail[Int(a.forwardEdge)] : g.head[Int(a.forwardEdge)]
            let v = b.fraction == 0 ? g.tail[Int(b.forwardEdge)] : g.head[Int(b.forwardEdge)]
            let direct = g.edge(from: Int(u), to: Int(v)).map(g.travelSeconds(of:))
            if let direct, route.seconds < direct { continue }  // a faster road between the same nodes
            detours.append(
                "way \(s.wayId) \(s.fromNode)→\(s.toNode): \(Int(straight)) m, routed \(Int(route.meters)) m")
        }
        #expect(detours.isEmpty, "\(detours.count) detours: \(detours.prefix(10))")
        #expect(
            Double(islands) <= c.maxIslandShare * Double(segments.count),
            "\(islands) of \(segments.count) off the network")
    }

    @Test("the one-way slip road of the issue is driven along, not around (171 m, was 4,889 m)")
    func slipRoad() throws {
        let url = try #require(SharedData.file("osm/monaco_osrm.osm.pbf"))
        let engine = RoutingEngine(network: try RoadNetwork.importOSM(contentsOf: url).network)
        let a = try #require(engine.snap(GeoCoordinate(latitude: 43.7446501, longitude: 7.3693124)))
        let b = try #require(engine.snap(GeoCoordinate(latitude: 43.7451574, longitude: 7.3673092)))
        #expect(a.distanceMeters < 0.5 && b.distanceMeters < 0.5)
        let route = try #require(engine.route(from: a, to: b))
        #expect(abs(route.meters - 171) < 2, "\(route.meters) m")
    }
}

@Suite("Snapping at junctions and on one-way streets")
struct JunctionSnappingTests {
    /// A one-way block A→B→C→D→A (about 100 m a side) and a two-way spur B–E.
    static func block() -> (RoutingEngine, [GeoCoordinate]) {
        var builder = RoadGraphBuilder()
        let corners = [(0.0, 0.0), (0.0009, 0.0), (0.0009, 0.0012), (0.0, 0.0012), (0.0009, -0.0012)].map {
            GeoCoordinate(latitude: 29.37 + $0.0, longitude: 47.97 + $0.1)
        }
        let n = corners.map { builder.addNode($0) }
        for (u, v) in [(0, 1), (1, 2), (2, 3), (3, 0), (1, 4), (4, 1)] {
            builder.addEdge(from: n[u], to: n[v], speedKmh: 30, roadClass: .residential)
        }
        return (RoutingEngine(network: RoadNetwork(graph: builder.build())), corners)
    }

    @Test("a point a hair before a junction on a one-way street is the junction, reached from every road there")
    func hairBeforeJunction() throws {
        let (engine, p) = Self.block()
        // 0.3 m before B along A→B: the text of B's coordinate rounded differently.
        let nearB = GeoCoordinate(latitude: p[1].latitude - 0.3 / 111_320, longitude: p[1].longitude)
        let target = try #require(engine.snap(nearB))
        #expect(target.coordinate == engine.snap(p[1])!.coordinate)
        let spur = try #require(engine.snap(p[4]))
        let fromSpur = try #require(engine.travel(from: spur, to: target))
        #expect(abs(fromSpur.meters - p[4].distance(to: p[1])) < 1, "\(fromSpur.meters) m")
    }

    @Test("mid-block on a one-way street: reached only from its start, left only at its end")
    func midBlockOneWay() throws {
        let (engine, p) = Self.block()
        let side = p[0].distance(to: p[1])
        let middle = GeoCoordinate(latitude: (p[0].latitude + p[1].latitude) / 2, longitude: p[0].longitude)
        let point = try #require(engine.snap(middle))
        let spur = try #require(engine.snap(p[4]))
        // To the middle of A→B from E: E→B→C→D→A, then half of A→B.
        let inbound = try #require(engine.travel(from: spur, to: point))
        #expect(abs(inbound.meters - (p[4].distance(to: p[1]) + side * 3.5 + (p[1].distance(to: p[2]) - side) * 2)) < 2)
        // From the middle to E: the rest of A→B, then B→E.
        let outbound = try #require(engine.travel(from: point, to: spur))
        #expect(abs(outbound.meters - (side / 2 + p[1].distance(to: p[4]))) < 1)
    }
}
