import ArgumentParser
import Foundation
import MirsadDomain
import MirsadGeo
import MirsadServer
import MirsadSimulation
import MirsadStore
import ServiceLifecycle

/// `mirsad demo`: the whole platform on the embedded database with a living demo city.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Mirsad on SQLite with a demo city, demo accounts and live activity.",
        discussion: "The same --seed gives the same city, accounts and call stream. The world and accounts live "
            + "in the database, so `mirsad serve --db` on the same file serves them again.")

    @OptionGroup var listen: ListenOptions
    @OptionGroup var mavlink: MAVLinkOptions

    @Option(help: "Database (default sqlite:mirsad-demo.sqlite).")
    var db: String?

    @Option(help: "Seed of the demo world, accounts and activity.")
    var seed: UInt64 = 42

    @Option(help: "Simulated seconds per real second.")
    var speed: Double = 1

    @Option(help: "Multiplies the demo's call rates.")
    var callRate: Double = 1

    @Option(
        name: .customLong("warm-up"),
        help: "Simulated minutes of the day played in before the start, so a new demo opens busy (0: none).")
    var warmUpMinutes: Double = 90

    enum Scenario: String, ExpressibleByArgument, CaseIterable { case heavyRain = "heavy-rain" }

    @Option(
        help: ArgumentHelp(
            "Play a scenario on top of the daily activity.",
            discussion: "heavy-rain: a simulated meteorological feed publishes a heavy-rain warning; the flood plan "
                + "starts (roads close, tasks reach the sectors) and its public warning waits for approval."))
    var scenario: Scenario?

    @Option(help: "Seconds after the start at which the scenario's warning is published.")
    var scenarioDelay: Int = 20

    @Flag(help: "Load the world and accounts, then exit without serving.")
    var prepareOnly = false

    @Option(help: ArgumentHelp("bcrypt cost for the demo accounts.", visibility: .hidden))
    var bcryptCost: UInt8 = 10

    func validate() throws {
        guard speed > 0, speed <= 1000 else { throw ValidationError("--speed must be between 0 and 1000") }
        guard callRate >= 0, callRate <= 1000 else { throw ValidationError("--call-rate must be between 0 and 1000") }
        guard warmUpMinutes >= 0, warmUpMinutes <= 24 * 60 else {
            throw ValidationError("--warm-up must be between 0 and 1440 minutes")
        }
        guard (0...3600).contains(scenarioDelay) else {
            throw ValidationError("--scenario-delay must be between 0 and 3600 seconds")
        }
    }

    func run() async throws {
        let logger = CommandLogger.make()
        let location = try DatabaseOptions(db: db).location(default: "sqlite:mirsad-demo.sqlite")
        let world = DemoWorld.make(seed: seed)
        let accounts = DemoUsers.make(seed: seed)
        let settings = try listen.settings()
        let (seed, speed, callRate, cost, prepareOnly) = (seed, speed, callRate, bcryptCost, prepareOnly)
        let (scenario, scenarioDelay) = (scenario, scenarioDelay)
        let warmUp = warmUpMinutes
        let mavlink = mavlink
        try await EventStore.with(location, logger: logger) { store in
            try await store.loadJurisdiction(world)
            let hasher = PasswordHasher(cost: cost)
            for account in accounts where try await store.user(account.username) == nil {
                let now = Date()
                try await store.execute(
                    .create(
                        Account(
                            username: account.username, passwordHash: try await hasher.hash(account.password),
                            role: account.role, sector: account.sector,
                            secondFactor: account.totpSecret.map { .active(secret: $0, lastStep: nil) } ?? .none,
                            demoPassword: true, createdAt: now, passwordChangedAt: now)),
                    actor: .system)
            }
            try await DemoPasswordGuard.check(host: settings.host, store: store)
            if try await store.uasZones().isEmpty {
                _ = try await store.execute(
                    .importZones(DemoAirspace.zones(), source: "demo airspace (ED-269)"), actor: .system)
            }
            say(
                "Mirsad demo: \(world.name.en) — \(world.governorates.count) governorates, "
                    + "\(world.stations.count) stations, \(world.units.count) units, \(world.sectors.count) sectors")
            say("Database: \(location)  seed: \(seed)  speed: \(speed)x")
            say("Accounts (username / password):")
            for account in accounts {
                say("  \(account.username) / \(account.password)    [\(account.role.rawValue), \(account.sector)]")
            }
            if let admin = accounts.first(where: { $0.totpSecret != nil }) {
                say(
                    "  (\(admin.username) also needs a second-factor code: mirsad users otp --username \(admin.username) --db \(location))"
                )
            }
            if prepareOnly { return }
            let services = try await ServerRuntime.services(
                store: store, bcryptCost: cost, auditKey: AuditKeyFile(path: AuditKeyFile.defaultPath(for: location)),
                logger: logger)
            // The city's roads are prepared while the demo already runs (straight-line ETAs until then).
            let cache: URL? =
                if case .sqlite(let path) = location { URL(fileURLWithPath: path + ".mroads") } else { nil }
            let roadBuild = RoadBuildService(services: services, seed: seed, cache: cache, say: { say($0) })
            let routing = services.routing
            let startedAt = Date()
            let generator = ActivityGenerator(
                world: world, settings: .init(seed: seed, speed: speed, callRateFactor: callRate),
                sink: StoreActivitySink(services: services), roads: { routing.engine },
                start: startedAt.addingTimeInterval(-warmUp * 60), logger: logger)
            var extras: [any Service] =
                [roadBuild, ActivityService(generator: generator, warmUpUntil: startedAt, say: { say($0) })]
                + (try mavlink.services(store: store, logger: logger))
            if scenario == .heavyRain {
                extras.append(
                    SimulatedMetFeed(
                        store: store, clock: services.clock, delay: .seconds(scenarioDelay), logger: logger,
                        say: { say($0) }))
            }
            try await runServer(services: services, settings: settings, extraServices: extras) { port in
                say(
                    "Open http://\(settings.host):\(port)/ — API at /v1, live feed at ws://\(settings.host):\(port)/v1/live"
                )
            }
        }
    }
}

extension DatabaseOptions {
    init(db: String?) {
        self.init()
        self.db = db
    }
}
