import Foundation
import MirsadGeodesy

/// A WGS84 position in decimal degrees.
public struct Coordinate: Codable, Hashable, Sendable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Checks the ranges a position must lie in; the name of the offending field is reported.
    public func validated(field: String = "location") throws(DomainError) -> Coordinate {
        guard lat.isFinite, (-90.0...90.0).contains(lat) else {
            throw .invalidField(field: "\(field).lat", reason: "latitude must be between -90 and 90")
        }
        guard lon.isFinite, (-180.0...180.0).contains(lon) else {
            throw .invalidField(field: "\(field).lon", reason: "longitude must be between -180 and 180")
        }
        return self
    }

    /// The same position as the geodesy module's coordinate.
    public var geo: GeoCoordinate { GeoCoordinate(latitude: lat, longitude: lon) }

    public init(_ geo: GeoCoordinate) {
        self.init(lat: geo.latitude, lon: geo.longitude)
    }

    /// Great-circle distance in metres.
    public func distance(to other: Coordinate) -> Double {
        geo.distance(to: other.geo)
    }

    /// A latitude/longitude box that contains every point within `metres` of this one;
    /// used to pre-filter candidates with an index before the exact distance check.
    public func boundingBox(metres: Double) -> (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        let box = geo.boundingBox(meters: metres)
        return (box.min.latitude, box.max.latitude, box.min.longitude, box.max.longitude)
    }

    /// The point a fraction `t` of the way towards `other` (straight line in degrees; fine at city scale).
    public func interpolated(to other: Coordinate, fraction t: Double) -> Coordinate {
        Coordinate(lat: lat + (other.lat - lat) * t, lon: lon + (other.lon - lon) * t)
    }
}
