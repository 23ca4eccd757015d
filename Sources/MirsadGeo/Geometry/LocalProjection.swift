import Foundation

/// A point in a local planar frame, in metres (x east, y north).
public struct PlanarPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Equirectangular projection around a reference latitude. Over a city (tens of kilometres)
/// its distance error stays well under 0.5 %, which is plenty for snapping, clipping and
/// rasterising isochrones, and it is far cheaper than a transverse Mercator.
public struct LocalProjection: Sendable, Hashable {
    /// Metres per degree of longitude at the reference latitude.
    public let metersPerDegreeLon: Double
    /// Metres per degree of latitude.
    public let metersPerDegreeLat: Double
    /// Reference latitude in degrees.
    public let referenceLatitude: Double

    public init(referenceLatitude: Double) {
        self.referenceLatitude = referenceLatitude
        metersPerDegreeLat = GeoCoordinate.earthRadiusMeters * Double.pi / 180
        metersPerDegreeLon = metersPerDegreeLat * cos(referenceLatitude * Double.pi / 180)
    }

    public func project(_ c: GeoCoordinate) -> PlanarPoint {
        PlanarPoint(x: c.longitude * metersPerDegreeLon, y: c.latitude * metersPerDegreeLat)
    }

    public func unproject(_ p: PlanarPoint) -> GeoCoordinate {
        GeoCoordinate(latitude: p.y / metersPerDegreeLat, longitude: p.x / metersPerDegreeLon)
    }

    func project(latE7: Int32, lonE7: Int32) -> PlanarPoint {
        PlanarPoint(x: Double(lonE7) * 1e-7 * metersPerDegreeLon, y: Double(latE7) * 1e-7 * metersPerDegreeLat)
    }
}
