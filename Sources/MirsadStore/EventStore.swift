import Foundation
import Logging
import MirsadDomain
import SQLKit
import ServiceLifecycle

/// The event log and its read models behind one type, on SQLite or PostgreSQL.
///
/// Writes go through the group-committing `CommandWriter`; reads go straight to pooled
/// connections. Every commit is announced on `commits` for the event bus.
///
/// A `Service`: `run()` owns the connection pool, the commit listener and the writer's drain
/// loop. `EventStore.with` runs it around a body (a command, a whole server), so it starts
/// first, runs migrations before the body, and stops last, after the writes queued by then.
public final class EventStore: Service, Sendable {
    public let backend: any DatabaseBackend
    public let location: StoreLocation
    public let clock: any TimeSource
    let catalogBox = CatalogBox()
    let signingBox = AuditSigningBox()
    /// Seals TOTP secrets with a key kept outside the database.
    public let secrets: SecretSealer
    let writer: CommandWriter
    let logger: Logger
    /// Commits of this process, in log order.
    public let commits: AsyncStream<CommitNotice>

    public init(
        location: StoreLocation, clock: any TimeSource = SystemTimeSource(), secretsKey: String? = nil, logger: Logger
    ) throws(StoreError) {
        self.location = location
        self.clock = clock
        self.logger = logger
        secrets = SecretSealer(path: secretsKey ?? SecretSealer.defaultPath(for: location))
        switch location {
        case .sqlite(let path):
            PrivateFile.prepareDatabaseFile(path)
            backend = SQLiteBackend(path: path, logger: logger)
        case .postgres(let url):
            backend = try PostgresBackend(url: url, logger: logger)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: CommitNotice.self)
        commits = stream
        writer = CommandWriter(
            backend: backend, catalog: catalogBox, signing: signingBox, clock: clock, logger: logger,
            notices: continuation)
    }

    /// The jurisdiction in force, once one is loaded.
    public var catalog: JurisdictionIndex? { catalogBox.current }

    /// Creates or upgrades the schema and loads the stored jurisdiction. Call once `run()` is
    /// running (PostgreSQL needs its pool started).
    func prepare(waitingUpTo patience: Duration) async throws {
        let deadline = ContinuousClock.now + patience
        while true {
            do {
                try await Migrations.migrate(backend)
                try await sealStoredSecrets()
                try await reloadCatalog()
                return
            } catch {
                guard case .unavailable = StoreError.classify(error), ContinuousClock.now < deadline else {
                    throw error
                }
                logger.warning("waiting for the database (\(location)): \(error)")
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Re-reads the jurisdiction (after another instance loaded a new one).
    public func reloadCatalog() async throws {
        if let jurisdiction = try await storedJurisdiction() {
            catalogBox.set(JurisdictionIndex(jurisdiction))
        }
    }

    /// Runs the pool, the listener and the writer until `stop()` (or a graceful shutdown):
    /// then commits what is queued, shuts the backend down and returns.
    public func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.backend.run() }
                await self.writer.run()
                // The backend's own work (listener, checkpoints) ends before its connections close.
                group.cancelAll()
                await group.waitForAll()
                await self.backend.shutdown()
            }
        } onGracefulShutdown: {
            self.writer.finish()
        }
    }

    /// Ends `run()` once the writes queued so far are committed; later writes are refused.
    public func stop() {
        writer.finish()
    }

    /// Opens the store, runs `body` with it, and closes every connection afterwards: the one
    /// way to use a store, for a CLI command as for a whole server run. Migrations run first;
    /// if the database is not reachable yet, preparing is retried for up to `waitForDatabase`.
    public static func with<R: Sendable>(
        _ location: StoreLocation, clock: any TimeSource = SystemTimeSource(), secretsKey: String? = nil,
        logger: Logger, waitForDatabase: Duration = .seconds(0), _ body: @Sendable (EventStore) async throws -> R
    ) async throws -> R {
        let store = try EventStore(location: location, clock: clock, secretsKey: secretsKey, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            let result: R
            do {
                try await store.prepare(waitingUpTo: waitForDatabase)
                result = try await body(store)
            } catch {
                store.stop()
                try? await group.waitForAll()
                throw error
            }
            store.stop()
            try await group.waitForAll()
            return result
        }
    }
}
