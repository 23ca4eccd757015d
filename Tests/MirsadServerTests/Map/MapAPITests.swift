import Foundation
import HTTPTypes
import MirsadDomain
import MirsadGeo
import MirsadGeodesy
import MirsadServer
import MirsadTestSupport
import Testing

@Suite("The console's map: road tiles, outlines")
struct MapAPITests {
    /// Decodes a tile's `[class, lonE5, latE5, Δlon, Δlat, …]` lines.
    static func decode(_ tile: [String: Any]) -> [(roadClass: Int, points: [(lon: Int, lat: Int)])] {
        (tile["lines"] as? [[Int]] ?? []).map { line in
            var points: [(lon: Int, lat: Int)] = []
            var (lon, lat) = (0, 0)
            for i in stride(from: 1, to: line.count - 1, by: 2) {
                lon += line[i]
                lat += line[i + 1]
                points.append((lon, lat))
            }
            return (line[0], points)
        }
    }

    /// Every z-level tile over the network's box.
    static func tiles(atZoom z: Int, over network: RoadNetwork) -> [WebMercatorTile] {
        let (low, high) = network.graph.boundingBox
        let a = WebMercatorTile(containing: GeoCoordinate(latitude: high.latitude, longitude: low.longitude), z: z)
        let b = WebMercatorTile(containing: GeoCoordinate(latitude: low.latitude, longitude: high.longitude), z: z)
        return (a.x...b.x).flatMap { x in (a.y...b.y).compactMap { y in WebMercatorTile(z: z, x: x, y: y) } }
    }

    /// Each road piece once, as an unordered pair of E5 points.
    static func pieces(_ lines: [(roadClass: Int, points: [(lon: Int, lat: Int)])]) -> Set<[Int]> {
        var set = Set<[Int]>()
        for line in lines {
            for (a, b) in zip(line.points, line.points.dropFirst()) {
                set.insert(
                    (a.lon, a.lat) < (b.lon, b.lat) ? [a.lon, a.lat, b.lon, b.lat] : [b.lon, b.lat, a.lon, a.lat])
            }
        }
        return set
    }

