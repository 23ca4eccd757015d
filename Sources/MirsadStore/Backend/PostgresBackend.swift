import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// PostgreSQL for deployments: a connection pool (PostgresClient), writers of every server
/// instance serialised by a transaction-scoped advisory lock, and LISTEN/NOTIFY so each
/// instance hears of the others' commits at once.
public final class PostgresBackend: DatabaseBackend {
    public let kind = BackendKind.postgres
    static let channel = "mirsad_events"
    /// Arbitrary constant naming Mirsad's writer lock.
    static let writerLockKey: Int64 = 0x4D49_5253_4144  // "MIRSAD"

    private let client: PostgresClient
    private let connectionConfiguration: PostgresConnection.Configuration
    private let logger: Logger
    private let mutex = AsyncMutex()
    /// Set once `run()` has started the pool, so no request races ahead of it.
    /// Opens when `run()` has started the pool: connections leased before wait for it.
    private let running = OpenGate()
    private let signals: AsyncStream<Int64>
    private let signalContinuation: AsyncStream<Int64>.Continuation
    /// How long a request waits for a connection before the API answers 503.
    public let connectTimeout: Duration

    /// `connectTimeout` is the URL's `connect_timeout` (seconds, libpq's name) when it has
    /// one, else this argument.
    public init(url: String, logger: Logger, connectTimeout: Duration = .seconds(3)) throws(StoreError) {
        let connectTimeout = try Self.connectTimeout(in: url) ?? connectTimeout
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw .invalidConfiguration("cannot read PostgreSQL URL \(StoreLocation.redacted(url)): \(error)")
        }
        connectionConfiguration = configuration.coreConfiguration
        var clientConfiguration = try Self.clientConfiguration(from: configuration.coreConfiguration)
        clientConfiguration.options.connectTimeout = connectTimeout
        clientConfiguration.options.maximumConnections = 16
        client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.logger = logger
        self.connectTimeout = connectTimeout
        (signals, signalContinuation) = AsyncStream.makeStream(of: Int64.self, bufferingPolicy: .bufferingNewest(64))
    }

    /// libpq's `connect_timeout` parameter: whole seconds, at least 1.
    static func connectTimeout(in url: String) throws(StoreError) -> Duration? {
        guard let item = URLComponents(string: url)?.queryItems?.last(where: { $0.name == "connect_timeout" }) else {
            return nil
        }
        guard let seconds = item.value.flatMap(Int.init), seconds >= 1 else {
            throw .invalidConfiguration(
                "connect_timeout in the PostgreSQL URL must be whole seconds, at least 1 (got \(item.value ?? "nothing"))"
            )
        }
        return .seconds(seconds)
    }

    private static func clientConfiguration(
        from core: PostgresConnection.Configuration
    ) throws(StoreError) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            if core.tls.isEnforced, let context = core.tls.sslContext {
                .require(context.configuration)
            } else if core.tls.isAllowed, let context = core.tls.sslContext {
                .prefer(context.configuration)
            } else {
                .disable
            }
        if let host = core.host, let port = core.port {
            return PostgresClient.Configuration(
                host: host, port: port, username: core.username, password: core.password, database: core.database,
                tls: tls)
        }
        if let socket = core.unixSocketPath {
            return PostgresClient.Configuration(
                unixSocketPath: socket, username: core.username, password: core.password, database: core.database)
        }
        throw .invalidConfiguration("PostgreSQL URL needs a host or a unix socket")
    }

    public func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R
    {
        try await leased { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    public func withWriteTransaction<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await mutex.withLock {
            try await self.leased { connection in
                let db = connection.sql(queryLogLevel: nil)
                try await db.raw("BEGIN").run()
                do {
                    try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.writerLockKey))").run()
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    /// PostgreSQL answers through the event loops; the writer stays on the shared pool.
    public var writeExecutor: (any TaskExecutor)? { nil }

    public func notifyCommitted(lastEventID: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("SELECT pg_notify(\(bind: Self.channel), \(bind: String(lastEventID)))").run()
    }

    public func commitSignals() -> AsyncStream<Int64> { signals }

    /// Leases a pooled connection; if none can be had within `connectTimeout` the database is
    /// reported unavailable instead of letting the request hang. Once a connection is held the
    /// work runs to completion (a deadline must never cut a transaction in half).
    private func leased<R: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> R
    ) async throws -> R {
        let acquired = ManagedFlag()
        let timeout = connectTimeout
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                await self.running.wait()
                return try await self.client.withConnection { connection in
                    acquired.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                if !acquired.isSet { throw StoreError.unavailable("no PostgreSQL connection within \(timeout)") }
                return nil
            }
            while let next = try await group.next() {
                if let value = next {
                    group.cancelAll()
                    return value
                }
            }
            throw StoreError.unavailable("PostgreSQL request ended without a result")
        }
    }

    public func run() async {
        running.open()
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask { await self.listen() }
        }
    }

    /// Keeps one dedicated connection LISTENing; reconnects after failures.
    private func listen() async {
        var attempt = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: connectionConfiguration, id: 1, logger: logger)
                attempt = 0
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        for try await notification in notifications {
                            if let id = Int64(notification.payload) { signalContinuation.yield(id) }
                        }
                    }
                } catch {
                    logger.debug("LISTEN interrupted: \(error)")
                }
                try? await connection.close()
            } catch {
                logger.debug("LISTEN connection failed: \(error)")
            }
            attempt += 1
            try? await Task.sleep(for: .milliseconds(min(200 * attempt, 2000)))
        }
        signalContinuation.finish()
    }

    public func shutdown() async {
        signalContinuation.finish()
    }
}

/// A thread-safe one-way flag.
final class ManagedFlag: Sendable {
    private let storage = Atomic<Bool>(false)
    func set() { storage.store(true, ordering: .releasing) }
    var isSet: Bool { storage.load(ordering: .acquiring) }
}
