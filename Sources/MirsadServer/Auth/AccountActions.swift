import Foundation
import HTTPTypes
import MirsadDomain
import MirsadStore

/// Ending sessions, with everything that must happen at once: the session records, the audit
/// trail, this instance's caches and live connections (other instances react to the
/// `security.sessionEnded` events through their live feed).
struct AccountActions {
    let services: AppServices

    func endSessions(ids: [UUID], username: String, reason: String, actor: Actor) async throws {
        guard !ids.isEmpty else { return }
        try await services.store.endSessions(
            ids: ids, reason: reason,
            audit: ids.map { id in
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .sessionEnded, outcome: "success", subject: username,
                            sessionId: id, detail: reason)), sectors: []
                )
            },
            actor: actor)
        for id in ids {
            await services.sessions.forget(id)
            await services.hub.endSession(id, reason: reason)
        }
    }

    func endAllSessions(of username: String, reason: String, actor: Actor, except keep: UUID? = nil) async throws {
        let ids = try await services.store.openSessions(of: username).map(\.id).filter { $0 != keep }
        try await endSessions(ids: ids, username: username, reason: reason, actor: actor)
        await services.sessions.forget(user: username)
    }

    /// Checks the password of a signed-in caller (unlock, password change, second-factor
    /// enrolment). A wrong one counts toward the lockout like a failed login, so a stolen token
    /// is no password oracle; when it locks the account, every session of the account ends.
    /// Returns the account when the password is right.
    func confirmPassword(
        _ password: String, of principal: Principal, action: SecurityEvent.Action
    ) async throws -> UserRecord {
        guard let user = try await services.store.user(principal.username) else { throw Problem.unauthorized }
        if try await services.hasher.verify(password, hash: user.passwordHash) { return user }
        let limits = services.limits
        let outcome = try await services.store.countFailure(
            username: user.username, threshold: limits.lockoutThreshold, lockFor: limits.lockoutDuration,
            actor: principal.actor
        ) { outcome in
            var entries: [(EventPayload, sectors: [String])] = [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: action, outcome: "failure", subject: principal.username,
                            sessionId: principal.sessionID,
                            detail: "wrong password (\(outcome.failures) in a row)")), sectors: []
                )
            ]
            if outcome.lockedUntil != nil {
                entries.append(
                    (
                        .securityEvent(
                            SecurityEvent(
                                action: .accountLocked, outcome: "failure", subject: principal.username,
                                detail: "\(limits.lockoutThreshold) wrong passwords in a row from a signed-in session")),
                        sectors: []
                    ))
            }
            return entries
        }
        if outcome.lockedUntil != nil {
            try await endAllSessions(of: user.username, reason: "account locked", actor: principal.actor)
            throw Problem.accountLocked(until: outcome.lockedUntil)
        }
        throw Problem(
            status: .unauthorized, code: "invalid-credentials", title: "Wrong password",
            detail: "the password is not correct", field: "password")
    }

    /// Starts a session and returns the login reply.
    func startSession(for user: UserRecord, audit: [(EventPayload, sectors: [String])]) async throws -> LoginReply {
        let now = services.clock.now()
        let session = SessionRecord(
            id: UUID(), username: user.username, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(services.limits.sessionLifetime))
        do {
            try await services.store.recordLogin(
                username: user.username, failedLogins: 0, lockedUntil: nil, session: session, audit: audit,
                actor: Actor(username: user.username, role: user.role, sector: user.sector))
        } catch let locked as AccountLocked {
            throw Problem.accountLocked(until: locked.until)
        }
        let token = try await services.tokens.issue(for: session, role: user.role, sector: user.sector)
        return LoginReply(
            token: token, expiresAt: session.expiresAt,
            user: .init(username: user.username, role: user.role, sector: user.sector))
    }
}

extension Problem {
    static func accountLocked(until: Date?) -> Problem {
        Problem(
            status: HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), code: "account-locked",
            title: "Account locked",
            detail:
                "too many failed attempts; try again after \(until.map(MirsadJSON.formatTimestamp) ?? "a while") or ask an administrator"
        )
    }
}
