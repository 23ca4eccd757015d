import MirsadGeodesy

/// Whether travel times are measured from a point or to it.
public enum IsochroneDirection: String, Sendable, Hashable, Codable {
    /// Where a vehicle starting at the point gets within the time (a station's reach).
    case outbound
    /// From where a vehicle can reach the point within the time (an incident's catchment).
    case inbound
}

/// The part of the road network within a travel time of a point, as reached road pieces
/// (exact, for GeoJSON `MultiLineString`) and as areas (a raster outline, for `MultiPolygon`).
public struct Isochrone: Sendable, Hashable, Codable {
    public var direction: IsochroneDirection
    /// The time limit, seconds.
    public var seconds: Double
    /// Metres of road reached.
    public var reachedMeters: Double
    /// Reached road pieces as polylines (whole segments or the reached part of one).
    public var roads: [[GeoCoordinate]]
    /// Areas around the reached roads, outer rings counter-clockwise, holes clockwise.
    public var areas: [GeoPolygon]
    /// Edge length of the raster cells behind `areas`, metres.
    public var cellSizeMeters: Double

    /// The areas as a GeoJSON `MultiPolygon` geometry object.
    public var geoJSONMultiPolygon: [String: any Sendable] {
        func ring(_ r: [GeoCoordinate]) -> [[Double]] {
            let closed = r.first.map { r + [$0] } ?? r
            return closed.map { [$0.longitude, $0.latitude] }
        }
        return [
            "type": "MultiPolygon",
            "coordinates": areas.map { [ring($0.outer)] + $0.holes.map(ring) },
        ]
    }

    /// The reached roads as a GeoJSON `MultiLineString` geometry object.
    public var geoJSONMultiLineString: [String: any Sendable] {
        ["type": "MultiLineString", "coordinates": roads.map { $0.map { [$0.longitude, $0.latitude] } }]
    }
}
