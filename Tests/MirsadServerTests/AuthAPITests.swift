import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Login and sessions")
struct AuthAPITests {
    @Test("login returns a bearer token naming the user's role and sector; logout ends the session")
    func loginLogout() async throws {
        try await ServerHarness.with { _, client in
            let reply = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"fire.dispatcher","password":"\#(TestUsers.password)"}"#)
            #expect(reply.status == .ok)
            let user = reply.json["user"] as? [String: Any]
            #expect(user?["role"] as? String == "dispatcher")
            #expect(user?["sector"] as? String == "firefighting")
            let token = try #require(reply.json["token"] as? String)
            #expect(try await client.call(.get, "/v1/auth/me", token: token).status == .ok)
            #expect(try await client.call(.post, "/v1/auth/logout", token: token).status == .noContent)
            #expect(try await client.call(.get, "/v1/auth/me", token: token).status == .unauthorized)
        }
    }

    @Test("wrong passwords and unknown users get the same 401")
    func failures() async throws {
        try await ServerHarness.with { _, client in
            let wrong = try await client.call(
                .post, "/v1/auth/login", body: #"{"username":"dispatcher","password":"nope nope nope"}"#)
            let unknown = try await client.call(
                .post, "/v1/auth/login", body: #"{"username":"ghost","password":"nope nope nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.json["detail"] as? String == unknown.json["detail"] as? String)
            let extra = try await client.call(
                .post, "/v1/auth/login", body: #"{"username":"a","password":"b","remember":true}"#)
            #expect(extra.problemField == "remember")
        }
    }

    @Test("five failures in a row lock the account for ten minutes (injected clock)")
    func lockout() async throws {
        try await ServerHarness.with { harness, client in
            for _ in 1...5 {
                let reply = try await client.call(
                    .post, "/v1/auth/login", body: #"{"username":"dispatcher","password":"wrong password!"}"#)
                #expect(reply.status == .unauthorized)
            }
            let locked = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"dispatcher","password":"\#(TestUsers.password)"}"#)
            #expect(locked.status.code == 423)
            harness.clock.advance(9 * 60)
            #expect(
                try await client.call(
                    .post, "/v1/auth/login",
                    body: #"{"username":"dispatcher","password":"\#(TestUsers.password)"}"#
                ).status.code == 423)
            harness.clock.advance(61)
            _ = try await client.login("dispatcher")
            // A success resets the count: four more failures do not lock.
            for _ in 1...4 {
                _ = try await client.call(
                    .post, "/v1/auth/login", body: #"{"username":"dispatcher","password":"wrong password!"}"#)
            }
            _ = try await client.login("dispatcher")
            let audit = try await harness.services.store.events(after: 0, limit: 1000).map(\.type)
            #expect(audit.filter { $0 == "security.loginFailed" }.count == 10)
            #expect(audit.filter { $0 == "security.accountLocked" }.count == 1)
            #expect(audit.filter { $0 == "security.login" }.count == 2)
        }
    }

    @Test("sessions end after twelve hours, however active")
    func sessionLifetime() async throws {
        try await ServerHarness.with { harness, client in
            let token = try await client.login("analyst")
            // Active every 20 minutes, so the idle lock never answers first.
            for _ in 0..<35 {
                harness.clock.advance(20 * 60)
                let reply = try await client.call(.get, "/v1/units", token: token)
                #expect(reply.status == .ok, "\(reply.text)")
            }
            harness.clock.advance(20 * 60 + 1)
            let expired = try await client.call(.get, "/v1/units", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.json["type"] as? String == "https://mirsad.dev/problems/unauthorized", "\(expired.text)")
        }
    }
}

@Suite("Units and positions API")
struct UnitAPITests {
    @Test("AVL batches update latest positions; oversize and bad batches are refused whole")
    func positions() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("dispatcher")
            let e1 = TestJurisdiction.unitID("E1"), p1 = TestJurisdiction.unitID("P1")
            let ok = try await client.call(
                .post, "/v1/units/positions", token: token,
                body: """
                    {"positions":[{"unitId":"\(e1)","lat":29.37,"lon":47.98,"at":"2026-11-18T11:00:00Z","speed":12.5,"heading":90},
                                  {"unitId":"\(p1)","lat":29.36,"lon":47.97}]}
                    """)
            #expect(ok.status == .accepted)
            #expect(ok.json["accepted"] as? Int == 2)
            let unit = try await client.call(.get, "/v1/units/\(e1)", token: token)
            let position = unit.json["position"] as? [String: Any]
            #expect(position?["lat"] as? Double == 29.37)
            #expect(position?["heading"] as? Double == 90)

            let unknown = try await client.call(
                .post, "/v1/units/positions", token: token,
                body: #"{"positions":[{"unitId":"\#(UUID())","lat":1,"lon":1}]}"#)
            #expect(unknown.problemField == "positions[0].unitId")
            let badKey = try await client.call(
                .post, "/v1/units/positions", token: token,
                body: #"{"positions":[{"unitId":"\#(e1)","lat":1,"lon":1,"alt":3}]}"#)
            #expect(badKey.problemField == "positions[0].alt")
            let report = #"{"unitId":"\#(e1)","lat":29.1,"lon":47.1}"#
            let tooMany = "{\"positions\":[" + Array(repeating: report, count: 10_001).joined(separator: ",") + "]}"
            let refused = try await client.call(.post, "/v1/units/positions", token: token, body: tooMany)
            #expect(refused.problemField == "positions")
            let still = try await client.call(.get, "/v1/units/\(e1)", token: token)
            #expect((still.json["position"] as? [String: Any])?["lat"] as? Double == 29.37)
            let callTaker = try await client.login("calltaker")
            #expect(
                try await client.call(
                    .post, "/v1/units/positions", token: callTaker,
                    body: #"{"positions":[]}"#
                ).status == .forbidden)
        }
    }

    @Test("the catalogue: sectors, incident types and stations from the jurisdiction, bilingual")
    func catalogue() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("press")
            let sectors = try await client.call(.get, "/v1/sectors", token: token)
            let list = try #require(sectors.json["sectors"] as? [[String: Any]])
            #expect(list.count == TestJurisdiction.jurisdiction.sectors.count)
            #expect((list.first?["name"] as? [String: String])?["ar"] == "الإطفاء")
            let types = try await client.call(.get, "/v1/incident-types", token: token)
            #expect((types.json["incidentTypes"] as? [Any])?.count == TestJurisdiction.jurisdiction.incidentTypes.count)
            let units = try await client.call(.get, "/v1/units", token: token)
            #expect((units.json["units"] as? [Any])?.count == TestJurisdiction.jurisdiction.units.count)
        }
    }
}

@Suite("System endpoints")
struct SystemAPITests {
    @Test("health, metrics and security headers")
    func health() async throws {
        try await ServerHarness.with { _, client in
            let health = try await client.call(.get, "/health")
            #expect(health.json["database"] as? String == "ok")
            #expect(health.headers[.init("X-Content-Type-Options")!] == "nosniff")
            _ = try await client.login("admin")
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("mirsad_commit_batch_size"))
            #expect(metrics.text.contains("hb_requests"))
        }
    }

    @Test("the console is served at / with a strict content-security policy")
    func console() async throws {
        try await ServerHarness.with { _, client in
            let page = try await client.call(.get, "/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let source = try #require(page.text.firstMatch(of: /src="(\/console\/[^"]+\.js)"/)?.output.1)
            let script = try await client.call(.get, String(source))
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            let api = try await client.call(.get, "/v1/units")
            #expect(api.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
        }
    }
}
