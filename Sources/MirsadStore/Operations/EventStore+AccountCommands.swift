import Foundation
import MirsadDomain
import SQLKit

/// What an account command did.
public struct AccountOutcome: Sendable {
    /// The account afterwards (nil for a failure counted against an unknown name).
    public var account: Account?
    public var openedSession: SessionRecord?
    public var events: [EventEnvelope]
}

extension EventStore {
    /// Decides an account command against the account and its open sessions as the write
    /// transaction sees them, and writes the decision, its events and their audit leaves in
    /// that transaction. Every change to accounts and sessions comes this way.
    ///
    /// Rule errors are thrown as `DomainError`; the login refusals as `AccountRefusal`.
    @discardableResult
    public func execute(_ command: AccountCommand, actor: Actor) async throws -> AccountOutcome {
        let secrets = self.secrets
        do {
            return try await writer.submit { tx in
                let account = try await tx.account(command.username, secrets: secrets)
                let open = try await tx.openSessionIDs(of: command.username)
                let decision = try AccountDecider.decide(
                    command, account: account, openSessions: open, actor: actor, now: tx.now)
                if let after = decision.account, after != account { try await tx.writeAccount(after, secrets: secrets) }
                var opened: SessionRecord?
                if let grant = decision.openedSession, let owner = decision.account {
                    let session = SessionRecord(
                        id: grant.id, username: owner.username, createdAt: tx.now, lastSeenAt: tx.now,
                        expiresAt: grant.expiresAt)
                    try await tx.writeSession(session)
                    opened = session
                }
                try await tx.endSessions(decision.endedSessions, reason: decision.endReason ?? "ended")
                let events = tx.append(decision.events.map { ($0, sectors: []) }, actor: actor)
                return AccountOutcome(account: decision.account, openedSession: opened, events: events)
            }
        } catch AccountRefusal.rule(let error) {
            throw error
        }
    }
}

extension BatchTransaction {
    func account(_ username: String, secrets: SecretSealer) async throws -> Account? {
        try await db.select().column("*").from("users").where("username", .equal, username).first()
            .map { try Account(row: $0, secrets: secrets) }
    }

    func openSessionIDs(of username: String) async throws -> [UUID] {
        try await db.select().column("id").from("sessions").where("username", .equal, username)
            .where("ended_ms", .is, SQLLiteral.null).where("expires_ms", .greaterThan, now.epochMilliseconds).all()
            .compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) }
    }

    // Account writes run at once rather than at flush: a second command on the same account
    // later in this batch must read what this one decided (two failed logins both count).
    func writeAccount(_ account: Account, secrets: SecretSealer) async throws {
        let stored = account.storedSecondFactor
        let sealed = try stored.secret.map { try secrets.seal($0) }
        try await db.insert(into: "users")
            .columns(
                "username", "password_hash", "role", "sector", "disabled", "failed_logins", "locked_until_ms",
                "totp_secret", "totp_last_step", "demo_password", "created_ms", "password_changed_ms"
            )
            .values(
                SQLBind(account.username), SQLBind(account.passwordHash), SQLBind(account.role.rawValue),
                SQLBind(account.sector), SQLBind(account.disabled ? 1 : 0), SQLBind(account.failedLogins),
                SQLBind(account.lockedUntil?.epochMilliseconds), SQLBind(sealed), SQLBind(stored.lastStep),
                SQLBind(account.demoPassword ? 1 : 0), SQLBind(account.createdAt.epochMilliseconds),
                SQLBind(account.passwordChangedAt.epochMilliseconds)
            )
            .onConflict(with: ["username"]) { update in
                update.set(excludedValueOf: "password_hash").set(excludedValueOf: "role")
                    .set(excludedValueOf: "sector").set(excludedValueOf: "disabled")
                    .set(excludedValueOf: "failed_logins").set(excludedValueOf: "locked_until_ms")
                    .set(excludedValueOf: "totp_secret").set(excludedValueOf: "totp_last_step")
                    .set(excludedValueOf: "demo_password").set(excludedValueOf: "password_changed_ms")
            }
            .run()
    }

    func writeSession(_ session: SessionRecord) async throws {
        try await db.insert(into: "sessions")
            .columns("id", "username", "created_ms", "last_seen_ms", "expires_ms")
            .values(
                SQLBind(session.id.uuidString), SQLBind(session.username),
                SQLBind(session.createdAt.epochMilliseconds), SQLBind(session.lastSeenAt.epochMilliseconds),
                SQLBind(session.expiresAt.epochMilliseconds)
            )
            .run()
    }

    func endSessions(_ ids: [UUID], reason: String) async throws {
        guard !ids.isEmpty else { return }
        try await db.update("sessions").set("ended_ms", to: now.epochMilliseconds).set("end_reason", to: reason)
            .where("id", .in, ids.map(\.uuidString)).where("ended_ms", .is, SQLLiteral.null).run()
    }
}
