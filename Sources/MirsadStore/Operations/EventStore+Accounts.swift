import Foundation
import MirsadDomain
import SQLKit

/// A login session; the bearer token names it, so ending it here ends the token.
public struct SessionRecord: Codable, Hashable, Sendable {
    public var id: UUID
    public var username: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date
    public var endedAt: Date?
    public var endReason: String?

    public init(
        id: UUID, username: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        endedAt: Date? = nil, endReason: String? = nil
    ) {
        self.id = id
        self.username = username
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.endedAt = endedAt
        self.endReason = endReason
    }
}

extension EventStore {
    public func user(_ username: String) async throws -> Account? {
        try await backend.withReader { db in
            guard let row = try await db.select().column("*").from("users").where("username", .equal, username).first()
            else { return nil }
            return try Account(row: row, secrets: self.secrets)
        }
    }

    public func users() async throws -> [Account] {
        try await backend.withReader { db in
            try await db.select().column("*").from("users").orderBy("username").all()
                .map { try Account(row: $0, secrets: self.secrets) }
        }
    }

    /// Appends audit events that accompany no state change (denials, restricted reads).
    public func audit(_ payloads: [(EventPayload, sectors: [String])], actor: Actor) async throws -> [EventEnvelope] {
        try await writer.submit { tx in tx.append(payloads, actor: actor) }
    }

    public func session(_ id: UUID) async throws -> SessionRecord? {
        try await backend.withReader { db in
            guard
                let row = try await db.select().column("*").from("sessions").where("id", .equal, id.uuidString).first()
            else { return nil }
            return try SessionRecord(row: row)
        }
    }

    /// Open sessions of a user.
    public func openSessions(of username: String) async throws -> [SessionRecord] {
        let now = clock.now().epochMilliseconds
        return try await backend.withReader { db in
            try await db.select().column("*").from("sessions").where("username", .equal, username)
                .where("ended_ms", .is, SQLLiteral.null).where("expires_ms", .greaterThan, now).all()
                .map(SessionRecord.init(row:))
        }
    }

    /// Notes activity on a session (for the idle timeout); cheap and not audited.
    public func touchSession(_ id: UUID, at: Date) async throws {
        try await writer.submit { tx in
            tx.stage(
                tx.db.update("sessions").set("last_seen_ms", to: at.epochMilliseconds)
                    .where("id", .equal, id.uuidString).query)
        } as Void
    }
}

extension Account {
    /// Marks a second-factor secret that is waiting for its first code.
    private static let pendingMark = "pending:"

    init(row: any SQLRow, secrets: SecretSealer) throws {
        let roleName = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleName) else { throw StoreError.corrupt("unknown role \(roleName)") }
        let secret = try row.decode(column: "totp_secret", as: String?.self).map { try secrets.open($0) }
        let secondFactor: SecondFactorState =
            switch secret {
            case nil: .none
            case let secret? where secret.hasPrefix(Self.pendingMark):
                .pending(secret: String(secret.dropFirst(Self.pendingMark.count)))
            case let secret?:
                .active(secret: secret, lastStep: try row.decode(column: "totp_last_step", as: Int64?.self))
            }
        self.init(
            username: try row.decode(column: "username", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            role: role,
            sector: try row.decode(column: "sector", as: String.self),
            disabled: try row.decode(column: "disabled", as: Int.self) != 0,
            failedLogins: try row.decode(column: "failed_logins", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until_ms", as: Int64?.self).map(Date.init(epochMilliseconds:)),
            secondFactor: secondFactor,
            demoPassword: (try row.decode(column: "demo_password", as: Int?.self) ?? 0) != 0,
            createdAt: Date(epochMilliseconds: try row.decode(column: "created_ms", as: Int64.self)),
            passwordChangedAt: Date(epochMilliseconds: try row.decode(column: "password_changed_ms", as: Int64.self)))
    }

    /// The stored secret column (sealed by the caller) and the last accepted step.
    var storedSecondFactor: (secret: String?, lastStep: Int64?) {
        switch secondFactor {
        case .none: (nil, nil)
        case .pending(let secret): (Self.pendingMark + secret, nil)
        case .active(let secret, let lastStep): (secret, lastStep)
        }
    }
}

extension SessionRecord {
    init(row: any SQLRow) throws {
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)) else {
            throw StoreError.corrupt("session id")
        }
        self.init(
            id: id,
            username: try row.decode(column: "username", as: String.self),
            createdAt: Date(epochMilliseconds: try row.decode(column: "created_ms", as: Int64.self)),
            lastSeenAt: Date(epochMilliseconds: try row.decode(column: "last_seen_ms", as: Int64.self)),
            expiresAt: Date(epochMilliseconds: try row.decode(column: "expires_ms", as: Int64.self)),
            endedAt: try row.decode(column: "ended_ms", as: Int64?.self).map(Date.init(epochMilliseconds:)),
            endReason: try row.decode(column: "end_reason", as: String?.self))
    }
}
