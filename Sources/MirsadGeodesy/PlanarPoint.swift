/// A position in a projected, metre-based frame (UTM, a local projection, any planar CRS):
/// x east, y north. Analytics and routing work on these so that distances, bandwidths, cell
/// sizes and polygon tests are in metres; geographic input is projected once, at the edge.
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
