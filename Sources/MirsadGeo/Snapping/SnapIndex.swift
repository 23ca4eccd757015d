import Foundation
import MirsadGeodesy

/// A uniform grid over the road segments in a local planar frame: nearest-segment lookups
/// visit rings of cells around the query until no closer segment can exist.
struct SnapIndex: Sendable {
    let projection: LocalProjection
    let cellSize: Double
    let originX: Double
    let originY: Double
    let columns: Int
    let rows: Int
    let cellStart: [UInt32]
    let cellSegments: [UInt32]
    /// Planar positions of the road-graph nodes.
    let nodeX: [Double]
    let nodeY: [Double]

    init(graph: RoadGraph, cellSize: Double = 125) {
        let projection = graph.projection
        self.projection = projection
        self.cellSize = cellSize
        let (xs, ys) = graph.planarPositions(projection)
        let minX = xs.min() ?? 0
        let minY = ys.min() ?? 0
        let maxX = xs.max() ?? 0
        let maxY = ys.max() ?? 0
        originX = minX
        originY = minY
        let columns = max(1, Int(((maxX - minX) / cellSize).rounded(.down)) + 1)
        let rows = max(1, Int(((maxY - minY) / cellSize).rounded(.down)) + 1)
        self.columns = columns
        self.rows = rows
        func cellRange(_ s: Int) -> (Int, Int, Int, Int) {
            let e = Int(graph.segmentEdge[s])
            let a = Int(graph.tail[e])
            let b = Int(graph.head[e])
            let c0 = min(columns - 1, max(0, Int((min(xs[a], xs[b]) - minX) / cellSize)))
            let c1 = min(columns - 1, max(0, Int((max(xs[a], xs[b]) - minX) / cellSize)))
            let r0 = min(rows - 1, max(0, Int((min(ys[a], ys[b]) - minY) / cellSize)))
            let r1 = min(rows - 1, max(0, Int((max(ys[a], ys[b]) - minY) / cellSize)))
            return (c0, c1, r0, r1)
        }
        var start = [UInt32](repeating: 0, count: columns * rows + 1)
        for s in 0..<graph.segmentCount {
            let (c0, c1, r0, r1) = cellRange(s)
            for r in r0...r1 { for c in c0...c1 { start[r * columns + c + 1] += 1 } }
        }
        for i in 0..<(columns * rows) { start[i + 1] += start[i] }
        var fill = start
        var segments = [UInt32](repeating: 0, count: Int(start[columns * rows]))
        for s in 0..<graph.segmentCount {
            let (c0, c1, r0, r1) = cellRange(s)
            for r in r0...r1 {
                for c in c0...c1 {
                    segments[Int(fill[r * columns + c])] = UInt32(s)
                    fill[r * columns + c] += 1
                }
            }
        }
        cellStart = start
        cellSegments = segments
        nodeX = xs
        nodeY = ys
    }

    struct Hit {
        var segment: Int
        var fraction: Double
        var distance: Double
        var point: PlanarPoint
    }

    /// Nearest segment to `coordinate` within `maxDistance` metres.
    func nearest(to coordinate: GeoCoordinate, maxDistance: Double, graph: RoadGraph) -> Hit? {
        let p = projection.project(coordinate)
        let cx = Int(((p.x - originX) / cellSize).rounded(.down))
        let cy = Int(((p.y - originY) / cellSize).rounded(.down))
        var best: Hit?
        // Rings beyond the grid's far side hold nothing.
        let farthest = max(abs(cx), abs(cx - columns), abs(cy), abs(cy - rows)) + 1
        let maxRing = min(farthest, Int(maxDistance / cellSize) + 1)
        var ring = 0
        while ring <= maxRing {
            for r in (cy - ring)...(cy + ring) where r >= 0 && r < rows {
                let edgeRow = r == cy - ring || r == cy + ring
                var c = cx - ring
                while c <= cx + ring {
                    if c >= 0 && c < columns {
                        let cell = r * columns + c
                        for i in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                            let s = Int(cellSegments[i])
                            let hit = project(p, onto: s, graph: graph)
                            if hit.distance < (best?.distance ?? .infinity)
                                || (hit.distance == best?.distance && s < best!.segment)
                            {
                                best = hit
                            }
                        }
                    }
                    // Interior rows only contribute their two border cells.
                    c += edgeRow || ring == 0 ? 1 : max(1, 2 * ring)
                }
            }
            if let best, best.distance <= Double(ring) * cellSize { break }
            ring += 1
        }
        guard let best, best.distance <= maxDistance else { return nil }
        return best
    }

    func project(_ p: PlanarPoint, onto segment: Int, graph: RoadGraph) -> Hit {
        let e = Int(graph.segmentEdge[segment])
        let a = Int(graph.tail[e])
        let b = Int(graph.head[e])
        let ax = nodeX[a]
        let ay = nodeY[a]
        let dx = nodeX[b] - ax
        let dy = nodeY[b] - ay
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? ((p.x - ax) * dx + (p.y - ay) * dy) / len2 : 0
        t = min(max(t, 0), 1)
        let q = PlanarPoint(x: ax + t * dx, y: ay + t * dy)
        let distance = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
        return Hit(segment: segment, fraction: t, distance: distance, point: q)
    }

    /// Segments whose cells overlap the planar box (candidates, not exact).
    func segments(inBoxMinX minX: Double, minY: Double, maxX: Double, maxY: Double) -> [Int] {
        let c0 = max(0, Int((minX - originX) / cellSize))
        let c1 = min(columns - 1, Int((maxX - originX) / cellSize))
        let r0 = max(0, Int((minY - originY) / cellSize))
        let r1 = min(rows - 1, Int((maxY - originY) / cellSize))
        guard c0 <= c1, r0 <= r1 else { return [] }
        var result = Set<Int>()
        for r in r0...r1 {
            for c in c0...c1 {
                let cell = r * columns + c
                for i in Int(cellStart[cell])..<Int(cellStart[cell + 1]) { result.insert(Int(cellSegments[i])) }
            }
        }
        return result.sorted()
    }
}
