import Foundation
import MirsadAnalytics
import Testing

@Suite("CSV reading")
struct CSVReaderTests {
    @Test("quoted fields, CRLF, BOM and header names")
    func quoting() throws {
        let text =
            "\u{FEFF}id,\"lon\",lat,when,kind\r\n1,-95.1,29.7,2010-01-02 03:04:05,\"burglary, residential\"\r\n2,-95.2,29.8,1/3/2010,\"say \"\"hi\"\"\"\r\n"
        let reader = EventCSVReader(
            options: .init(xColumn: "lon", yColumn: "lat", timeColumn: "when", categoryColumn: "kind", idColumn: "id"))
        let table = try reader.read(data: Data(text.utf8))
        #expect(table.rows.count == 2)
        #expect(table.rows[0].category == "burglary, residential")
        #expect(table.rows[1].category == "say \"hi\"")
        #expect(table.rows[0].time == Date(timeIntervalSince1970: 1_262_401_445))
        #expect(table.rows[1].time == Date(timeIntervalSince1970: 1_262_476_800))
        #expect(table.rows[1].line == 3)
    }

    @Test("a malformed row stops reading with its line number unless skipping")
    func malformedRows() throws {
        let text = "x,y,date\n1,2,2016-01-01\nNA,3,2016-01-02\n4,5\n6,7,2016-13-01\n8,9,2016-02-29\n"
        let strict = EventCSVReader(options: .init(xColumn: "x", yColumn: "y", timeColumn: "date"))
        #expect(throws: AnalyticsError.malformedRow(line: 3, reason: "x column 'NA' is not a number")) {
            try strict.read(data: Data(text.utf8))
        }
        let lenient = EventCSVReader(options: .init(xColumn: "x", yColumn: "y", timeColumn: "date", skipBadRows: true))
        let table = try lenient.read(data: Data(text.utf8))
        #expect(table.rows.map(\.line) == [2, 6])
        #expect(table.skippedCount == 3)
        #expect(table.skippedSamples.map(\.line) == [3, 4, 5])
        #expect(table.skippedSamples[1].reason == "expected at least 3 fields, found 2")
    }

    @Test("header-less files take --columns names or 1-based positions; unknown columns are named")
    func columnSelection() throws {
        let text = "10,20,2016-01-01\n11,21,2016-01-02\n"
        let named = EventCSVReader(
            options: .init(
                xColumn: "x", yColumn: "y", timeColumn: "date", hasHeader: false, columnNames: ["x", "y", "date"]))
        #expect(try named.read(data: Data(text.utf8)).rows.count == 2)
        let positional = EventCSVReader(options: .init(xColumn: "2", yColumn: "1", hasHeader: false))
        #expect(try positional.read(data: Data(text.utf8)).rows.first?.x == 20)
        let missing = EventCSVReader(options: .init(xColumn: "easting", yColumn: "y", hasHeader: true))
        #expect(throws: AnalyticsError.invalidField("x", "no column 'easting' (columns are 10,20,2016-01-01)")) {
            try missing.read(data: Data(text.utf8))
        }
        #expect(throws: AnalyticsError.malformedRow(line: 1, reason: "quoted field is never closed")) {
            try named.read(data: Data("\"10,20\n".utf8))
        }
    }

    @Test(
        "timestamps in the shapes police exports use",
        arguments: [
            ("2016-01-31", 1_454_198_400.0),
            ("2016-01-31T13:05:07Z", 1_454_245_507.0),
            ("2016-01-31T13:05:07+02:00", 1_454_238_307.0),
            ("2016-01-31 13:05", 1_454_245_500.0),
            ("1/31/2016", 1_454_198_400.0),
            ("1/31/2016 1:05:07", 1_454_202_307.0),
            ("2016-01-31T13:05:07.250Z", 1_454_245_507.25),
        ])
    func timestamps(text: String, seconds: Double) {
        #expect(TimestampParser.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(
        "impossible dates are not dates",
        arguments: ["2016-02-30", "2015-02-29", "31/1/2016", "2016-01-31X", "", "yesterday"])
    func rejectsImpossible(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }
}
