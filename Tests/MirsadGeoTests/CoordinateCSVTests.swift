import Foundation
import MirsadGeodesy
import Testing

@testable import MirsadGeo

@Suite("id,lat,lon CSV files")
struct CoordinateCSVTests {
    @Test("header, quotes, CRLF and blank lines")
    func parsesValidFiles() throws {
        let text =
            "\u{FEFF}id,lat,lon\r\nu1,41.15,-8.61\r\n\r\n\"unit, 2\",41.16,-8.62\n\"say \"\"hi\"\"\", -1.5 , 2.25\n"
        let rows = try CoordinateCSV.parse(text)
        #expect(rows.map(\.id) == ["u1", "unit, 2", "say \"hi\""])
        #expect(rows.map(\.line) == [2, 4, 5])
        #expect(rows[2].coordinate == GeoCoordinate(latitude: -1.5, longitude: 2.25))
        let noHeader = try CoordinateCSV.parse("a,1,2\nb,3,4")
        #expect(noHeader.map(\.id) == ["a", "b"])
    }

    @Test(
        "errors name the line and the field",
        arguments: [
            ("id,lat,lon\nu1,41.1\n", "line 2: expected 3 fields (id,lat,lon), found 2"),
            ("id,lat,lon\nu1,41.1,-8.6\nu2,abc,-8.6\n", "line 3: lat \"abc\" is not a number"),
            ("u1,41.1,east\n", "line 1: lon \"east\" is not a number"),
            ("u1,91,0\n", "line 1: lat 91 is outside -90...90"),
            ("u1,0,-180.5\n", "line 1: lon -180.5 is outside -180...180"),
            ("u1,1,1\n\nu1,2,2\n", "line 3: duplicate id \"u1\" (first on line 1)"),
            ("\"u1,1,1\n", "line 1: unterminated quoted field"),
            (",1,1\n", "line 1: empty id"),
            (
                "name,latitude,longitude\nu1,1,1\n",
                "line 1: header must be exactly \"id,lat,lon\", found \"name,latitude,longitude\""
            ),
            ("id,lat,lon\n", "line 1: no rows (expected id,lat,lon)"),
            ("", "line 1: no rows (expected id,lat,lon)"),
            ("u1,nan,1\n", "line 1: lat \"nan\" is not a number"),
        ])
    func errors(input: String, message: String) {
        #expect(throws: CoordinateCSVError.self) { try CoordinateCSV.parse(input) }
        do {
            _ = try CoordinateCSV.parse(input)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("tables render with quoting and empty cells for unreachable pairs")
    func renderTable() {
        let a = IdentifiedCoordinate(id: "a,1", coordinate: GeoCoordinate(latitude: 0, longitude: 0), line: 1)
        let b = IdentifiedCoordinate(id: "b", coordinate: GeoCoordinate(latitude: 0, longitude: 0), line: 1)
        let text = CoordinateCSV.renderTable(sources: [a], targets: [b, a]) { _, t in
            t == 0 ? TravelEstimate(seconds: 61.25, meters: 812.04) : nil
        }
        #expect(text == "source_id,target_id,seconds,meters\n\"a,1\",b,61.2,812.0\n\"a,1\",\"a,1\",,\n")
    }
}
