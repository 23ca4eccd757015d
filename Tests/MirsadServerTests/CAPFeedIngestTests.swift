import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MirsadAlerts
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import NIOCore
import Synchronization
import Testing

/// `serve --cap-feed`: a meteorological service's feed, served by the test itself on loopback,
/// read by the real poller into the store.
@Suite("CAP feed ingest")
struct CAPFeedIngestTests {
    /// The documents the fake meteorological service publishes, by path; changed as the test goes.
    final class FakeFeed: Sendable {
        let documents = Mutex<[String: String]>([:])
        func set(_ path: String, _ text: String) { documents.withLock { $0[path] = text } }
    }

    static let sender = "met@weather.example"

    static func alert(
        _ identifier: String, msgType: String = "Alert", references: String? = nil, sent: String,
        polygon: String = "29.32,47.90 29.45,47.90 29.45,48.10 29.32,48.10 29.32,47.90", severity: String = "Severe"
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(identifier)</identifier><sender>\(sender)</sender><sent>\(sent)</sent>
          <status>Actual</status><msgType>\(msgType)</msgType><scope>Public</scope>
          \(references.map { "<references>\($0)</references>" } ?? "")
          <info>
            <language>en-US</language><category>Met</category><event>Heavy rain</event>
            <urgency>Expected</urgency><severity>\(severity)</severity><certainty>Likely</certainty>
            <expires>2026-11-20T06:00:00+03:00</expires><headline>Heavy rain warning</headline>
            <area><areaDesc>Testville and around</areaDesc><polygon>\(polygon)</polygon></area>
          </info>
        </alert>
        """
    }

    static func atom(_ links: [String], port: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><id>urn:met</id><title>Met</title><updated>2026-11-19T00:00:00Z</updated>
        \(links.map { "<entry><id>\($0)</id><title>w</title><updated>2026-11-19T00:00:00Z</updated><link rel=\"alternate\" href=\"http://127.0.0.1:\(port)/\($0)\"/></entry>" }.joined())
        </feed>
        """
    }

    @Test("new warnings for the jurisdiction are recorded once; Update and Cancel end earlier ones; others are ignored")
    func ingest() async throws {
        try await ServerHarness.with { harness, client in
            let feed = FakeFeed()
            let router = Router()
            router.get("**") { request, _ -> Response in
                let path = String(request.uri.path.dropFirst())
                guard let text = feed.documents.withLock({ $0[path] }) else { return Response(status: .notFound) }
                return Response(
                    status: .ok, headers: [.contentType: "application/xml"],
                    body: .init(byteBuffer: ByteBuffer(string: text)))
            }
            let met = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await met.test(.live) { metClient in
                let port = try #require(metClient.port)
                let url = "http://127.0.0.1:\(port)/feed.atom"
                var logger = Logger(label: "test")
                logger.logLevel = .critical
                let poller = CAPFeedPoller(
                    urls: [url], store: harness.services.store, clock: harness.clock, logger: logger)

                feed.set("w1.xml", Self.alert("W-1", sent: "2026-11-19T10:00:00+03:00"))
                // Far away (Riyadh): valid, but not ours.
                feed.set(
                    "far.xml",
                    Self.alert(
                        "W-FAR", sent: "2026-11-19T10:01:00+03:00",
                        polygon: "24.60,46.60 24.80,46.60 24.80,46.80 24.60,46.60"))
                feed.set("feed.atom", Self.atom(["w1.xml", "far.xml"], port: port))
                let first = await poller.pollOnce()
                #expect(first == CAPFeedPoller.Report(recorded: 1, known: 0, outside: 1, failed: 0))
                let again = await poller.pollOnce()
                #expect(again.recorded == 0, "a feed read twice records nothing new")
                // Another instance polling the same feed: the store refuses the duplicate.
                let otherInstance = CAPFeedPoller(
                    urls: [url], store: harness.services.store, clock: harness.clock, logger: logger)
                #expect(
                    await otherInstance.pollOnce() == CAPFeedPoller.Report(recorded: 0, known: 1, outside: 1, failed: 0)
                )

                let token = try await client.login("fire.dispatcher")
                let listed = try await client.call(.get, "/v1/warnings?active=true", token: token)
                let warnings = try #require(listed.json["warnings"] as? [[String: Any]])
                #expect(warnings.map { $0["id"] as? String } == ["\(Self.sender),W-1"])
                #expect(warnings.first?["governorates"] as? [String] == ["capital"], "the polygon holds the Capital")

                // An update replaces W-1; a cancellation ends the update.
                feed.set(
                    "w2.xml",
                    Self.alert(
                        "W-2", msgType: "Update", references: "\(Self.sender),W-1,2026-11-19T10:00:00+03:00",
                        sent: "2026-11-19T11:00:00+03:00", severity: "Extreme"))
                feed.set("feed.atom", Self.atom(["w1.xml", "far.xml", "w2.xml"], port: port))
                #expect(await poller.pollOnce().recorded == 1)
                feed.set(
                    "w3.xml",
                    Self.alert(
                        "W-3", msgType: "Cancel", references: "\(Self.sender),W-2,2026-11-19T11:00:00+03:00",
                        sent: "2026-11-19T12:00:00+03:00",
                        polygon: "24.60,46.60 24.80,46.60 24.80,46.80 24.60,46.60"))
                feed.set("feed.atom", Self.atom(["w2.xml", "w3.xml"], port: port))
                #expect(await poller.pollOnce().recorded == 1, "a cancellation of ours counts whatever its area")

                let all = try await harness.services.store.externalWarnings()
                let status = Dictionary(uniqueKeysWithValues: all.map { ($0.identifier, $0.status) })
                #expect(status == ["W-1": .superseded, "W-2": .cancelled, "W-3": .active])
                #expect(all.filter { $0.isActive(at: harness.clock.now()) }.isEmpty)
                let events = try await harness.services.store.events(ofTypes: ["alerts.received"])
                #expect(events.count == 3 && events.allSatisfy { $0.sectors.isEmpty }, "a situation for every sector")

                // A broken document or an unreachable feed fails softly and is reported.
                feed.set("feed.atom", "<feed")
                #expect(await poller.pollOnce().failed == 1)
            }
        }
    }
}
