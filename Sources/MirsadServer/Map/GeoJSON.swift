import MirsadDomain

/// GeoJSON (RFC 7946) as Mirsad writes it: positions are `[lon, lat]`, polygons are closed.
struct GeoJSONFeatureCollection: Encodable, Sendable {
    var type = "FeatureCollection"
    var features: [GeoJSONFeature]
}

struct GeoJSONFeature: Encodable, Sendable {
    var type = "Feature"
    var id: String?
    var properties: [String: JSONValue]
    var geometry: GeoJSONGeometry

    init(id: String? = nil, properties: [String: JSONValue], geometry: GeoJSONGeometry) {
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}

enum GeoJSONGeometry: Encodable, Sendable {
    case point(Coordinate)
    case lineString([Coordinate])
    /// Outer ring first, then holes; rings are closed on output if they are not already.
    case polygon([[Coordinate]])
    /// Polygons without holes, one ring each.
    case multiPolygon([[Coordinate]])

    private enum CodingKeys: String, CodingKey { case type, coordinates }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func position(_ p: Coordinate) -> [Double] { [p.lon, p.lat] }
        switch self {
        case .point(let p):
            try c.encode("Point", forKey: .type)
            try c.encode(position(p), forKey: .coordinates)
        case .lineString(let points):
            try c.encode("LineString", forKey: .type)
            try c.encode(points.map(position), forKey: .coordinates)
        case .polygon(let rings):
            try c.encode("Polygon", forKey: .type)
            try c.encode(rings.map { Self.closed($0).map(position) }, forKey: .coordinates)
        case .multiPolygon(let rings):
            try c.encode("MultiPolygon", forKey: .type)
            try c.encode(rings.map { [Self.closed($0).map(position)] }, forKey: .coordinates)
        }
    }

    private static func closed(_ ring: [Coordinate]) -> [Coordinate] {
        ring.first == ring.last ? ring : ring + ring.prefix(1)
    }
}
