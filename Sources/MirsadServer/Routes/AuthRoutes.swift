import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore

struct LoginRequest: StrictBody {
    var username: String
    var password: String
    /// The current TOTP code, for accounts with a second factor.
    var otp: String?
    static let shape = JSONShape.object(["username": .value, "password": .value, "otp": .value])
}

struct LoginReply: Codable, Sendable {
    struct User: Codable, Sendable {
        var username: String
        var role: Role
        var sector: String
    }
    var token: String
    var tokenType = "Bearer"
    var expiresAt: Date
    var user: User
}

/// `POST /v1/auth/login` and `POST /v1/auth/logout`.
struct AuthRoutes {
    let services: AppServices

    func addPublic(to group: RouterGroup<MirsadRequestContext>) {
        group.post("auth/login") { request, _ in try await login(request) }
    }

    func addProtected(to group: RouterGroup<MirsadRequestContext>) {
        group.post("auth/logout") { _, context in
            let principal = try context.requirePrincipal()
            try await services.store.endSessions(
                ids: [principal.sessionID], reason: "logout",
                audit: [(.securityEvent(SecurityEvent(action: .logout, outcome: "success", subject: principal.username)),
                         sectors: [])],
                actor: principal.actor)
            await services.sessions.forget(principal.sessionID)
            await services.hub.endSession(principal.sessionID, reason: "logged out")
            return Response(status: .noContent)
        }
        group.get("auth/me") { _, context in
            let principal = try context.requirePrincipal()
            return try JSONReply(LoginReply.User(username: principal.username, role: principal.role,
                                                 sector: principal.sector))
        }
    }

    private func login(_ request: Request) async throws -> JSONReply {
        let body = try await StrictJSON.decode(LoginRequest.self, from: request, limit: 8 * 1024)
        let store = services.store
        let now = services.clock.now()
        let limits = services.limits
        func fail(_ action: SecurityEvent.Action, _ detail: String, user: UserRecord? = nil, failures: Int = 0,
                  lockedUntil: Date? = nil) async throws -> Never {
            let event = EventPayload.securityEvent(SecurityEvent(
                action: action, outcome: "failure", subject: body.username, detail: detail))
            if let user {
                try await store.recordLogin(username: user.username, failedLogins: failures, lockedUntil: lockedUntil,
                                            session: nil, audit: [(event, sectors: [])], actor: .system)
            } else {
                _ = try await store.audit([(event, sectors: [])], actor: .system)
            }
            throw Problem(status: .unauthorized, code: "invalid-credentials", title: "Login failed",
                          detail: "the username or password is not correct")
        }

        guard let user = try await store.user(body.username) else {
            _ = try await services.hasher.verify(body.password, hash: services.dummyHash)
            try await fail(.loginFailed, "unknown user")
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            _ = try await store.audit([(.securityEvent(SecurityEvent(
                action: .loginFailed, outcome: "failure", subject: user.username, detail: "account locked")),
                sectors: [])], actor: .system)
            throw Problem(status: HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), code: "account-locked", title: "Account locked",
                          detail: "too many failed logins; try again after \(MirsadJSON.formatTimestamp(lockedUntil)) or ask an administrator")
        }
        guard try await services.hasher.verify(body.password, hash: user.passwordHash) else {
            let failures = user.failedLogins + 1
            if failures >= limits.lockoutThreshold {
                try await fail(.accountLocked, "\(failures) failed logins in a row", user: user, failures: 0,
                               lockedUntil: now.addingTimeInterval(limits.lockoutDuration))
            }
            try await fail(.loginFailed, "wrong password", user: user, failures: failures)
        }
        guard !user.disabled else { try await fail(.loginFailed, "account disabled", user: user) }

        let session = SessionRecord(
            id: UUID(), username: user.username, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(limits.sessionLifetime))
        try await store.recordLogin(
            username: user.username, failedLogins: 0, lockedUntil: nil, session: session,
            audit: [(.securityEvent(SecurityEvent(action: .login, outcome: "success", subject: user.username)),
                     sectors: [])],
            actor: Actor(username: user.username, role: user.role, sector: user.sector))
        let token = try await services.tokens.issue(for: session, role: user.role, sector: user.sector)
        return try JSONReply(LoginReply(
            token: token, expiresAt: session.expiresAt,
            user: .init(username: user.username, role: user.role, sector: user.sector)))
    }
}
