import Foundation
import Logging
import MirsadDomain
import MirsadStore
import MirsadTestSupport
import Testing

/// The engines every store test runs against: SQLite always, PostgreSQL when CI provides one.
enum TestBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [TestBackend] { TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }

    /// Opens a fresh, empty store with the test jurisdiction loaded, runs `body`, cleans up.
    @discardableResult
    func withStore<R: Sendable>(
        clock: any TimeSource = SystemTimeSource(), jurisdiction: Jurisdiction? = TestJurisdiction.jurisdiction,
        _ body: @Sendable (EventStore) async throws -> R
    ) async throws -> R {
        let (location, cleanup) = try await makeLocation()
        // Never the default key path: for PostgreSQL that is the working directory.
        let key = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-test-\(UUID()).key").path
        defer {
            cleanup()
            try? FileManager.default.removeItem(atPath: key)
        }
        return try await EventStore.with(location, clock: clock, secretsKey: key, logger: Logger(label: "test")) {
            store in
            if let jurisdiction { try await store.loadJurisdiction(jurisdiction) }
            return try await body(store)
        }
    }

    /// A fresh database location and how to remove it.
    func makeLocation() async throws -> (StoreLocation, @Sendable () -> Void) {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-test-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("test.sqlite").path
            return (.sqlite(path: path), { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let url = try await TestPostgres.createDatabase()
            return (.postgres(url: url), { TestPostgres.dropDatabaseLater(url) })
        }
    }
}

/// A clock tests move by hand.
final class ManualClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

let dispatcher = Actor(username: "dina", role: .dispatcher, sector: "operations")
let supervisor = Actor(username: "sami", role: .supervisor, sector: "operations")
let callTaker = Actor(username: "cali", role: .callTaker, sector: "operations")

extension EventStore {
    /// Creates an incident and returns it.
    func create(
        _ type: String = "FIRE-STRUCTURE", lat: Double = 29.37, lon: Double = 47.98, as actor: Actor = callTaker
    ) async throws -> Incident {
        let reply = try await execute(
            .createIncident(CreateIncident(type: type, location: Coordinate(lat: lat, lon: lon))),
            actor: actor)
        guard case .executed(let outcome, _) = reply, let incident = outcome.primaryIncident else {
            throw TestSupportError("create did not execute")
        }
        return incident
    }

    @discardableResult
    func run(_ command: Command, as actor: Actor = dispatcher) async throws -> CommandOutcome {
        guard case .executed(let outcome, _) = try await execute(command, actor: actor) else {
            throw TestSupportError("command was replayed")
        }
        return outcome
    }
}
