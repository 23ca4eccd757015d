import Foundation

/// A polygon with an outer ring and optional holes, in WGS84. Rings need not repeat their
/// first vertex at the end. Used for closures (a flooded area, a cordon) and isochrones.
public struct GeoPolygon: Hashable, Sendable, Codable {
    /// The outer boundary.
    public var outer: [GeoCoordinate]
    /// Holes cut out of the outer boundary.
    public var holes: [[GeoCoordinate]]

    public init(outer: [GeoCoordinate], holes: [[GeoCoordinate]] = []) {
        self.outer = outer
        self.holes = holes
    }

    /// A regular polygon approximating a circle, for "everything within R metres of here".
    public static func circle(center: GeoCoordinate, radiusMeters: Double, segments: Int = 32) -> GeoPolygon {
        let projection = LocalProjection(referenceLatitude: center.latitude)
        let c = projection.project(center)
        let count = max(segments, 3)
        let ring = (0..<count).map { i -> GeoCoordinate in
            let angle = Double(i) / Double(count) * 2 * Double.pi
            return projection.unproject(
                PlanarPoint(x: c.x + radiusMeters * cos(angle), y: c.y + radiusMeters * sin(angle)))
        }
        return GeoPolygon(outer: ring)
    }

    /// Bounding box (south-west, north-east) of the outer ring, or nil for an empty ring.
    public var boundingBox: (min: GeoCoordinate, max: GeoCoordinate)? {
        guard let first = outer.first else { return nil }
        var lo = first
        var hi = first
        for p in outer {
            lo.latitude = min(lo.latitude, p.latitude)
            lo.longitude = min(lo.longitude, p.longitude)
            hi.latitude = max(hi.latitude, p.latitude)
            hi.longitude = max(hi.longitude, p.longitude)
        }
        return (lo, hi)
    }
}

extension GeoPolygon {
    /// Whether `point` lies inside (even-odd rule over the outer ring and the holes), treating
    /// latitude and longitude as plane coordinates: exact enough for areas of a city or a
    /// country that do not cross the antimeridian or a pole.
    public func contains(_ point: GeoCoordinate) -> Bool {
        var inside = false
        for ring in [outer] + holes where ring.count >= 3 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.latitude > point.latitude) != (b.latitude > point.latitude) {
                    let crossing =
                        (b.longitude - a.longitude) * (point.latitude - a.latitude) / (b.latitude - a.latitude)
                        + a.longitude
                    if point.longitude < crossing { inside.toggle() }
                }
                j = i
            }
        }
        return inside
    }
}
