import Foundation

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

    /// Great-circle distance in metres (haversine on a sphere of the WGS84 mean radius).
    public func distance(to other: Coordinate) -> Double {
        let radius = 6_371_008.8
        let phi1 = lat * .pi / 180, phi2 = other.lat * .pi / 180
        let dPhi = (other.lat - lat) * .pi / 180
        let dLambda = (other.lon - lon) * .pi / 180
        let a = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * radius * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    /// A latitude/longitude box that contains every point within `metres` of this one;
    /// used to pre-filter candidates with an index before the exact distance check.
    public func boundingBox(metres: Double) -> (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        let dLat = metres / 111_320.0
        let cosLat = max(cos(lat * .pi / 180), 0.01)
        let dLon = metres / (111_320.0 * cosLat)
        return (lat - dLat, lat + dLat, lon - dLon, lon + dLon)
    }

    /// The point a fraction `t` of the way towards `other` (straight line in degrees; fine at city scale).
    public func interpolated(to other: Coordinate, fraction t: Double) -> Coordinate {
        Coordinate(lat: lat + (other.lat - lat) * t, lon: lon + (other.lon - lon) * t)
    }
}
