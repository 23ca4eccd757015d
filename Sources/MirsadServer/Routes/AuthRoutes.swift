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
        try await accounts.execute(
            .endSessions(
                username: principal.username, ids: [principal.sessionID], action: .logout, reason: "logged out"),
            actor: principal.actor)
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
        let user: Account
        do {
            user = try await accounts.confirmPassword(body.currentPassword, of: principal, action: .passwordChanged)
        } catch let problem as Problem where problem.type.hasSuffix("/invalid-credentials") {
            throw Problem.invalidField("currentPassword", "is not correct")
        }
        // Every session that existed before the change ends with it; the caller gets a fresh one.
        let outcome = try await accounts.execute(
            .changePassword(username: user.username, passwordHash: try await services.hasher.hash(body.newPassword)),
            actor: principal.actor)
        guard let changed = outcome.account else { throw Problem.unauthorized }
        return try JSONReply(try await accounts.startSession(for: changed, step: nil, via: .passwordChanged))
    }

    @Sendable func startSecondFactor(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try context.requirePrincipal()
        // Enrolling a factor needs the password: a stolen token alone must not bind the
        // account to the thief's authenticator.
        let body = try await StrictJSON.decode(PasswordBody.self, from: request, limit: 8 * 1024)
        let user = try await accounts.confirmPassword(body.password, of: principal, action: .secondFactorEnrolled)
        let secret = SecondFactor.newSecret()
        try await accounts.execute(.startSecondFactor(username: user.username, secret: secret), actor: principal.actor)
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
        guard let pending = try await services.store.user(principal.username)?.secondFactor.pendingSecret else {
            throw Problem(
                status: .conflict, code: "conflict", title: "Nothing to confirm",
                detail: "start with POST /v1/auth/totp")
        }
        guard let step = SecondFactor.matchingStep(code: body.code, secret: pending, at: services.clock.now()) else {
            throw Problem.invalidField("code", "does not match the authenticator")
        }
        try await accounts.execute(
            .enrollSecondFactor(username: principal.username, secret: pending, step: step), actor: principal.actor)
        return Response(status: .noContent)
    }

    private func login(_ request: Request) async throws -> JSONReply {
        let body = try await StrictJSON.decode(LoginRequest.self, from: request, limit: 8 * 1024)
        let store = services.store
        let now = services.clock.now()
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
        /// Counts the failure toward the lockout (decided in the write transaction, so
        /// concurrent failures on any instance all count).
        func count(_ detail: String, problem: Problem? = nil) async throws -> Never {
            try await accounts.execute(
                .countFailure(
                    username: body.username, action: .loginFailed, detail: detail, session: nil,
                    policy: accounts.lockout),
                actor: .system)
            throw problem ?? invalid
        }

        guard let user = try await store.user(body.username) else {
            _ = try await services.hasher.verify(body.password, hash: services.dummyHash)
            try await refuse("unknown user", problem: invalid)
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            try await refuse("account locked", problem: .accountLocked(until: lockedUntil))
        }
        let passwordOK = try await services.hasher.verify(body.password, hash: user.passwordHash)
        let activeSecret = user.secondFactor.activeSecret
        var step: Int64?
        if let activeSecret, let code = body.otp {
            step = SecondFactor.matchingStep(code: code, secret: activeSecret, at: now)
        }
        // The right password without a code asks for the code (so a sign-in form knows to show
        // its field); it still counts as a failure, so the answer is no free password oracle.
        if passwordOK, activeSecret != nil, body.otp == nil {
            try await count(
                "missing second-factor code",
                problem: Problem(
                    status: .unauthorized, code: "second-factor-required", title: "Second factor required",
                    detail: "this account needs the code of its authenticator app", field: "otp"))
        }
        guard passwordOK, activeSecret == nil || step != nil else {
            try await count(passwordOK ? "wrong second-factor code" : "wrong password")
        }
        guard !user.disabled else { try await refuse("account disabled", problem: invalid) }
        let adminWithoutFactor = Problem.forbidden(
            "administrators must use a second factor; an administrator enrols it with `mirsad users add` or POST /v1/admin/users/{username}/totp"
        )
        if user.role == .admin && activeSecret == nil {
            try await refuse("administrator without a second factor", problem: adminWithoutFactor)
        }
        do {
            return try JSONReply(try await accounts.startSession(for: user, step: step, via: .login))
        } catch let refusal as AccountRefusal {
            // The account changed between the checks above and the commit; the store's
            // decision, made on the committed account, is the one that counts.
            switch refusal {
            // A code is good once: a code seen on the wire (or over a shoulder) cannot log in again.
            case .codeReused: try await count("second-factor code already used")
            case .locked(let until): try await refuse("account locked", problem: .accountLocked(until: until))
            case .disabled: try await refuse("account disabled", problem: invalid)
            case .credentialsChanged: try await refuse("password changed during the login", problem: invalid)
            case .secondFactorRequired:
                try await refuse("administrator without a second factor", problem: adminWithoutFactor)
            case .rule(let error): throw error
            }
        }
    }
}
