import ArgumentParser
import Foundation
import MirsadDomain
import MirsadStore

/// `mirsad units token`: per-unit AVL credentials for the devices in the vehicles.
struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units", abstract: "Manage units' device credentials.", subcommands: [Token.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue (or revoke) the AVL credential of a unit's device.",
            discussion: """
                The token is printed once; the device sends it as `Authorization: Bearer TOKEN` to \
                POST /v1/units/positions, the only route it opens, and only for its own unit.
                Example: mirsad units token --db sqlite:mirsad.sqlite --unit E1
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The unit's call sign (see GET /v1/units).")
        var unit: String
        @Flag(help: "Revoke every credential of the unit instead of issuing one.")
        var revoke = false

        func run() async throws {
            let (callSign, revoke) = (unit, self.revoke)
            let line = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                guard let catalog = store.catalog else {
                    throw CommandFailure(
                        "the database holds no jurisdiction yet; run mirsad serve --jurisdiction FILE first")
                }
                guard let definition = catalog.unitsByCallSign[callSign] else {
                    throw CommandFailure("--unit: no unit with call sign '\(callSign)'")
                }
                let operator_ = Actor(username: "cli:" + NSUserName(), role: .admin, sector: nil)
                if revoke {
                    let count = try await store.revokeUnitTokens(unitId: definition.id, actor: operator_)
                    return "revoked \(count) credential(s) of \(callSign)"
                }
                return try await store.issueUnitToken(unitId: definition.id, actor: operator_).token
            }
            say(line)
        }
    }
}
