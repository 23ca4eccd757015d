import ArgumentParser
import Foundation
import MirsadDomain
import MirsadStore

/// `mirsad sensors`: the sensor board for scripts, and readings recorded from a file (a
/// gauge gateway's export, a replay of a storm), straight against the database.
struct SensorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensors", abstract: "List sensors with their latest reading; record readings from a file.",
        subcommands: [List.self, Record.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every sensor with its latest reading, one per line (tab-separated).",
            discussion:
                "Columns: id, kind, state (alarm, normal or unheard), value and unit, measured at, sector, name.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (sensors, states) = try await EventStore.with(try database.location(), logger: CommandLogger.make()) {
                store in (store.catalog?.jurisdiction.sensors ?? [], try await store.sensorStates())
            }
            for sensor in sensors {
                let state = states[sensor.id]
                say(
                    [
                        sensor.id, sensor.kind.rawValue, state.map { $0.alarm ? "alarm" : "normal" } ?? "unheard",
                        state.map { "\($0.value) \(sensor.unit)" } ?? "-",
                        state.map { MirsadJSON.formatTimestamp($0.at) } ?? "-", sensor.sector, sensor.name.en,
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record sensor readings from a file of lines 'sensorId,value[,time]' ('-' reads standard input).",
            discussion: """
                Time is ISO 8601 (2026-12-04T03:00:00Z), now when absent; lines starting with # are skipped. \
                The file is checked whole first: a bad line is named and nothing is recorded. Alarms and \
                all-clears the readings raise are printed, and start the plans they trigger when a server runs.
                Example: mirsad sensors record --db sqlite:mirsad.sqlite readings.csv
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The readings file, or - for standard input.") var file: String

        func run() async throws {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("\(file): cannot read the file")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            let now = Date()
            let lines = try SensorReadingLines.parse(text, now: now)
            guard !lines.isEmpty else { throw CommandFailure("\(file): no readings") }
            let recorded = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                guard let catalog = store.catalog else {
                    throw CommandFailure("the database holds no jurisdiction yet")
                }
                for (line, reading) in lines {
                    guard catalog.sensors[reading.sensorId] != nil else {
                        throw CommandFailure("line \(line): no sensor '\(reading.sensorId)' in the jurisdiction")
                    }
                    guard reading.at.timeIntervalSince(now) <= SensorDecider.clockSkew else {
                        throw CommandFailure("line \(line): the time is in the future")
                    }
                }
                // The operator records for each sensor's own sector; the log names them.
                let operatorName = "cli:" + NSUserName()
                var results: [SensorIngestResult] = []
                for (sector, readings) in Dictionary(
                    grouping: lines.map(\.reading), by: { catalog.sensors[$0.sensorId]!.sector }
                ).sorted(by: { $0.key < $1.key }) {
                    let actor = Actor(username: operatorName, role: .supervisor, sector: sector)
                    for start in stride(from: 0, to: readings.count, by: EventStore.maxReadingsPerBatch) {
                        let batch = Array(readings[start..<min(start + EventStore.maxReadingsPerBatch, readings.count)])
                        results.append(try await store.ingest(batch, actor: actor))
                    }
                }
                return results
            }
            let accepted = recorded.map(\.accepted).reduce(0, +)
            let late = recorded.map(\.late).reduce(0, +)
            for change in recorded.flatMap(\.changes) { say("\(change.change.eventType)\t\(change.summary)") }
            say("recorded \(accepted) reading(s), \(late) older than the stored one kept out")
        }
    }
}

/// The readings file: `sensorId,value[,time]` per line.
enum SensorReadingLines {
    static func parse(_ text: String, now: Date) throws -> [(line: Int, reading: SensorReading)] {
        var out: [(Int, SensorReading)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard (2...3).contains(fields.count), !fields[0].isEmpty else {
                throw CommandFailure("line \(index + 1): expected sensorId,value[,time], got '\(line.prefix(80))'")
            }
            guard let value = Double(fields[1]), value.isFinite, abs(value) <= SensorReading.maxMagnitude else {
                throw CommandFailure("line \(index + 1): the value '\(fields[1].prefix(40))' is not a number")
            }
            var at = now
            if fields.count == 3 {
                guard let time = MirsadJSON.parseTimestamp(fields[2]) else {
                    throw CommandFailure("line \(index + 1): the time '\(fields[2].prefix(40))' is not ISO 8601")
                }
                at = time
            }
            out.append((index + 1, SensorReading(sensorId: fields[0], value: value, at: at)))
        }
        return out
    }
}
