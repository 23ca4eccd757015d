import Foundation
import MirsadDomain
import Testing

@Suite("Account commands")
struct AccountDeciderTests {
    let now = Fixtures.t0
    let admin = Actor(username: "root", role: .admin, sector: "operations")
    let owner = Actor(username: "dina", role: .dispatcher, sector: "operations")
    let policy = LockoutPolicy(threshold: 3, duration: 600)
    let sessions = [UUID(), UUID()]

    func account(
        role: Role = .dispatcher, disabled: Bool = false, failures: Int = 0, lockedUntil: Date? = nil,
        secondFactor: SecondFactorState = .none
    ) -> Account {
        Account(
            username: "dina", passwordHash: "hash-1", role: role, sector: "operations", disabled: disabled,
            failedLogins: failures, lockedUntil: lockedUntil, secondFactor: secondFactor,
            createdAt: now.addingTimeInterval(-3600), passwordChangedAt: now.addingTimeInterval(-3600))
    }

    func decide(_ command: AccountCommand, _ current: Account?, by actor: Actor? = nil, open: [UUID]? = nil)
        throws(AccountRefusal) -> AccountDecision
    {
        try AccountDecider.decide(
            command, account: current, openSessions: open ?? sessions, actor: actor ?? admin, now: now)
    }

    func securityActions(_ decision: AccountDecision) -> [SecurityEvent.Action] {
        decision.events.compactMap {
            if case .securityEvent(let security) = $0 { return security.action }
            return nil
        }
    }

