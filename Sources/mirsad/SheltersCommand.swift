import ArgumentParser
import Foundation
import MirsadDomain
import MirsadServer
import MirsadStore

/// `mirsad shelters`: the shelter board for scripts, and the PFIF export for family
/// reunification services, straight from the database.
struct SheltersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shelters", abstract: "List shelters; export evacuees as PFIF 1.4.",
        subcommands: [List.self, PFIF.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every shelter with its status and occupancy, one per line (tab-separated).",
            discussion: "Columns: id, status, people/beds, households/places, governorate, sector, name.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let shelters = try await EventStore.with(try database.location(), logger: CommandLogger.make()) {
                try await $0.shelters()
            }
            for shelter in shelters {
                let site = shelter.site
                say(
                    [
                        site.id, shelter.status.rawValue, "\(shelter.persons)/\(site.capacity.beds)",
                        "\(shelter.families)/\(site.capacity.families)", site.governorate ?? "-", site.sector,
                        site.name.en,
                    ].joined(separator: "\t"))
            }
        }
    }

    struct PFIF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pfif",
            abstract: "Write the evacuees of a sector's shelters as PFIF 1.4 (personal data: audited).",
            discussion: """
                The export is recorded in the audit trail with the purpose given, before anything is written.
                Example: mirsad shelters pfif --db sqlite:mirsad.sqlite --sector civil-defense \
                --purpose "handover to the Red Crescent tracing service" --output evacuees.xml
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The sector whose shelters' evacuees are exported.") var sector: String
        @Option(help: "Why the personal data leaves (recorded in the audit trail).") var purpose: String
        @Option(help: "A new file to write (created 0600, never overwritten); standard output when absent.") var output:
            String?

        func validate() throws {
            guard !purpose.trimmingCharacters(in: .whitespaces).isEmpty, purpose.count <= 500 else {
                throw ValidationError("--purpose: say why, in at most 500 characters")
            }
        }

        func run() async throws {
            let (sector, purpose) = (sector, purpose)
            let xml = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                guard let catalog = store.catalog else {
                    throw CommandFailure("the database holds no jurisdiction yet")
                }
                guard catalog.sectors[sector] != nil else { throw CommandFailure("--sector: no sector '\(sector)'") }
                let evacuees = try await store.evacuees().filter { $0.sector == sector }
                let operator_ = Actor(username: "cli:" + NSUserName(), role: .admin, sector: nil)
                _ = try await store.audit(
                    [
                        (
                            .securityEvent(
                                SecurityEvent(
                                    action: .restrictedRead, outcome: "success", subject: operator_.username,
                                    purpose: purpose,
                                    detail: "mirsad shelters pfif --sector \(sector): \(evacuees.count) evacuee(s)")),
                            sectors: []
                        )
                    ], actor: operator_)
                return PFIFDocument(
                    catalog: catalog, exportedAt: Date(), evacuees: evacuees,
                    shelters: try await store.shelters()
                ).xml
            }
            if let output {
                try PrivateFile.create(output, contents: Data(xml.utf8))
                say("wrote \(output)")
            } else {
                FileHandle.standardOutput.write(Data(xml.utf8))
            }
        }
    }
}
