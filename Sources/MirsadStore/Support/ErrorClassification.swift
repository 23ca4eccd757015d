import Foundation
import NIOCore
import PostgresNIO
import SQLiteNIO

extension StoreError {
    /// Sorts any error from a driver into what the API needs to say: the database is away (503,
    /// retry later) or the write itself failed.
    public static func classify(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection,
                .poolClosed, .uncleanShutdown, .queryCancelled:
                return .unavailable("PostgreSQL connection lost")
            default:
                if let state = error.serverInfo?[.sqlState], state.hasPrefix("08") || state.hasPrefix("57") {
                    return .unavailable("PostgreSQL is not accepting work (\(state))")
                }
                return .writeFailed(error.serverInfo?[.message] ?? "\(error.code)")
            }
        }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .busy, .locked, .ioError, .cantOpen, .full, .notADatabase, .corrupt:
                return .unavailable("SQLite: \(error.message)")
            default:
                return .writeFailed("SQLite: \(error.message)")
            }
        }
        if error is CancellationError { return .unavailable("request cancelled") }
        // Socket-level failures, and the pool giving up on new connections (its circuit breaker
        // trips when PostgreSQL stays away; the type lives in an underscored module).
        if error is ChannelError || error is IOError
            || String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") {
            return .unavailable("PostgreSQL connection lost (\(error))")
        }
        return .writeFailed(String(describing: error))
    }
}
