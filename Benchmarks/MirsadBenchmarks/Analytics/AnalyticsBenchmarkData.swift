import Foundation
import MirsadAnalytics
import MirsadGeodesy

/// The real data sets of the analytics benchmark, loaded the way the data README defines them.
struct AnalyticsBenchmarkData {
    let directory: URL
    /// Houston 2010 inside lon (−95.9, −95.0), lat (29.5, 30.2), UTM 15N.
    let houston: [AnalyticEvent]
    let houstonGrid: GridSpec
    let houstonLoadSeconds: Double

    static func locate(_ explicit: String?) -> URL? {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let environment = ProcessInfo.processInfo.environment["MIRSAD_SHARED_DATA"] {
            candidates.append(environment)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/../shared/data")
        return candidates.map { URL(fileURLWithPath: $0).standardizedFileURL }.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("crime/houston_2010_ggmap.csv").path)
        }
    }

    init(directory: URL) throws {
        self.directory = directory
        let clock = ContinuousClock()
        var events: [AnalyticEvent] = []
        let elapsed = try clock.measure {
            let reader = EventCSVReader(
                options: .init(
                    xColumn: "lon", yColumn: "lat", timeColumn: "time_local", categoryColumn: "offense",
                    skipBadRows: true))
            let table = try reader.read(contentsOf: directory.appendingPathComponent("crime/houston_2010_ggmap.csv"))
            let inside = table.rows.filter { $0.x > -95.9 && $0.x < -95.0 && $0.y > 29.5 && $0.y < 30.2 }
            let points = inside.map { InputPoint(x: $0.x, y: $0.y, time: $0.time, category: $0.category) }
            events = try EventPreparation.prepare(points, crs: .wgs84, project: UTMZone(parsing: "utm:15N"), bbox: nil)
                .events
        }
        houston = events
        houstonGrid = try GridSpec.covering(events.map(\.position), cellSize: 250, crs: .utm(UTMZone(parsing: "15N")))
        houstonLoadSeconds = elapsed.analyticsSeconds
    }

    /// The Gi* reference z-scores, row-major.
    func giStarReference() throws -> [Double] {
        let text = try String(
            contentsOf: directory.appendingPathComponent("crime/reference/houston_250m_gistar_queen.csv"),
            encoding: .utf8)
        var z = [Double](repeating: .nan, count: houstonGrid.cellCount)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            if f.count == 4, let iy = Int(f[0]), let ix = Int(f[1]), let value = Double(f[3]) {
                z[houstonGrid.id(ix: ix, iy: iy)] = value
            }
        }
        return z
    }

    /// Chicago burglary 2016 (planar EPSG:26971), optionally only before a date.
    func chicagoBurglary(before: String? = nil) throws -> [AnalyticEvent] {
        let reader = EventCSVReader(options: .init(xColumn: "X", yColumn: "Y", timeColumn: "date", skipBadRows: true))
        let table = try reader.read(
            contentsOf: directory.appendingPathComponent("crime/chicago_burglary_2016_epsg26971.csv"))
        let limit = before.flatMap(TimestampParser.parse)
        let points = table.rows.filter { row in limit.map { (row.time ?? $0) < $0 } ?? true }.map {
            InputPoint(x: $0.x, y: $0.y, time: $0.time)
        }
        return try EventPreparation.prepare(points, crs: .planar(epsg: 26971), project: nil, bbox: nil).events
    }

    /// The NRC input (Chicago arson, header-less x,y,date).
    func chicagoArson() throws -> [AnalyticEvent] {
        let reader = EventCSVReader(
            options: .init(
                xColumn: "x", yColumn: "y", timeColumn: "date", hasHeader: false, columnNames: ["x", "y", "date"]))
        let table = try reader.read(contentsOf: directory.appendingPathComponent("crime/nrc/chicago_arson.csv"))
        return try EventPreparation.prepare(
            table.rows.map { InputPoint(x: $0.x, y: $0.y, time: $0.time) }, crs: .planar(epsg: 26971), project: nil,
            bbox: nil
        ).events
    }
}

extension Duration {
    var analyticsSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
