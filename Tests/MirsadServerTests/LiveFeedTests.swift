import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Live feed over WebSocket")
struct LiveFeedTests {
    @Test("events stream live in log order; a reconnect with since= replays the gap exactly once")
    func liveAndReplay() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let port = try #require(client.port)
            let token = try await client.login("dispatcher")
            let callTaker = try await client.login("calltaker")
            let live = LiveFeedClient(port: port, token: token)
            let hello = try #require(await live.next())
            #expect(hello.type == "hello")
            #expect(try #require(await live.next()).type == "caughtUp")

            var created: [Incident] = []
            for i in 0..<3 { created.append(try await client.createIncident(token: callTaker, lat: 29.0 + Double(i))) }
            let frames = try #require(
                await live.collect(until: {
                    $0.eventType == "incident.created"
                        && ($0.object["event"] as? [String: Any])?["incidentId"] as? String == created[2].id.uuidString
                }))
            let ids = frames.compactMap(\.eventID)
            #expect(ids == Array((ids.first ?? 0)...(ids.last ?? 0)), "contiguous ids")
            live.close()

            // Missed while away: three more creates; then reconnect from the last id seen.
            let lastSeen = try #require(ids.last)
            for i in 0..<3 { _ = try await client.createIncident(token: callTaker, lat: 28.0 - Double(i)) }
            let head = try await harness.services.store.lastEventID()
            let again = LiveFeedClient(port: port, token: token, since: lastSeen)
            let replay = try #require(await again.collect(until: { $0.type == "caughtUp" }))
            let replayed = replay.compactMap(\.eventID)
            #expect(replayed == Array((lastSeen + 1)...head))
            _ = try await client.createIncident(token: callTaker, lat: 27)
            let next = try #require(await again.collect(until: { $0.eventID != nil }))
            #expect(next.last?.eventID == head + 1)
            again.close()
        }
    }

    @Test("position updates are coalesced to one per unit per second")
    func coalescing() async throws {
        try await ServerHarness.with(setup: .live) { _, client in
            let port = try #require(client.port)
            let token = try await client.login("dispatcher")
            let live = LiveFeedClient(port: port, token: token)
            _ = await live.collect(until: { $0.type == "caughtUp" })
            let e1 = TestJurisdiction.unitID("E1")
            let start = ContinuousClock.now
            for i in 0..<10 {
                let reply = try await client.call(
                    .post, "/v1/units/positions", token: token,
                    body: #"{"positions":[{"unitId":"\#(e1)","lat":\#(29.0 + Double(i) * 0.001),"lon":47.9}]}"#)
                #expect(reply.status == .accepted)
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(1500))
            let positions = live.received.filter { $0.type == "positions" }
            let forE1 = positions.filter { frame in
                (frame.object["positions"] as? [[String: Any]])?.contains { $0["unitId"] as? String == e1.uuidString }
                    == true
            }
            let elapsed = ContinuousClock.now - start
            let allowed = Int((Double(elapsed.components.seconds) + 1).rounded(.up))
            #expect(!forE1.isEmpty)
            #expect(forE1.count <= allowed, "\(forE1.count) messages in \(elapsed)")
            // The hub sends at most one per second; arrival times carry scheduling jitter on a
            // loaded machine, so the gap is checked with a margin (reports came every 50 ms).
            for (a, b) in zip(forE1, forE1.dropFirst()) {
                #expect(b.receivedAt - a.receivedAt >= .milliseconds(600))
            }
            // The newest report is the last one delivered.
            let last = (forE1.last?.object["positions"] as? [[String: Any]])?.first {
                $0["unitId"] as? String == e1.uuidString
            }
            #expect(abs((last?["lat"] as? Double ?? 0) - 29.009) < 1e-9)
            live.close()
        }
    }

    @Test("a client that falls behind is told to resync and dropped; memory stays bounded")
    func slowClient() async throws {
        var limits = Limits()
        limits.liveQueue = 8
        try await ServerHarness.with(setup: .live, limits: limits) { harness, client in
            let port = try #require(client.port)
            let token = try await client.login("dispatcher")
            let live = LiveFeedClient(port: port, token: token, readDelay: .milliseconds(50))
            _ = await live.collect(until: { $0.type == "caughtUp" })
            // One batch of many events arrives at the hub at once: more than the queue holds.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<100 {
                    group.addTask {
                        _ = try await harness.services.store.execute(
                            .createIncident(
                                CreateIncident(
                                    type: "FIRE-VEHICLE", location: .init(lat: 20 + Double(i) * 0.1, lon: 47))),
                            actor: Actor(username: "calltaker", role: .callTaker, sector: "operations"))
                    }
                }
                try await group.waitForAll()
            }
            let frames = await live.collect(until: { $0.type == "resync" }, timeout: .seconds(20))
            #expect(frames != nil, "the client is told to resync")
            let close = try await live.closeCode()
            #expect(close == 4001)
            #expect(await harness.services.hub.clientCount == 0)
        }
    }

    @Test("the feed refuses a missing or invalid token: no upgrade happens", arguments: [nil, "nonsense"] as [String?])
    func authentication(token: String?) async throws {
        try await ServerHarness.with(setup: .live) { _, client in
            let port = try #require(client.port)
            let answer = try await RawHTTP.liveUpgrade(
                port: port, headers: token.map { ["Authorization: Bearer \($0)"] } ?? [])
            #expect(answer.hasPrefix("HTTP/1.1 4"), "token \(token ?? "none") → \(answer.prefix(80))")
            #expect(!answer.contains("101 Switching Protocols"))
        }
    }

    @Test("logging out ends the session's live connections at once")
    func logoutEndsFeed() async throws {
        try await ServerHarness.with(setup: .live) { _, client in
            let port = try #require(client.port)
            let token = try await client.login("analyst")
            let live = LiveFeedClient(port: port, token: token)
            _ = await live.collect(until: { $0.type == "caughtUp" })
            #expect(try await client.call(.post, "/v1/auth/logout", token: token).status == .noContent)
            let ended = await live.collect(until: { $0.type == "sessionEnded" })
            #expect(ended != nil)
            let code = try await live.closeCode()
            #expect(code == 4401)
        }
    }
}
