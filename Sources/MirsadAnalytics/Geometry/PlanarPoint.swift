/// A position in a projected, metre-based coordinate system (UTM or any planar CRS).
///
/// Every analytic method works on planar coordinates so that distances, bandwidths and cell
/// sizes are in metres; geographic input is projected once, at the edge.
public struct PlanarPoint: Hashable, Codable, Sendable {
    /// Easting in metres.
    public var x: Double
    /// Northing in metres.
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Straight-line distance in metres.
    public func euclideanDistance(to other: PlanarPoint) -> Double {
        let dx = x - other.x
        let dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// City-block distance in metres (the Near Repeat Calculator's default metric).
    public func manhattanDistance(to other: PlanarPoint) -> Double {
        abs(x - other.x) + abs(y - other.y)
    }
}

/// A WGS84 position in decimal degrees.
public struct GeoCoordinate: Hashable, Codable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True when the values are finite and inside the valid ranges of latitude and longitude.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }
}
