import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Sessions, accounts and the second factor")
struct SessionSecurityTests {
    @Test("a session locks after 30 minutes idle and unlocks with the password; activity keeps it open")
    func idleLock() async throws {
        try await ServerHarness.with { harness, client in
            let token = try await client.login("dispatcher")
            harness.clock.advance(29 * 60)
            #expect(try await client.call(.get, "/v1/units", token: token).status == .ok)
            harness.clock.advance(29 * 60)
            #expect(
                try await client.call(.get, "/v1/units", token: token).status == .ok, "activity restarted the clock")
            harness.clock.advance(31 * 60)
            let locked = try await client.call(.get, "/v1/units", token: token)
            #expect(locked.status == .unauthorized)
            #expect(locked.json["type"] as? String == "https://mirsad.dev/problems/session-locked")
            let wrong = try await client.call(
                .post, "/v1/auth/unlock", token: token, body: #"{"password":"not it at all"}"#)
            #expect(wrong.status == .unauthorized)
            let unlocked = try await client.call(
                .post, "/v1/auth/unlock", token: token,
                body: #"{"password":"\#(TestUsers.password)"}"#)
            #expect(unlocked.status == .noContent)
            #expect(try await client.call(.get, "/v1/units", token: token).status == .ok)
        }
    }

    @Test("administrators need a second factor; others may enrol one")
    func secondFactor() async throws {
        try await ServerHarness.with { harness, client in
            let noCode = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"admin","password":"\#(TestUsers.password)"}"#)
            #expect(noCode.status == .unauthorized)
            let wrongCode = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"admin","password":"\#(TestUsers.password)","otp":"000000"}"#)
            #expect(wrongCode.status == .unauthorized)
            _ = try await client.login("admin", at: harness.clock.now())

            let token = try await client.login("analyst")
            let enrol = try await client.call(
                .post, "/v1/auth/totp", token: token,
                body: #"{"password":"\#(TestUsers.password)"}"#)
            #expect(enrol.status == .created)
            let secret = try #require(enrol.json["secret"] as? String)
            #expect((enrol.json["otpauthURL"] as? String)?.hasPrefix("otpauth://totp/") == true)
            // Until confirmed, the password alone still works.
            _ = try await client.login("analyst")
            let bad = try await client.call(.post, "/v1/auth/totp/confirm", token: token, body: #"{"code":"123456"}"#)
            #expect(bad.problemField == "code")
            let code = SecondFactor.code(secret: secret, at: harness.clock.now())
            #expect(
                try await client.call(
                    .post, "/v1/auth/totp/confirm", token: token,
                    body: #"{"code":"\#(code)"}"#
                ).status == .noContent)
            let without = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"analyst","password":"\#(TestUsers.password)"}"#)
            #expect(without.status == .unauthorized)
            #expect(
                (without.json["type"] as? String)?.hasSuffix("/second-factor-required") == true,
                "the sign-in form is told to ask for the code")
            #expect(without.problemField == "otp")
            let wrongPassword = try await client.call(
                .post, "/v1/auth/login", body: #"{"username":"analyst","password":"not-the-password"}"#)
            #expect(
                (wrongPassword.json["type"] as? String)?.hasSuffix("/invalid-credentials") == true,
                "a wrong password says nothing more")
            let replayed = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"analyst","password":"\#(TestUsers.password)","otp":"\#(code)"}"#)
            #expect(replayed.status == .unauthorized, "the code that confirmed enrolment is spent")
            harness.clock.advance(30)
            let next = SecondFactor.code(secret: secret, at: harness.clock.now())
            let with = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"analyst","password":"\#(TestUsers.password)","otp":"\#(next)"}"#)
            #expect(with.status == .ok)
        }
    }

    @Test("an admin kill, a disabled account and a password change end sessions at once, live feed included")
    func sessionsEndAtOnce() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let port = try #require(client.port)
            let admin = try await client.login("admin", at: harness.clock.now())
            // Admin kill.
            let first = try await client.login("dispatcher")
            let live = LiveFeedClient(port: port, token: first)
            _ = await live.collect(until: { $0.type == "caughtUp" })
            let sessions = try await client.call(.get, "/v1/admin/sessions?username=dispatcher", token: admin)
            let ids = (sessions.json["sessions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count == 1)
            #expect(try await client.call(.delete, "/v1/admin/sessions/\(ids[0])", token: admin).status == .noContent)
            #expect(try await client.call(.get, "/v1/units", token: first).status == .unauthorized)
            #expect(await live.collect(until: { $0.type == "sessionEnded" }) != nil)
            #expect(try await live.closeCode() == 4401)

            // Disabling.
            let second = try await client.login("dispatcher")
            let secondLive = LiveFeedClient(port: port, token: second)
            _ = await secondLive.collect(until: { $0.type == "caughtUp" })
            let disabled = try await client.call(
                .patch, "/v1/admin/users/dispatcher", token: admin, body: #"{"disabled":true}"#)
            #expect(disabled.status == .ok)
            #expect(try await client.call(.get, "/v1/units", token: second).status == .unauthorized)
            #expect(
                await secondLive.collect(until: { $0.type == "sessionEnded" }) != nil, "disabling ends the live feed")
            #expect(try await secondLive.closeCode() == 4401)
            let refused = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"dispatcher","password":"\#(TestUsers.password)"}"#)
            #expect(refused.status == .unauthorized)
            #expect(
                try await client.call(
                    .patch, "/v1/admin/users/dispatcher", token: admin,
                    body: #"{"disabled":false}"#
                ).status == .ok)

            // Changing one's password ends the other sessions and returns a fresh token.
            let third = try await client.login("dispatcher")
            let fourth = try await client.login("dispatcher")
            let fourthLive = LiveFeedClient(port: port, token: fourth)
            _ = await fourthLive.collect(until: { $0.type == "caughtUp" })
            let changed = try await client.call(
                .post, "/v1/auth/password", token: third,
                body: #"{"currentPassword":"\#(TestUsers.password)","newPassword":"a brand new passphrase"}"#)
            #expect(changed.status == .ok)
            let fresh = try #require(changed.json["token"] as? String)
            harness.clock.advance(1)
            #expect(try await client.call(.get, "/v1/units", token: third).status == .unauthorized)
            #expect(try await client.call(.get, "/v1/units", token: fourth).status == .unauthorized)
            #expect(
                await fourthLive.collect(until: { $0.type == "sessionEnded" }) != nil,
                "a password change ends the live feed")
            #expect(try await client.call(.get, "/v1/units", token: fresh).status == .ok)
            let tooShort = try await client.call(
                .post, "/v1/auth/password", token: fresh,
                body: #"{"currentPassword":"a brand new passphrase","newPassword":"short"}"#)
            #expect(tooShort.problemField == "newPassword")
        }
    }

    @Test(
        "a role change, a password change and a disable each end the account's sessions through the typed change",
        arguments: TestBackend.available)
    func typedChangesEndSessions(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let store = harness.services.store
            let admin = try await client.login("admin")
            func openSessions(_ username: String) async throws -> Int {
                try await store.openSessions(of: username).count
            }

            let dispatcher = try await client.login("dispatcher")
            #expect(
                try await client.call(
                    .patch, "/v1/admin/users/dispatcher", token: admin,
                    body: #"{"role":"supervisor"}"#
                ).status == .ok)
            #expect(try await client.call(.get, "/v1/auth/me", token: dispatcher).status == .unauthorized)
            #expect(try await openSessions("dispatcher") == 0)

            let analyst = try await client.login("analyst")
            #expect(
                try await client.call(
                    .patch, "/v1/admin/users/analyst", token: admin,
                    body: #"{"disabled":true}"#
                ).status == .ok)
            #expect(try await client.call(.get, "/v1/auth/me", token: analyst).status == .unauthorized)
            #expect(try await openSessions("analyst") == 0)

            let first = try await client.login("calltaker"), second = try await client.login("calltaker")
            let changed = try await client.call(
                .post, "/v1/auth/password", token: first,
                body: #"{"currentPassword":"\#(TestUsers.password)","newPassword":"a brand new passphrase"}"#)
            #expect(changed.status == .ok)
            harness.clock.advance(1)
            #expect(try await client.call(.get, "/v1/auth/me", token: second).status == .unauthorized)
            #expect(try await openSessions("calltaker") == 1, "only the fresh session of the change is open")

            // A change that does not end sessions leaves them alone.
            let supervisor = try await client.login("supervisor")
            #expect(try await client.call(.post, "/v1/admin/users/supervisor/unlock", token: admin).status == .ok)
            #expect(try await client.call(.get, "/v1/auth/me", token: supervisor).status == .ok)
            #expect(try await openSessions("supervisor") == 1)

            // The log says what changed, typed, and one sessionEnded entry per session it ended.
            let changes = try await store.events(ofTypes: ["user.changed"]).compactMap { event -> UserChanged? in
                guard case .userChanged(let change) = event.payload else { return nil }
                return change
            }.filter {
                ["dispatcher", "analyst", "calltaker", "supervisor"].contains($0.username)
                    && !$0.changes.contains(.created)
            }
            #expect(changes.map(\.changes) == [[.roleChanged], [.disabled], [.passwordChanged], [.unlocked]])
            #expect(changes.map(\.endsSessions) == [true, true, true, false])
            let ended = try await store.events(ofTypes: ["security.sessionEnded"]).compactMap { event -> String? in
                guard case .securityEvent(let security) = event.payload else { return nil }
                return security.subject
            }
            #expect(ended.sorted() == ["analyst", "calltaker", "calltaker", "dispatcher"])
        }
    }

    @Test("an idle session's live connection is locked too")
    func liveFeedObeysIdleLock() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let port = try #require(client.port)
            let token = try await client.login("dispatcher")
            let live = LiveFeedClient(port: port, token: token)
            _ = await live.collect(until: { $0.type == "caughtUp" })
            harness.clock.advance(31 * 60)
            // No hand call: the live feed service checks its sessions by itself (every 10 s). The
            // wait is generous: this proves the check happens, not how fast on a loaded machine.
            #expect(await live.collect(until: { $0.type == "sessionLocked" }, timeout: .seconds(60)) != nil)
            #expect(try await live.closeCode() == 4403)
        }
    }

    @Test("admins manage accounts: create (with a second factor for admins), unlock, reset; others may not")
    func accounts() async throws {
        try await ServerHarness.with { harness, client in
            let admin = try await client.login("admin", at: harness.clock.now())
            let created = try await client.call(
                .post, "/v1/admin/users", token: admin,
                body:
                    #"{"username":"noor","password":"another long passphrase","role":"dispatcher","sector":"traffic"}"#)
            #expect(created.status == .created)
            _ = try await client.login("noor", password: "another long passphrase")
            let newAdmin = try await client.call(
                .post, "/v1/admin/users", token: admin,
                body: #"{"username":"root2","password":"another long passphrase","role":"admin","sector":"operations"}"#
            )
            #expect((newAdmin.json["secondFactor"] as? [String: Any])?["secret"] != nil)
            let badSector = try await client.call(
                .post, "/v1/admin/users", token: admin,
                body: #"{"username":"x1","password":"another long passphrase","role":"dispatcher","sector":"nowhere"}"#)
            #expect(badSector.problemField == "sector")
            let duplicate = try await client.call(
                .post, "/v1/admin/users", token: admin,
                body:
                    #"{"username":"noor","password":"another long passphrase","role":"dispatcher","sector":"traffic"}"#)
            #expect(duplicate.status == .conflict)
            for _ in 1...5 {
                _ = try await client.call(
                    .post, "/v1/auth/login", body: #"{"username":"noor","password":"wrong wrong wrong"}"#)
            }
            #expect(
                try await client.call(
                    .post, "/v1/auth/login",
                    body: #"{"username":"noor","password":"another long passphrase"}"#
                ).status.code == 423)
            #expect(try await client.call(.post, "/v1/admin/users/noor/unlock", token: admin).status == .ok)
            _ = try await client.login("noor", password: "another long passphrase")
            let dispatcher = try await client.login("dispatcher")
            #expect(try await client.call(.get, "/v1/admin/users", token: dispatcher).status == .forbidden)
            let users = try await client.call(.get, "/v1/admin/users", token: admin)
            #expect(!users.text.contains("password_hash") && !users.text.contains("$2b$"))
        }
    }

    @Test("login is rate-limited per address")
    func rateLimit() async throws {
        var limits = Limits()
        limits.loginsPerMinute = 5
        try await ServerHarness.with(limits: limits) { _, client in
            var statuses: [Int] = []
            for _ in 0..<7 {
                statuses.append(
                    try await client.call(
                        .post, "/v1/auth/login",
                        body: #"{"username":"ghost","password":"whatever you like"}"#
                    ).status.code)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == 401 })
            #expect(statuses.suffix(2).allSatisfy { $0 == 429 })
        }
    }

    @Test("the live feed refuses foreign browser origins but accepts its own")
    func origin() async throws {
        try await ServerHarness.with(setup: .live) { _, client in
            let port = try #require(client.port)
            let token = try await client.login("dispatcher")
            func upgrade(origin: String) async throws -> String {
                try await RawHTTP.liveUpgrade(
                    port: port, headers: ["Origin: \(origin)", "Authorization: Bearer \(token)"])
            }
            #expect(try await upgrade(origin: "https://evil.example").hasPrefix("HTTP/1.1 4"))
            #expect(try await upgrade(origin: "http://127.0.0.1:\(port)").hasPrefix("HTTP/1.1 101"))
        }
    }
}
