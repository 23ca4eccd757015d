import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadTestSupport
import Testing

@Suite("Live feed need-to-know")
struct LiveNeedToKnowTests {
    @Test("each sector's live clients get the events they may see, with restricted fields removed")
    func liveFiltering() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let port = try #require(client.port)
            var feeds: [String: LiveFeedClient] = [:]
            for user in ["dispatcher", "fire.dispatcher", "cid.dispatcher", "traffic.liaison", "admin"] {
                let feed = LiveFeedClient(port: port, token: try await client.login(user, at: harness.clock.now()))
                _ = await feed.collect(until: { $0.type == "caughtUp" })
                feeds[user] = feed
            }
            let callTaker = try await client.login("calltaker")
            let crime = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body: #"{"type":"CRIME-BURGLARY","location":{"lat":29.6,"lon":47.9},"narrative":"secret lead"}"#)
            let burglary = try crime.decode(Incident.self)
            let fire = try await client.createIncident(token: callTaker, type: "FIRE-VEHICLE")
            let cid = try await client.login("cid.dispatcher")
            #expect(
                try await client.call(
                    .post, "/v1/incidents/\(burglary.id)/notes", token: cid,
                    body: #"{"text":"fingerprints on the window"}"#
                ).status == .created)
            // A marker every operations client sees, to know delivery is complete.
            let marker = try await client.createIncident(token: callTaker, type: "FIRE-STRUCTURE", lat: 28)
            func events(_ user: String) async -> [LiveFeedClient.Frame] {
                let feed = feeds[user]!
                if user != "cid.dispatcher" && user != "traffic.liaison" {
                    _ = await feed.collect(until: {
                        ($0.object["event"] as? [String: Any])?["incidentId"] as? String == marker.id.uuidString
                    })
                } else {
                    try? await Task.sleep(for: .milliseconds(500))
                }
                return feed.received.filter { $0.type == "event" }
            }
            func incidents(_ frames: [LiveFeedClient.Frame]) -> Set<String> {
                Set(frames.compactMap { ($0.object["event"] as? [String: Any])?["incidentId"] as? String })
            }
            let ops = await events("dispatcher")
            #expect(incidents(ops) == [burglary.id.uuidString, fire.id.uuidString, marker.id.uuidString])
            func noteTexts(_ frames: [LiveFeedClient.Frame]) -> [String] {
                frames.filter { $0.eventType == "incident.noteAdded" }.compactMap {
                    (($0.object["event"] as? [String: Any])?["data"] as? [String: Any]).flatMap {
                        ($0["note"] as? [String: Any])?["text"] as? String
                    }
                }
            }
            #expect(noteTexts(ops) == [""], "operations learns a note was added, never its restricted text")
            let opsCreated = ops.first {
                $0.eventType == "incident.created" && incidents([$0]) == [burglary.id.uuidString]
            }
            let opsIncident = (opsCreated?.object["event"] as? [String: Any]).flatMap {
                ($0["data"] as? [String: Any])?["incident"] as? [String: Any]
            }
            #expect(opsIncident != nil && opsIncident?["narrative"] == nil)

            let fireFrames = await events("fire.dispatcher")
            #expect(incidents(fireFrames) == [fire.id.uuidString, marker.id.uuidString])
            let cidFrames = await events("cid.dispatcher")
            #expect(incidents(cidFrames) == [burglary.id.uuidString])
            #expect(noteTexts(cidFrames) == [""], "the live feed carries no restricted field, even to the owner")
            let cidIncident =
                (cidFrames.first { $0.eventType == "incident.created" }?.object["event"] as? [String: Any])
                .flatMap { ($0["data"] as? [String: Any])?["incident"] as? [String: Any] }
            #expect(
                cidIncident != nil && cidIncident?["narrative"] == nil, "the owner reads it over REST with a purpose")
            #expect(await events("traffic.liaison").isEmpty)
            let adminFrames = await events("admin")
            #expect(
                adminFrames.contains { $0.eventType?.hasPrefix("security.") == true }, "auditors see security events")
            #expect(!ops.contains { $0.eventType?.hasPrefix("security.") == true }, "operations does not")
            for feed in feeds.values { feed.close() }
        }
    }
}
