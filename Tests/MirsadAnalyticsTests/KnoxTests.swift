import Foundation
import MirsadAnalytics
import MirsadGeodesy
import MirsadTestSupport
import Testing

@Suite("Knox / near repeat")
struct KnoxTests {
    /// NRC 1.3's verbose output: per table cell (row 1-based, column 1-based) its observed
    /// count, mean of the simulated counts and p-value.
    struct NRCCell {
        var observed = 0
        var mean = 0.0
        var p = 0.0
    }

    static func readNRCVerbose() throws -> [String: NRCCell] {
        let url = try #require(SharedData.file("crime/nrc/chicago_arson_NRverbose_2019-09-23_145637.csv"))
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: .newlines)
        var cells: [String: NRCCell] = [:]
        var current: String?
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if line.hasPrefix("Row "), fields.count == 1 {
                let parts = line.split(separator: " ")
                current = "\(parts[1]),\(parts[3])"
                cells[current!] = NRCCell()
            } else if let key = current, fields.count >= 2 {
                switch fields[0] {
                case "Observed": cells[key]?.observed = Int(fields[1]) ?? -1
                case "Mean": cells[key]?.mean = Double(fields[1]) ?? -1
                case "P value": cells[key]?.p = Double(fields[1]) ?? -1
                default: break
                }
            }
        }
        return cells
    }

    static func chicagoArson() throws -> [AnalyticEvent] {
        let url = try #require(SharedData.file("crime/nrc/chicago_arson.csv"))
        let reader = EventCSVReader(
            options: .init(
                xColumn: "x", yColumn: "y", timeColumn: "date", hasHeader: false, columnNames: ["x", "y", "date"]))
        let table = try reader.read(contentsOf: url)
        let points = table.rows.map { InputPoint(x: $0.x, y: $0.y, time: $0.time) }
        return try EventPreparation.prepare(points, crs: .planar(epsg: 26971), project: nil, bbox: nil).events
    }

    @Test(
        "Chicago arson reproduces NRC 1.3: observed exactly, expected and p within Monte-Carlo error",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func reproducesNearRepeatCalculator() throws {
        let events = try Self.chicagoArson()
        #expect(events.count == 522)
        let options = KnoxTest.Options(
            distanceBand: 200, distanceBands: 3, timeBand: 1, timeBands: 3, metric: .manhattan, permutations: 999,
            seed: 2019)
        let table = try KnoxTest.analyze(events, options: options)
        let nrc = try Self.readNRCVerbose()
        #expect(nrc.count == 20)
        #expect(table.cells.count == 20)
        for cell in table.cells {
            let reference = try #require(nrc["\(cell.distanceBand + 1),\(cell.timeBand + 1)"])
            #expect(cell.observed == reference.observed, "observed at \(cell.distanceBand),\(cell.timeBand)")
            // NRC's mean rests on 99 permutations; allow four standard errors of a Poisson count.
            let tolerance =
                4 * (max(reference.mean, 0.05) / 99).squareRoot() + 4 * (max(cell.expected, 0.05) / 999).squareRoot()
            #expect(
                abs(cell.expected - reference.mean) <= tolerance, "expected at \(cell.distanceBand),\(cell.timeBand)")
            // Significance at 0.05 agrees wherever NRC's p is clearly on one side.
            if reference.p <= 0.02 { #expect(cell.p <= 0.05, "p at \(cell.distanceBand),\(cell.timeBand)") }
            if reference.p >= 0.2 { #expect(cell.p > 0.05, "p at \(cell.distanceBand),\(cell.timeBand)") }
        }
        let peak = try #require(table.cell(distanceBand: 1, timeBand: 0))
        #expect(peak.observed == 9)
        #expect(try #require(peak.knoxRatio) > 30)
    }

    @Test("double-precision distances move pairs across band edges only where Float rounding does")
    func singlePrecisionMatters() throws {
        // Two events 199.99999 m apart in x: in Float the coordinates round to 200 m apart.
        let a = PlanarPoint(x: 359_192.3, y: 570_510.9)
        let b = PlanarPoint(x: 359_192.3 + 199.99999, y: 570_510.9)
        let options = KnoxTest.Options(distanceBand: 200, distanceBands: 2, timeBand: 7, timeBands: 2, permutations: 9)
        let single = try KnoxTest.analyze(positions: [a, b], days: [0, 1], options: options)
        var double = options
        double.singlePrecision = false
        let exact = try KnoxTest.analyze(positions: [a, b], days: [0, 1], options: double)
        #expect(single.cell(distanceBand: 2, timeBand: 0)?.observed == 1)
        #expect(exact.cell(distanceBand: 1, timeBand: 0)?.observed == 1)
    }

    @Test("table bands follow the NRC rules on a hand-made set")
    func bandRules() throws {
        let positions = [
            PlanarPoint(x: 0, y: 0), PlanarPoint(x: 0, y: 0),  // same location, 0 days
            PlanarPoint(x: 100, y: 0),  // 100 m from both, 3 and 3 days
            PlanarPoint(x: 150, y: 100),  // Manhattan 250 from the first two
        ]
        let days = [10, 10, 13, 30]
        let options = KnoxTest.Options(
            distanceBand: 200, distanceBands: 1, timeBand: 3, timeBands: 2, permutations: 19, seed: 1)
        let table = try KnoxTest.analyze(positions: positions, days: days, options: options)
        func observed(_ d: Int, _ t: Int) -> Int { table.cell(distanceBand: d, timeBand: t)?.observed ?? -1 }
        #expect(observed(0, 0) == 1)
        #expect(observed(1, 1) == 2)  // (0,2), (1,2): 100 m, 3 days → [3, 6)
        #expect(observed(1, 2) == 1)  // (2,3): Manhattan 150 m, 17 days
        #expect(observed(2, 2) == 2)  // (0,3), (1,3): 250 m, 20 days
        #expect(table.cells.map(\.observed).reduce(0, +) == 6)
        #expect(table.distanceLabel(0) == "same location" && table.distanceLabel(2) == "≥ 200 m")
        #expect(table.timeLabel(0) == "0–2 days" && table.timeLabel(2) == "≥ 6 days")
    }

    @Test("invalid options and undated events are rejected")
    func rejectsBadInput() {
        let options = KnoxTest.Options(distanceBand: 0, distanceBands: 3, timeBand: 7, timeBands: 3)
        #expect(throws: AnalyticsError.invalidField("distanceBand", "must be a positive number of metres")) {
            try KnoxTest.analyze(positions: [.init(x: 0, y: 0), .init(x: 1, y: 1)], days: [0, 1], options: options)
        }
        let events = [
            AnalyticEvent(position: .init(x: 0, y: 0), time: Date()), AnalyticEvent(position: .init(x: 1, y: 0)),
        ]
        #expect(throws: AnalyticsError.invalidField("points[1].time", "Knox needs a date for every event")) {
            try KnoxTest.analyze(events, options: .init(distanceBand: 100, distanceBands: 2, timeBand: 7, timeBands: 2))
        }
    }
}
