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

    init(_ user: Account) {
        username = user.username
        role = user.role
        sector = user.sector
        disabled = user.disabled
        lockedUntil = user.lockedUntil
        failedLogins = user.failedLogins
        secondFactor = user.secondFactor.isActive
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
        let user = Account(
            username: body.username, passwordHash: try await services.hasher.hash(body.password), role: body.role,
            sector: body.sector, secondFactor: secret.map { .active(secret: $0, lastStep: nil) } ?? .none,
            createdAt: now, passwordChangedAt: now)
        try await accounts.execute(.create(user), actor: principal.actor)
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
        if let sector = body.sector { try validateSector(sector) }
        let outcome = try await accounts.execute(
            .change(
                username: try username(context), role: body.role, sector: body.sector, disabled: body.disabled,
                adminSecret: SecondFactor.newSecret()),
            actor: principal.actor)
        return try JSONReply(UserView(try changed(outcome)))
    }

    @Sendable func unlockUser(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator
    {
        let principal = try admin(context)
        let outcome = try await accounts.execute(.unlock(username: try username(context)), actor: principal.actor)
        return try JSONReply(UserView(try changed(outcome)))
    }

    @Sendable func resetPassword(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try admin(context)
        let body = try await StrictJSON.decode(PasswordBody.self, from: request, limit: 8 * 1024)
        try PasswordHasher.validate(body.password)
        let username = try username(context)
        // Hashing is slow: an absent account is refused before it.
        guard try await services.store.user(username) != nil else { throw Problem.notFound("user") }
        let outcome = try await accounts.execute(
            .resetPassword(username: username, passwordHash: try await services.hasher.hash(body.password)),
            actor: principal.actor)
        return try JSONReply(UserView(try changed(outcome)))
    }

    @Sendable func resetSecondFactor(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let principal = try admin(context)
        let username = try username(context)
        let secret = SecondFactor.newSecret()
        try await accounts.execute(.resetSecondFactor(username: username, secret: secret), actor: principal.actor)
        return try JSONReply(
            EnrollmentReply(secret: secret, otpauthURL: SecondFactor.enrollmentURL(secret: secret, username: username)),
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
        try await accounts.execute(
            .endSessions(
                username: session.username, ids: [id], action: .sessionEnded, reason: "ended by an administrator"),
            actor: principal.actor)
        return Response(status: .noContent)
    }

    private func admin(_ context: MirsadRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.manageUsers)
        return principal
    }

    private func username(_ context: MirsadRequestContext) throws -> String {
        try context.parameters.require("username")
    }

    /// The account a command changed (every command here concerns an existing one).
    private func changed(_ outcome: AccountOutcome) throws -> Account {
        guard let account = outcome.account else { throw Problem.notFound("user") }
        return account
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
