import Foundation
import MirsadDomain
import MirsadStore
import Testing

@Suite("Accounts through the write path")
struct AccountStoreTests {
    static let policy = LockoutPolicy(threshold: 5, duration: 600)

    static func account(_ username: String = "dina", hash: String = "hash-1") -> Account {
        let t = Date(timeIntervalSince1970: 1_795_000_000)
        return Account(
            username: username, passwordHash: hash, role: .dispatcher, sector: "operations", createdAt: t,
            passwordChangedAt: t)
    }

    static func failure() -> AccountCommand {
        .countFailure(username: "dina", action: .loginFailed, detail: "wrong password", session: nil, policy: policy)
    }

    @Test(
        "failures sent at once all count (they share batches): five lock the account exactly once",
        arguments: TestBackend.available)
    func concurrentFailures(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.execute(.create(Self.account()), actor: .system)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<5 { group.addTask { try await store.execute(Self.failure(), actor: .system) } }
                try await group.waitForAll()
            }
            let account = try #require(try await store.user("dina"))
            #expect(account.lockedUntil != nil)
            #expect(account.failedLogins == 0)
            let types = try await store.events(after: 0, limit: 100).map(\.type)
            #expect(types.filter { $0 == "security.loginFailed" }.count == 4)
            #expect(types.filter { $0 == "security.accountLocked" }.count == 1)
        }
    }

    @Test(
        "a role change and a failed login racing on one account both keep their effect",
        arguments: TestBackend.available)
    func noLostUpdate(backend: TestBackend) async throws {
        try await backend.withStore { store in
            try await store.execute(.create(Self.account()), actor: .system)
            async let change = store.execute(
                .change(username: "dina", role: .supervisor, sector: nil, disabled: nil, adminSecret: "S"),
                actor: .system)
            async let failure = store.execute(Self.failure(), actor: .system)
            _ = try await (change, failure)
            let account = try #require(try await store.user("dina"))
            #expect(account.role == .supervisor)
            #expect(account.failedLogins == 1)
        }
    }

    @Test(
        "a login opens a session; a role change ends it in the same transaction; the second factor is sealed",
        arguments: TestBackend.available)
    func sessionsFollowTheAccount(backend: TestBackend) async throws {
        try await backend.withStore { store in
            var admin = Self.account("root")
            admin.role = .admin
            admin.secondFactor = .active(secret: "JBSWY3DPEHPK3PXP", lastStep: nil)
            try await store.execute(.create(admin), actor: .system)
            let actor = Actor(username: "root", role: .admin, sector: "operations")
            let grant = SessionGrant(id: UUID(), expiresAt: Date().addingTimeInterval(3600))
            let login = try await store.execute(
                .openSession(username: "root", session: grant, verifiedHash: "hash-1", step: 42, via: .login),
                actor: actor)
            #expect(login.openedSession?.id == grant.id)
            #expect(try await store.openSessions(of: "root").map(\.id) == [grant.id])
            await #expect(throws: AccountRefusal.codeReused) {
                try await store.execute(
                    .openSession(
                        username: "root", session: SessionGrant(id: UUID(), expiresAt: grant.expiresAt),
                        verifiedHash: "hash-1", step: 42, via: .login),
                    actor: actor)
            }
            let stored = try #require(try await store.user("root"))
            #expect(stored.secondFactor == .active(secret: "JBSWY3DPEHPK3PXP", lastStep: 42))

            let change = try await store.execute(
                .change(username: "root", role: nil, sector: "fire", disabled: nil, adminSecret: "X"),
                actor: .system)
            #expect(change.events.map(\.type) == ["user.changed", "security.sessionEnded"])
            #expect(try await store.openSessions(of: "root").isEmpty)
            #expect(try await store.session(grant.id)?.endReason == "sector changed")
        }
    }
}
