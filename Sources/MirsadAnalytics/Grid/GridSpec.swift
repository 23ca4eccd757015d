import Foundation
import MirsadGeodesy

/// A lattice of square cells over planar coordinates.
///
/// Cell (ix, iy) covers `[originX + ix·cell, originX + (ix+1)·cell) × [originY + iy·cell, ...)`;
/// the row-major id is `iy · columns + ix`. `covering` puts the origin at
/// `floor(min / cell) · cell`, the convention of the project's reference grids, so grids built
/// from the same points and cell size line up exactly with PySAL/esda fixtures.
public struct GridSpec: Hashable, Codable, Sendable {
    public let originX: Double
    public let originY: Double
    public let cellSize: Double
    public let columns: Int
    public let rows: Int
    /// The planar system of the cell coordinates (lets renderers go back to WGS84).
    public let crs: CoordinateSystem

    /// Largest grid any method accepts (cells), to keep a request from exhausting memory.
    public static let maximumCells = 25_000_000

    public init(originX: Double, originY: Double, cellSize: Double, columns: Int, rows: Int, crs: CoordinateSystem)
        throws(AnalyticsError)
    {
        guard cellSize.isFinite, cellSize > 0 else {
            throw .invalidField("cell", "cell size must be a positive number of metres, got \(cellSize)")
        }
        guard originX.isFinite, originY.isFinite else {
            throw .invalidField("cell", "grid origin is not finite")
        }
        guard columns > 0, rows > 0 else {
            throw .invalidField("cell", "grid needs at least one row and column")
        }
        guard columns.multipliedReportingOverflow(by: rows).overflow == false, columns * rows <= Self.maximumCells
        else {
            throw .limitExceeded(
                "cell", "\(columns)×\(rows) cells exceeds \(Self.maximumCells); use a larger cell or a bbox")
        }
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
        self.crs = crs
    }

    /// The smallest grid with origin `floor(min/cell)·cell` that contains every point.
    public static func covering(_ points: [PlanarPoint], cellSize: Double, crs: CoordinateSystem) throws(AnalyticsError)
        -> GridSpec
    {
        guard cellSize.isFinite, cellSize > 0 else {
            throw .invalidField("cell", "cell size must be a positive number of metres, got \(cellSize)")
        }
        guard let first = points.first else { throw .emptyInput("no points to grid") }
        var minX = first.x, minY = first.y, maxX = first.x, maxY = first.y
        for point in points {
            minX = min(minX, point.x)
            minY = min(minY, point.y)
            maxX = max(maxX, point.x)
            maxY = max(maxY, point.y)
        }
        let originX = (minX / cellSize).rounded(.down) * cellSize
        let originY = (minY / cellSize).rounded(.down) * cellSize
        let columnsDouble = ((maxX - originX) / cellSize).rounded(.down) + 1
        let rowsDouble = ((maxY - originY) / cellSize).rounded(.down) + 1
        guard columnsDouble * rowsDouble <= Double(maximumCells) else {
            throw .limitExceeded(
                "cell",
                "\(Int(columnsDouble))×\(Int(rowsDouble)) cells exceeds \(maximumCells); use a larger cell or a bbox")
        }
        return try GridSpec(
            originX: originX, originY: originY, cellSize: cellSize,
            columns: Int(columnsDouble), rows: Int(rowsDouble), crs: crs)
    }

    /// A grid of exactly `columns × rows` square cells covering the points' extent (used to ask
    /// for "a 500×500 grid"): the cell is the larger extent divided by the cell count.
    public static func fitting(_ points: [PlanarPoint], columns: Int, rows: Int, crs: CoordinateSystem)
        throws(AnalyticsError) -> GridSpec
    {
        guard columns > 0, rows > 0 else { throw .invalidField("size", "columns and rows must be positive") }
        guard let first = points.first else { throw .emptyInput("no points to grid") }
        var minX = first.x, minY = first.y, maxX = first.x, maxY = first.y
        for point in points {
            minX = min(minX, point.x)
            minY = min(minY, point.y)
            maxX = max(maxX, point.x)
            maxY = max(maxY, point.y)
        }
        let cell = max((maxX - minX) / Double(columns), (maxY - minY) / Double(rows), 1e-9) * (1 + 1e-12)
        return try GridSpec(originX: minX, originY: minY, cellSize: cell, columns: columns, rows: rows, crs: crs)
    }

    /// Number of cells.
    public var cellCount: Int { columns * rows }

    /// Row-major id of a cell.
    @inlinable public func id(ix: Int, iy: Int) -> Int { iy * columns + ix }

    /// The cell holding a point, or nil when it lies outside the grid.
    public func cell(containing point: PlanarPoint) -> (ix: Int, iy: Int)? {
        let fx = ((point.x - originX) / cellSize).rounded(.down)
        let fy = ((point.y - originY) / cellSize).rounded(.down)
        guard fx >= 0, fy >= 0, fx < Double(columns), fy < Double(rows) else { return nil }
        return (Int(fx), Int(fy))
    }

    /// The centre of a cell in planar metres.
    public func centre(ix: Int, iy: Int) -> PlanarPoint {
        PlanarPoint(x: originX + (Double(ix) + 0.5) * cellSize, y: originY + (Double(iy) + 0.5) * cellSize)
    }

    /// Counts the points falling in each cell (row-major); points outside are ignored.
    public func counts(of points: [PlanarPoint]) -> [Int] {
        var counts = [Int](repeating: 0, count: cellCount)
        for point in points {
            if let (ix, iy) = cell(containing: point) { counts[id(ix: ix, iy: iy)] += 1 }
        }
        return counts
    }

    /// Planar extent of the grid.
    public var maxX: Double { originX + Double(columns) * cellSize }
    public var maxY: Double { originY + Double(rows) * cellSize }
}
