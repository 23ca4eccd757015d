import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import SQLKit
import Testing

/// The holes an outside tester found probing a running demo, each as the attack that found it.
@Suite("Need-to-know under attack")
struct AttackProbeTests {
    static let purpose: HTTPFields = [HTTPField.Name("X-Purpose")!: "case follow-up"]

    @Test(
        "a unit obeys its own sector and oversight only, and never moves a hidden incident",
        arguments: TestBackend.available)
    func unitsObeyTheirSector(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let callTaker = try await client.login("calltaker")
            let burglary = try await client.createIncident(token: callTaker, type: "CRIME-BURGLARY")
            let c1 = TestJurisdiction.unitID("C1")
            let cid = try await client.login("cid.dispatcher")
            #expect(
                try await client.call(
                    .post, "/v1/incidents/\(burglary.id)/assignments", token: cid,
                    body: #"{"unitIds":["\#(c1)"]}"#
                ).status == .created)
            let fire = try await client.login("fire.dispatcher")
            let attempt = try await client.call(
                .post, "/v1/units/\(c1)/status", token: fire, body: #"{"status":"onScene"}"#)
            #expect(attempt.status == .forbidden)
            let after = try #require(try await harness.services.store.incident(burglary.id))
            #expect(after.status == .dispatched, "the hidden incident did not move")
            // Its own sector and oversight may.
            #expect(
                try await client.call(.post, "/v1/units/\(c1)/status", token: cid, body: #"{"status":"enRoute"}"#)
                    .status == .ok)
            let ops = try await client.login("dispatcher")
            #expect(
                try await client.call(.post, "/v1/units/\(c1)/status", token: ops, body: #"{"status":"onScene"}"#)
                    .status == .ok)
            // The unit list shows the unit to Firefighting, but not which hidden incident it works.
            let units = try await client.call(.get, "/v1/units", token: fire).json["units"] as? [[String: Any]] ?? []
            let row = try #require(units.first { (($0["unit"] as? [String: Any])?["callSign"] as? String) == "C1" })
            #expect((row["unit"] as? [String: Any])?["incidentId"] == nil)
            let own = try await client.call(.get, "/v1/units/\(c1)", token: cid).json["unit"] as? [String: Any]
            #expect(own?["incidentId"] as? String == burglary.id.uuidString)
        }
    }

    @Test(
        "two sessions acting on one unit at once: the state machine takes one, refuses the other",
        arguments: TestBackend.available)
    func twoSessionsOneUnit(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let e2 = TestJurisdiction.unitID("E2")
            let fire = try await client.login("fire.dispatcher")
            let ops = try await client.login("dispatcher")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for token in [fire, ops] {
                    group.addTask {
                        try await client.call(
                            .post, "/v1/units/\(e2)/status", token: token,
                            body: #"{"status":"outOfService","reason":"pump failure"}"#
                        ).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409], "\(statuses)")
            let changes = try await harness.services.store.events(after: 0, limit: 10_000).filter {
                $0.type == "unit.statusChanged" && $0.unitId == e2
            }
            #expect(changes.count == 1)
        }
    }

    @Test("positions come from the unit's own device credential or its own sector", arguments: TestBackend.available)
    func positionsFromOwnDeviceOrSector(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let e1 = TestJurisdiction.unitID("E1"), p1 = TestJurisdiction.unitID("P1")
            func batch(_ unit: UUID) -> String { #"{"positions":[{"unitId":"\#(unit)","lat":29.3,"lon":47.9}]}"# }
            let fire = try await client.login("fire.dispatcher")
            #expect(
                try await client.call(.post, "/v1/units/positions", token: fire, body: batch(e1)).status == .accepted)
            let foreign = try await client.call(.post, "/v1/units/positions", token: fire, body: batch(p1))
            #expect(foreign.status == .forbidden)
            #expect(foreign.problemField == "positions[0].unitId")
            let device = try await harness.services.store.issueUnitToken(unitId: e1, actor: .system).token
            #expect(
                try await client.call(.post, "/v1/units/positions", token: device, body: batch(e1)).status == .accepted)
            #expect(
                try await client.call(.post, "/v1/units/positions", token: device, body: batch(p1)).status == .forbidden
            )
            // The device credential opens no other route.
            #expect(try await client.call(.get, "/v1/incidents", token: device).status == .unauthorized)
            #expect(
                try await client.call(
                    .post, "/v1/units/\(e1)/status", token: device, body: #"{"status":"outOfService"}"#
                )
                .status == .unauthorized)
            #expect(try await harness.services.store.revokeUnitTokens(unitId: e1, actor: .system) == 1)
            try await Task.sleep(for: .milliseconds(2100))  // the credential cache holds an answer for 2 s
            #expect(
                try await client.call(.post, "/v1/units/positions", token: device, body: batch(e1)).status
                    == .unauthorized)
            let forged = "mdt_\(UUID().uuidString.lowercased())_nothing"
            #expect(
                try await client.call(.post, "/v1/units/positions", token: forged, body: batch(e1)).status
                    == .unauthorized)
        }
    }

    @Test(
        "re-typing an incident to a restricted type hides what was said before it, on the timeline too",
        arguments: TestBackend.available)
    func retypeHidesEarlierFields(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let callTaker = try await client.login("calltaker")
            let created = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body:
                    #"{"type":"FIRE-STRUCTURE","location":{"lat":29.5,"lon":47.9},"narrative":"a man ran from the back","caller":{"name":"Huda"}}"#
            )
            let id = try created.decode(Incident.self).id
            let ops = try await client.login("dispatcher")
            #expect(
                try await client.call(
                    .patch, "/v1/incidents/\(id)", token: ops,
                    body: #"{"type":"CRIME-BURGLARY","reason":"forced entry found"}"#
                ).status == .ok)
            let fire = try await client.login("fire.dispatcher")
            #expect(
                try await client.call(.get, "/v1/incidents/\(id)/timeline", token: fire).status == .notFound,
                "the former owner no longer sees it")
            for username in ["dispatcher", "supervisor"] {
                let token = try await client.login(username)
                let timeline = try await client.call(
                    .get, "/v1/incidents/\(id)/timeline", token: token, headers: Self.purpose)
                #expect(timeline.status == .ok)
                #expect(
                    !timeline.text.contains("a man ran") && !timeline.text.contains("Huda"),
                    "\(username) sees \(timeline.text)")
            }
            let owner = try await client.login("cid.dispatcher")
            let withPurpose = try await client.call(
                .get, "/v1/incidents/\(id)/timeline", token: owner, headers: Self.purpose)
            #expect(withPurpose.text.contains("a man ran"))
            let withoutPurpose = try await client.call(.get, "/v1/incidents/\(id)/timeline", token: owner)
            #expect(!withoutPurpose.text.contains("a man ran"))
        }
    }

    @Test(
        "hidden and absent ids answer byte for byte alike on every write route, whatever the role",
        arguments: TestBackend.available)
    func hiddenEqualsAbsent(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let callTaker = try await client.login("calltaker")
            let burglary = try await client.createIncident(token: callTaker, type: "CRIME-BURGLARY")
            let absent = UUID()
            let e1 = TestJurisdiction.unitID("E1")
            let probes: [(HTTPRequest.Method, String, String?)] = [
                (.patch, "/v1/incidents/ID", #"{"priority":1,"reason":"x"}"#),
                (.post, "/v1/incidents/ID/status", #"{"status":"cancelled"}"#),
                (.post, "/v1/incidents/ID/notes", #"{"text":" "}"#),
                (.post, "/v1/incidents/ID/assignments", #"{"unitIds":[]}"#),
                (.delete, "/v1/incidents/ID/assignments/\(e1)", nil),
                (.post, "/v1/incidents/ID/shares", #"{"sector":"traffic","reason":"x"}"#),
                (.delete, "/v1/incidents/ID/shares/traffic", nil),
                (.post, "/v1/incidents/ID/merge", #"{"into":"\#(UUID())"}"#),
            ]
            var compared = 0
            for username in ["fire.dispatcher", "fire.supervisor", "traffic.liaison"] {
                let token = try await client.login(username)
                for (method, path, body) in probes {
                    let hidden = try await client.call(
                        method, path.replacingOccurrences(of: "ID", with: burglary.id.uuidString),
                        token: token, body: body)
                    let missing = try await client.call(
                        method, path.replacingOccurrences(of: "ID", with: absent.uuidString),
                        token: token, body: body)
                    #expect(hidden.status == .notFound, "\(username) \(method) \(path): \(hidden.status)")
                    #expect(
                        Self.withoutInstance(hidden.text) == Self.withoutInstance(missing.text),
                        "\(username) \(method) \(path): \(hidden.text) vs \(missing.text)")
                    compared += 1
                }
            }
            #expect(compared == 24)
            // Probing is audited alike for both, one entry per actor, object and minute.
            let denials = try await harness.services.store.events(after: 0, limit: 10_000).filter {
                $0.type == "security.accessDenied" && $0.actor.username == "fire.dispatcher"
            }
            let objects = Set(
                denials.compactMap { event -> UUID? in
                    guard case .securityEvent(let e) = event.payload else { return nil }
                    return e.incidentId
                })
            #expect(objects == [burglary.id, absent])
            #expect(denials.count == 2)
            // Once the minute is over the rest are counted in one entry each.
            harness.clock.advance(61)
            try await harness.services.denials.flushAll()
            let counted = try await harness.services.store.events(after: 0, limit: 10_000).compactMap { event -> Int? in
                guard case .securityEvent(let e) = event.payload, event.actor.username == "fire.dispatcher",
                    e.action == .accessDenied
                else { return nil }
                return e.count ?? 1
            }
            #expect(counted.reduce(0, +) == 16, "every refusal stays countable")
        }
    }

    @Test(
        "audit entries holding restricted fields are given in full only with a stated purpose, itself audited",
        arguments: TestBackend.available)
    func auditEntriesRedacted(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let callTaker = try await client.login("calltaker")
            _ = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body: #"{"type":"CRIME-BURGLARY","location":{"lat":29.5,"lon":47.9},"narrative":"the neighbour's son"}"#
            )
            let admin = try await client.login("admin", at: harness.clock.now())
            let plain = try await client.call(.get, "/v1/audit/entries?limit=1000", token: admin)
            #expect(plain.status == .ok)
            #expect(!plain.text.contains("the neighbour's son"))
            #expect(plain.text.contains(#""redacted":true"#))
            let full = try await client.call(.get, "/v1/audit/entries?limit=1000", token: admin, headers: Self.purpose)
            #expect(full.text.contains("the neighbour's son"))
            let reads = try await harness.services.store.events(after: 0, limit: 10_000).filter {
                $0.type == "security.restrictedRead" && $0.actor.username == "admin"
            }
            #expect(reads.count == 1)
        }
    }

    @Test(
        "analyses beyond the work budget are refused naming the field; closures are bounded",
        arguments: TestBackend.available)
    func abuseByVolume(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let analyst = try await client.login("analyst")
            let points =
                "["
                + (0..<6000).map { i in
                    #"{"x":\#(47.9 + Double(i % 80) * 0.001),"y":\#(29.3 + Double(i / 80) * 0.001),"time":"2026-01-\#(String(format: "%02d", 1 + i % 28))T10:00:00Z"}"#
                }.joined(separator: ",") + "]"
            let knox = try await client.call(
                .post, "/v1/analytics/knox", token: analyst,
                body:
                    #"{"input":{"points":\#(points)},"distanceBand":100,"distanceBands":3,"timeBand":7,"timeBands":3,"permutations":999999}"#
            )
            #expect(knox.status.code == 422)
            #expect(knox.problemField == "permutations", "\(knox.text.prefix(300))")
            let kde = try await client.call(
                .post, "/v1/analytics/kde", token: analyst,
                body: #"{"input":{"points":\#(points)},"cell":10,"bandwidth":20000}"#)
            #expect(kde.status.code == 422)
            #expect(kde.problemField == "bandwidth" || kde.problemField == "cell", "\(kde.text.prefix(300))")
            let dispatcher = try await client.login("dispatcher")
            let huge = try await client.call(
                .post, "/v1/roads/closures", token: dispatcher,
                body:
                    #"{"polygon":[{"lat":29,"lon":47},{"lat":29,"lon":48.5},{"lat":30,"lon":48.5}],"reason":"everything"}"#
            )
            #expect(huge.status.code == 422, "\(huge.text)")
            #expect(huge.problemField == "polygon")
        }
    }

    @Test("rate-limit buckets of callers that went away are forgotten")
    func idleBucketsAreEvicted() async throws {
        let limiter = RateLimiter(perMinute: 6_000_000, burst: 10)
        for i in 0..<100 { _ = await limiter.allow("client-\(i)") }
        #expect(await limiter.count == 100)
        try await Task.sleep(for: .milliseconds(20))  // 10 tokens refill in 0.1 ms at this rate
        await limiter.sweepNow()
        #expect(await limiter.count == 0)
    }

    @Test("a possible duplicate never names an incident the caller cannot see", arguments: TestBackend.available)
    func duplicatesFilteredByVisibility(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let fire = try await client.login("fire.dispatcher")
            let first = try await client.call(
                .post, "/v1/incidents", token: fire,
                body: #"{"type":"FIRE-VEHICLE","location":{"lat":29.37,"lon":47.98}}"#)
            #expect(first.status == .created)
            let traffic = try await client.login("cid.dispatcher")
            let second = try await client.call(
                .post, "/v1/incidents", token: traffic,
                body: #"{"type":"FIRE-VEHICLE","location":{"lat":29.3701,"lon":47.9801}}"#)
            #expect(second.status == .created)
            #expect(second.json["possibleDuplicateOf"] == nil)
            let third = try await client.call(
                .post, "/v1/incidents", token: fire,
                body: #"{"type":"FIRE-VEHICLE","location":{"lat":29.3702,"lon":47.9802}}"#)
            #expect(third.json["possibleDuplicateOf"] != nil, "its own sector's duplicate is still named")
        }
    }

    @Test("only the owning sector and oversight share or revoke", arguments: TestBackend.available)
    func recipientsDoNotReshare(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let callTaker = try await client.login("calltaker")
            let burglary = try await client.createIncident(token: callTaker, type: "CRIME-BURGLARY")
            let supervisor = try await client.login("supervisor")
            #expect(
                try await client.call(
                    .post, "/v1/incidents/\(burglary.id)/shares", token: supervisor,
                    body: #"{"sector":"traffic","reason":"closure"}"#
                ).status == .created)
            let liaison = try await client.login("traffic.liaison")
            let onward = try await client.call(
                .post, "/v1/incidents/\(burglary.id)/shares", token: liaison,
                body: #"{"sector":"firefighting","reason":"help"}"#)
            #expect(onward.status == .forbidden)
            #expect(
                try await client.call(.delete, "/v1/incidents/\(burglary.id)/shares/traffic?reason=x", token: liaison)
                    .status == .forbidden)
        }
    }

    @Test(
        "ten concurrent wrong passwords lock the account, and the right one then cannot log in",
        arguments: TestBackend.available)
    func lockoutHoldsUnderConcurrency(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await client.call(
                            .post, "/v1/auth/login",
                            body: #"{"username":"dispatcher","password":"wrong wrong wrong"}"#
                        ).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { [401, 423].contains($0) })
            let right = try await client.call(
                .post, "/v1/auth/login",
                body: #"{"username":"dispatcher","password":"\#(TestUsers.password)"}"#)
            #expect(right.status.code == 423)
            let user = try #require(try await harness.services.store.user("dispatcher"))
            #expect(user.lockedUntil != nil)
        }
    }

    @Test(
        "a stolen token is no password oracle: unlock and password change count toward the lockout",
        arguments: TestBackend.available)
    func stolenTokenIsNoOracle(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let token = try await client.login("dispatcher")
            for attempt in 1...4 {
                let reply = try await client.call(
                    .post, "/v1/auth/unlock", token: token, body: #"{"password":"guess \#(attempt)"}"#)
                #expect(reply.status == .unauthorized)
            }
            let changing = try await client.call(
                .post, "/v1/auth/password", token: token,
                body: #"{"currentPassword":"guess 5","newPassword":"a brand new passphrase"}"#)
            #expect(changing.status.code == 423, "the fifth wrong password locks the account")
            #expect(
                try await client.call(.get, "/v1/auth/me", token: token).status == .unauthorized, "its sessions ended")
            // Enrolling a second factor needs the password.
            let other = try await client.login("fire.dispatcher")
            #expect([400, 422].contains(try await client.call(.post, "/v1/auth/totp", token: other).status.code))
            #expect(
                try await client.call(.post, "/v1/auth/totp", token: other, body: #"{"password":"nope"}"#)
                    .status == .unauthorized)
            let enrolled = try await client.call(
                .post, "/v1/auth/totp", token: other,
                body: #"{"password":"\#(TestUsers.password)"}"#)
            #expect(enrolled.status == .created)
        }
    }

    @Test("a second-factor code logs in once", arguments: TestBackend.available)
    func totpCodeIsSingleUse(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let code = SecondFactor.code(secret: TestUsers.adminSecret, at: harness.clock.now())
            let body = #"{"username":"admin","password":"\#(TestUsers.password)","otp":"\#(code)"}"#
            let first = try await client.call(.post, "/v1/auth/login", body: body)
            #expect(first.status == .ok)
            let replayed = try await client.call(.post, "/v1/auth/login", body: body)
            #expect(replayed.status == .unauthorized)
        }
    }

    @Test("the token in the query string opens only the live feed", arguments: TestBackend.available)
    func queryTokenOnlyForTheLiveFeed(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let token = try await client.login("dispatcher")
            #expect(try await client.call(.get, "/v1/incidents?access_token=\(token)").status == .unauthorized)
            #expect(try await client.call(.get, "/v1/incidents", token: token).status == .ok)
        }
    }

    @Test("the live feed's Origin check compares scheme, host and port")
    func originComparesSchemeHostAndPort() async throws {
        func allowed(_ origin: String, host: String, proto: String? = nil) -> Bool {
            var headers: HTTPFields = [:]
            if let proto { headers[HTTPField.Name("X-Forwarded-Proto")!] = proto }
            let head = HTTPRequest(method: .get, scheme: nil, authority: host, path: "/v1/live", headerFields: headers)
            return LiveOriginCheck.allowed(origin, request: head, configured: [])
        }
        #expect(allowed("http://ops.example:8080", host: "ops.example:8080"))
        #expect(!allowed("http://ops.example:9090", host: "ops.example:8080"))
        #expect(!allowed("https://ops.example:8080", host: "ops.example:8080"))
        #expect(!allowed("http://evil.example:8080", host: "ops.example:8080"))
        #expect(allowed("https://ops.example", host: "ops.example", proto: "https"))
        #expect(!allowed("http://ops.example", host: "ops.example", proto: "https"))
        #expect(allowed("http://ops.example", host: "ops.example:80"))
        #expect(allowed("ws://127.0.0.1", host: "127.0.0.1:8080"), "a non-browser client names its ws:// URL")
    }

    @Test("the database and the secrets key are private to the service's user", arguments: TestBackend.available)
    func filesArePrivate(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            if case .sqlite(let path) = harness.services.store.location { #expect(Self.mode(path) == 0o600) }
            // Enrolling a factor seals its secret with the key file, created owner-only.
            let token = try await client.login("fire.dispatcher")
            _ = try await client.call(
                .post, "/v1/auth/totp", token: token, body: #"{"password":"\#(TestUsers.password)"}"#)
            #expect(Self.mode(harness.services.store.secrets.path) == 0o600)
            let raw = try await harness.services.store.backend.withReader { db in
                try await db.select().column("totp_secret").from("users").where("username", .equal, "admin").first()?
                    .decode(column: "totp_secret", as: String.self)
            }
            #expect(raw?.hasPrefix("sealed:v1:") == true)
            #expect(raw?.contains(TestUsers.adminSecret) == false)
            #expect(try await harness.services.store.user("admin")?.secondFactor.activeSecret == TestUsers.adminSecret)
        }
    }

    @Test("if the audit entry of a restricted read cannot be written, the data does not leave")
    func failClosedAudit() async throws {
        try await ServerHarness.with { harness, client in
            let callTaker = try await client.login("calltaker")
            let created = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body: #"{"type":"CRIME-BURGLARY","location":{"lat":29.5,"lon":47.9},"narrative":"the red car again"}"#)
            let id = try created.decode(Incident.self).id
            // The audit trail refuses restricted reads from now on (as a full disk or a lost database would).
            try await harness.services.store.backend.withWriteTransaction { db in
                try await db.raw(
                    """
                    CREATE TRIGGER refuse_restricted_reads BEFORE INSERT ON events
                    WHEN NEW.type = 'security.restrictedRead' BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END
                    """
                ).run()
            } as Void
            let owner = try await client.login("cid.dispatcher")
            let read = try await client.call(.get, "/v1/incidents/\(id)", token: owner, headers: Self.purpose)
            #expect(read.status.code >= 500, "\(read.status)")
            #expect(!read.text.contains("the red car again"))
            let timeline = try await client.call(
                .get, "/v1/incidents/\(id)/timeline", token: owner, headers: Self.purpose)
            #expect(!timeline.text.contains("the red car again"))
        }
    }

    @Test("a key file others can read is refused, with the fix")
    func looseKeyFileRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loose-\(UUID()).key").path
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("x\n".utf8), attributes: [.posixPermissions: 0o644])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            throws: StoreError.invalidConfiguration(
                "the audit key file \(path) can be read by other users (mode 644); fix it with: chmod 600 \(path)")
        ) {
            try PrivateFile.requirePrivate(path, what: "the audit key file")
        }
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return info.st_mode & 0o777
    }

    /// A problem body without its `instance` (the one part that names the request).
    static func withoutInstance(_ text: String) -> String {
        guard var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return text
        }
        object["instance"] = nil
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
