import Foundation
import MirsadGeodesy

/// Fixed-bandwidth kernel density on a grid, evaluated at cell centres, with a proven bound on
/// the error: every cell's value is within `relativeTolerance` of the exact sum over all points.
///
/// - Quartic (biweight) kernel `3/(πh²)·(1−d²/h²)²` for d < h: compact, so summing each point
///   over the cells within h is the exact sum.
/// - Gaussian kernel `1/(2πh²)·exp(−d²/2h²)`: each point is added, separably, to the cells of a
///   window of radius R ≈ 8h around it. A cell whose windowed sum S satisfies
///   `W·exp(−R²/2h²) ≤ ε·S` (W = total weight) is certified, since no point outside the
///   window can add more than that. The remaining cells — far from the data, where a cut-off
///   would be wrong in relative terms — are summed exactly with a k-d tree over the points
///   within `D² = d₀² + 2h²·ln(W/(ε·w_min))` (d₀ the nearest point), which bounds the rest the
///   same way. No binning, so no unknown error.
///
/// Values are intensities in events per square kilometre (weights per km² when weighted).
public enum KernelDensity {
    public enum Kernel: String, Codable, Sendable, CaseIterable {
        case gaussian
        case quartic
    }

    public struct Options: Codable, Sendable, Equatable {
        public var kernel: Kernel
        /// Bandwidth h in metres (Gaussian standard deviation, quartic radius).
        public var bandwidth: Double
        /// Largest relative error allowed in any cell versus the exact sum.
        public var relativeTolerance: Double

        public init(kernel: Kernel = .gaussian, bandwidth: Double, relativeTolerance: Double = 1e-3) {
            self.kernel = kernel
            self.bandwidth = bandwidth
            self.relativeTolerance = relativeTolerance
        }

        func validate() throws(AnalyticsError) {
            guard bandwidth.isFinite, bandwidth > 0 else {
                throw .invalidField("bandwidth", "must be a positive number of metres, got \(bandwidth)")
            }
            guard relativeTolerance.isFinite, relativeTolerance >= 1e-12, relativeTolerance < 1 else {
                throw .invalidField("relativeTolerance", "must be in [1e-12, 1), got \(relativeTolerance)")
            }
        }
    }

    /// Work counters, for benchmarks and for showing where the exact path was taken.
    public struct Statistics: Sendable, Equatable {
        /// Cells certified by the window sums.
        public var windowCells = 0
        /// Cells summed exactly with the k-d tree.
        public var exactCells = 0

        public init(windowCells: Int = 0, exactCells: Int = 0) {
            self.windowCells = windowCells
            self.exactCells = exactCells
        }
    }

    /// Density at every cell centre (row-major), in events per km².
    public static func estimate(_ points: [PlanarPoint], weights: [Double]? = nil, grid: GridSpec, options: Options)
        throws(AnalyticsError) -> [Double]
    {
        try estimateWithStatistics(points, weights: weights, grid: grid, options: options).values
    }

    /// As `estimate`, also reporting how many cells took each path.
    public static func estimateWithStatistics(
        _ points: [PlanarPoint], weights: [Double]? = nil, grid: GridSpec, options: Options
    ) throws(AnalyticsError) -> (values: [Double], statistics: Statistics) {
        try options.validate()
        let (kept, keptWeights) = try validated(points, weights: weights)
        guard !kept.isEmpty else {
            return ([Double](repeating: 0, count: grid.cellCount), Statistics())
        }
        switch options.kernel {
        case .quartic:
            return (
                quartic(kept, weights: keptWeights, grid: grid, bandwidth: options.bandwidth),
                Statistics(windowCells: grid.cellCount, exactCells: 0)
            )
        case .gaussian:
            return gaussian(
                kept, weights: keptWeights, grid: grid, bandwidth: options.bandwidth,
                tolerance: options.relativeTolerance)
        }
    }

    /// The exact sum at one location, by brute force over all points (the reference the
    /// tolerance is stated against; also handy for spot checks).
    public static func exactDensity(
        at location: PlanarPoint, points: [PlanarPoint], weights: [Double]? = nil, options: Options
    ) -> Double {
        let h = options.bandwidth
        var sum = 0.0
        for (index, point) in points.enumerated() {
            let weight = weights?[index] ?? 1
            let dx = point.x - location.x, dy = point.y - location.y
            let d2 = dx * dx + dy * dy
            switch options.kernel {
            case .gaussian: sum += weight * exp(-d2 / (2 * h * h))
            case .quartic:
                if d2 < h * h {
                    let u = 1 - d2 / (h * h)
                    sum += weight * u * u
                }
            }
        }
        return sum * normalisation(options.kernel, bandwidth: h)
    }

