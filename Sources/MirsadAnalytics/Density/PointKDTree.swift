import Foundation
import MirsadGeodesy

/// A static 2-d tree over weighted points with leaf buckets, for the exact-sum queries the KDE
/// needs far from the data: the nearest point's squared distance, and a Gaussian sum over the
/// points inside a radius. Nodes are stored in flat arrays (no per-node allocation).
struct PointKDTree: Sendable {
    private let xs: [Double]
    private let ys: [Double]
    private let ws: [Double]
    private let nodes: Nodes
    private static let leafSize = 12

    /// Flat node storage: bounding box, point range, children (-1 for leaves).
    private struct Nodes: Sendable {
        var minX: [Double] = []
        var minY: [Double] = []
        var maxX: [Double] = []
        var maxY: [Double] = []
        var start: [Int] = []
        var end: [Int] = []
        var left: [Int] = []
        var right: [Int] = []
    }

    init(points: [PlanarPoint], weights: [Double]) {
        var order = Array(points.indices)
        var nodes = Nodes()
        if !points.isEmpty {
            Self.build(&nodes, order: &order, points: points, range: 0..<points.count)
        }
        xs = order.map { points[$0].x }
        ys = order.map { points[$0].y }
        ws = order.map { weights[$0] }
        self.nodes = nodes
    }

    var isEmpty: Bool { nodes.start.isEmpty }

    @discardableResult
    private static func build(_ nodes: inout Nodes, order: inout [Int], points: [PlanarPoint], range: Range<Int>) -> Int
    {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in range {
            let p = points[order[i]]
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let node = nodes.start.count
        nodes.minX.append(minX); nodes.minY.append(minY); nodes.maxX.append(maxX); nodes.maxY.append(maxY)
        nodes.start.append(range.lowerBound); nodes.end.append(range.upperBound)
        nodes.left.append(-1); nodes.right.append(-1)
        if range.count > leafSize {
            let splitOnX = (maxX - minX) >= (maxY - minY)
            let mid = range.lowerBound + range.count / 2
            order[range].sort { a, b in splitOnX ? points[a].x < points[b].x : points[a].y < points[b].y }
            let left = build(&nodes, order: &order, points: points, range: range.lowerBound..<mid)
            let right = build(&nodes, order: &order, points: points, range: mid..<range.upperBound)
            nodes.left[node] = left
            nodes.right[node] = right
        }
        return node
    }

    @inline(__always)
    private func boxDistanceSquared(_ node: Int, _ qx: Double, _ qy: Double) -> Double {
        let dx = max(nodes.minX[node] - qx, 0, qx - nodes.maxX[node])
        let dy = max(nodes.minY[node] - qy, 0, qy - nodes.maxY[node])
        return dx * dx + dy * dy
    }

    /// Squared distance from (qx, qy) to the nearest point.
    func nearestDistanceSquared(x qx: Double, y qy: Double) -> Double {
        var best = Double.infinity
        var stack: [Int] = [0]
        stack.reserveCapacity(64)
        while let node = stack.popLast() {
            if boxDistanceSquared(node, qx, qy) >= best { continue }
            let left = nodes.left[node]
            if left < 0 {
                for i in nodes.start[node]..<nodes.end[node] {
                    let dx = xs[i] - qx, dy = ys[i] - qy
                    best = min(best, dx * dx + dy * dy)
                }
                continue
            }
            let right = nodes.right[node]
            let dl = boxDistanceSquared(left, qx, qy)
            let dr = boxDistanceSquared(right, qx, qy)
            if dl < dr {
                stack.append(right); stack.append(left)
            } else {
                stack.append(left); stack.append(right)
            }
        }
        return best
    }

    /// Squared distance to the k-th nearest point (k ≥ 1; the query point itself counts when
    /// it is in the tree). Infinity when there are fewer than k points.
    func kthNearestDistanceSquared(x qx: Double, y qy: Double, k: Int) -> Double {
        var best: [Double] = []  // ascending, at most k
        best.reserveCapacity(k + 1)
        var bound = Double.infinity
        var stack: [Int] = [0]
        while let node = stack.popLast() {
            if boxDistanceSquared(node, qx, qy) >= bound { continue }
            let left = nodes.left[node]
            if left < 0 {
                for i in nodes.start[node]..<nodes.end[node] {
                    let dx = xs[i] - qx, dy = ys[i] - qy
                    let d2 = dx * dx + dy * dy
                    if d2 < bound || best.count < k {
                        var position = best.count
                        while position > 0, best[position - 1] > d2 { position -= 1 }
                        best.insert(d2, at: position)
                        if best.count > k { best.removeLast() }
                        if best.count == k { bound = best[k - 1] }
                    }
                }
                continue
            }
            let right = nodes.right[node]
            if boxDistanceSquared(left, qx, qy) < boxDistanceSquared(right, qx, qy) {
                stack.append(right); stack.append(left)
            } else {
                stack.append(left); stack.append(right)
            }
        }
        return best.count == k ? best[k - 1] : .infinity
    }

    /// Σ w·exp(−d²·scale) over points with d² ≤ radiusSquared.
    func gaussianSum(x qx: Double, y qy: Double, radiusSquared: Double, scale: Double) -> Double {
        var sum = 0.0
        var stack: [Int] = [0]
        stack.reserveCapacity(64)
        while let node = stack.popLast() {
            if boxDistanceSquared(node, qx, qy) > radiusSquared { continue }
            let left = nodes.left[node]
            if left < 0 {
                for i in nodes.start[node]..<nodes.end[node] {
                    let dx = xs[i] - qx, dy = ys[i] - qy
                    let d2 = dx * dx + dy * dy
                    if d2 <= radiusSquared { sum += ws[i] * exp(-d2 * scale) }
                }
                continue
            }
            stack.append(left)
            stack.append(nodes.right[node])
        }
        return sum
    }
}
