import Foundation
import NIOCore
import PostgresNIO
import SQLiteNIO
import _ConnectionPoolModule

extension StoreError {
    /// What an operator must do about a damaged database file; said in the log, in `/health`
    /// and in the 500 the API answers.
    public static let corruptionAdvice = "stop the server and run `mirsad store check --db ...`"

    /// Sorts any error from a driver, by its type, into what the API needs to say: the
    /// database is away (503, the store retries by itself), the database is damaged (500, an
    /// operator must act), or the write itself failed.
    public static func classify(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as PSQLError:
            return classify(error)
        case let error as SQLiteError:
            return classify(error)
        case is CancellationError:
            return .unavailable("request cancelled")
        case is ConnectionPoolError:
            // The pool gave up on new connections (its circuit breaker trips when PostgreSQL
            // stays away), or was shut down.
            return .unavailable("PostgreSQL connection pool: \(error)")
        case is ChannelError, is IOError:
            return .unavailable("connection lost (\(error))")
        default:
            return .writeFailed(String(describing: error))
        }
    }

    private static func classify(_ error: PSQLError) -> StoreError {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown,
            .queryCancelled:
            return .unavailable("PostgreSQL connection lost")
        default:
            // Class 08 is a lost connection, 57 an operator intervention (shutdown, admin
            // cancel); XX000/XX001/XX002 are internal errors, data and index corruption.
            if let state = error.serverInfo?[.sqlState] {
                if state.hasPrefix("08") || state.hasPrefix("57") {
                    return .unavailable("PostgreSQL is not accepting work (\(state))")
                }
                if state == "XX001" || state == "XX002" {
                    return .corrupt("PostgreSQL reports damaged data (\(state)): \(error.serverInfo?[.message] ?? "")")
                }
            }
            return .writeFailed(error.serverInfo?[.message] ?? "\(error.code)")
        }
    }

    private static func classify(_ error: SQLiteError) -> StoreError {
        switch error.reason {
        case .busy, .locked, .ioError, .cantOpen, .full:
            return .unavailable("SQLite: \(error.message)")
        case .corrupt, .notADatabase:
            // Retrying will not help: the file is damaged or not a database at all.
            return .corrupt("SQLite: \(error.message)")
        default:
            return .writeFailed("SQLite: \(error.message)")
        }
    }
}
