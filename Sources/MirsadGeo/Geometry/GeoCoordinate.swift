import Foundation

/// A WGS84 position in degrees. The engine stores node positions as fixed-point integers
/// (1e-7 degrees, ~1 cm) and converts to this type at its edges.
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
}

/// A fixed-point position (1e-7 degrees) as stored in OSM PBF and in `.mroads` files.
struct FixedCoordinate: Hashable, Sendable {
    var latE7: Int32
    var lonE7: Int32

    init(latE7: Int32, lonE7: Int32) {
        self.latE7 = latE7
        self.lonE7 = lonE7
    }

    init(_ c: GeoCoordinate) {
        latE7 = Int32((c.latitude * 1e7).rounded())
        lonE7 = Int32((c.longitude * 1e7).rounded())
    }

    var geo: GeoCoordinate {
        GeoCoordinate(latitude: Double(latE7) * 1e-7, longitude: Double(lonE7) * 1e-7)
    }
}