    private static func normalisation(_ kernel: Kernel, bandwidth h: Double) -> Double {
        let perSquareMetre = kernel == .gaussian ? 1 / (2 * Double.pi * h * h) : 3 / (Double.pi * h * h)
        return perSquareMetre * 1_000_000
    }

    private static func validated(_ points: [PlanarPoint], weights: [Double]?) throws(AnalyticsError) -> (
        [PlanarPoint], [Double]
    ) {
        if let weights, weights.count != points.count {
            throw .invalidField("weights", "expected \(points.count) weights, got \(weights.count)")
        }
        var kept: [PlanarPoint] = []
        var keptWeights: [Double] = []
        kept.reserveCapacity(points.count)
        keptWeights.reserveCapacity(points.count)
        for (index, point) in points.enumerated() {
            guard point.x.isFinite, point.y.isFinite else {
                throw .invalidField("points[\(index)]", "coordinates must be finite")
            }
            let weight = weights?[index] ?? 1
            guard weight.isFinite, weight >= 0 else {
                throw .invalidField("weights[\(index)]", "weights must be finite and non-negative")
            }
            if weight > 0 {
                kept.append(point)
                keptWeights.append(weight)
            }
        }
        return (kept, keptWeights)
    }

    // MARK: Quartic

    private static func quartic(_ points: [PlanarPoint], weights: [Double], grid: GridSpec, bandwidth h: Double)
        -> [Double]
    {
        let cell = grid.cellSize
        let reach = Int((h / cell + 0.5).rounded(.up))
        let h2 = h * h
        let norm = normalisation(.quartic, bandwidth: h)
        return bandedAccumulate(points, grid: grid, reach: reach) { rowRange, index, out in
            let p = points[index]
            let w = weights[index]
            let (ix0, ix1) = columnRange(p.x, grid: grid, reach: reach)
            guard ix0 <= ix1 else { return }
            let iy0 = max(rowRange.lowerBound, Int(((p.y - grid.originY) / cell).rounded(.down)) - reach)
            let iy1 = min(rowRange.upperBound - 1, Int(((p.y - grid.originY) / cell).rounded(.down)) + reach)
            guard iy0 <= iy1 else { return }
            for iy in iy0...iy1 {
                let dy = grid.originY + (Double(iy) + 0.5) * cell - p.y
                let dy2 = dy * dy
                if dy2 >= h2 { continue }
                let base = (iy - rowRange.lowerBound) * grid.columns
                for ix in ix0...ix1 {
                    let dx = grid.originX + (Double(ix) + 0.5) * cell - p.x
                    let d2 = dx * dx + dy2
                    if d2 < h2 {
                        let u = 1 - d2 / h2
                        out[base + ix] += w * u * u * norm
                    }
                }
            }
        }
    }

    // MARK: Gaussian

