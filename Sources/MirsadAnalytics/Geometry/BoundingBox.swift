import Foundation

/// An axis-aligned rectangle in the coordinates of the points it filters (degrees for WGS84
/// input, metres for planar input). Used for the `--bbox` filter and for grid extents.
public struct BoundingBox: Hashable, Codable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    /// Creates a box; throws when the corners are not finite or not ordered.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) throws(AnalyticsError) {
        guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else {
            throw .invalidField("bbox", "corners must be finite numbers")
        }
        guard minX < maxX, minY < maxY else {
            throw .invalidField("bbox", "expected minx < maxx and miny < maxy")
        }
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// Parses `minx,miny,maxx,maxy`.
    public init(parsing text: String) throws(AnalyticsError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else {
            throw .invalidField("bbox", "expected minx,miny,maxx,maxy but got '\(text)'")
        }
        var values: [Double] = []
        for part in parts {
            guard let value = Double(part) else {
                throw .invalidField("bbox", "'\(part)' is not a number")
            }
            values.append(value)
        }
        try self.init(minX: values[0], minY: values[1], maxX: values[2], maxY: values[3])
    }

    /// Inclusive containment test.
    public func contains(x: Double, y: Double) -> Bool {
        x >= minX && x <= maxX && y >= minY && y <= maxY
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
}
