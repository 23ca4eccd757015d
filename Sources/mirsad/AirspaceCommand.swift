import ArgumentParser
import Foundation
import MirsadDomain
import MirsadStore

/// `mirsad airspace`: the no-fly zones drone missions keep out of, for an administrator to load
/// the aviation authority's file (ED-269 or ED-318 JSON) from a script, and to list them.
struct AirspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airspace", abstract: "Import and list UAS geographical zones (no-fly zones).",
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Import an EUROCAE ED-269 (UASZoneList) or ED-318 (GeoJSON) file; zones of the same id are replaced.",
            discussion:
                "Example: mirsad airspace import gcaa-zones.json --db sqlite:mirsad.sqlite --source GCAA-2026-11")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The zone file.") var file: String
        @Option(help: "Where the file came from, for the record (default: the file's name).") var source: String?

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw CommandFailure("\(file): cannot read (\(error.localizedDescription))")
            }
            let zones: [UASZone]
            do { zones = try UASZoneImport.zones(from: data) } catch {
                throw CommandFailure("\(file): \(error.message)")
            }
            let source = source ?? URL(fileURLWithPath: file).lastPathComponent
            let change = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                try await store.execute(.importZones(zones, source: source), actor: .system).change
            }
            say(
                "imported \(change.zones.count) zone(s) from \(source): \(change.zones.map(\.id).joined(separator: ", "))"
            )
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every zone, one per line (tab-separated).",
            discussion: "Columns: id, restriction, lower–upper metres, points, format, English name.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let zones = try await EventStore.with(try database.location(), logger: CommandLogger.make()) {
                try await $0.uasZones()
            }
            for zone in zones {
                let upper = zone.upperMeters.map { String(format: "%.0f", $0) } ?? "unlimited"
                say(
                    [
                        zone.id, zone.restriction.rawValue, String(format: "%.0f", zone.lowerMeters) + "–" + upper,
                        "\(zone.outline.count)", zone.format.rawValue, zone.name.en,
                    ].joined(separator: "\t"))
            }
        }
    }
}
