import Foundation

/// Every change to accounts and sessions. Like incident commands, each one is decided by
/// `AccountDecider` against the account as the write transaction sees it, so two requests
/// racing on one account (a role change and a failed login, a login and a lock) cannot
/// overwrite each other's effect.
public enum AccountCommand: Sendable {
    /// A new account; an administrator account must come with an active second factor.
    case create(Account)
    /// An administrator changes role, sector or the disabled flag. `adminSecret` becomes the
    /// second factor if the account becomes an administrator without one.
    case change(username: String, role: Role?, sector: String?, disabled: Bool?, adminSecret: String)
    /// An administrator lifts a lock.
    case unlock(username: String)
    /// An administrator sets a new password.
    case resetPassword(username: String, passwordHash: String)
    /// The owner sets a new password (the server has checked the current one).
    case changePassword(username: String, passwordHash: String)
    /// An administrator replaces the second factor with a new active one.
    case resetSecondFactor(username: String, secret: String)
    /// The owner starts enrolling a second factor.
    case startSecondFactor(username: String, secret: String)
    /// The owner confirms enrolment with a code of `secret` at time step `step`.
    case enrollSecondFactor(username: String, secret: String, step: Int64)
    /// A login whose password (checked against `verifiedHash`) and code (time step `step`)
    /// passed: opens `session`. `via` names the audit action (`login`, `passwordChanged`).
    case openSession(
        username: String, session: SessionGrant, verifiedHash: String, step: Int64?, via: SecurityEvent.Action)
    /// A wrong password or code, counted toward the lockout. `session` is set when the check
    /// came from a signed-in session: a lock then ends every session (a stolen token must
    /// not go on guessing).
    case countFailure(
        username: String, action: SecurityEvent.Action, detail: String, session: UUID?, policy: LockoutPolicy)
    /// Ends open sessions of an account: a logout (`action` `.logout`) or by an administrator.
    case endSessions(username: String, ids: [UUID], action: SecurityEvent.Action, reason: String)

    public var username: String {
        switch self {
        case .create(let account): account.username
        case .change(let username, _, _, _, _), .unlock(let username), .resetPassword(let username, _),
            .changePassword(let username, _), .resetSecondFactor(let username, _),
            .startSecondFactor(let username, _), .enrollSecondFactor(let username, _, _),
            .openSession(let username, _, _, _, _), .countFailure(let username, _, _, _, _),
            .endSessions(let username, _, _, _):
            username
        }
    }
}