    private static func gaussian(
        _ points: [PlanarPoint], weights: [Double], grid: GridSpec, bandwidth h: Double, tolerance: Double
    ) -> ([Double], Statistics) {
        let cell = grid.cellSize
        let scale = 1 / (2 * h * h)
        // Half of the budget for truncation, keeping margin for rounding.
        let epsilon = tolerance * 0.5
        let totalWeight = weights.reduce(0, +)
        let minWeight = weights.min() ?? 1
        // Window reach in cells: R ≈ 8h, at most 32 cells each side.
        let reach = max(1, min(32, Int((8 * h / cell - 0.5).rounded(.up))))
        let radius = (Double(reach) + 0.5) * cell
        let tail = totalWeight * exp(-radius * radius * scale)
        let threshold = tail / epsilon

        var sums = bandedAccumulate(points, grid: grid, reach: reach) { rowRange, index, out in
            let p = points[index]
            let w = weights[index]
            let (ix0, ix1) = columnRange(p.x, grid: grid, reach: reach)
            guard ix0 <= ix1 else { return }
            let pyCell = Int(((p.y - grid.originY) / cell).rounded(.down))
            let iy0 = max(rowRange.lowerBound, pyCell - reach)
            let iy1 = min(rowRange.upperBound - 1, pyCell + reach)
            guard iy0 <= iy1 else { return }
            var gx = [Double](repeating: 0, count: ix1 - ix0 + 1)
            for ix in ix0...ix1 {
                let dx = grid.originX + (Double(ix) + 0.5) * cell - p.x
                gx[ix - ix0] = w * exp(-dx * dx * scale)
            }
            gx.withUnsafeBufferPointer { gxBuffer in
                for iy in iy0...iy1 {
                    let dy = grid.originY + (Double(iy) + 0.5) * cell - p.y
                    let gy = exp(-dy * dy * scale)
                    let base = (iy - rowRange.lowerBound) * grid.columns + ix0
                    for k in 0..<gxBuffer.count {
                        out[base + k] += gy * gxBuffer[k]
                    }
                }
            }
        }

        // Cells the window cannot certify are summed exactly.
        var weak: [Int] = []
        for id in sums.indices where !(sums[id] >= threshold) {
            weak.append(id)
        }
        var statistics = Statistics(windowCells: grid.cellCount - weak.count, exactCells: weak.count)
        if !weak.isEmpty {
            let tree = PointKDTree(points: points, weights: weights)
            let extra = 2 * h * h * log(totalWeight / (epsilon * minWeight))
            let chunks = Parallel.ranges(
                count: weak.count, chunks: Parallel.chunkCount(for: weak.count, minimumPerChunk: 256))
            let weakCells = weak
            let results = Parallel.map(chunks: chunks.count) { chunk in
                chunks[chunk].map { position -> Double in
                    let id = weakCells[position]
                    let centre = grid.centre(ix: id % grid.columns, iy: id / grid.columns)
                    let nearest = tree.nearestDistanceSquared(x: centre.x, y: centre.y)
                    return tree.gaussianSum(x: centre.x, y: centre.y, radiusSquared: nearest + extra, scale: scale)
                }
            }
            var position = 0
            for chunk in results {
                for value in chunk {
                    sums[weak[position]] = value
                    position += 1
                }
            }
            statistics.exactCells = weak.count
        }
        let norm = normalisation(.gaussian, bandwidth: h)
        for id in sums.indices { sums[id] *= norm }
        return (sums, statistics)
    }

    // MARK: Shared window machinery

    /// Grid columns within `reach` cells of x (clamped to the grid; empty when off-grid).
    @inline(__always)
    private static func columnRange(_ x: Double, grid: GridSpec, reach: Int) -> (Int, Int) {
        let column = ((x - grid.originX) / grid.cellSize).rounded(.down)
        let clamped = max(-Double(reach) - 2, min(Double(grid.columns + reach + 2), column))
        let centre = Int(clamped)
        return (max(0, centre - reach), min(grid.columns - 1, centre + reach))
    }

    /// Splits the grid into bands of rows processed in parallel; each band visits the points
    /// whose window reaches it and accumulates into its own rows only.
    private static func bandedAccumulate(
        _ points: [PlanarPoint], grid: GridSpec, reach: Int,
        _ add: @Sendable (_ rowRange: Range<Int>, _ index: Int, _ out: UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [Double] {
        // Points ordered by row so that each band scans a contiguous slice.
        let rowOf: [Int] = points.map { p in
            let row = ((p.y - grid.originY) / grid.cellSize).rounded(.down)
            return Int(max(-1e9, min(1e9, row)))
        }
        let order = points.indices.sorted { rowOf[$0] < rowOf[$1] }
        let sortedRows = order.map { rowOf[$0] }
        let bands = Parallel.ranges(count: grid.rows, chunks: Parallel.chunkCount(for: grid.rows, minimumPerChunk: 8))
        let results = Parallel.map(chunks: bands.count) { band -> [Double] in
            let rowRange = bands[band]
            var out = [Double](repeating: 0, count: rowRange.count * grid.columns)
            let low = lowerBound(sortedRows, rowRange.lowerBound - reach)
            let high = lowerBound(sortedRows, rowRange.upperBound + reach)
            out.withUnsafeMutableBufferPointer { buffer in
                for position in low..<high {
                    add(rowRange, order[position], buffer)
                }
            }
            return out
        }
        var values: [Double] = []
        values.reserveCapacity(grid.cellCount)
        for band in results { values.append(contentsOf: band) }
        return values
    }

    private static func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
