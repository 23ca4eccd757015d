import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

@Suite("OSM PBF import and the car profile")
struct OSMImportTests {
    /// A small town: A–B–C–D around a roundabout, one-way streets, closed ways, a bollard
    /// and a traffic signal. See `fixture` for the tags.
    static let coordinates: [Int64: (Double, Double)] = [
        1: (41.1500, -8.6100), 2: (41.1510, -8.6100), 3: (41.1505, -8.6090), 4: (41.1515, -8.6085),
        5: (41.1525, -8.6085), 6: (41.1530, -8.6070), 8: (41.1520, -8.6080),
    ]

    static var fixture: PBFFixture {
        var f = PBFFixture()
        f.nodes = coordinates.keys.sorted().map { id in
            var tags: [String: String] = [:]
            if id == 5 { tags["highway"] = "traffic_signals" }
            if id == 8 { tags["barrier"] = "bollard" }
            return PBFFixture.Node(id: id, lat: coordinates[id]!.0, lon: coordinates[id]!.1, tags: tags)
        }
        f.ways = [
            .init(id: 10, refs: [1, 2], tags: ["highway": "residential", "oneway": "-1"]),  // B→A only
            .init(id: 11, refs: [1, 3], tags: ["highway": "residential", "oneway": "yes"]),  // A→C only
            .init(id: 12, refs: [3, 4, 2, 3], tags: ["highway": "primary", "junction": "roundabout"]),
            .init(id: 13, refs: [4, 5], tags: ["highway": "tertiary", "maxspeed": "30"]),  // two-way
            .init(id: 14, refs: [5, 6], tags: ["highway": "footway"]),  // not for cars
            .init(id: 15, refs: [1, 5], tags: ["highway": "residential", "access": "no"]),
            .init(id: 16, refs: [2, 5], tags: ["highway": "residential", "motor_vehicle": "no", "access": "yes"]),
            .init(id: 17, refs: [4, 8, 5], tags: ["highway": "residential"]),  // through a bollard
        ]
        return f
    }

    func node(_ g: RoadGraph, _ osmId: Int64) -> Int? {
        let (lat, lon) = Self.coordinates[osmId]!
        return (0..<g.nodeCount).first {
            abs(g.coordinate(of: $0).latitude - lat) < 1e-7 && abs(g.coordinate(of: $0).longitude - lon) < 1e-7
        }
    }

    @Test("the car profile keeps exactly the drivable directions")
    func profileOnFixture() throws {
        let (g, stats) = try OSMRoadImporter().importGraph(from: Self.fixture.data())
        #expect(stats.drivableWays == 5)  // 10, 11, 12, 13, 17
        let a = try #require(node(g, 1))
        let b = try #require(node(g, 2))
        let c = try #require(node(g, 3))
        let d = try #require(node(g, 4))
        let e = try #require(node(g, 5))
        #expect(node(g, 6) == nil, "footway end must not be in the graph")
        #expect(node(g, 8) == nil, "bollard node must not be in the graph")
        #expect(g.nodeCount == 5)
        let expected: Set<[Int]> = [[b, a], [a, c], [c, d], [d, b], [b, c], [d, e], [e, d]]
        let actual = Set((0..<g.edgeCount).map { [g.endpoints(of: $0).tail, g.endpoints(of: $0).head] })
        #expect(actual == expected)
        // maxspeed=30 is driven at 80 %: 24 km/h; entering the signal at E costs 2 s more.
        let de = try #require(g.edge(from: d, to: e))
        let ed = try #require(g.edge(from: e, to: d))
        let meters = g.coordinate(of: d).distance(to: g.coordinate(of: e))
        #expect(abs(g.travelSeconds(of: ed) - meters / (24 / 3.6)) < 0.002)
        #expect(abs(g.travelSeconds(of: de) - (meters / (24 / 3.6) + 2)) < 0.002)
        #expect(g.roadClass(of: try #require(g.edge(from: c, to: d))) == .primary)
    }

    @Test("maxspeed values parse as OSRM reads them")
    func maxspeedParsing() {
        #expect(CarProfile.parseMaxspeed("50") == 50)
        #expect(abs(CarProfile.parseMaxspeed("30 mph")! - 48.28032) < 1e-9)
        #expect(CarProfile.parseMaxspeed("PT:urban") == 50)
        #expect(CarProfile.parseMaxspeed("RU:motorway") == 130)
        #expect(CarProfile.parseMaxspeed("none") == nil)
        #expect(CarProfile.parseMaxspeed("fast") == nil)
        #expect(CarProfile.parseMaxspeed("walk") == 5)
    }