    @Test("creating refuses a taken name, the reserved name and an administrator without a second factor")
    func create() throws {
        #expect(throws: AccountRefusal.rule(.conflict(reason: "user dina already exists"))) {
            try decide(.create(account()), account())
        }
        var system = account()
        system.username = "system"
        #expect(throws: AccountRefusal.self) { try decide(.create(system), nil) }
        #expect(throws: AccountRefusal.self) { try decide(.create(account(role: .admin)), nil) }
        #expect(throws: AccountRefusal.rule(.forbidden(reason: "role 'dispatcher' may not manageUsers"))) {
            try decide(.create(account()), nil, by: owner)
        }
        let created = try decide(.create(account()), nil)
        #expect(created.account == account())
        #expect(created.endedSessions.isEmpty)
    }

    @Test("a role change ends every open session; an unlock leaves them")
    func changesThatEndSessions() throws {
        let changed = try decide(
            .change(username: "dina", role: .supervisor, sector: nil, disabled: nil, adminSecret: "S"), account())
        #expect(changed.account?.role == .supervisor)
        #expect(changed.endedSessions == sessions)
        #expect(securityActions(changed) == [.sessionEnded, .sessionEnded])
        guard case .userChanged(let change) = changed.events.first else {
            Issue.record("no user change")
            return
        }
        #expect(change.changes == [.roleChanged])

        let unlocked = try decide(
            .unlock(username: "dina"), account(failures: 2, lockedUntil: now.addingTimeInterval(60)))
        #expect(unlocked.account?.lockedUntil == nil)
        #expect(unlocked.account?.failedLogins == 0)
        #expect(unlocked.endedSessions.isEmpty)
        #expect(securityActions(unlocked) == [.accountUnlocked])
    }

    @Test("a change to nothing is refused; becoming an administrator brings a second factor")
    func changeRules() throws {
        #expect(throws: AccountRefusal.rule(.invalidField(field: "body", reason: "nothing to change"))) {
            try decide(
                .change(username: "dina", role: .dispatcher, sector: nil, disabled: false, adminSecret: "S"),
                account())
        }
        let promoted = try decide(
            .change(username: "dina", role: .admin, sector: nil, disabled: nil, adminSecret: "SECRET"), account())
        #expect(promoted.account?.secondFactor == .active(secret: "SECRET", lastStep: nil))
        #expect(throws: AccountRefusal.rule(.notFound(kind: "user", id: "dina"))) {
            try decide(.unlock(username: "dina"), nil)
        }
    }

    @Test("only the owner changes their own password; it ends their sessions")
    func passwordChange() throws {
        let other = Actor(username: "sami", role: .supervisor, sector: "operations")
        #expect(throws: AccountRefusal.self) {
            try decide(.changePassword(username: "dina", passwordHash: "hash-2"), account(), by: other)
        }
        let changed = try decide(.changePassword(username: "dina", passwordHash: "hash-2"), account(), by: owner)
        #expect(changed.account?.passwordHash == "hash-2")
        #expect(changed.account?.passwordChangedAt == now)
        #expect(changed.endedSessions == sessions)
    }

    @Test("a login is checked again against the committed account")
    func openSessionRefusals() throws {
        let grant = SessionGrant(id: UUID(), expiresAt: now.addingTimeInterval(3600))
        func login(_ current: Account, hash: String = "hash-1", step: Int64? = nil) throws(AccountRefusal)
            -> AccountDecision
        {
            try decide(
                .openSession(username: "dina", session: grant, verifiedHash: hash, step: step, via: .login), current,
                by: owner)
        }
        let later = now.addingTimeInterval(60)
        #expect(throws: AccountRefusal.locked(until: later)) { try login(account(lockedUntil: later)) }
        #expect(throws: AccountRefusal.disabled) { try login(account(disabled: true)) }
        #expect(throws: AccountRefusal.credentialsChanged) { try login(account(), hash: "old-hash") }
        #expect(throws: AccountRefusal.secondFactorRequired) { try login(account(role: .admin)) }
        let enrolled = account(secondFactor: .active(secret: "S", lastStep: 100))
        #expect(throws: AccountRefusal.codeReused) { try login(enrolled, step: 100) }
        let opened = try login(account(failures: 2, lockedUntil: now.addingTimeInterval(-1)).with(enrolled), step: 101)
        #expect(opened.openedSession == grant)
        #expect(opened.account?.failedLogins == 0)
        #expect(opened.account?.secondFactor == .active(secret: "S", lastStep: 101))
        #expect(securityActions(opened) == [.login])
    }

    @Test("failures lock at the threshold; from a signed-in session the lock ends every session")
    func failures() throws {
        let count = AccountCommand.countFailure(
            username: "dina", action: .loginFailed, detail: "wrong password", session: nil, policy: policy)
        let second = try decide(count, account(failures: 1), by: .system)
        #expect(second.account?.failedLogins == 2)
        #expect(second.account?.lockedUntil == nil)
        let third = try decide(count, account(failures: 2), by: .system)
        #expect(third.account?.failedLogins == 0)
        #expect(third.account?.lockedUntil == now.addingTimeInterval(600))
        #expect(securityActions(third) == [.accountLocked])
        #expect(third.endedSessions.isEmpty)

        let inSession = AccountCommand.countFailure(
            username: "dina", action: .sessionUnlocked, detail: "wrong password", session: sessions[0],
            policy: policy)
        let locked = try decide(inSession, account(failures: 2), by: owner)
        #expect(locked.endedSessions == sessions)
        #expect(securityActions(locked) == [.sessionUnlocked, .accountLocked, .sessionEnded, .sessionEnded])

        let unknown = try decide(count, nil, by: .system)
        #expect(unknown.account == nil)
        #expect(securityActions(unknown) == [.loginFailed])
    }

    @Test("a logout ends only the caller's open session; an administrator's end of an absent one is 404")
    func endingSessions() throws {
        let logout = try decide(
            .endSessions(username: "dina", ids: [sessions[0]], action: .logout, reason: "logged out"), account(),
            by: owner)
        #expect(logout.endedSessions == [sessions[0]])
        let twice = try decide(
            .endSessions(username: "dina", ids: [UUID()], action: .logout, reason: "logged out"), account(), by: owner)
        #expect(twice.endedSessions.isEmpty)
        let absent = UUID()
        #expect(throws: AccountRefusal.rule(.notFound(kind: "session", id: absent.uuidString))) {
            try decide(
                .endSessions(username: "dina", ids: [absent], action: .sessionEnded, reason: "ended"), account())
        }
        #expect(throws: AccountRefusal.self) {
            try decide(
                .endSessions(username: "dina", ids: [sessions[0]], action: .sessionEnded, reason: "ended"), account(),
                by: owner)
        }
    }

    @Test("enrolling needs the pending secret the code was checked against")
    func enrolment() throws {
        let started = try decide(.startSecondFactor(username: "dina", secret: "NEW"), account(), by: owner)
        #expect(started.account?.secondFactor == .pending(secret: "NEW"))
        #expect(throws: AccountRefusal.self) {
            try decide(
                .startSecondFactor(username: "dina", secret: "NEW"),
                account(secondFactor: .active(secret: "S", lastStep: nil)), by: owner)
        }
        #expect(throws: AccountRefusal.self) {
            try decide(
                .enrollSecondFactor(username: "dina", secret: "OTHER", step: 5),
                account(secondFactor: .pending(secret: "NEW")), by: owner)
        }
        let enrolled = try decide(
            .enrollSecondFactor(username: "dina", secret: "NEW", step: 5),
            account(secondFactor: .pending(secret: "NEW")), by: owner)
        #expect(enrolled.account?.secondFactor == .active(secret: "NEW", lastStep: 5))
        #expect(securityActions(enrolled) == [.secondFactorEnrolled])
    }
}

extension Account {
    /// This account with another's second factor.
    fileprivate func with(_ other: Account) -> Account {
        var copy = self
        copy.secondFactor = other.secondFactor
        return copy
    }
}
