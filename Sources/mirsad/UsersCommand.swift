import ArgumentParser
import Foundation
import MirsadDomain
import MirsadServer
import MirsadStore

/// `mirsad users add|list`.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage accounts.", subcommands: [Add.self, List.self, OTP.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the password is read from standard input.",
            discussion:
                "Example: echo 'correct horse battery' | mirsad users add --username noor --role dispatcher --sector operations"
        )

        @OptionGroup var database: DatabaseOptions
        @Option var username: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String
        @Option(help: "The sector id the user belongs to (see GET /v1/sectors).")
        var sector: String
        @Option(help: ArgumentHelp("bcrypt cost.", visibility: .hidden))
        var bcryptCost: UInt8 = 12

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard username.range(of: #"^[a-z0-9][a-z0-9._-]{1,63}$"#, options: .regularExpression) != nil else {
                throw ValidationError("--username: 2-64 characters of a-z, 0-9, '.', '_' or '-'")
            }
        }

        func run() async throws {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure("no password on standard input")
            }
            do { try PasswordHasher.validate(line) } catch let problem as Problem {
                throw CommandFailure(problem.detail ?? problem.title)
            }
            let role = Role(rawValue: self.role)!
            let (username, sector, cost) = (self.username, self.sector, bcryptCost)
            try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                guard let catalog = store.catalog else {
                    throw CommandFailure(
                        "the database holds no jurisdiction yet; run mirsad serve --jurisdiction FILE first")
                }
                guard catalog.sectors[sector] != nil else {
                    throw CommandFailure(
                        "--sector: unknown sector '\(sector)'; known: \(catalog.sectors.keys.sorted().joined(separator: ", "))"
                    )
                }
                let now = Date()
                let hash = try await PasswordHasher(cost: cost).hash(line)
                // Administrators must use a second factor: one is created with the account.
                let secret = role == .admin ? SecondFactor.newSecret() : nil
                do {
                    try await store.execute(
                        .create(
                            Account(
                                username: username, passwordHash: hash, role: role, sector: sector,
                                secondFactor: secret.map { .active(secret: $0, lastStep: nil) } ?? .none,
                                createdAt: now, passwordChangedAt: now)),
                        actor: .system)
                } catch let error as DomainError {
                    throw CommandFailure(error.message)
                }
                say("created \(username) (\(role.rawValue), \(sector))")
                if let secret {
                    say(
                        "second factor (load into an authenticator app): \(SecondFactor.enrollmentURL(secret: secret, username: username))"
                    )
                }
            }
        }
    }

    struct OTP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "otp", abstract: "Print a user's current second-factor code (for the demo and for recovery).")
        @OptionGroup var database: DatabaseOptions
        @Option var username: String

        func run() async throws {
            let username = self.username
            let secret = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                try await store.user(username)?.secondFactor.activeSecret
            }
            guard let secret else {
                throw CommandFailure("\(username) has no active second factor")
            }
            say(SecondFactor.code(secret: secret, at: Date()))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                for user in try await store.users() {
                    say("\(user.username)\t\(user.role.rawValue)\t\(user.sector)\(user.disabled ? "\tdisabled" : "")")
                }
            }
        }
    }
}
