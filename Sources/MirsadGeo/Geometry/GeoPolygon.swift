import Foundation
import MirsadGeodesy

/// The same polygon projected to a local planar frame, with the tests the engine needs.
struct PlanarPolygon: Sendable {
    let rings: [[PlanarPoint]]
    let minX: Double, minY: Double, maxX: Double, maxY: Double

    init(_ polygon: GeoPolygon, projection: LocalProjection) {
        var rings = [polygon.outer.map(projection.project)]
        rings.append(contentsOf: polygon.holes.map { $0.map(projection.project) })
        self.rings = rings.filter { $0.count >= 3 }
        let all = rings[0]
        minX = all.map(\.x).min() ?? 0
        maxX = all.map(\.x).max() ?? 0
        minY = all.map(\.y).min() ?? 0
        maxY = all.map(\.y).max() ?? 0
    }

    /// Even-odd rule over all rings, so holes are excluded.
    func contains(_ p: PlanarPoint) -> Bool {
        guard p.x >= minX, p.x <= maxX, p.y >= minY, p.y <= maxY else { return false }
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i]
                let b = ring[j]
                if (a.y > p.y) != (b.y > p.y) {
                    let xCross = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                    if p.x < xCross { inside.toggle() }
                }
                j = i
            }
        }
        return inside
    }

    /// True when any part of the segment lies inside the polygon.
    func intersects(_ a: PlanarPoint, _ b: PlanarPoint) -> Bool {
        if Swift.max(a.x, b.x) < minX || Swift.min(a.x, b.x) > maxX || Swift.max(a.y, b.y) < minY
            || Swift.min(a.y, b.y) > maxY
        {
            return false
        }
        if contains(a) || contains(b) { return true }
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                if segmentsIntersect(a, b, ring[j], ring[i]) { return true }
                j = i
            }
        }
        return false
    }
}

/// Proper or touching intersection of segments p1p2 and q1q2.
func segmentsIntersect(_ p1: PlanarPoint, _ p2: PlanarPoint, _ q1: PlanarPoint, _ q2: PlanarPoint) -> Bool {
    func orient(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint) -> Double {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }
    func onSegment(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint) -> Bool {
        min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
    }
    let d1 = orient(q1, q2, p1)
    let d2 = orient(q1, q2, p2)
    let d3 = orient(p1, p2, q1)
    let d4 = orient(p1, p2, q2)
    if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
    if d1 == 0 && onSegment(q1, q2, p1) { return true }
    if d2 == 0 && onSegment(q1, q2, p2) { return true }
    if d3 == 0 && onSegment(p1, p2, q1) { return true }
    if d4 == 0 && onSegment(p1, p2, q2) { return true }
    return false
}
