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
    static let shape = JSONShape.documented("post", "/v1/auth/login")
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
    static let shape = JSONShape.documented("post", "/v1/auth/unlock")
}

struct PasswordChangeBody: StrictBody {
    var currentPassword: String
    var newPassword: String
    static let shape = JSONShape.documented("post", "/v1/auth/password")
}

struct CodeBody: StrictBody {
    var code: String
    static let shape = JSONShape.documented("post", "/v1/auth/totp/confirm")
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
        group.post("auth/logout", use: logout)
        group.get("auth/me", use: me)
        group.post("auth/unlock", use: unlock)
        group.post("auth/password", use: changePassword)
        group.post("auth/totp", use: startSecondFactor)
        group.post("auth/totp/confirm", use: confirmSecondFactor)
    }

    @Sendable func logout(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try await services.store.endSessions(
            ids: [principal.sessionID], reason: "logout",
            audit: [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .logout, outcome: "success", subject: principal.username,
                            sessionId: principal.sessionID)), sectors: []
                )
            ],
            actor: principal.actor)
        await services.sessions.forget(principal.sessionID)
        await services.hub.endSession(principal.sessionID, reason: "logged out")
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        return try JSONReply(
            LoginReply.User(
                username: principal.username, role: principal.role,
                sector: principal.sector))
    }

    @Sendable func unlock(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        let body = try await StrictJSON.decode(PasswordBody.self, from: request, limit: 8 * 1024)
        _ = try await accounts.confirmPassword(body.password, of: principal, action: .sessionUnlocked)
        try await services.sessions.unlock(principal.sessionID)
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .sessionUnlocked, outcome: "success", subject: principal.username,
                            sessionId: principal.sessionID)), sectors: []
                )
            ], actor: principal.actor)
        return Response(status: .noContent)
    }

    @Sendable func changePassword(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        let body = try await StrictJSON.decode(PasswordChangeBody.self, from: request, limit: 8 * 1024)
        try PasswordHasher.validate(body.newPassword, field: "newPassword")
        var user: UserRecord
        do {
            user = try await accounts.confirmPassword(body.currentPassword, of: principal, action: .passwordChanged)
        } catch let problem as Problem where problem.type.hasSuffix("/invalid-credentials") {
            throw Problem.invalidField("currentPassword", "is not correct")
        }
        user.passwordHash = try await services.hasher.hash(body.newPassword)
        user.passwordChangedAt = services.clock.now()
        user.demoPassword = false
        // Every session that existed before the change ends with it; the caller gets a fresh one.
        let events = try await services.store.saveUser(
            user, actor: principal.actor, changes: [.passwordChanged], replace: true)
        await services.caughtUp(with: events, by: SessionReactor.name)
        return try JSONReply(
            try await accounts.startSession(
                for: user,
                audit: [
                    (
                        .securityEvent(
                            SecurityEvent(action: .passwordChanged, outcome: "success", subject: user.username)),
                        sectors: []
                    )
                ]))
    }

    @Sendable func startSecondFactor(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        // Enrolling a factor needs the password: a stolen token alone must not bind the
        // account to the thief's authenticator.
        let body = try await StrictJSON.decode(PasswordBody.self, from: request, limit: 8 * 1024)
        var user = try await accounts.confirmPassword(body.password, of: principal, action: .secondFactorEnrolled)
        if let secret = user.totpSecret, !secret.hasPrefix(SecondFactor.pendingPrefix) {
            throw Problem(
                status: .conflict, code: "conflict", title: "Already enrolled",
                detail: "a second factor is already active; an administrator can reset it")
        }
        let secret = SecondFactor.newSecret()
        user.totpSecret = SecondFactor.pendingPrefix + secret
        user.totpLastStep = nil
        try await services.store.saveUser(user, actor: principal.actor, changes: [.secondFactorStarted], replace: true)
        return try JSONReply(
            EnrollmentReply(
                secret: secret, otpauthURL: SecondFactor.enrollmentURL(secret: secret, username: user.username)),
            status: .created)
    }

    @Sendable func confirmSecondFactor(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        let body = try await StrictJSON.decode(CodeBody.self, from: request, limit: 1024)
        guard var user = try await services.store.user(principal.username),
            let pending = user.totpSecret, pending.hasPrefix(SecondFactor.pendingPrefix)
        else {
            throw Problem(
                status: .conflict, code: "conflict", title: "Nothing to confirm",
                detail: "start with POST /v1/auth/totp")
        }
        let secret = String(pending.dropFirst(SecondFactor.pendingPrefix.count))
        guard let step = SecondFactor.matchingStep(code: body.code, secret: secret, at: services.clock.now()) else {
            throw Problem.invalidField("code", "does not match the authenticator")
        }
        user.totpSecret = secret
        user.totpLastStep = step
        try await services.store.saveUser(user, actor: principal.actor, changes: [.secondFactorEnrolled], replace: true)
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .secondFactorEnrolled, outcome: "success", subject: user.username)), sectors: []
                )
            ],
            actor: principal.actor)
        return Response(status: .noContent)
    }

    private func login(_ request: Request) async throws -> JSONReply {
        let body = try await StrictJSON.decode(LoginRequest.self, from: request, limit: 8 * 1024)
        let store = services.store
        let now = services.clock.now()
        let limits = services.limits
        let invalid = Problem(
            status: .unauthorized, code: "invalid-credentials", title: "Login failed",
            detail: "the username, password or code is not correct")
        @Sendable func failure(_ action: SecurityEvent.Action, _ detail: String) -> (EventPayload, sectors: [String]) {
            (
                .securityEvent(
                    SecurityEvent(action: action, outcome: "failure", subject: body.username, detail: detail)),
                sectors: []
            )
        }
        /// Refuses without touching the failure counter (unknown user, locked or disabled account).
        func refuse(_ detail: String, problem: Problem) async throws -> Never {
            _ = try await store.audit([failure(.loginFailed, detail)], actor: .system)
            throw problem
        }
        /// Counts the failure toward the lockout, atomically in the database.
        func count(_ detail: String) async throws -> Never {
            _ = try await store.countFailure(
                username: body.username, threshold: limits.lockoutThreshold, lockFor: limits.lockoutDuration,
                actor: .system
            ) { outcome in
                outcome.lockedUntil == nil
                    ? [failure(.loginFailed, detail)]
                    : [failure(.accountLocked, "\(limits.lockoutThreshold) failed logins in a row (\(detail))")]
            }
            throw invalid
        }

        guard let user = try await store.user(body.username) else {
            _ = try await services.hasher.verify(body.password, hash: services.dummyHash)
            try await refuse("unknown user", problem: invalid)
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            try await refuse("account locked", problem: .accountLocked(until: lockedUntil))
        }
        let passwordOK = try await services.hasher.verify(body.password, hash: user.passwordHash)
        let activeSecret = user.totpSecret.flatMap { $0.hasPrefix(SecondFactor.pendingPrefix) ? nil : $0 }
        var step: Int64?
        if let activeSecret, let code = body.otp {
            step = SecondFactor.matchingStep(code: code, secret: activeSecret, at: now)
        }
        guard passwordOK, activeSecret == nil || step != nil else {
            try await count(passwordOK ? "wrong or missing second-factor code" : "wrong password")
        }
        guard !user.disabled else { try await refuse("account disabled", problem: invalid) }
        if user.role == .admin && activeSecret == nil {
            try await refuse(
                "administrator without a second factor",
                problem: Problem.forbidden(
                    "administrators must use a second factor; an administrator enrols it with `mirsad users add` or POST /v1/admin/users/{username}/totp"
                ))
        }
        // A code is good once: a code seen on the wire (or over a shoulder) cannot log in again.
        if let step, !(try await store.consumeTOTPStep(username: user.username, step: step)) {
            try await count("second-factor code already used")
        }
        return try JSONReply(
            try await accounts.startSession(
                for: user,
                audit: [
                    (
                        .securityEvent(SecurityEvent(action: .login, outcome: "success", subject: user.username)),
                        sectors: []
                    )
                ]))
    }
}
