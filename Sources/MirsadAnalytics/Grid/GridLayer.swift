import Foundation

/// The result of a grid method: one value per cell (row-major, `iy · columns + ix`), the count
/// of input events per cell, and optionally a pseudo p-value per cell.
///
/// This is the common currency of KDE, Gi*, local Moran and forecasts: CSV, GeoJSON, PNG and
/// SVG writers and the HTTP response all take a `GridLayer`.
public struct GridLayer: Codable, Sendable, Equatable {
    public let grid: GridSpec
    /// What `values` measures, e.g. "density (events/km²)" or "Gi* z-score".
    public let measure: String
    public let counts: [Int]
    public let values: [Double]
    /// Pseudo p-values from permutations, when computed.
    public let pValues: [Double]?
    /// Further per-cell series a method offers (e.g. Moran's "z" and "quadrant").
    public let extras: [String: [Double]]

    /// How values are coloured: sequential (density, risk) or diverging around zero (z-scores, I).
    public enum Scale: String, Codable, Sendable {
        case sequential
        case diverging
    }

    public let scale: Scale

    public init(
        grid: GridSpec, measure: String, counts: [Int], values: [Double], pValues: [Double]? = nil,
        extras: [String: [Double]] = [:], scale: Scale
    ) {
        precondition(
            counts.count == grid.cellCount && values.count == grid.cellCount, "layer arrays must match the grid")
        precondition(pValues.map { $0.count == grid.cellCount } ?? true, "p-values must match the grid")
        self.grid = grid
        self.measure = measure
        self.counts = counts
        self.values = values
        self.pValues = pValues
        self.extras = extras
        self.scale = scale
    }
}
