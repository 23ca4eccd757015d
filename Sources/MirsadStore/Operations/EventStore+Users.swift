import Foundation
import MirsadDomain
import SQLKit

/// A stored account (the password hash never leaves the server).
public struct UserRecord: Codable, Hashable, Sendable {
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var sector: String
    public var disabled: Bool
    public var failedLogins: Int
    public var lockedUntil: Date?
    /// The TOTP secret in the clear (sealed with the secrets key in the database).
    public var totpSecret: String?
    /// The last TOTP time step accepted: a code of that step or an earlier one is refused (replay).
    public var totpLastStep: Int64?
    /// The account still has the password a demo derived from its seed: never on a network.
    public var demoPassword: Bool
    public var createdAt: Date
    public var passwordChangedAt: Date

    public init(
        username: String, passwordHash: String, role: Role, sector: String, disabled: Bool = false,
        failedLogins: Int = 0, lockedUntil: Date? = nil, totpSecret: String? = nil, totpLastStep: Int64? = nil,
        demoPassword: Bool = false, createdAt: Date, passwordChangedAt: Date
    ) {
        self.totpLastStep = totpLastStep
        self.demoPassword = demoPassword
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.sector = sector
        self.disabled = disabled
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.totpSecret = totpSecret
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt
    }
}

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
    /// Creates an account, or replaces it when `replace` is set; audited as `user.changed`.
    /// When a change ends the account's sessions (`UserChange.endsSessions`), its open sessions
    /// end in the same transaction, each with a `sessionEnded` entry, so every instance's
    /// session reactor closes them. Returns the events written.
    @discardableResult
    public func saveUser(
        _ user: UserRecord, actor: Actor, changes: [UserChange], replace: Bool = false
    ) async throws -> [EventEnvelope] {
        guard user.username != Actor.system.username else {
            throw DomainError.invalidField(field: "username", reason: "'system' is reserved")
        }
        let sealed = try user.totpSecret.map { try secrets.seal($0) }
        return try await writer.submit { tx in
            let exists =
                try await tx.db.select().column("username").from("users")
                .where("username", .equal, user.username).first() != nil
            if exists && !replace { throw DomainError.conflict(reason: "user \(user.username) already exists") }
            if !exists && replace { throw DomainError.notFound(kind: "user", id: user.username) }
            tx.stage(tx.db.delete(from: "users").where("username", .equal, user.username).query)
            tx.stage(
                tx.db.insert(into: "users")
                    .columns(
                        "username", "password_hash", "role", "sector", "disabled", "failed_logins", "locked_until_ms",
                        "totp_secret", "totp_last_step", "demo_password", "created_ms", "password_changed_ms"
                    )
                    .values(
                        SQLBind(user.username), SQLBind(user.passwordHash), SQLBind(user.role.rawValue),
                        SQLBind(user.sector), SQLBind(user.disabled ? 1 : 0), SQLBind(user.failedLogins),
                        SQLBind(user.lockedUntil?.epochMilliseconds), SQLBind(sealed),
                        SQLBind(user.totpLastStep), SQLBind(user.demoPassword ? 1 : 0),
                        SQLBind(user.createdAt.epochMilliseconds), SQLBind(user.passwordChangedAt.epochMilliseconds)
                    )
                    .query)
            let changed = UserChanged(
                username: user.username, changes: changes, role: user.role.rawValue, sector: user.sector)
            var events = tx.append([(.userChanged(changed), sectors: [])], actor: actor)
            if changed.endsSessions {
                let now = tx.now.epochMilliseconds
                let open = try await tx.db.select().column("id").from("sessions").where(
                    "username", .equal, user.username
                )
                .where("ended_ms", .is, SQLLiteral.null).where("expires_ms", .greaterThan, now).all()
                .map { try $0.decode(column: "id", as: String.self) }
                if !open.isEmpty {
                    tx.stage(
                        tx.db.update("sessions").set("ended_ms", to: now).set("end_reason", to: changed.change)
                            .where("id", .in, open).where("ended_ms", .is, SQLLiteral.null).query)
                    events += tx.append(
                        open.compactMap(UUID.init(uuidString:)).map { id in
                            (
                                .securityEvent(
                                    SecurityEvent(
                                        action: .sessionEnded, outcome: "success", subject: user.username,
                                        sessionId: id, detail: changed.change)), sectors: []
                            )
                        }, actor: actor)
                }
            }
            return events
        }
    }

    public func user(_ username: String) async throws -> UserRecord? {
        try await backend.withReader { db in
            guard let row = try await db.select().column("*").from("users").where("username", .equal, username).first()
            else { return nil }
            return try UserRecord(row: row, secrets: self.secrets)
        }
    }

    public func users() async throws -> [UserRecord] {
        try await backend.withReader { db in
            try await db.select().column("*").from("users").orderBy("username").all()
                .map { try UserRecord(row: $0, secrets: self.secrets) }
        }
    }

    /// What one failed credential check did to the account.
    public struct FailureCount: Sendable, Equatable {
        /// Failures in a row, this one included (0 once the account locked).
        public var failures: Int
        /// Set when this failure locked the account.
        public var lockedUntil: Date?
    }

    /// Counts a failed password or code toward the lockout, atomically in the database (the
    /// counter is incremented by the UPDATE itself, so concurrent failures on any instance all
    /// count), locking the account for `lockFor` when `threshold` is reached. The audit entry
    /// is written in the same transaction: `audit` is given the outcome and returns the entry.
    public func countFailure(
        username: String, threshold: Int, lockFor: TimeInterval, actor: Actor,
        audit: @escaping @Sendable (FailureCount) -> [(EventPayload, sectors: [String])]
    ) async throws -> FailureCount {
        try await writer.submit { tx in
            let lockUntil = tx.now.addingTimeInterval(lockFor).epochMilliseconds
            let rows = try await tx.db.raw(
                """
                UPDATE users SET
                    locked_until_ms = CASE WHEN failed_logins + 1 >= \(bind: threshold) THEN \(bind: lockUntil) ELSE locked_until_ms END,
                    failed_logins = CASE WHEN failed_logins + 1 >= \(bind: threshold) THEN 0 ELSE failed_logins + 1 END
                WHERE username = \(bind: username)
                RETURNING failed_logins, locked_until_ms
                """
            ).all()
            var outcome = FailureCount(failures: 0, lockedUntil: nil)
            if let row = rows.first {
                let failures = try row.decode(column: "failed_logins", as: Int.self)
                let locked = try row.decode(column: "locked_until_ms", as: Int64?.self)
                outcome.failures = failures
                if failures == 0, let locked, locked == lockUntil {
                    outcome.lockedUntil = Date(epochMilliseconds: locked)
                }
            }
            _ = tx.append(audit(outcome), actor: actor)
            return outcome
        }
    }

    /// Accepts a TOTP time step once: true if `step` is later than any step accepted before
    /// (decided by the UPDATE itself, so two logins replaying one code cannot both pass).
    public func consumeTOTPStep(username: String, step: Int64) async throws -> Bool {
        try await writer.submit { tx in
            let rows = try await tx.db.raw(
                """
                UPDATE users SET totp_last_step = \(bind: step)
                WHERE username = \(bind: username) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
                RETURNING totp_last_step
                """
            ).all()
            return !rows.isEmpty
        }
    }

    /// Records a login attempt's effect on the account and the audit trail in one write:
    /// the failure counter, a lock, or a new session.
    public func recordLogin(
        username: String, failedLogins: Int, lockedUntil: Date?, session: SessionRecord?,
        audit: [(EventPayload, sectors: [String])], actor: Actor
    ) async throws {
        try await writer.submit { tx in
            if session != nil {
                // A lock another request set after this login's checks wins: no session then.
                let locked = try await tx.db.select().column("locked_until_ms").from("users")
                    .where("username", .equal, username).first()
                    .flatMap { try $0.decode(column: "locked_until_ms", as: Int64?.self) }
                if let locked, locked > tx.now.epochMilliseconds {
                    throw AccountLocked(until: Date(epochMilliseconds: locked))
                }
            }
            tx.stage(
                tx.db.update("users").set("failed_logins", to: failedLogins)
                    .set("locked_until_ms", to: lockedUntil?.epochMilliseconds)
                    .where("username", .equal, username).query)
            if let session {
                tx.stage(
                    tx.db.insert(into: "sessions")
                        .columns("id", "username", "created_ms", "last_seen_ms", "expires_ms")
                        .values(
                            SQLBind(session.id.uuidString), SQLBind(session.username),
                            SQLBind(session.createdAt.epochMilliseconds), SQLBind(session.lastSeenAt.epochMilliseconds),
                            SQLBind(session.expiresAt.epochMilliseconds)
                        )
                        .query)
            }
            _ = tx.append(audit, actor: actor)
        } as Void
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

    /// Ends sessions (logout, admin kill, disabled account, password change), audited.
    public func endSessions(
        ids: [UUID], reason: String, audit: [(EventPayload, sectors: [String])], actor: Actor
    ) async throws {
        guard !ids.isEmpty || !audit.isEmpty else { return }
        try await writer.submit { tx in
            if !ids.isEmpty {
                tx.stage(
                    tx.db.update("sessions").set("ended_ms", to: tx.now.epochMilliseconds)
                        .set("end_reason", to: reason)
                        .where("id", .in, ids.map(\.uuidString)).where("ended_ms", .is, SQLLiteral.null).query)
            }
            _ = tx.append(audit, actor: actor)
        } as Void
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

/// A login that passed its checks found the account locked by a concurrent failure.
public struct AccountLocked: Error, Sendable {
    public var until: Date
}

extension UserRecord {
    init(row: any SQLRow, secrets: SecretSealer) throws {
        let roleName = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleName) else { throw StoreError.corrupt("unknown role \(roleName)") }
        self.init(
            username: try row.decode(column: "username", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            role: role,
            sector: try row.decode(column: "sector", as: String.self),
            disabled: try row.decode(column: "disabled", as: Int.self) != 0,
            failedLogins: try row.decode(column: "failed_logins", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until_ms", as: Int64?.self).map(Date.init(epochMilliseconds:)),
            totpSecret: try row.decode(column: "totp_secret", as: String?.self).map { try secrets.open($0) },
            totpLastStep: try row.decode(column: "totp_last_step", as: Int64?.self),
            demoPassword: (try row.decode(column: "demo_password", as: Int?.self) ?? 0) != 0,
            createdAt: Date(epochMilliseconds: try row.decode(column: "created_ms", as: Int64.self)),
            passwordChangedAt: Date(epochMilliseconds: try row.decode(column: "password_changed_ms", as: Int64.self)))
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
