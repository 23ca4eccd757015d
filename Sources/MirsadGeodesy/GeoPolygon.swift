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
