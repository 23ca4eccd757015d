import Foundation
import MirsadGeodesy

/// A square of the Web-Mercator map at a zoom level, numbered as slippy-map tiles are (x grows
/// east, y grows south, 2^z tiles a side), so the console and any GIS tool agree on them.
public struct WebMercatorTile: Hashable, Sendable {
    public let z: Int
    public let x: Int
    public let y: Int

    /// Zoom levels beyond this are not map tiles anyone draws roads at.
    public static let maxZoom = 22

    /// nil when the numbers are outside the map at that zoom.
    public init?(z: Int, x: Int, y: Int) {
        guard (0...Self.maxZoom).contains(z), (0..<(1 << z)).contains(x), (0..<(1 << z)).contains(y) else { return nil }
        self.z = z
        self.x = x
        self.y = y
    }

    /// The tile at zoom `z` holding a point (latitudes beyond ±85.05° fold onto the edge rows).
    public init(containing point: GeoCoordinate, z: Int) {
        let n = Double(1 << z)
        let (fx, fy) = Self.fraction(point)
        let last = (1 << z) - 1
        self.z = z
        x = min(last, max(0, Int((fx * n).rounded(.down))))
        y = min(last, max(0, Int((fy * n).rounded(.down))))
    }

    /// The tile one level up that holds this one.
    public func ancestor(atZoom level: Int) -> WebMercatorTile {
        precondition(level <= z)
        let shift = z - level
        return WebMercatorTile(uncheckedZ: level, x: x >> shift, y: y >> shift)
    }

    /// Every tile at a deeper `level` inside this one.
    public func descendants(atZoom level: Int) -> [WebMercatorTile] {
        precondition(level >= z)
        let shift = level - z
        let side = 1 << shift
        var tiles: [WebMercatorTile] = []
        tiles.reserveCapacity(side * side)
        for dy in 0..<side {
            for dx in 0..<side {
                tiles.append(WebMercatorTile(uncheckedZ: level, x: (x << shift) + dx, y: (y << shift) + dy))
            }
        }
        return tiles
    }

    /// South-west and north-east corners.
    public var bounds: (southWest: GeoCoordinate, northEast: GeoCoordinate) {
        let n = Double(1 << z)
        func latitude(_ row: Double) -> Double { atan(sinh(.pi * (1 - 2 * row / n))) * 180 / .pi }
        return (
            GeoCoordinate(latitude: latitude(Double(y + 1)), longitude: Double(x) / n * 360 - 180),
            GeoCoordinate(latitude: latitude(Double(y)), longitude: Double(x + 1) / n * 360 - 180)
        )
    }

    /// A key unique across zoom levels, for dictionaries.
    var key: UInt64 { UInt64(z) << 56 | UInt64(x) << 28 | UInt64(y) }

    private init(uncheckedZ z: Int, x: Int, y: Int) {
        self.z = z
        self.x = x
        self.y = y
    }

    /// Where a point falls across the whole map, 0…1 from the west and from the north.
    static func fraction(_ point: GeoCoordinate) -> (x: Double, y: Double) {
        let lat = min(85.051_128_78, max(-85.051_128_78, point.latitude)) * .pi / 180
        return ((point.longitude + 180) / 360, (1 - log(tan(lat) + 1 / cos(lat)) / .pi) / 2)
    }
}
