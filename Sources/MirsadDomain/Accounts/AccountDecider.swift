import Foundation

/// What an account command decided: the account afterwards, the sessions it opens and
/// ends, and the events that record it. The store writes all of it in one transaction.
public struct AccountDecision: Sendable {
    /// The account after the command (nil when the command concerned an absent account and
    /// changed nothing, e.g. a failure counted for an unknown name).
    public var account: Account?
    public var openedSession: SessionGrant?
    public var endedSessions: [UUID] = []
    public var endReason: String?
    public var events: [EventPayload] = []
}

/// Checks account commands against the current account and its open sessions, and turns
/// them into a decision. Pure: the store loads the state inside its write transaction and
/// supplies the time.
public enum AccountDecider {
    public static func decide(
        _ command: AccountCommand, account current: Account?, openSessions: [UUID], actor: Actor, now: Date
    ) throws(AccountRefusal) -> AccountDecision {
        var decision = AccountDecision(account: current)
        func require(_ permission: Permission) throws(AccountRefusal) {
            do { try actor.require(permission) } catch { throw .rule(error) }
        }
        func existing() throws(AccountRefusal) -> Account {
            guard let current else { throw .rule(.notFound(kind: "user", id: command.username)) }
            return current
        }
        /// The owner acts on their own account (the system may act for anyone).
        func requireOwner() throws(AccountRefusal) {
            guard actor.isSystem || actor.username == command.username else {
                throw .rule(.forbidden(reason: "only the account's owner may do this"))
            }
        }
        func changed(_ account: Account, _ changes: [UserChange]) {
            decision.account = account
            let change = UserChanged(
                username: account.username, changes: changes, role: account.role.rawValue, sector: account.sector)
            decision.events.append(.userChanged(change))
            if change.endsSessions { end(openSessions, reason: change.change) }
        }
        func end(_ ids: [UUID], reason: String, action: SecurityEvent.Action = .sessionEnded) {
            guard !ids.isEmpty else { return }
            decision.endedSessions += ids
            decision.endReason = reason
            for id in ids {
                decision.events.append(
                    .securityEvent(
                        SecurityEvent(
                            action: action, outcome: "success", subject: command.username, sessionId: id,
                            detail: reason)))
            }
        }
        func security(_ action: SecurityEvent.Action, _ outcome: String, detail: String? = nil, session: UUID? = nil)
            -> EventPayload
        {
            .securityEvent(
                SecurityEvent(
                    action: action, outcome: outcome, subject: command.username, sessionId: session, detail: detail))
        }

        switch command {
        case .create(let account):
            try require(.manageUsers)
            guard account.username != Actor.system.username else {
                throw .rule(.invalidField(field: "username", reason: "'system' is reserved"))
            }
            guard current == nil else { throw .rule(.conflict(reason: "user \(account.username) already exists")) }
            guard account.role != .admin || account.secondFactor.isActive else {
                throw .rule(.invalidField(field: "role", reason: "an administrator needs a second factor"))
            }
            changed(account, [.created])

        case .change(_, let role, let sector, let disabled, let adminSecret):
            try require(.manageUsers)
            var account = try existing()
            var changes: [UserChange] = []
            if let role, role != account.role {
                account.role = role
                changes.append(.roleChanged)
            }
            if let sector, sector != account.sector {
                account.sector = sector
                changes.append(.sectorChanged)
            }
            if let disabled, disabled != account.disabled {
                account.disabled = disabled
                changes.append(disabled ? .disabled : .enabled)
            }
            guard !changes.isEmpty else { throw .rule(.invalidField(field: "body", reason: "nothing to change")) }
            if account.role == .admin && !account.secondFactor.isActive {
                account.secondFactor = .active(secret: adminSecret, lastStep: nil)
            }
            changed(account, changes)

        case .unlock:
            try require(.manageUsers)
            var account = try existing()
            account.failedLogins = 0
            account.lockedUntil = nil
            changed(account, [.unlocked])
            decision.events.append(security(.accountUnlocked, "success"))

        case .resetPassword(_, let hash), .changePassword(_, let hash):
            let byOwner: Bool
            if case .changePassword = command {
                try requireOwner()
                byOwner = true
            } else {
                try require(.manageUsers)
                byOwner = false
            }
            var account = try existing()
            account.passwordHash = hash
            account.passwordChangedAt = now
            account.demoPassword = false
            changed(account, [byOwner ? .passwordChanged : .passwordReset])

        case .resetSecondFactor(_, let secret):
            try require(.manageUsers)
            var account = try existing()
            account.secondFactor = .active(secret: secret, lastStep: nil)
            changed(account, [.secondFactorReset])

        case .startSecondFactor(_, let secret):
            try requireOwner()
            var account = try existing()
            guard !account.secondFactor.isActive else {
                throw .rule(
                    .conflict(reason: "a second factor is already active; an administrator can reset it"))
            }
            account.secondFactor = .pending(secret: secret)
            changed(account, [.secondFactorStarted])

        case .enrollSecondFactor(_, let secret, let step):
            try requireOwner()
            var account = try existing()
            guard account.secondFactor.pendingSecret == secret else {
                throw .rule(
                    .conflict(reason: "no second factor is waiting to be confirmed; start with POST /v1/auth/totp"))
            }
            account.secondFactor = .active(secret: secret, lastStep: step)
            changed(account, [.secondFactorEnrolled])
            decision.events.append(security(.secondFactorEnrolled, "success"))

        case .openSession(_, let session, let verifiedHash, let step, let via):
            try requireOwner()
            var account = try existing()
            // Each check is made again here, against the account as committed: a lock, a
            // disable or a new password that landed after the server's checks wins.
            if let until = account.lockedUntil, until > now { throw .locked(until: until) }
            guard !account.disabled else { throw .disabled }
            guard account.passwordHash == verifiedHash else { throw .credentialsChanged }
            if case .active(let secret, let lastStep) = account.secondFactor {
                guard let step else { throw .rule(.invalidField(field: "otp", reason: "a code is required")) }
                if let lastStep, step <= lastStep { throw .codeReused }
                account.secondFactor = .active(secret: secret, lastStep: step)
            } else if account.role == .admin {
                throw .secondFactorRequired
            }
            account.failedLogins = 0
            account.lockedUntil = nil
            decision.account = account
            decision.openedSession = session
            decision.events.append(security(via, "success"))

        case .countFailure(_, let action, let detail, let session, let policy):
            guard var account = current else {
                // The name is unknown (or gone): the attempt is recorded, nothing is counted.
                decision.events.append(security(action, "failure", detail: detail, session: session))
                return decision
            }
            let failures = account.failedLogins + 1
            if failures >= policy.threshold {
                account.failedLogins = 0
                account.lockedUntil = now.addingTimeInterval(policy.duration)
                decision.account = account
                let lockDetail =
                    session == nil
                    ? "\(policy.threshold) failed attempts in a row (\(detail))"
                    : "\(policy.threshold) wrong passwords in a row from a signed-in session"
                if session != nil {
                    decision.events.append(security(action, "failure", detail: detail, session: session))
                }
                decision.events.append(security(.accountLocked, "failure", detail: lockDetail))
                if session != nil { end(openSessions, reason: "account locked") }
            } else {
                account.failedLogins = failures
                decision.account = account
                decision.events.append(
                    security(action, "failure", detail: "\(detail) (\(failures) in a row)", session: session))
            }

        case .endSessions(_, let ids, let action, let reason):
            if action == .logout {
                try requireOwner()
            } else {
                try require(.manageUsers)
            }
            let open = Set(openSessions)
            if action == .logout {
                // Signing out twice (or after the session lapsed) is not an error.
                end(ids.filter(open.contains), reason: reason, action: action)
            } else if let unknown = ids.first(where: { !open.contains($0) }) {
                throw .rule(.notFound(kind: "session", id: unknown.uuidString))
            } else {
                end(ids, reason: reason, action: action)
            }
        }
        return decision
    }
}
