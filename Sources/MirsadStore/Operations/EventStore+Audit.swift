import Foundation
import MirsadAudit
import MirsadDomain
import SQLKit

/// The event log is the audit trail: every event is a leaf of an RFC 6962 Merkle tree whose
/// signed checkpoints let anyone holding one detect a modified, deleted, inserted or
/// reordered entry.
extension EventStore {
    /// Turns on checkpoint signing for this process (servers with the private key).
    public func enableAuditSigning(_ signing: AuditSigning) {
        signingBox.set(signing)
    }

    /// The audit signing key of this instance, when it has one: what else the log's keeper
    /// publishes (CAP alerts) is signed with it, so one public key checks everything.
    public var auditSigner: CheckpointSigner? { signingBox.current?.signer }

    /// The public key checkpoints are signed with, as registered by the first signing server.
    public func readAuditPublicKey() async throws -> String? {
        try await readSetting("audit-public-key")
    }

    /// The origin line of this log's checkpoints.
    public func readAuditOrigin() async throws -> String? {
        try await readSetting("audit-origin")
    }

    /// The current size and root of the audit tree.
    public func auditHead() async throws -> MerkleFrontier {
        try await backend.withReader { db in try await LogHead.read(db).frontier }
    }

    /// The newest signed checkpoint, if any has been signed.
    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await backend.withReader { db in
            try await db.select().columns("size", "root", "at_ms", "note").from("audit_checkpoints")
                .orderBy("size", .descending).limit(1).first().map(StoredCheckpoint.init(row:))
        }
    }

    /// Every stored checkpoint, oldest first.
    public func checkpoints() async throws -> [StoredCheckpoint] {
        try await backend.withReader { db in
            try await db.select().columns("size", "root", "at_ms", "note").from("audit_checkpoints")
                .orderBy("size").all().map(StoredCheckpoint.init(row:))
        }
    }

    /// Proof that entry `leafIndex` (0-based: event id - 1) is in the tree of `treeSize`.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) async throws -> InclusionProof {
        let size = try await auditHead().size
        guard treeSize >= 1, treeSize <= size, leafIndex < treeSize else {
            throw StoreError.invalidConfiguration("need 0 ≤ leaf < size ≤ \(size)")
        }
        return try await AuditHashSource(backend: backend).inclusionProof(leafIndex: leafIndex, treeSize: treeSize)
    }

    /// Proof that the tree of `newSize` extends the tree of `oldSize`.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) async throws -> ConsistencyProof {
        let size = try await auditHead().size
        guard oldSize >= 1, oldSize <= newSize, newSize <= size else {
            throw StoreError.invalidConfiguration("need 1 ≤ from ≤ to ≤ \(size)")
        }
        return try await AuditHashSource(backend: backend).consistencyProof(from: oldSize, to: newSize)
    }

    /// The root of the tree as it was at `size`.
    public func auditRoot(ofSize size: UInt64) async throws -> MerkleHash {
        try await AuditHashSource(backend: backend).root(ofSize: size)
    }

    /// Stored audit entries (event rows) in id order, page by page, exactly as stored: for
    /// the verifier, which recomputes everything from them.
    public func auditRecords(after id: Int64, limit: Int) async throws -> [AuditRecord] {
        try await backend.withReader { db in
            try await db.select().column("*").from("events").where("id", .greaterThan, id)
                .orderBy("id").limit(limit).all().map { row in
                    let body = try row.decode(column: "body", as: String.self)
                    let id = try row.decode(column: "id", as: Int64.self)
                    return AuditRecord(
                        sequence: UInt64(max(id, 0)), entry: Data(body.utf8),
                        storedLeafHash: try? MerkleHash(base64: try row.decode(column: "leaf_hash", as: String.self)),
                        declaredSequence: Self.declaredID(in: body),
                        alteredColumns: Self.alteredColumns(row, body: body))
                }
        }
    }

    /// The columns of an event row that reads use (timeline, replay, lookups by type) whose
    /// values differ from what the hashed body says. The leaf hashes the body only, so each of
    /// these must be derivable from it; a row whose body no longer decodes is left to the
    /// content check (its leaf hash differs).
    static func alteredColumns(_ row: any SQLRow, body: String) -> [String] {
        guard let event = try? decodeEvent(body: body) else { return [] }
        let expected = EventColumns(event)
        var altered: [String] = []
        func check<T: Decodable & Equatable>(_ column: String, _ value: T) {
            if (try? row.decode(column: column, as: T.self)) != value { altered.append(column) }
        }
        check("type", expected.type)
        check("at_ms", expected.atMilliseconds)
        check("actor", expected.actor)
        check("actor_sector", expected.actorSector)
        check("incident_id", expected.incidentId)
        check("related_incident_id", expected.relatedIncidentId)
        check("unit_id", expected.unitId)
        check("sectors", expected.sectors)
        return altered
    }

    /// The `"id"` an entry's own bytes declare (so a renumbered row stands out).
    static func declaredID(in body: String) -> UInt64? {
        guard let data = body.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let id = (object["id"] as? NSNumber)?.int64Value, id > 0
        else { return nil }
        return UInt64(id)
    }

    /// Where pruning left the log: the entries before `firstSequence` are gone and
    /// `frontier` is the tree over them.
    public func prunedPrefix() async throws -> (firstSequence: UInt64, frontier: MerkleFrontier)? {
        guard let text = try await readSetting("audit-pruned-frontier") else { return nil }
        let frontier = try Codec.decode(MerkleFrontier.self, from: text, what: "pruned frontier")
        return (frontier.size + 1, frontier)
    }

    /// Deletes audit entries older than `before`. Refuses anything younger than `minimumAge`
    /// (365 days); keeps the tree over the deleted prefix so verification still works.
    @discardableResult
    public func pruneAudit(before: Date, minimumAge: TimeInterval = 365 * 86_400) async throws -> Int64 {
        let now = clock.now()
        guard before <= now.addingTimeInterval(-minimumAge) else {
            throw StoreError.invalidConfiguration(
                "audit entries are kept at least \(Int(minimumAge / 86_400)) days; --before must be on or before \(MirsadJSONDate.day(now.addingTimeInterval(-minimumAge)))"
            )
        }
        return try await writer.submit { tx in
            let row = try await tx.db.select().column(SQLFunction("max", args: SQLColumn("id")), as: "last")
                .from("events").where("at_ms", .lessThan, before.epochMilliseconds).first()
            guard let last = try row?.decode(column: "last", as: Int64?.self), last > 0 else { return Int64(0) }
            let source = AuditHashSource(database: tx.db)
            let prefix = try await source.frontier(ofSize: UInt64(last))
            tx.stage(tx.db.delete(from: "events").where("id", .lessThanOrEqual, last).query)
            tx.stage(tx.db.delete(from: "settings").where("name", .equal, "audit-pruned-frontier").query)
            tx.stage(
                tx.db.insert(into: "settings").columns("name", "value")
                    .values(SQLBind("audit-pruned-frontier"), SQLBind(try Codec.encode(prefix))).query)
            return last
        }
    }
}

