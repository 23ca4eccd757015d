import Foundation
import HTTPTypes
import Hummingbird
import MirsadAudit
import MirsadDomain
import MirsadStore
import NIOCore

/// The transparency side of the audit trail. Checkpoints, the public key and proofs carry
/// only hashes and signatures, so they are public (rate-limited): another agency can fetch and
/// keep checkpoints and check any proof without an account. Entries themselves are for
/// auditors only.
struct AuditRoutes {
    let services: AppServices

    func addPublic(to group: RouterGroup<MirsadRequestContext>) {
        group.get("audit/checkpoint", use: checkpoint)
        group.get("audit/key", use: key)
        group.get("audit/proof/inclusion", use: inclusionProof)
        group.get("audit/proof/consistency", use: consistencyProof)
    }

    func addProtected(to group: RouterGroup<MirsadRequestContext>) {
        group.get("audit/entries", use: entries)
    }

    @Sendable func checkpoint(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        guard let checkpoint = try await services.store.latestCheckpoint() else {
            throw Problem.notFound("checkpoint (none signed yet)")
        }
        return Self.text(checkpoint.note)
    }

    @Sendable func key(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        guard let key = try await services.store.readAuditPublicKey() else { throw Problem.notFound("audit key") }
        return Self.text(key + "\n")
    }

    @Sendable func inclusionProof(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let id = try Self.integer(request, "id", minimum: 1)
        let head = try await services.store.auditHead().size
        let size = try Self.optionalInteger(request, "size", minimum: 1) ?? head
        guard size <= head else { throw Problem.invalidField("size", "the log holds \(head) entries") }
        guard id <= size else { throw Problem.invalidField("id", "must be at most size (\(size))") }
        let proof = try await services.store.inclusionProof(leafIndex: id - 1, treeSize: size)
        let root = try await services.store.auditRoot(ofSize: size)
        return try JSONReply(
            InclusionReply(
                eventId: id, leafIndex: proof.leafIndex, treeSize: proof.treeSize,
                rootHash: root, hashes: proof.hashes))
    }

    @Sendable func consistencyProof(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let from = try Self.integer(request, "from", minimum: 1)
        let head = try await services.store.auditHead().size
        let to = try Self.optionalInteger(request, "to", minimum: 1) ?? head
        guard to <= head else { throw Problem.invalidField("to", "the log holds \(head) entries") }
        guard from <= to else { throw Problem.invalidField("from", "must be at most to (\(to))") }
        let proof = try await services.store.consistencyProof(from: from, to: to)
        return try JSONReply(
            ConsistencyReply(
                fromSize: from, toSize: to, fromRoot: try await services.store.auditRoot(ofSize: from),
                toRoot: try await services.store.auditRoot(ofSize: to), hashes: proof.hashes))
    }

    @Sendable func entries(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readAudit)
        let after = try Self.optionalInteger(request, "after", minimum: 0) ?? 0
        let limit = try Self.optionalInteger(request, "limit", minimum: 1) ?? 100
        guard limit <= 1000 else { throw Problem.invalidField("limit", "at most 1000") }
        let purpose = try AccessGate.purpose(of: request)
        let records = try await services.store.auditRecords(after: Int64(after), limit: Int(limit))
        // Auditors check the trail, not the cases: an entry holding restricted fields is
        // given in full only with a stated purpose, and that read is itself audited.
        let policy = AccessPolicy(catalog: try services.catalog())
        let restricted = Set(records.filter { Self.holdsRestricted($0, policy: policy) }.map(\.sequence))
        if let purpose, let first = restricted.min(), let last = restricted.max() {
            _ = try await services.store.audit(
                [
                    (
                        .securityEvent(
                            SecurityEvent(
                                action: .restrictedRead, outcome: "success", subject: principal.username,
                                purpose: purpose,
                                detail:
                                    "GET /v1/audit/entries: \(restricted.count) entries between \(first) and \(last)")),
                        sectors: []
                    )
                ], actor: principal.actor)
        }
        return try JSONReply([
            "entries": records.map { record in
                let withheld = purpose == nil && restricted.contains(record.sequence)
                return AuditEntryView(
                    id: record.sequence, leafHash: record.storedLeafHash?.base64 ?? "",
                    entry: withheld ? nil : String(decoding: record.entry, as: UTF8.self),
                    redacted: withheld ? true : nil)
            }
        ])
    }

    /// Whether the entry's event carries a field some incident type restricts.
    static func holdsRestricted(_ record: AuditRecord, policy: AccessPolicy) -> Bool {
        guard let event = try? MirsadJSON.decoder().decode(EventEnvelope.self, from: record.entry) else { return false }
        return policy.liveFrame(of: event) != event
    }

    static func text(_ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func integer(_ request: Request, _ name: String, minimum: UInt64) throws -> UInt64 {
        guard let value = try optionalInteger(request, name, minimum: minimum) else {
            throw Problem.invalidField(name, "is required")
        }
        return value
    }

    static func optionalInteger(_ request: Request, _ name: String, minimum: UInt64) throws -> UInt64? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let value = UInt64(String(text)), value >= minimum, value <= UInt64(Int64.max) else {
            throw Problem.invalidField(name, "must be an integer ≥ \(minimum)")
        }
        return value
    }
}

struct InclusionReply: Codable, Sendable {
    var eventId: UInt64
    var leafIndex: UInt64
    var treeSize: UInt64
    var rootHash: MerkleHash
    var hashes: [MerkleHash]
}

struct ConsistencyReply: Codable, Sendable {
    var fromSize: UInt64
    var toSize: UInt64
    var fromRoot: MerkleHash
    var toRoot: MerkleHash
    var hashes: [MerkleHash]
}

struct AuditEntryView: Codable, Sendable {
    var id: UInt64
    var leafHash: String
    /// The entry's canonical bytes (the stored event JSON), exactly as hashed; withheld when
    /// it holds restricted fields and no purpose was stated.
    var entry: String?
    var redacted: Bool?
}
