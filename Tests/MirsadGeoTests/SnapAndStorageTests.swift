import Foundation
import MirsadGeodesy
import MirsadTestSupport
import Testing

@testable import MirsadGeo

@Suite("Snapping")
struct SnapTests {
    @Test("the grid finds the same nearest segment as a brute-force scan")
    func nearestMatchesBruteForce() throws {
        let network = GeoFixtures.smallCity
        let engine = RoutingEngine(network: network)
        let index = engine.snapIndex
        var sampler = PointSampler(graph: network.graph, seed: 31)
        for _ in 0..<200 {
            let query = sampler.point(jitterMeters: 120)
            let snapped = try #require(engine.snap(query))
            let p = index.projection.project(query)
            let brute = (0..<network.graph.segmentCount).map {
                index.project(p, onto: $0, graph: network.graph).distance
            }.min()!
            // Within half a metre of a junction the point is the junction itself.
            let atJunction = snapped.fraction == 0 || snapped.fraction == 1
            #expect(abs(snapped.distanceMeters - brute) < (atJunction ? 0.5 : 1e-6))
            #expect(
                abs(snapped.coordinate.distance(to: query) - snapped.distanceMeters) < 0.05 * snapped.distanceMeters
                    + 0.05)
        }
    }

    @Test("a location snapped on another network is snapped again, never trusted")
    func foreignLocation() throws {
        let city = RoutingEngine(network: GeoFixtures.smallCity)
        let other = RoutingEngine(
            network: SyntheticCity(
                center: GeoCoordinate(latitude: 24.7136, longitude: 46.6753), radiusMeters: 3000, seed: 99,
                targetNodeCount: 4000, radialCount: 3
            ).generateNetwork())
        #expect(city.fingerprint != other.fingerprint)
        var sampler = PointSampler(graph: city.graph, seed: 5)
        for _ in 0..<20 {
            let a = try #require(city.snap(sampler.point()))
            let b = try #require(city.snap(sampler.point()))
            let expected = other.travel(from: try #require(other.snap(a.query)), to: try #require(other.snap(b.query)))
            #expect(other.travel(from: a, to: b) == expected)
            let fleet = other.prepareFleet([FleetMember(id: "u", location: a)])
            #expect(other.travel(fleet: fleet, query: b) == [expected])
            // A fleet prepared by the other engine is prepared again, not trusted.
            let foreignFleet = city.prepareFleet([FleetMember(id: "u", location: a)])
            _ = city.travel(fleet: foreignFleet, query: a)
            #expect(other.travel(fleet: foreignFleet, query: b) == [expected])
        }
        let reloaded = RoutingEngine(
            network: try RoadNetworkFile.decode(RoadNetworkFile.encode(GeoFixtures.smallCity)).network)
        #expect(reloaded.fingerprint == city.fingerprint)
    }

    @Test("points too far from any road or invalid do not snap")
    func rejects() {
        let engine = RoutingEngine(network: GeoFixtures.smallCity)
        let center = GeoCoordinate(latitude: 24.7136, longitude: 46.6753)
        #expect(engine.snap(GeoCoordinate(latitude: center.latitude + 1, longitude: center.longitude)) == nil)
        #expect(engine.snap(GeoCoordinate(latitude: 95, longitude: 0)) == nil)
        #expect(engine.snap(GeoCoordinate(latitude: .nan, longitude: 0)) == nil)
        #expect(engine.snap(center) != nil)
        #expect(engine.snap(center, maxDistanceMeters: 0.0001).map { $0.distanceMeters <= 0.0001 } ?? true)
    }
}

@Suite("The .mroads file")
struct RoadNetworkFileTests {
    static let network = GeoFixtures.smallCity
    static let bytes = RoadNetworkFile.encode(network, metadata: "small test city")

    @Test("round trip keeps the graph, the hierarchy and every answer")
    func roundTrip() throws {
        let (decoded, metadata) = try RoadNetworkFile.decode(Self.bytes)
        #expect(metadata == "small test city")
        let a = Self.network
        #expect(decoded.graph.latE7 == a.graph.latE7 && decoded.graph.lonE7 == a.graph.lonE7)
        #expect(decoded.graph.head == a.graph.head && decoded.graph.timeMs == a.graph.timeMs)
        #expect(decoded.graph.lengthDm == a.graph.lengthDm && decoded.graph.roadClass == a.graph.roadClass)
        #expect(decoded.hierarchy.upHead == a.hierarchy.upHead && decoded.hierarchy.rank == a.hierarchy.rank)
        let e1 = RoutingEngine(network: a)
        let e2 = RoutingEngine(network: decoded)
        var sampler = PointSampler(graph: a.graph, seed: 12)
        for _ in 0..<50 {
            let p = sampler.point()
            let q = sampler.point()
            let r1 = try #require(e1.snap(p)).self
            let r2 = try #require(e2.snap(p))
            #expect(r1 == r2)
            #expect(
                e1.travel(from: r1, to: try #require(e1.snap(q))) == e2.travel(from: r2, to: try #require(e2.snap(q))))
        }
    }

    @Test("every truncation is reported as such")
    func truncation() {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<40 {
            let cut = Int(rng.next() % UInt64(Self.bytes.count))
            #expect(throws: RoadNetworkFileError.self) { try RoadNetworkFile.decode(Self.bytes.prefix(cut)) }
        }
        #expect(
            throws: RoadNetworkFileError.truncated(expectedBytes: Self.bytes.count, actualBytes: Self.bytes.count - 1)
        ) {
            try RoadNetworkFile.decode(Self.bytes.dropLast())
        }
    }

    @Test("flipped bits are caught by the checksum or header checks")
    func bitFlips() {
        var rng = SplitMix64(seed: 78)
        for _ in 0..<60 {
            var corrupt = Self.bytes
            let position = Int(rng.next() % UInt64(corrupt.count))
            corrupt[position] ^= UInt8(1 << (rng.next() % 8))
            #expect(throws: RoadNetworkFileError.self) { try RoadNetworkFile.decode(corrupt) }
        }
        var payloadFlip = Self.bytes
        payloadFlip[RoadNetworkFile.headerSize + 100] ^= 0x10
        #expect(throws: RoadNetworkFileError.checksumMismatch) { try RoadNetworkFile.decode(payloadFlip) }
    }

    @Test("foreign files and future versions are refused")
    func foreign() {
        #expect(throws: RoadNetworkFileError.notARoadNetworkFile) { try RoadNetworkFile.decode(Data("hello".utf8)) }
        var future = Self.bytes
        future[8] = 9
        #expect(throws: RoadNetworkFileError.unsupportedVersion(9)) { try RoadNetworkFile.decode(future) }
    }

    @Test("a consistent-looking file with a broken hierarchy is rejected, not trusted")
    func brokenHierarchy() throws {
        // Re-encode with one arc removed: checksum is valid, but the CCH no longer fits.
        let n = Self.network
        var up = n.hierarchy.upHead
        var firstUp = n.hierarchy.firstUp
        let victim = (0..<n.hierarchy.nodeCount).first { firstUp[$0 + 1] - firstUp[$0] >= 2 }!
        up.remove(at: Int(firstUp[victim]))
        for r in (victim + 1)..<firstUp.count { firstUp[r] -= 1 }
        let broken = ContractionHierarchyParts(rank: n.hierarchy.rank, firstUp: firstUp, upHead: up)
        let bytes = RoadNetworkFile.encode(graph: n.graph, turns: n.turns, parts: broken, metadata: "")
        #expect(throws: RoadNetworkFileError.self) { try RoadNetworkFile.decode(bytes) }
    }
}
