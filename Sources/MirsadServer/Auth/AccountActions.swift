import Foundation
import HTTPTypes
import MirsadDomain
import MirsadStore

/// Account commands as the routes use them: each one goes through the store's write path,
/// and the reply waits until this instance's session reactor has seen its events, so the
/// caller's next request already meets the change (an ended session is refused at once).
struct AccountActions {
    let services: AppServices

    var lockout: LockoutPolicy {
        LockoutPolicy(threshold: services.limits.lockoutThreshold, duration: services.limits.lockoutDuration)
    }

    @discardableResult
    func execute(_ command: AccountCommand, actor: Actor) async throws -> AccountOutcome {
        let outcome = try await services.store.execute(command, actor: actor)
        await services.caughtUp(with: outcome.events, by: SessionReactor.name)
        return outcome
    }

    /// Checks the password of a signed-in caller (unlock, password change, second-factor
    /// enrolment). A wrong one counts toward the lockout like a failed login, so a stolen token
    /// is no password oracle; when it locks the account, every session of the account ends.
    /// Returns the account when the password is right.
    func confirmPassword(
        _ password: String, of principal: Principal, action: SecurityEvent.Action
    ) async throws -> Account {
        guard let user = try await services.store.user(principal.username) else { throw Problem.unauthorized }
        if try await services.hasher.verify(password, hash: user.passwordHash) { return user }
        let outcome = try await execute(
            .countFailure(
                username: user.username, action: action, detail: "wrong password", session: principal.sessionID,
                policy: lockout),
            actor: principal.actor)
        if let account = outcome.account, account.isLocked(at: services.clock.now()) {
            throw Problem.accountLocked(until: account.lockedUntil)
        }
        throw Problem(
            status: .unauthorized, code: "invalid-credentials", title: "Wrong password",
            detail: "the password is not correct", field: "password")
    }

    /// Opens a session for an account whose password (and code, `step`) the caller checked,
    /// and returns the login reply. The store checks the account again as committed.
    func startSession(for user: Account, step: Int64?, via action: SecurityEvent.Action) async throws -> LoginReply {
        let grant = SessionGrant(
            id: UUID(), expiresAt: services.clock.now().addingTimeInterval(services.limits.sessionLifetime))
        let outcome = try await services.store.execute(
            .openSession(
                username: user.username, session: grant, verifiedHash: user.passwordHash, step: step, via: action),
            actor: Actor(username: user.username, role: user.role, sector: user.sector))
        guard let session = outcome.openedSession, let account = outcome.account else {
            throw Problem.unauthorized
        }
        let token = try await services.tokens.issue(for: session, role: account.role, sector: account.sector)
        return LoginReply(
            token: token, expiresAt: session.expiresAt,
            user: .init(username: account.username, role: account.role, sector: account.sector))
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
