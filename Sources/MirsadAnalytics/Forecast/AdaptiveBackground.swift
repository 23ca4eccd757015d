import Foundation
import MirsadGeodesy

/// The variable-bandwidth background of Mohler et al. (2011): each event spreads its
/// background weight as a Gaussian whose width is the distance to its k-th nearest neighbour
/// (floored at `minimum`, capped at `maximum`), so dense hot spots stay sharp while isolated
/// events are smoothed widely. Each event's share of every cell (the Gaussian integrated over
/// the cell) is computed once per fit; EM iterations only reweight them.
struct AdaptiveBackground: Sendable {
    /// Event j's shares are `cells[offsets[j]..<offsets[j+1]]`, `shares[...]`.
    let offsets: [Int]
    let cells: [Int32]
    let shares: [Float]
    let cellCount: Int

    init(
        xs: ArraySlice<Double>, ys: ArraySlice<Double>, grid: GridSpec, neighbours k: Int, minimum: Double,
        maximum: Double
    ) {
        let points = zip(xs, ys).map { PlanarPoint(x: $0, y: $1) }
        let tree = PointKDTree(points: points, weights: [Double](repeating: 1, count: points.count))
        // k + 1 because the event itself is in the tree.
        let widths = points.map { p in
            min(
                maximum,
                max(minimum, tree.kthNearestDistanceSquared(x: p.x, y: p.y, k: min(k + 1, points.count)).squareRoot()))
        }
        let chunks = Parallel.ranges(
            count: points.count, chunks: Parallel.chunkCount(for: points.count, minimumPerChunk: 500))
        let parts = Parallel.map(chunks: chunks.count) { chunk -> ([Int], [Int32], [Float]) in
            var counts: [Int] = []
            var cells: [Int32] = []
            var shares: [Float] = []
            for j in chunks[chunk] {
                let before = cells.count
                Self.spread(points[j], width: widths[j], grid: grid, cells: &cells, shares: &shares)
                counts.append(cells.count - before)
            }
            return (counts, cells, shares)
        }
        var offsets = [0]
        var cells: [Int32] = []
        var shares: [Float] = []
        for part in parts {
            for count in part.0 { offsets.append(offsets[offsets.count - 1] + count) }
            cells += part.1
            shares += part.2
        }
        self.offsets = offsets
        self.cells = cells
        self.shares = shares
        self.cellCount = grid.cellCount
    }

    private static func spread(
        _ p: PlanarPoint, width: Double, grid: GridSpec, cells: inout [Int32], shares: inout [Float]
    ) {
        let scale = 1 / (width * 2.0.squareRoot())
        let reach = Int((4 * width / grid.cellSize).rounded(.up)) + 1
        guard let (cx, cy) = grid.cell(containing: p) else { return }
        let ix0 = max(0, cx - reach), ix1 = min(grid.columns - 1, cx + reach)
        let iy0 = max(0, cy - reach), iy1 = min(grid.rows - 1, cy + reach)
        let px = (ix0...ix1).map { ix -> Double in
            let left = grid.originX + Double(ix) * grid.cellSize - p.x
            return 0.5 * (erf((left + grid.cellSize) * scale) - erf(left * scale))
        }
        for iy in iy0...iy1 {
            let bottom = grid.originY + Double(iy) * grid.cellSize - p.y
            let py = 0.5 * (erf((bottom + grid.cellSize) * scale) - erf(bottom * scale))
            for ix in ix0...ix1 {
                let share = py * px[ix - ix0]
                if share > 1e-7 {
                    cells.append(Int32(iy * grid.columns + ix))
                    shares.append(Float(share))
                }
            }
        }
    }

    /// Background field Σⱼ weightⱼ · shareⱼ(cell).
    func field(weights: [Double]) -> [Double] {
        var field = [Double](repeating: 0, count: cellCount)
        for j in 0..<(offsets.count - 1) {
            let w = weights[j]
            guard w > 0 else { continue }
            for k in offsets[j]..<offsets[j + 1] { field[Int(cells[k])] += w * Double(shares[k]) }
        }
        return field
    }
}
