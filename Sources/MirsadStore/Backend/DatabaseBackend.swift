import SQLKit

/// The engine behind the store. Everything above speaks portable SQLKit; the few places
/// where SQLite and PostgreSQL differ (locking, notification, pooling) sit behind this.
public protocol DatabaseBackend: Sendable {
    var kind: BackendKind { get }

    /// Runs `body` on a pooled connection for reading.
    func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R

    /// Runs `body` inside one write transaction on the single writer session; commits when
    /// `body` returns, rolls back when it throws. Writers of all processes are serialised.
    func withWriteTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R

    /// Tells other server instances that events up to `lastEventID` are committed (inside the
    /// transaction, so they hear it only after commit). A no-op where only one process writes.
    func notifyCommitted(lastEventID: Int64, on db: any SQLDatabase) async throws

    /// Signals from other processes that new events were committed, when the engine can tell.
    func commitSignals() -> AsyncStream<Int64>

    /// Where the writer's drain loop should run, when the engine has a better place than the
    /// shared cooperative pool (SQLite: the write connection's own thread).
    var writeExecutor: (any TaskExecutor)? { get }

    /// Runs background machinery (connection pools, listeners) until cancelled.
    func run() async

    /// Closes every connection.
    func shutdown() async
}

public enum BackendKind: String, Sendable {
    case sqlite, postgres
}