/// A signed checkpoint as stored.
public struct StoredCheckpoint: Sendable, Hashable {
    public var size: UInt64
    public var root: String
    public var at: Date
    public var note: String

    init(row: any SQLRow) throws {
        size = UInt64(try row.decode(column: "size", as: Int64.self))
        root = try row.decode(column: "root", as: String.self)
        at = Date(epochMilliseconds: try row.decode(column: "at_ms", as: Int64.self))
        note = try row.decode(column: "note", as: String.self)
    }
}

/// Leaf and subtree hashes straight from the tables, for proofs and prefix roots.
struct AuditHashSource: MerkleHashSource {
    private let read:
        @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> [MerkleHash]) async throws -> [MerkleHash]

    init(backend: any DatabaseBackend) {
        read = { body in try await backend.withReader(body) }
    }

    /// Inside a transaction that is already open.
    init(database: any SQLDatabase) {
        read = { body in try await body(database) }
    }

    var storedSubtreeLevels: MerkleSubtreeLevels { .every8 }

    func leafHashes(in range: Range<UInt64>) async throws -> [MerkleHash] {
        guard !range.isEmpty else { return [] }
        let hashes = try await read { db in
            try await db.select().column("leaf_hash").from("events")
                .where("id", .greaterThan, Int64(range.lowerBound)).where(
                    "id", .lessThanOrEqual, Int64(range.upperBound)
                )
                .orderBy("id").all().map { try MerkleHash(base64: try $0.decode(column: "leaf_hash", as: String.self)) }
        }
        guard hashes.count == range.count else { throw StoreError.corrupt("audit leaves \(range) are incomplete") }
        return hashes
    }

    func subtreeHashes(level: Int, in range: Range<UInt64>) async throws -> [MerkleHash] {
        guard !range.isEmpty else { return [] }
        let hashes = try await read { db in
            try await db.select().column("hash").from("audit_subtrees").where("level", .equal, level)
                .where("idx", .greaterThanOrEqual, Int64(range.lowerBound)).where(
                    "idx", .lessThan, Int64(range.upperBound)
                )
                .orderBy("idx").all().map { try MerkleHash(base64: try $0.decode(column: "hash", as: String.self)) }
        }
        guard hashes.count == range.count else {
            throw StoreError.corrupt("audit subtrees \(level)/\(range) are incomplete")
        }
        return hashes
    }
}

/// Calendar days for messages.
enum MirsadJSONDate {
    static func day(_ date: Date) -> String { String(date.formatted(.iso8601.year().month().day())) }
}
