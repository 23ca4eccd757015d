import Foundation
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
                (.securityEvent(SecurityEvent(action: .sessionEnded, outcome: "success", subject: username,
                                              sessionId: id, detail: reason)), sectors: [])
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

    /// Starts a session and returns the login reply.
    func startSession(for user: UserRecord, audit: [(EventPayload, sectors: [String])]) async throws -> LoginReply {
        let now = services.clock.now()
        let session = SessionRecord(
            id: UUID(), username: user.username, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(services.limits.sessionLifetime))
        try await services.store.recordLogin(
            username: user.username, failedLogins: 0, lockedUntil: nil, session: session, audit: audit,
            actor: Actor(username: user.username, role: user.role, sector: user.sector))
        let token = try await services.tokens.issue(for: session, role: user.role, sector: user.sector)
        return LoginReply(token: token, expiresAt: session.expiresAt,
                          user: .init(username: user.username, role: user.role, sector: user.sector))
    }
}
