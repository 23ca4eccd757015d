import Foundation
import MirsadGeodesy
import MirsadTestSupport

@testable import MirsadGeo

/// Networks shared by the tests, imported once per test process.
enum GeoFixtures {
    static let monacoURL = SharedData.file("osm/monaco_osrm.osm.pbf")
    static let andorraURL = SharedData.file("osm/andorra_valhalla.osm.pbf")

    static let monaco: RoadNetwork? = monacoURL.flatMap { try? RoadNetwork.importOSM(contentsOf: $0).network }
    static let andorra: RoadNetwork? = andorraURL.flatMap { try? RoadNetwork.importOSM(contentsOf: $0).network }

    /// A small synthetic city (fast to build, no shared data needed).
    static let smallCity: RoadNetwork = SyntheticCity(
        center: GeoCoordinate(latitude: 24.7136, longitude: 46.6753), radiusMeters: 3000, seed: 7,
        targetNodeCount: 4000, radialCount: 4
    ).generateNetwork()
}

extension GeoCoordinate {
    /// The point `east` and `north` metres from this one (a flat-earth step, for small
    /// hand-drawn test networks).
    func offset(east: Double, north: Double) -> GeoCoordinate {
        let metersPerDegreeLat = 111_320.0
        let metersPerDegreeLon = metersPerDegreeLat * cos(latitude * .pi / 180)
        return GeoCoordinate(
            latitude: latitude + north / metersPerDegreeLat, longitude: longitude + east / metersPerDegreeLon)
    }
}

/// Independent reference for snapped endpoints: Dijkstra over road edges from the source's
/// position, turn by turn, into the target's position (`ReferenceDijkstra.cost`).
func referenceCost(
    engine: RoutingEngine, from a: SnappedLocation, to b: SnappedLocation
) -> PackedCost {
    ReferenceDijkstra(engine: engine).cost(from: a, to: b)
}

/// A deterministic stream of points near random nodes (off the road by up to `jitter` m).
struct PointSampler {
    var rng: SplitMix64
    let graph: RoadGraph

    init(graph: RoadGraph, seed: UInt64) {
        self.graph = graph
        rng = SplitMix64(seed: seed)
    }

    mutating func node() -> Int { Int(rng.next() % UInt64(graph.nodeCount)) }

    mutating func point(jitterMeters: Double = 40) -> GeoCoordinate {
        let c = graph.coordinate(of: node())
        let dLat = (rng.nextUnit() - 0.5) * 2 * jitterMeters / 111_320
        let dLon = (rng.nextUnit() - 0.5) * 2 * jitterMeters / (111_320 * cos(c.latitude * .pi / 180))
        return GeoCoordinate(latitude: c.latitude + dLat, longitude: c.longitude + dLon)
    }
}
