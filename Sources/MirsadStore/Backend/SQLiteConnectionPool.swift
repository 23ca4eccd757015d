import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// A few SQLite connections reused for reads. WAL mode lets them read while the writer
/// commits, so GETs never wait for a batch.
actor SQLiteConnectionPool {
    private let path: String
    private let maximum: Int
    private let logger: Logger
    private var idle: [SQLiteConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []
    private var closed = false

    init(path: String, maximum: Int, logger: Logger) {
        self.path = path
        self.maximum = maximum
        self.logger = logger
    }

    func withConnection<R: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) async throws -> R) async throws -> R
    {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    private func lease() async throws -> SQLiteConnection {
        guard !closed else { throw StoreError.unavailable("store is shut down") }
        if let connection = idle.popLast() { return connection }
        if open < maximum {
            open += 1
            do {
                let connection = try await SQLiteSession.open(path: path, logger: logger)
                guard !closed else {
                    await connection.closeRegardless()
                    throw StoreError.unavailable("store is shut down")
                }
                return connection
            } catch {
                open -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func release(_ connection: SQLiteConnection) async {
        // Work that outlived the store (a query in flight at shutdown) hands its connection
        // back late: close it rather than keep it idle in a closed pool.
        if closed {
            await connection.closeRegardless()
        } else if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    func close() async {
        closed = true
        for waiter in waiters { waiter.resume(throwing: StoreError.unavailable("store is shut down")) }
        waiters.removeAll()
        for connection in idle { await connection.closeRegardless() }
        idle.removeAll()
    }
}

/// Opening an SQLite connection the way every Mirsad connection needs it.
enum SQLiteSession {
    /// `automaticCheckpoints: false` for the writer, whose WAL the backend checkpoints beside it.
    static func open(
        path: String, threadPool: NIOThreadPool = .singleton, automaticCheckpoints: Bool = true, logger: Logger
    ) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threadPool, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            // WAL lets readers run beside the writer; FULL makes every commit durable across power loss.
            // A page cache and a memory map large enough that hot index pages are not re-read
            // through system calls on every lookup (SQLite's default cache is 2 MB; 16 MB per connection here).
            for pragma in [
                "PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                "PRAGMA cache_size = -16384", "PRAGMA mmap_size = 1073741824", "PRAGMA temp_store = MEMORY",
            ] + (automaticCheckpoints ? [] : ["PRAGMA wal_autocheckpoint = 0"]) {
                try await connection.query(pragma, []) { _ in }
            }
        } catch {
            await connection.closeRegardless()
            throw error
        }
        return connection
    }
}

extension SQLiteConnection {
    /// Closes the connection whatever state the calling task is in: the async `close()` gives
    /// up in a cancelled task, and a connection dropped without closing traps in debug builds.
    func closeRegardless() async {
        let closing: EventLoopFuture<Void> = close()
        try? await closing.get()
    }
}
