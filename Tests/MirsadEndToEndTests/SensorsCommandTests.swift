import Foundation
import MirsadTestSupport
import Testing

/// `mirsad sensors` against a demo database: a readings file is checked whole (a bad line is
/// named and nothing is kept), then recorded, raising the underpass gauge's alarm once; the
/// board shows it.
@Suite("mirsad sensors, end to end", .serialized)
struct SensorsCommandTests {
    @Test("a bad line is named and nothing is recorded; a good file raises the alarm once; the board shows it")
    func record() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let db = workspace.sqlite("demo.sqlite")
        _ = try await MirsadProcess.run(["demo", "--db", db, "--prepare-only"])

        let (badStatus, bad) = try await MirsadProcess.run(
            ["sensors", "record", "--db", db, "-"],
            stdin: "# gateway export\ngauge-asima-underpass,12,2026-12-04T01:00:00Z\ngauge-asima-underpass,deep\n")
        #expect(badStatus != 0 && bad.contains("line 3: the value 'deep' is not a number"), "\(bad)")
        let (unknownStatus, unknown) = try await MirsadProcess.run(
            ["sensors", "record", "--db", db, "-"], stdin: "gauge-asima-underpass,12\nno-such-gauge,1\n")
        #expect(unknownStatus != 0 && unknown.contains("line 2: no sensor 'no-such-gauge'"), "\(unknown)")
        let (_, untouched) = try await MirsadProcess.run(["sensors", "list", "--db", db])
        #expect(untouched.contains("gauge-asima-underpass\tfloodGauge\tunheard"), "nothing was recorded: \(untouched)")

        let file = workspace.directory.appendingPathComponent("readings.csv")
        try Data(
            """
            gauge-asima-underpass,12,2026-12-04T01:00:00Z
            gauge-asima-underpass,34,2026-12-04T01:05:00Z
            gauge-asima-underpass,41,2026-12-04T01:10:00Z
            fire-panel-bahr-tower,0,2026-12-04T01:00:00Z

            """.utf8
        ).write(to: file)
        let (status, output) = try await MirsadProcess.run(["sensors", "record", "--db", db, file.path])
        #expect(status == 0, "\(output)")
        let alarms = output.split(separator: "\n").filter { $0.hasPrefix("sensors.alarm") }
        #expect(
            alarms.count == 1 && alarms[0].contains("gauge-asima-underpass (floodGauge) 34 cm > 30 cm"), "\(output)")
        #expect(output.contains("recorded 4 reading(s), 0 older than the stored one kept out"), "\(output)")
        // A relay catching up with an old, low reading ends nothing.
        let (_, late) = try await MirsadProcess.run(
            ["sensors", "record", "--db", db, "-"], stdin: "gauge-asima-underpass,5,2026-12-04T01:02:00Z\n")
        #expect(late.contains("recorded 0 reading(s), 1 older than the stored one kept out"), "\(late)")
        #expect(!late.contains("sensors.normal"))

        let (_, board) = try await MirsadProcess.run(["sensors", "list", "--db", db])
        let rows = board.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 5, "the demo's five sensors: \(board)")
        let gauge = try #require(rows.first { $0.first == "gauge-asima-underpass" })
        #expect(gauge[2] == "alarm" && gauge[3] == "41.0 cm" && gauge[4] == "2026-12-04T01:10:00.000Z", "\(gauge)")
        #expect(rows.first { $0.first == "fire-panel-bahr-tower" }?[2] == "normal")
    }
}
