import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore

struct LoginRequest: StrictBody {
    var username: String
    var password: String
    /// The current TOTP code, for accounts with a second factor (required for `admin`).
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

struct PasswordBody: StrictBody {
    var password: String
    static let shape = JSONShape.object(["password": .value])
}

struct PasswordChangeBody: StrictBody {
    var currentPassword: String
    var newPassword: String
    static let shape = JSONShape.object(["currentPassword": .value, "newPassword": .value])
}

struct CodeBody: StrictBody {
    var code: String
    static let shape = JSONShape.object(["code": .value])
}

struct EnrollmentReply: Codable, Sendable {
    var secret: String
    var otpauthURL: String
}

/// `/v1/auth/*`: login (with lockout and TOTP), logout, unlock after idle, password change,
/// second-factor enrolment.
struct AuthRoutes {
    let services: AppServices
    var accounts: AccountActions { AccountActions(services: services) }

    func addPublic(to group: RouterGroup<MirsadRequestContext>) {
        group.post("auth/login") { request, _ in try await login(request) }
    }

    func addProtected(to group: RouterGroup<MirsadRequestContext>) {
        group.post("auth/logout") { _, context in
            let principal = try context.requirePrincipal()
            try await services.store.endSessions(
                ids: [principal.sessionID], reason: "logout",
                audit: [(.securityEvent(SecurityEvent(action: .logout, outcome: "success", subject: principal.username,
                                                      sessionId: principal.sessionID)), sectors: [])],
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
        group.post("auth/unlock") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await StrictJSON.decode(PasswordBody.self, from: request, limit: 8 * 1024)
            guard let user = try await services.store.user(principal.username),
                try await services.hasher.verify(body.password, hash: user.passwordHash)
            else {
                _ = try await services.store.audit([(.securityEvent(SecurityEvent(
                    action: .sessionUnlocked, outcome: "failure", subject: principal.username,
                    sessionId: principal.sessionID)), sectors: [])], actor: principal.actor)
                throw Problem(status: .unauthorized, code: "invalid-credentials", title: "Unlock failed",
                              detail: "the password is not correct")
            }
            try await services.sessions.unlock(principal.sessionID)
            _ = try await services.store.audit([(.securityEvent(SecurityEvent(
                action: .sessionUnlocked, outcome: "success", subject: principal.username,
                sessionId: principal.sessionID)), sectors: [])], actor: principal.actor)
            return Response(status: .noContent)
        }
        group.post("auth/password") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await StrictJSON.decode(PasswordChangeBody.self, from: request, limit: 8 * 1024)
            guard var user = try await services.store.user(principal.username),
                try await services.hasher.verify(body.currentPassword, hash: user.passwordHash)
            else { throw Problem.invalidField("currentPassword", "is not correct") }
            try PasswordHasher.validate(body.newPassword, field: "newPassword")
            user.passwordHash = try await services.hasher.hash(body.newPassword)
            user.passwordChangedAt = services.clock.now()
            try await services.store.saveUser(user, actor: principal.actor, change: "password changed", replace: true)
            // Every session that existed before the change ends; the caller gets a fresh one.
            try await accounts.endAllSessions(of: user.username, reason: "password changed", actor: principal.actor)
            return try JSONReply(try await accounts.startSession(for: user, audit: [
                (.securityEvent(SecurityEvent(action: .passwordChanged, outcome: "success", subject: user.username)),
                 sectors: [])
            ]))
        }
        group.post("auth/totp") { _, context in
            let principal = try context.requirePrincipal()
            guard var user = try await services.store.user(principal.username) else { throw Problem.unauthorized }
            if let secret = user.totpSecret, !secret.hasPrefix(SecondFactor.pendingPrefix) {
                throw Problem(status: .conflict, code: "conflict", title: "Already enrolled",
                              detail: "a second factor is already active; an administrator can reset it")
            }
            let secret = SecondFactor.newSecret()
            user.totpSecret = SecondFactor.pendingPrefix + secret
            try await services.store.saveUser(user, actor: principal.actor, change: "second factor started", replace: true)
            return try JSONReply(EnrollmentReply(
                secret: secret, otpauthURL: SecondFactor.enrollmentURL(secret: secret, username: user.username)),
                status: .created)
        }
        group.post("auth/totp/confirm") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await StrictJSON.decode(CodeBody.self, from: request, limit: 1024)
            guard var user = try await services.store.user(principal.username),
                let pending = user.totpSecret, pending.hasPrefix(SecondFactor.pendingPrefix)
            else { throw Problem(status: .conflict, code: "conflict", title: "Nothing to confirm",
                                 detail: "start with POST /v1/auth/totp") }
            let secret = String(pending.dropFirst(SecondFactor.pendingPrefix.count))
            guard SecondFactor.isValid(code: body.code, secret: secret, at: services.clock.now()) else {
                throw Problem.invalidField("code", "does not match the authenticator")
            }
            user.totpSecret = secret
            try await services.store.saveUser(user, actor: principal.actor, change: "second factor enrolled", replace: true)
            _ = try await services.store.audit([(.securityEvent(SecurityEvent(
                action: .secondFactorEnrolled, outcome: "success", subject: user.username)), sectors: [])],
                actor: principal.actor)
            return Response(status: .noContent)
        }
    }