    @Test("at zoom 14 the tiles hold every road piece of the network; at zoom 10 only the main roads")
    func tilesCoverTheNetwork() async throws {
        let network = DispatchAPITests.network
        try await ServerHarness.with(roads: RoutingEngine(network: network)) { _, client in
            let token = try await client.login("dispatcher")
            let overview = try await client.call(.get, "/v1/map", token: token)
            #expect(overview.status == .ok)
            let tiles = try #require(overview.json["tiles"] as? [String: Any])
            let version = try #require(tiles["version"] as? String)
            #expect(tiles["url"] as? String == "/v1/map/roads/{z}/{x}/{y}?v=\(version)")
            #expect((overview.json["roadClasses"] as? [String])?.first == "motorway")

            var street = Set<[Int]>()
            for tile in Self.tiles(atZoom: 14, over: network) {
                let reply = try await client.call(.get, "/v1/map/roads/14/\(tile.x)/\(tile.y)", token: token)
                #expect(reply.status == .ok)
                street.formUnion(Self.pieces(Self.decode(reply.json)))
            }
            var expected = Set<[Int]>()
            let graph = network.graph
            for edge in 0..<graph.edgeCount {
                let (u, v) = graph.endpoints(of: edge)
                let a = graph.coordinate(of: u)
                let b = graph.coordinate(of: v)
                let p = [Int((a.longitude * 1e5).rounded()), Int((a.latitude * 1e5).rounded())]
                let q = [Int((b.longitude * 1e5).rounded()), Int((b.latitude * 1e5).rounded())]
                if p != q { expected.insert((p[0], p[1]) < (q[0], q[1]) ? p + q : q + p) }
            }
            #expect(street == expected, "\(street.count) pieces drawn, \(expected.count) in the network")

            let mainClasses = Set(
                [RoadClass.motorway, .motorwayLink, .trunk, .trunkLink, .primary].map { Int($0.rawValue) })
            var seenClasses = Set<Int>()
            for tile in Self.tiles(atZoom: 10, over: network) {
                let reply = try await client.call(.get, "/v1/map/roads/10/\(tile.x)/\(tile.y)", token: token)
                seenClasses.formUnion(Self.decode(reply.json).map(\.roadClass))
            }
            #expect(
                !seenClasses.isEmpty && seenClasses.isSubset(of: mainClasses), "zoom 10 drew \(seenClasses.sorted())")
        }
    }

    @Test("a tile of the current version may be cached for good and answers its ETag with 304")
    func caching() async throws {
        try await ServerHarness.with(roads: DispatchAPITests.roads) { _, client in
            let token = try await client.login("dispatcher")
            let version = try #require(
                (try await client.call(.get, "/v1/map", token: token).json["tiles"] as? [String: Any])?["version"]
                    as? String)
            let tile = WebMercatorTile(containing: GeoCoordinate(latitude: 29.37, longitude: 47.98), z: 15)
            let path = "/v1/map/roads/15/\(tile.x)/\(tile.y)"
            let current = try await client.call(.get, path + "?v=\(version)", token: token)
            #expect(current.status == .ok)
            #expect(current.headers[.cacheControl] == "private, max-age=31536000, immutable")
            #expect(!Self.decode(current.json).isEmpty, "the city centre has streets")
            let other = try await client.call(.get, path + "?v=stale", token: token)
            #expect(other.headers[.cacheControl] == "private, no-cache")
            let tag = try #require(current.headers[.eTag])
            let again = try await client.call(.get, path, token: token, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.text.isEmpty)
        }
    }

    @Test("tiles outside the map are refused naming the number; without roads every tile is empty")
    func badTilesAndNoRoads() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("dispatcher")
            for (path, field) in [
                ("/v1/map/roads/19/0/0", "z"), ("/v1/map/roads/3/8/0", "x"), ("/v1/map/roads/3/0/-1", "y"),
                ("/v1/map/roads/a/0/0", "z"),
            ] {
                let reply = try await client.call(.get, path, token: token)
                #expect(reply.status == .unprocessableContent, "\(path)")
                #expect(reply.problemField == field, "\(path)")
            }
            let empty = try await client.call(.get, "/v1/map/roads/12/2593/1699", token: token)
            #expect(empty.status == .ok)
            #expect((empty.json["lines"] as? [Any])?.isEmpty == true)
            let overview = try await client.call(.get, "/v1/map", token: token)
            #expect((overview.json["tiles"] as? [String: Any])?["version"] == nil)
            let bbox = try #require(overview.json["bbox"] as? [String: Double])
            for station in TestJurisdiction.jurisdiction.stations {
                #expect(bbox["minLat"]! <= station.location.lat && station.location.lat <= bbox["maxLat"]!)
            }
            #expect(try await client.call(.get, "/v1/map").status == .unauthorized)
        }
    }

    @Test("the outlines are GeoJSON: water, the shore and every governorate with a boundary")
    func features() async throws {
        var world = TestJurisdiction.jurisdiction
        let shore = [Coordinate(lat: 29.2, lon: 48.1), Coordinate(lat: 29.5, lon: 48.0)]
        world.shoreline = Shoreline(lines: [shore], water: [shore + [Coordinate(lat: 29.5, lon: 48.3)]])
        world.governorates[0].boundary = [
            Coordinate(lat: 29.3, lon: 47.9), Coordinate(lat: 29.3, lon: 48.0), Coordinate(lat: 29.4, lon: 48.0),
        ]
        let loaded = world
        try await ServerHarness.with(jurisdiction: loaded) { _, client in
            let reply = try await client.call(.get, "/v1/map/features", token: try await client.login("dispatcher"))
            #expect(reply.json["type"] as? String == "FeatureCollection")
            let features = try #require(reply.json["features"] as? [[String: Any]])
            let kinds = features.map { ($0["properties"] as? [String: Any])?["kind"] as? String ?? "" }
            #expect(kinds == ["sea", "coastline", "governorate"])
            let sea = try #require((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])
            #expect(sea[0].first == sea[0].last, "rings are closed")
            #expect(sea[0][0] == [48.1, 29.2], "positions are [lon, lat]")
            let governorate = try #require(features[2]["properties"] as? [String: Any])
            #expect(governorate["id"] as? String == loaded.governorates[0].id)
            #expect((governorate["name"] as? [String: String])?["ar"] == loaded.governorates[0].name.ar)
        }
    }
}
