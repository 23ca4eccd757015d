import Foundation

/// Result of the grid methods (KDE, Gi*, local Moran, forecast): the layer plus what the
/// caller needs to explain it. Render it with `ResultWriters` or `HeatmapRenderer`.
public struct GridResponse: Codable, Sendable, Equatable {
    public let method: String
    public let layer: GridLayer
    /// Events used (after filters).
    public let events: Int
    /// Points dropped by the bounding box.
    public let outsideBoundingBox: Int
    /// Method-specific figures, e.g. "maxZ", "cellsAbove1.96", "theta".
    public let summary: [String: Double]
}

public struct KnoxResponse: Codable, Sendable, Equatable {
    public let table: KnoxTest.Table
    public let events: Int
    public let outsideBoundingBox: Int
}

public struct SeriesResponse: Codable, Sendable, Equatable {
    /// Series with member indices into the *input points after filtering* and member ids.
    public let series: [SeriesDetector.Series]
    public let events: Int
    public let outsideBoundingBox: Int
    /// The filtered events, in the order member indices refer to.
    public let eventPositions: [AnalyticEvent]
    public let crs: CoordinateSystem
}

public struct ForecastResponse: Codable, Sendable, Equatable {
    /// Expected events per cell over the forecast period.
    public let grid: GridResponse
    public let model: SelfExcitingModel
    public let from: Date
    public let horizonDays: Double
    public let evaluation: RollingEvaluation.Report?
}
