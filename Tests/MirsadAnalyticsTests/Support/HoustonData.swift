import Foundation
import MirsadAnalytics
import MirsadGeodesy
import MirsadTestSupport

/// Loads the real Houston 2010 records once and builds the reference grid of
/// `../shared/data/README.md`: lon in (−95.9, −95.0), lat in (29.5, 30.2), UTM 15N, 250 m.
enum HoustonData {
    struct Loaded: Sendable {
        let events: [AnalyticEvent]
        let grid: GridSpec
    }

    static let loaded: Loaded? = {
        guard let url = SharedData.file("crime/houston_2010_ggmap.csv") else { return nil }
        let reader = EventCSVReader(
            options: .init(
                xColumn: "lon", yColumn: "lat", timeColumn: "time_local", categoryColumn: "offense", skipBadRows: true))
        guard let table = try? reader.read(contentsOf: url) else { return nil }
        // The README's box is open on every side.
        let inside = table.rows.filter { $0.x > -95.9 && $0.x < -95.0 && $0.y > 29.5 && $0.y < 30.2 }
        let points = inside.map { InputPoint(x: $0.x, y: $0.y, time: $0.time, category: $0.category) }
        guard let zone = try? UTMZone(parsing: "utm:15N"),
            let prepared = try? EventPreparation.prepare(points, crs: .wgs84, project: zone, bbox: nil),
            let grid = try? GridSpec.covering(prepared.events.map(\.position), cellSize: 250, crs: prepared.crs)
        else { return nil }
        return Loaded(events: prepared.events, grid: grid)
    }()

    /// The reference file's rows: (iy, ix, count, z).
    static func giStarReference() throws -> [(iy: Int, ix: Int, count: Int, z: Double)] {
        guard let url = SharedData.file("crime/reference/houston_250m_gistar_queen.csv") else { return [] }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",")
            guard f.count == 4, let iy = Int(f[0]), let ix = Int(f[1]), let c = Int(f[2]), let z = Double(f[3]) else {
                return nil
            }
            return (iy, ix, c, z)
        }
    }
}
