import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit

/// The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, one writer
/// connection and a small pool of readers.
public final class SQLiteBackend: DatabaseBackend {
    public let kind = BackendKind.sqlite
    let path: String
    private let logger: Logger
    private let readers: SQLiteConnectionPool
    private let writer: SQLiteWriter
    private let writerThread = SQLiteWriterThread()
    private let signals: AsyncStream<Int64>

    public init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
        readers = SQLiteConnectionPool(path: path, maximum: 4, logger: logger)
        writer = SQLiteWriter(path: path, threadPool: writerThread.pool, logger: logger)
        // One process writes an SQLite file at a time in practice; other processes' commits are
        // picked up by the live feed's periodic catch-up instead of a signal.
        signals = AsyncStream { $0.finish() }
    }

    public func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R
    {
        try await readers.withConnection { connection in try await body(connection.sql()) }
    }

    public func withWriteTransaction<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await writer.transaction(body)
    }

    public func notifyCommitted(lastEventID: Int64, on db: any SQLDatabase) async throws {}

    public var writeExecutor: (any TaskExecutor)? { writerThread }

    public func commitSignals() -> AsyncStream<Int64> { signals }

    /// Checkpoints the WAL into the database file once a second, beside the writer: with
    /// SQLite's automatic checkpoint the commit that crosses 1,000 WAL pages copies them all
    /// back and fsyncs the file while every request of its batch waits. A passive checkpoint
    /// never blocks the writer or a reader; what it cannot copy yet it copies next time.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(1))
                try await readers.withConnection { connection in
                    try await connection.query("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("WAL checkpoint failed: \(error)")
            }
        }
    }

    public func shutdown() async {
        await readers.close()
        await writer.close()
        await writerThread.shutdown()
    }
}

/// The single write connection. `BEGIN IMMEDIATE` takes SQLite's write lock up front so that
/// writers in other processes (a CLI command beside the server) queue instead of failing midway.
actor SQLiteWriter {
    private let path: String
    private let threadPool: NIOThreadPool
    private let logger: Logger
    private var connection: SQLiteConnection?
    private var closed = false
    /// The actor alone would let a second transaction start while the first awaits.
    private let mutex = AsyncMutex()

    init(path: String, threadPool: NIOThreadPool, logger: Logger) {
        self.path = path
        self.threadPool = threadPool
        self.logger = logger
    }

    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await mutex.withLock { try await self.transactionLocked(body) }
    }

    private func transactionLocked<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R)
        async throws -> R
    {
        let connection = try await connected()
        let db = connection.sql()
        try await db.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            do {
                try await db.raw("ROLLBACK").run()
            } catch {
                // The connection is in an unknown state; open a fresh one next time.
                await connection.closeRegardless()
                self.connection = nil
            }
            throw error
        }
    }

    private func connected() async throws -> SQLiteConnection {
        guard !closed else { throw StoreError.unavailable("store is shut down") }
        if let connection, !connection.isClosed { return connection }
        let fresh = try await SQLiteSession.open(
            path: path, threadPool: threadPool, automaticCheckpoints: false, logger: logger)
        connection = fresh
        return fresh
    }

    /// Waits for the transaction in flight, then closes; later transactions are refused.
    func close() async {
        closed = true
        _ = try? await mutex.withLock { await self.closeConnection() }
    }

    private func closeConnection() async {
        if let connection { await connection.closeRegardless() }
        connection = nil
    }
}
