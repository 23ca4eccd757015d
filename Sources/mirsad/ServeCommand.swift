import ArgumentParser
import Foundation
import MirsadDomain
import MirsadGeo
import MirsadServer
import MirsadStore
import ServiceLifecycle

/// `mirsad serve`: the API and live feed over an existing database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API and the live feed (SIGINT/SIGTERM stop it gracefully).",
        discussion: "Migrations run automatically. The jurisdiction is read from --jurisdiction (JSON or YAML) "
            + "and stored in the database; later starts may omit it.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var listen: ListenOptions
    @OptionGroup var mavlink: MAVLinkOptions

    @Option(help: "Jurisdiction file (.json, .yaml) to load before serving (env MIRSAD_JURISDICTION).")
    var jurisdiction: String?

    @Option(
        help: ArgumentHelp(
            "File holding the key that signs audit checkpoints (env MIRSAD_AUDIT_KEY).",
            discussion:
                "Created on first start; by default next to an SQLite file, or ./mirsad-audit.key for PostgreSQL. "
                + "Every instance of a deployment needs the same file."))
    var auditKey: String?

    @Option(help: "Road network for dispatch ETAs and coverage (from `mirsad roads import`; env MIRSAD_ROADS).")
    var roads: String?

    @Option(
        name: .customLong("cap-feed"),
        help: ArgumentHelp(
            "A CAP feed to follow (Atom, RSS, EDXL-DE or one alert; http or https); repeatable.",
            discussion: "Each new warning for an area of the jurisdiction becomes an alerts.received situation."))
    var capFeeds: [String] = []

    @Option(
        help: ArgumentHelp(
            "A directory of emergency plans (one playbook per .json/.yaml file) to use instead of the jurisdiction's.",
            valueName: "dir"))
    var playbooks: String?

    @Option(help: "Seconds between two reads of the CAP feeds.")
    var capFeedInterval: Int = 60

    @Option(help: ArgumentHelp("bcrypt cost for new passwords.", visibility: .hidden))
    var bcryptCost: UInt8 = 12

    @Flag(
        help: ArgumentHelp(
            "Leave audit checkpoints unsigned (benchmarks measure what signing costs; never in service).",
            visibility: .hidden))
    var unsignedAudit = false

    func validate() throws {
        for feed in capFeeds {
            guard let url = URL(string: feed), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host != nil
            else { throw ValidationError("--cap-feed \(feed): an http:// or https:// address") }
        }
        guard (1...86_400).contains(capFeedInterval) else {
            throw ValidationError("--cap-feed-interval: between 1 and 86400 seconds")
        }
    }

    func run() async throws {
        let logger = CommandLogger.make()
        let location = try database.location()
        let file = jurisdiction ?? ProcessInfo.processInfo.environment["MIRSAD_JURISDICTION"]
        let loaded = try file.map { path in
            do { return try JurisdictionFile.load(path: path) } catch { throw CommandFailure("\(error)") }
        }
        let settings = try listen.settings()
        let cost = bcryptCost
        let roadsPath = roads ?? ProcessInfo.processInfo.environment["MIRSAD_ROADS"]
        let engine: RoutingEngine?
        do {
            engine = try roadsPath.map { try RoutingEngine(contentsOf: URL(fileURLWithPath: $0)) }
        } catch {
            throw CommandFailure("--roads \(roadsPath ?? ""): \(error)")
        }
        let keyFile = AuditKeyFile(
            path: auditKey ?? ProcessInfo.processInfo.environment["MIRSAD_AUDIT_KEY"]
                ?? AuditKeyFile.defaultPath(for: location))
        let plans: [Playbook]?
        do { plans = try playbooks.map { try PlaybookFiles.load(directory: $0) } } catch {
            throw CommandFailure("--playbooks: \(error)")
        }
        try await EventStore.with(location, logger: logger, waitForDatabase: .seconds(60)) { store in
            if let loaded { try await store.loadJurisdiction(loaded) }
            if let plans, let playbooks, let current = store.catalog?.jurisdiction, current.playbooks != plans {
                do {
                    try await store.loadJurisdiction(
                        try PlaybookFiles.replacing(plans, in: current, directory: playbooks))
                } catch let error as JurisdictionFile.LoadError {
                    throw CommandFailure("--playbooks: \(error)")
                }
            }
            guard let catalog = store.catalog else {
                throw CommandFailure("\(location) holds no jurisdiction yet: pass --jurisdiction FILE")
            }
            try await DemoPasswordGuard.check(host: settings.host, store: store)
            let services: AppServices
            do {
                services = try await ServerRuntime.services(
                    store: store, bcryptCost: cost, limits: Limits.fromEnvironment(),
                    auditKey: unsignedAudit ? nil : keyFile,
                    roads: engine, logger: logger)
            } catch let problem as AuditKeyFile.Problem {
                throw CommandFailure("--audit-key: \(problem)")
            }
            let feeds: [any Service] =
                try mavlink.services(store: store, logger: logger)
                + (capFeeds.isEmpty
                    ? []
                    : [
                        CAPFeedPoller(
                            urls: capFeeds, interval: .seconds(capFeedInterval), store: store, clock: services.clock,
                            logger: logger)
                    ])
            try await runServer(services: services, settings: settings, extraServices: feeds) { port in
                say("mirsad serving \(catalog.jurisdiction.name.en) on http://\(settings.host):\(port) (\(location))")
            }
        }
    }
}
