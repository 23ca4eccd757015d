import Crypto
import Foundation
import MirsadDomain
import SQLKit

/// A unit's own AVL credential: a device in the vehicle posts its positions with it, and with
/// it alone (it opens no other route and speaks for no other unit). Only a hash of the secret
/// is stored; the token is shown once, when it is issued.
public struct UnitTokenRecord: Hashable, Sendable {
    public var id: UUID
    public var unitId: UUID
    public var createdAt: Date
    public var revokedAt: Date?
}

/// A freshly issued unit token (the only time its secret is known).
public struct IssuedUnitToken: Sendable {
    public var record: UnitTokenRecord
    /// `mdt_<id>_<secret>`, for the device's `Authorization: Bearer` header.
    public var token: String
}

extension EventStore {
    /// How a unit's device credential begins (user tokens are JWTs and never do).
    public static let unitTokenPrefix = "mdt_"

    /// Issues a new AVL credential for a unit, audited.
    public func issueUnitToken(unitId: UUID, actor: Actor) async throws -> IssuedUnitToken {
        guard let unit = catalog?.units[unitId] else { throw DomainError.notFound(kind: "unit", id: unitId.uuidString) }
        let id = UUID()
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let secret = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let hash = Self.hashUnitSecret(secret)
        let record = try await writer.submit { tx in
            tx.stage(
                tx.db.insert(into: "unit_tokens").columns("id", "unit_id", "secret_hash", "created_ms")
                    .values(
                        SQLBind(id.uuidString), SQLBind(unitId.uuidString), SQLBind(hash),
                        SQLBind(tx.now.epochMilliseconds)
                    ).query)
            _ = tx.append(
                [
                    (
                        .securityEvent(
                            SecurityEvent(
                                action: .unitTokenIssued, outcome: "success", subject: unit.callSign,
                                detail: "AVL credential \(id.uuidString) for unit \(unit.callSign)")), sectors: []
                    )
                ], actor: actor)
            return UnitTokenRecord(id: id, unitId: unitId, createdAt: tx.now, revokedAt: nil)
        }
        return IssuedUnitToken(record: record, token: Self.unitTokenPrefix + id.uuidString.lowercased() + "_" + secret)
    }

    /// Revokes every live AVL credential of a unit, audited; returns how many.
    public func revokeUnitTokens(unitId: UUID, actor: Actor) async throws -> Int {
        guard let unit = catalog?.units[unitId] else { throw DomainError.notFound(kind: "unit", id: unitId.uuidString) }
        return try await writer.submit { tx in
            let live = try await tx.db.select().column("id").from("unit_tokens")
                .where("unit_id", .equal, unitId.uuidString).where("revoked_ms", .is, SQLLiteral.null).all()
            guard !live.isEmpty else { return 0 }
            tx.stage(
                tx.db.update("unit_tokens").set("revoked_ms", to: tx.now.epochMilliseconds)
                    .where("unit_id", .equal, unitId.uuidString).where("revoked_ms", .is, SQLLiteral.null).query)
            _ = tx.append(
                [
                    (
                        .securityEvent(
                            SecurityEvent(
                                action: .unitTokenRevoked, outcome: "success", subject: unit.callSign,
                                detail: "\(live.count) AVL credential(s) of unit \(unit.callSign) revoked")),
                        sectors: []
                    )
                ], actor: actor)
            return live.count
        }
    }

    /// The unit a presented AVL token speaks for, or nil when it is unknown, wrong or revoked.
    public func unitForToken(_ token: String) async throws -> UUID? {
        guard token.hasPrefix(Self.unitTokenPrefix) else { return nil }
        let rest = token.dropFirst(Self.unitTokenPrefix.count)
        guard let separator = rest.firstIndex(of: "_"), let id = UUID(uuidString: String(rest[..<separator])) else {
            return nil
        }
        let presented = Self.hashUnitSecret(String(rest[rest.index(after: separator)...]))
        return try await backend.withReader { db in
            guard
                let row = try await db.select().column("unit_id").column("secret_hash").column("revoked_ms")
                    .from("unit_tokens").where("id", .equal, id.uuidString).first(),
                try row.decode(column: "revoked_ms", as: Int64?.self) == nil
            else { return nil }
            let stored = try row.decode(column: "secret_hash", as: String.self)
            // Constant-time comparison of equal-length hex digests.
            guard stored.utf8.count == presented.utf8.count,
                zip(stored.utf8, presented.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
            else { return nil }
            return UUID(uuidString: try row.decode(column: "unit_id", as: String.self))
        }
    }

    static func hashUnitSecret(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
