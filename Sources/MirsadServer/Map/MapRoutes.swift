import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadGeo
import MirsadGeodesy

/// `/v1/map`, `/v1/map/roads/{z}/{x}/{y}`, `/v1/map/features`: what the console draws its map
/// from, served by Mirsad itself so an air-gapped operations room needs no tile server.
struct MapRoutes {
    let services: AppServices

    /// Deeper than this a tile holds no more than its parent's roads.
    static let maxZoom = 18

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("map", use: overview)
        group.get("map/roads/{z}/{x}/{y}", use: roads)
        group.get("map/features", use: features)
    }

    @Sendable func overview(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let world = try services.catalog().jurisdiction
        let tiles = services.routing.tiles()
        let box = tiles.map { boundingBox(of: $0.index) } ?? MapBoundingBox(of: MapFeatures.points(of: world))
        return try JSONReply(
            MapOverview(
                bbox: box, center: world.center,
                tiles: MapOverview.Tiles(
                    url: "/v1/map/roads/{z}/{x}/{y}" + (tiles.map { "?v=\($0.version)" } ?? ""),
                    minZoom: RoadTileIndex.minZoom, maxZoom: Self.maxZoom, version: tiles?.version),
                roadClasses: RoadClass.allCases.map(\.osmValue)))
    }

    /// One tile's roads as `[class, lonE5, latE5, Δlon, Δlat, …]` polylines. A request naming
    /// the current network version may be cached for good; any other is revalidated.
    @Sendable func roads(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        try context.requirePrincipal().actor.require(.readOperations)
        let tile = try requestedTile(context)
        guard let (index, version) = services.routing.tiles() else {
            return try JSONReply(RoadTile(z: tile.z, x: tile.x, y: tile.y, lines: []))
                .response(from: request, context: context)
        }
        let tag = "\"\(version)-\(tile.z)-\(tile.x)-\(tile.y)\""
        var headers = HTTPFields()
        headers[.eTag] = tag
        headers[.cacheControl] =
            request.uri.queryParameters["v"].map(String.init) == version
            ? "private, max-age=31536000, immutable" : "private, no-cache"
        if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        let lines = index.lines(in: tile).map(Self.encode)
        return try JSONReply(RoadTile(z: tile.z, x: tile.x, y: tile.y, lines: lines), headers: headers)
            .response(from: request, context: context)
    }

    @Sendable func features(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        return try JSONReply(MapFeatures.collection(of: try services.catalog().jurisdiction))
    }

    private func requestedTile(_ context: MirsadRequestContext) throws -> WebMercatorTile {
        func number(_ name: String) throws -> Int {
            guard let value = Int(try context.parameters.require(name)) else {
                throw Problem.invalidField(name, "must be a whole number")
            }
            return value
        }
        let (z, x, y) = (try number("z"), try number("x"), try number("y"))
        guard (0...Self.maxZoom).contains(z) else {
            throw Problem.invalidField("z", "must be 0 to \(Self.maxZoom)")
        }
        guard let tile = WebMercatorTile(z: z, x: x, y: y) else {
            throw Problem.invalidField(x < 0 || x >= 1 << z ? "x" : "y", "must be 0 to \((1 << z) - 1) at zoom \(z)")
        }
        return tile
    }

    private func boundingBox(of index: RoadTileIndex) -> MapBoundingBox {
        let (low, high) = index.boundingBox
        return MapBoundingBox(
            minLat: low.latitude, minLon: low.longitude, maxLat: high.latitude, maxLon: high.longitude)
    }

    /// First point absolute, then differences, in 1e-5 degrees (about a metre).
    static func encode(_ line: RoadTileIndex.Line) -> [Int] {
        var out = [Int(line.roadClass.rawValue)]
        out.reserveCapacity(1 + 2 * line.points.count)
        var (lastLon, lastLat) = (0, 0)
        for point in line.points {
            let lon = Int((point.longitude * 1e5).rounded())
            let lat = Int((point.latitude * 1e5).rounded())
            out.append(lon - lastLon)
            out.append(lat - lastLat)
            (lastLon, lastLat) = (lon, lat)
        }
        return out
    }
}

struct MapBoundingBox: Codable, Sendable {
    var minLat: Double
    var minLon: Double
    var maxLat: Double
    var maxLon: Double

    init(minLat: Double, minLon: Double, maxLat: Double, maxLon: Double) {
        (self.minLat, self.minLon, self.maxLat, self.maxLon) = (minLat, minLon, maxLat, maxLon)
    }

    init(of points: [Coordinate]) {
        self.init(
            minLat: points.map(\.lat).min() ?? 0, minLon: points.map(\.lon).min() ?? 0,
            maxLat: points.map(\.lat).max() ?? 0, maxLon: points.map(\.lon).max() ?? 0)
    }
}

struct MapOverview: Codable, Sendable {
    struct Tiles: Codable, Sendable {
        var url: String
        var minZoom: Int
        var maxZoom: Int
        /// nil when no road network is loaded (tiles are then empty).
        var version: String?
    }
    var bbox: MapBoundingBox
    var center: Coordinate
    var tiles: Tiles
    /// Names of the classes a tile's lines refer to by position.
    var roadClasses: [String]
}

struct RoadTile: Codable, Sendable {
    var z: Int
    var x: Int
    var y: Int
    var lines: [[Int]]
}