    private func login(_ request: Request) async throws -> JSONReply {
        let body = try await StrictJSON.decode(LoginRequest.self, from: request, limit: 8 * 1024)
        let store = services.store
        let now = services.clock.now()
        let limits = services.limits
        func fail(_ action: SecurityEvent.Action, _ detail: String, user: UserRecord? = nil, failures: Int = 0,
                  lockedUntil: Date? = nil, problem: Problem? = nil) async throws -> Never {
            let event = EventPayload.securityEvent(SecurityEvent(
                action: action, outcome: "failure", subject: body.username, detail: detail))
            if let user {
                try await store.recordLogin(username: user.username, failedLogins: failures, lockedUntil: lockedUntil,
                                            session: nil, audit: [(event, sectors: [])], actor: .system)
            } else {
                _ = try await store.audit([(event, sectors: [])], actor: .system)
            }
            throw problem ?? Problem(status: .unauthorized, code: "invalid-credentials", title: "Login failed",
                                     detail: "the username, password or code is not correct")
        }

        guard let user = try await store.user(body.username) else {
            _ = try await services.hasher.verify(body.password, hash: services.dummyHash)
            try await fail(.loginFailed, "unknown user")
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            try await fail(.loginFailed, "account locked", user: user, failures: user.failedLogins,
                           lockedUntil: lockedUntil,
                           problem: Problem(status: HTTPResponse.Status(code: 423, reasonPhrase: "Locked"),
                                            code: "account-locked", title: "Account locked",
                                            detail: "too many failed logins; try again after \(MirsadJSON.formatTimestamp(lockedUntil)) or ask an administrator"))
        }
        let passwordOK = try await services.hasher.verify(body.password, hash: user.passwordHash)
        let activeSecret = user.totpSecret.flatMap { $0.hasPrefix(SecondFactor.pendingPrefix) ? nil : $0 }
        var factorOK = true
        if let activeSecret {
            factorOK = body.otp.map { SecondFactor.isValid(code: $0, secret: activeSecret, at: now) } ?? false
        }
        guard passwordOK && factorOK else {
            let failures = user.failedLogins + 1
            let detail = passwordOK ? "wrong or missing second-factor code" : "wrong password"
            if failures >= limits.lockoutThreshold {
                try await fail(.accountLocked, "\(failures) failed logins in a row (\(detail))", user: user,
                               failures: 0, lockedUntil: now.addingTimeInterval(limits.lockoutDuration))
            }
            try await fail(.loginFailed, detail, user: user, failures: failures)
        }
        guard !user.disabled else { try await fail(.loginFailed, "account disabled", user: user) }
        if user.role == .admin && activeSecret == nil {
            try await fail(.loginFailed, "administrator without a second factor", user: user,
                           problem: Problem.forbidden("administrators must use a second factor; an administrator enrols it with `mirsad users add` or POST /v1/admin/users/{username}/totp"))
        }
        return try JSONReply(try await accounts.startSession(for: user, audit: [
            (.securityEvent(SecurityEvent(action: .login, outcome: "success", subject: user.username)), sectors: [])
        ]))
    }
}
