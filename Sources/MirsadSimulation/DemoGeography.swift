import Foundation
import MirsadDomain

/// The demo city's outlines for the map: governorates as the land nearest each governorate's
/// centre (Voronoi cells, cut at the coast and at the edge of the city), and the sea east of
/// the coast. Straight lines in (lon × cos lat₀, lat) stay straight in degrees, so every cut is
/// a half-plane and every cell stays convex.
enum DemoGeography {
    /// The square the city fits in: its roads reach 20 km from the centre, its border posts a
    /// little further.
    static let halfHeightDegrees = 0.25
    static var halfWidthDegrees: Double { halfHeightDegrees / cos(DemoWorld.center.lat * .pi / 180) }

    static var south: Double { DemoWorld.center.lat - halfHeightDegrees }
    static var north: Double { DemoWorld.center.lat + halfHeightDegrees }
    static var west: Double { DemoWorld.center.lon - halfWidthDegrees }
    static var east: Double { DemoWorld.center.lon + halfWidthDegrees }

    static func withBoundaries(_ governorates: [Governorate]) -> [Governorate] {
        let scale = cos(DemoWorld.center.lat * .pi / 180)
        func plane(_ c: Coordinate) -> (x: Double, y: Double) { (c.lon * scale, c.lat) }
        return governorates.map { governorate in
            let mine = plane(governorate.center)
            var cell = [
                Coordinate(lat: south, lon: west), Coordinate(lat: south, lon: east),
                Coordinate(lat: north, lon: east), Coordinate(lat: north, lon: west),
            ]
            // Land only: west of the coast (a straight line, so a half-plane too).
            cell = clip(cell) { $0.lon - DemoWorld.coastLongitude(atLatitude: $0.lat) }
            for other in governorates where other.id != governorate.id {
                let theirs = plane(other.center)
                // Nearer to mine than to theirs: (p − mid)·(theirs − mine) ≤ 0.
                let mid = ((mine.x + theirs.x) / 2, (mine.y + theirs.y) / 2)
                let normal = (theirs.x - mine.x, theirs.y - mine.y)
                cell = clip(cell) {
                    let p = plane($0)
                    return (p.x - mid.0) * normal.0 + (p.y - mid.1) * normal.1
                }
            }
            var outlined = governorate
            outlined.boundary = cell.map { Coordinate(lat: rounded($0.lat), lon: rounded($0.lon)) }
            return outlined
        }
    }

    /// The coast across the city's square, and the sea east of it out to the square's edge.
    static var shoreline: Shoreline {
        let coastSouth = Coordinate(lat: south, lon: DemoWorld.coastLongitude(atLatitude: south))
        let coastNorth = Coordinate(lat: north, lon: DemoWorld.coastLongitude(atLatitude: north))
        let seaEast = max(east, coastSouth.lon) + 0.05
        return Shoreline(
            lines: [[coastSouth, coastNorth]],
            water: [
                [coastSouth, Coordinate(lat: south, lon: seaEast), Coordinate(lat: north, lon: seaEast), coastNorth]
            ])
    }

    /// Sutherland–Hodgman against one half-plane: keeps the points where `side` ≤ 0.
    static func clip(_ polygon: [Coordinate], side: (Coordinate) -> Double) -> [Coordinate] {
        guard !polygon.isEmpty else { return [] }
        var kept: [Coordinate] = []
        for (i, current) in polygon.enumerated() {
            let previous = polygon[(i + polygon.count - 1) % polygon.count]
            let (a, b) = (side(previous), side(current))
            if (a <= 0) != (b <= 0) {
                let t = a / (a - b)
                kept.append(
                    Coordinate(
                        lat: previous.lat + t * (current.lat - previous.lat),
                        lon: previous.lon + t * (current.lon - previous.lon)))
            }
            if b <= 0 { kept.append(current) }
        }
        return kept
    }

    private static func rounded(_ degrees: Double) -> Double { (degrees * 1e6).rounded() / 1e6 }
}
