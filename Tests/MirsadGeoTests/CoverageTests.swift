import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

@Suite("Reach fields, coverage and isochrones")
struct CoverageTests {
    static let engine = RoutingEngine(network: GeoFixtures.smallCity)

    @Test("a PHAST reach field equals one-to-all Dijkstra for every node, both directions")
    func reachFieldMatchesDijkstra() throws {
        let engine = Self.engine
        let g = engine.graph
        var sampler = PointSampler(graph: g, seed: 41)
        for _ in 0..<4 {
            let location = try #require(engine.snap(sampler.point()))
            let dijkstra = ReferenceDijkstra(engine: engine).reach(from: location)
            let field = engine.reachField(location).seconds
            for v in 0..<g.nodeCount {
                #expect(field[v] == (dijkstra[v] < Cost.infinity ? Float(Cost.seconds(dijkstra[v])) : .infinity))
            }
            // Inbound: node → location equals a one-to-one query from that node.
            let inbound = engine.reachField(location, direction: .inbound).seconds
            for _ in 0..<20 {
                let v = sampler.node()
                let from = try #require(engine.snap(g.coordinate(of: v)))
                let expected = try #require(engine.travel(from: from, to: location))
                // Snapping at a node adds nothing, so the field is the one-to-one time.
                #expect(inbound[v] == Float(expected.seconds))
            }
        }
    }

    @Test("coverage grows with time, reaches everything, and matches the isochrone")
    func coverageProperties() throws {
        let engine = Self.engine
        var sampler = PointSampler(graph: engine.graph, seed: 2)
        let stations = try (0..<5).map {
            FleetMember(id: "s\($0)", location: try #require(engine.snap(sampler.point())))
        }
        var previous = 0.0
        for minutes in [1.0, 2, 4, 8] {
            let report = engine.coverage(of: stations, withinSeconds: minutes * 60)
            #expect(report.coveredMeters >= previous)
            previous = report.coveredMeters
        }
        let all = engine.coverage(of: stations, withinSeconds: 24 * 3600)
        #expect(abs(all.share - 1) < 1e-9)
        let one = engine.coverage(of: [stations[0]], withinSeconds: 240)
        let iso = engine.isochrone(from: stations[0].location, withinSeconds: 240)
        #expect(abs(one.coveredMeters - iso.reachedMeters) < 1e-6)
        #expect(!iso.areas.isEmpty && !iso.roads.isEmpty)
        // Faster vehicles cover at least as much.
        let fast = stations.map { FleetMember(id: $0.id, location: $0.location, speedFactor: 1.3) }
        #expect(
            engine.coverage(of: fast, withinSeconds: 240).coveredMeters
                >= engine.coverage(of: stations, withinSeconds: 240).coveredMeters)
    }

    @Test("a coverage map's covered and uncovered pieces add up to the sector's roads")
    func coverageMap() throws {
        let engine = Self.engine
        let center = GeoCoordinate(latitude: 24.7136, longitude: 46.6753)
        let sector = GeoPolygon.circle(center: center, radiusMeters: 1500)
        var sampler = PointSampler(graph: engine.graph, seed: 9)
        let units = try (0..<3).map { FleetMember(id: "u\($0)", location: try #require(engine.snap(sampler.point()))) }
        let map = engine.coverageMap(of: units, withinSeconds: 150, sector: sector)
        let report = engine.coverage(of: units, withinSeconds: 150, sector: sector)
        #expect(abs(map.report.coveredMeters - report.coveredMeters) < 1e-6)
        #expect(map.report.totalMeters == report.totalMeters)
        func length(_ pieces: [[GeoCoordinate]]) -> Double {
            pieces.reduce(0) { sum, piece in
                sum + zip(piece, piece.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
            }
        }
        // Pieces are measured on the sphere, segment lengths were too: agreement within 1 %.
        let drawn = length(map.coveredRoads) + length(map.uncoveredRoads)
        #expect(abs(drawn - report.totalMeters) < 0.01 * report.totalMeters)
        #expect(abs(length(map.coveredRoads) - report.coveredMeters) < 0.01 * report.totalMeters)
    }

    @Test("a sector restricts the total to the roads inside it")
    func sectorCoverage() throws {
        let engine = Self.engine
        let center = GeoCoordinate(latitude: 24.7136, longitude: 46.6753)
        let sector = GeoPolygon.circle(center: center, radiusMeters: 800)
        let station = FleetMember(id: "s", location: try #require(engine.snap(center)))
        let report = engine.coverage(of: [station], withinSeconds: 600, sector: sector)
        #expect(report.totalMeters > 0)
        #expect(report.totalMeters < engine.graph.totalRoadLengthMeters / 5)
        #expect(report.share > 0.95, "a central station reaches its 800 m disc within 10 minutes")
    }
}

@Suite("Raster outlines")
struct RasterPolygonizerTests {
    @Test("a ring of cells gives one polygon with one hole")
    func ringWithHole() {
        var raster = RasterPolygonizer(columns: 5, rows: 5)
        for c in 1...3 { for r in 1...3 where !(c == 2 && r == 2) { raster.fill(column: c, row: r) } }
        let polygons = raster.polygons()
        #expect(polygons.count == 1)
        #expect(polygons[0].outer.count == 4)
        #expect(polygons[0].holes.count == 1)
        #expect(polygons[0].holes[0].count == 4)
    }

    @Test("cells touching only at a corner stay separate")
    func diagonal() {
        var raster = RasterPolygonizer(columns: 3, rows: 3)
        raster.fill(column: 0, row: 0)
        raster.fill(column: 1, row: 1)
        let polygons = raster.polygons()
        #expect(polygons.count == 2)
        #expect(polygons.allSatisfy { $0.outer.count == 4 && $0.holes.isEmpty })
    }

    @Test("small enclosed gaps are filled, large ones and open ones kept")
    func fillHoles() {
        var raster = RasterPolygonizer(columns: 9, rows: 9)
        // A frame around a 1-cell gap and, separately, a frame around a 3x3 gap.
        for c in 0...2 { for r in 0...2 where !(c == 1 && r == 1) { raster.fill(column: c, row: r) } }
        for c in 4...8 {
            for r in 4...8 where !(5...7).contains(c) || !(5...7).contains(r) { raster.fill(column: c, row: r) }
        }
        raster.fillHoles(upTo: 4)
        #expect(raster.isFilled(1, 1))
        #expect(!raster.isFilled(6, 6))
        #expect(!raster.isFilled(3, 3), "open space outside the frames stays empty")
        let polygons = raster.polygons()
        #expect(polygons.map(\.holes.count).sorted() == [0, 1])
    }

    @Test("an L shape has six corners")
    func lShape() {
        var raster = RasterPolygonizer(columns: 4, rows: 4)
        for r in 0..<3 { raster.fill(column: 0, row: r) }
        raster.fill(column: 1, row: 0)
        raster.fill(column: 2, row: 0)
        let polygons = raster.polygons()
        #expect(polygons.count == 1)
        #expect(polygons[0].outer.count == 6)
    }
}
