import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain
import MirsadStore

struct NewUserBody: StrictBody {
    var username: String
    var password: String
    var role: Role
    var sector: String
    static let shape = JSONShape.documented("post", "/v1/admin/users")
}

struct UserPatchBody: StrictBody {
    var role: Role?
    var sector: String?
    var disabled: Bool?
    static let shape = JSONShape.documented("patch", "/v1/admin/users/{username}")
}

/// An account as administrators see it (never the password hash or the TOTP secret).
struct UserView: Codable, Sendable {
    var username: String
    var role: Role
    var sector: String
    var disabled: Bool
    var lockedUntil: Date?
    var failedLogins: Int
    var secondFactor: Bool
    var createdAt: Date
    var passwordChangedAt: Date

    init(_ user: UserRecord) {
        username = user.username
        role = user.role
        sector = user.sector
        disabled = user.disabled
        lockedUntil = user.lockedUntil
        failedLogins = user.failedLogins
        secondFactor = user.totpSecret.map { !$0.hasPrefix(SecondFactor.pendingPrefix) } ?? false
        createdAt = user.createdAt
        passwordChangedAt = user.passwordChangedAt
    }
}

struct SessionView: Codable, Sendable {
    var id: UUID
    var username: String
    var createdAt: Date
    var lastSeenAt: Date
    var expiresAt: Date
}

/// `/v1/admin/*`: accounts and sessions, for `admin` only. Every change is audited; disabling
/// an account, changing its role or sector, or resetting its password ends its sessions at
/// once, live connections included.
struct AdminRoutes {
    let services: AppServices
    var accounts: AccountActions { AccountActions(services: services) }

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("admin/users", use: listUsers)
        group.post("admin/users", use: createUser)
        group.patch("admin/users/:username", use: changeUser)
        group.post("admin/users/:username/unlock", use: unlockUser)
        group.post("admin/users/:username/password", use: resetPassword)
        group.post("admin/users/:username/totp", use: resetSecondFactor)
        group.get("admin/sessions", use: listSessions)
        group.delete("admin/sessions/:id", use: endSession)
    }

    @Sendable func listUsers(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        _ = try admin(context)
        return try JSONReply(["users": try await services.store.users().map(UserView.init)])
    }

    @Sendable func createUser(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let principal = try admin(context)
        let body = try await StrictJSON.decode(NewUserBody.self, from: request, limit: 8 * 1024)
        try validateUsername(body.username)
        try PasswordHasher.validate(body.password)
        try validateSector(body.sector)
        let now = services.clock.now()
        let secret = body.role == .admin ? SecondFactor.newSecret() : nil
        let user = UserRecord(
            username: body.username, passwordHash: try await services.hasher.hash(body.password), role: body.role,
            sector: body.sector, totpSecret: secret, createdAt: now, passwordChangedAt: now)
        try await services.store.saveUser(user, actor: principal.actor, changes: [.created])
        return try JSONReply(
            CreatedUser(
                user: UserView(user),
                secondFactor: secret.map {
                    EnrollmentReply(
                        secret: $0, otpauthURL: SecondFactor.enrollmentURL(secret: $0, username: user.username))
                }),
            status: .created)
    }

    @Sendable func changeUser(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let principal = try admin(context)
        let body = try await StrictJSON.decode(UserPatchBody.self, from: request, limit: 8 * 1024)
        var user = try await existing(context)
        if let sector = body.sector { try validateSector(sector) }
        var changes: [UserChange] = []
        if let role = body.role, role != user.role { user.role = role; changes.append(.roleChanged) }
        if let sector = body.sector, sector != user.sector { user.sector = sector; changes.append(.sectorChanged) }
        if let disabled = body.disabled, disabled != user.disabled {
            user.disabled = disabled
            changes.append(disabled ? .disabled : .enabled)
        }
        guard !changes.isEmpty else { throw Problem.invalidField("body", "nothing to change") }
        if user.role == .admin && user.totpSecret == nil { user.totpSecret = SecondFactor.newSecret() }
        let events = try await services.store.saveUser(user, actor: principal.actor, changes: changes, replace: true)
        await services.caughtUp(with: events, by: SessionReactor.name)
        return try JSONReply(UserView(user))
    }

    @Sendable func unlockUser(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let principal = try admin(context)
        var user = try await existing(context)
        user.failedLogins = 0
        user.lockedUntil = nil
        try await services.store.saveUser(user, actor: principal.actor, changes: [.unlocked], replace: true)
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .accountUnlocked, outcome: "success", subject: user.username)), sectors: []
                )
            ], actor: principal.actor)
        return try JSONReply(UserView(user))
    }

    @Sendable func resetPassword(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try admin(context)
        let body = try await StrictJSON.decode(PasswordBody.self, from: request, limit: 8 * 1024)
        try PasswordHasher.validate(body.password)
        var user = try await existing(context)
        user.passwordHash = try await services.hasher.hash(body.password)
        user.passwordChangedAt = services.clock.now()
        user.demoPassword = false
        let events = try await services.store.saveUser(
            user, actor: principal.actor, changes: [.passwordReset], replace: true)
        await services.caughtUp(with: events, by: SessionReactor.name)
        return try JSONReply(UserView(user))
    }

    @Sendable func resetSecondFactor(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try admin(context)
        var user = try await existing(context)
        let secret = SecondFactor.newSecret()
        user.totpSecret = secret
        user.totpLastStep = nil
        let events = try await services.store.saveUser(
            user, actor: principal.actor, changes: [.secondFactorReset], replace: true)
        await services.caughtUp(with: events, by: SessionReactor.name)
        return try JSONReply(
            EnrollmentReply(
                secret: secret, otpauthURL: SecondFactor.enrollmentURL(secret: secret, username: user.username)),
            status: .created)
    }

    @Sendable func listSessions(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        _ = try admin(context)
        guard let username = request.uri.queryParameters["username"].map(String.init) else {
            throw Problem.invalidField("username", "is required")
        }
        let sessions = try await services.store.openSessions(of: username).map {
            SessionView(
                id: $0.id, username: $0.username, createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt,
                expiresAt: $0.expiresAt)
        }
        return try JSONReply(["sessions": sessions])
    }

    @Sendable func endSession(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let principal = try admin(context)
        let id = try context.parameters.require("id", as: UUID.self)
        guard let session = try await services.store.session(id), session.endedAt == nil else {
            throw Problem.notFound("session")
        }
        try await accounts.endSessions(
            ids: [id], username: session.username, reason: "ended by an administrator",
            actor: principal.actor)
        return Response(status: .noContent)
    }

    private func admin(_ context: MirsadRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.manageUsers)
        return principal
    }

    private func existing(_ context: MirsadRequestContext) async throws -> UserRecord {
        let username = try context.parameters.require("username")
        guard let user = try await services.store.user(username) else { throw Problem.notFound("user") }
        return user
    }

    private func validateUsername(_ username: String) throws {
        guard username.range(of: #"^[a-z0-9][a-z0-9._-]{1,63}$"#, options: .regularExpression) != nil,
            username != Actor.system.username
        else { throw Problem.invalidField("username", "2-64 characters of a-z, 0-9, '.', '_' or '-' (not 'system')") }
    }

    private func validateSector(_ sector: String) throws {
        guard try services.catalog().sectors[sector] != nil else {
            throw Problem.invalidField("sector", "unknown sector '\(sector)'")
        }
    }
}

struct CreatedUser: Codable, Sendable {
    var user: UserView
    /// For administrators: the second factor to load into an authenticator app (shown once).
    var secondFactor: EnrollmentReply?
}
