import Foundation
import MirsadAudit
import SQLKit

/// The single row every write transaction reads first: where the log, the positions and the
/// audit tree stand. Writers are serialised, so it is always current inside a transaction.
struct LogHead: Sendable {
    var lastEventID: Int64
    var positionSeq: Int64
    var frontier: MerkleFrontier
    var checkpointSize: UInt64
    var checkpointAt: Date

    /// The id of the newest committed event alone (0 for an empty log).
    static func lastEventID(_ db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.select().column("last_event_id").from("log_head").where("id", .equal, 1).first()
        else { throw StoreError.corrupt("log_head row is missing") }
        return try row.decode(column: "last_event_id", as: Int64.self)
    }

    static func read(_ db: any SQLDatabase) async throws -> LogHead {
        guard let row = try await db.select().columns("*").from("log_head").where("id", .equal, 1).first() else {
            throw StoreError.corrupt("log_head row is missing")
        }
        return LogHead(
            lastEventID: try row.decode(column: "last_event_id", as: Int64.self),
            positionSeq: try row.decode(column: "position_seq", as: Int64.self),
            frontier: try Codec.decode(
                MerkleFrontier.self, from: try row.decode(column: "frontier", as: String.self),
                what: "audit frontier"),
            checkpointSize: UInt64(try row.decode(column: "checkpoint_size", as: Int64.self)),
            checkpointAt: Date(epochMilliseconds: try row.decode(column: "checkpoint_ms", as: Int64.self)))
    }
}
