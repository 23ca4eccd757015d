import Foundation

/// A WGS84 position in degrees: the one geographic coordinate every module shares (the
/// domain's API-facing `Coordinate` converts to it). The routing engine stores node positions
/// as fixed-point integers and converts at its edges.
public struct GeoCoordinate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Latitude in degrees, positive north.
    public var latitude: Double
    /// Longitude in degrees, positive east.
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True when both values are finite and within the WGS84 ranges.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    public var description: String {
        String(format: "%.6f,%.6f", latitude, longitude)
    }

    /// Mean Earth radius in metres (IUGG), used for great-circle distances.
    public static let earthRadiusMeters = 6_371_008.8

    /// Great-circle (haversine) distance in metres.
    public func distance(to other: GeoCoordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let a =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * rad) * cos(other.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * GeoCoordinate.earthRadiusMeters * asin(min(1, sqrt(a)))
    }

    /// Initial great-circle bearing towards `other`, in degrees clockwise from north (0..<360).
    public func bearing(to other: GeoCoordinate) -> Double {
        let rad = Double.pi / 180
        let phi1 = latitude * rad, phi2 = other.latitude * rad
        let dLambda = (other.longitude - longitude) * rad
        let y = sin(dLambda) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLambda)
        let degrees = atan2(y, x) / rad
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// A latitude/longitude box containing every point within `meters` of this one: a cheap
    /// pre-filter for an index before the exact distance check.
    /// Measured with the same radius as `distance(to:)`, plus 1 %: a great circle east or west
    /// bows poleward, so a point at distance d on the same parallel lies a little more than
    /// d / (R cos φ) of longitude away.
    public func boundingBox(meters: Double) -> (min: GeoCoordinate, max: GeoCoordinate) {
        let metersPerDegree = GeoCoordinate.earthRadiusMeters * Double.pi / 180
        let dLat = meters * 1.01 / metersPerDegree
        let dLon = meters * 1.01 / (metersPerDegree * max(cos(latitude * Double.pi / 180), 0.01))
        return (
            GeoCoordinate(latitude: latitude - dLat, longitude: longitude - dLon),
            GeoCoordinate(latitude: latitude + dLat, longitude: longitude + dLon)
        )
    }
}