    @Test("one-way, roundabout, motorway and access rules")
    func wayDecisions() {
        let p = CarProfile.standard
        #expect(p.evaluate(["highway": "motorway"])?.backwardKmh == nil)
        #expect(p.evaluate(["highway": "motorway", "oneway": "no"])?.backwardKmh == 90)
        #expect(p.evaluate(["highway": "residential", "oneway": "-1"])?.forwardKmh == nil)
        #expect(p.evaluate(["highway": "residential", "junction": "roundabout"])?.backwardKmh == nil)
        #expect(p.evaluate(["highway": "residential", "motor_vehicle": "no"]) == nil)
        #expect(p.evaluate(["highway": "residential", "motorcar": "yes", "access": "no"]) != nil)
        let backwardOnly = p.evaluate(["highway": "residential", "access": "no", "motor_vehicle:backward": "yes"])
        #expect(backwardOnly?.forwardKmh == nil && backwardOnly?.backwardKmh == 25)
        #expect(p.evaluate(["highway": "cycleway"]) == nil)
        #expect(p.evaluate(["highway": "service", "service": "emergency_access"]) == nil)
        #expect(p.evaluate(["highway": "primary", "surface": "sett"])?.forwardKmh == 40)
        #expect(p.evaluate(["highway": "residential", "oneway": "reversible"]) == nil)
    }

    @Test("a truncated file is a clear error at every cut")
    func truncatedFixture() throws {
        let data = Self.fixture.data()
        for cut in stride(from: 1, to: data.count, by: 3) {
            #expect(throws: OSMImportError.self) { try OSMRoadImporter().importGraph(from: data.prefix(cut)) }
        }
        #expect(throws: OSMImportError.missingHeader) { try OSMRoadImporter().importGraph(from: Data()) }
    }

    @Test("unsupported required features are refused")
    func requiredFeatures() throws {
        var f = Self.fixture
        f.requiredFeatures.append("HistoricalInformation")
        #expect(throws: OSMImportError.unsupportedFeature("HistoricalInformation")) {
            try OSMRoadImporter().importGraph(from: f.data())
        }
    }

    @Test("random bytes and text are not taken for OSM")
    func garbage() {
        var rng = SplitMix64(seed: 1)
        for length in [1, 4, 7, 100, 5000] {
            let bytes = Data((0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            #expect(throws: OSMImportError.self) { try OSMRoadImporter().importGraph(from: bytes) }
        }
        #expect(throws: OSMImportError.self) { try OSMRoadImporter().importGraph(from: Data("id,lat,lon\n".utf8)) }
    }

    @Test(
        "truncated and bit-flipped real extracts fail cleanly",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func corruptMonaco() throws {
        let url = try #require(GeoFixtures.monacoURL)
        let data = try Data(contentsOf: url)
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<12 {
            let cut = Int(rng.next() % UInt64(data.count - 1)) + 1
            #expect(throws: OSMImportError.self) { try OSMRoadImporter().importGraph(from: data.prefix(cut)) }
        }
        // A bit flipped inside zlib data is caught by zlib's checksum or the size check.
        let frames = try PBFBlobReader.frames(of: data)
        let dataFrame = try #require(frames.last)
        let blobStart = dataFrame.offset + 4 + (data.count - dataFrame.offset - 4 - dataFrame.blob.count)
        for _ in 0..<8 {
            var corrupt = data
            let position = blobStart + 16 + Int(rng.next() % UInt64(dataFrame.blob.count - 32))
            corrupt[position] ^= UInt8(1 << (rng.next() % 8))
            #expect(throws: OSMImportError.self) { try OSMRoadImporter().importGraph(from: corrupt) }
        }
        // Flips anywhere else must never crash; they either fail or import.
        for _ in 0..<25 {
            var corrupt = data
            let position = Int(rng.next() % UInt64(data.count))
            corrupt[position] ^= UInt8(1 << (rng.next() % 8))
            _ = try? OSMRoadImporter().importGraph(from: corrupt)
        }
    }
}
