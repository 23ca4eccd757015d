import ArgumentParser
import Foundation
import MirsadStore

/// `mirsad store check|rebuild`: the read models against the event log.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Check or rebuild the read models from the event log.",
        subcommands: [Check.self, Rebuild.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay the event log and compare it with the read models (exit 1 on any difference).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                try await store.checkReadModels()
            }
            say("events: \(report.events), incidents: \(report.incidents), units: \(report.units)")
            for problem in report.problems { say("MISMATCH \(problem)") }
            if !report.isConsistent { throw ExitCode(1) }
            say("read models agree with the log")
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rebuild the read models from the event log.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                try await store.rebuildReadModels()
            }
            say("rebuilt from \(report.events) events: \(report.incidents) incidents, \(report.units) units")
        }
    }
}
