import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Analytics API and early warning")
struct AnalyticsAPITests {
    /// A tight cluster of 30 points in one 250 m cell and 20 scattered over ~5 km.
    static var clusteredPoints: String {
        var points: [String] = []
        for i in 0..<30 {
            points.append(#"{"x":\#(47.980 + Double(i % 5) * 0.0002),"y":\#(29.370 + Double(i / 5) * 0.0002)}"#)
        }
        for i in 0..<20 {
            points.append(#"{"x":\#(47.95 + Double(i % 5) * 0.012),"y":\#(29.34 + Double(i / 5) * 0.012)}"#)
        }
        return "[" + points.joined(separator: ",") + "]"
    }

    @Test("hot spots from inline points, as JSON and as a PNG heat map")
    func inlinePoints() async throws {
        try await ServerHarness.with { _, client in
            let analyst = try await client.login("analyst")
            let body = #"{"input":{"points":\#(Self.clusteredPoints)},"cell":250}"#
            let reply = try await client.call(.post, "/v1/analytics/gistar", token: analyst, body: body)
            #expect(reply.status == .ok, "\(reply.text.prefix(300))")
            #expect(reply.json["events"] as? Int == 50)
            let summary = try #require(reply.json["summary"] as? [String: Any])
            #expect((summary["maxZ"] as? Double ?? 0) > 1.96, "the cluster is a hot spot")
            let layer = try #require(reply.json["layer"] as? [String: Any])
            let counts = try #require(layer["counts"] as? [Int])
            #expect(counts.reduce(0, +) == 50)
            #expect(counts.max() ?? 0 >= 15, "the cluster fills at most a few cells")

            let png = try await client.call(
                .post, "/v1/analytics/kde?format=png", token: analyst,
                body: #"{"input":{"points":\#(Self.clusteredPoints)},"bandwidth":300}"#)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            let csv = try await client.call(
                .post, "/v1/analytics/kde?format=csv", token: analyst,
                body: #"{"input":{"points":\#(Self.clusteredPoints)},"bandwidth":300}"#)
            #expect(csv.text.hasPrefix("iy,ix,count,value"))
        }
    }

    @Test("without points the stored incidents the caller may see are analysed")
    func storedIncidents() async throws {
        try await ServerHarness.with { _, client in
            let callTaker = try await client.login("calltaker")
            for i in 0..<6 {
                _ = try await client.createIncident(
                    token: callTaker, type: "CRIME-BURGLARY", lat: 29.30 + Double(i) * 0.01)
            }
            _ = try await client.createIncident(token: callTaker, type: "FIRE-VEHICLE")
            let body =
                #"{"input":{"category":"CRIME-BURGLARY"},"spatialRadius":2000,"temporalWindowDays":1,"minimumMembers":3}"#
            let analyst = try await client.login("analyst")
            let series = try await client.call(.post, "/v1/analytics/series", token: analyst, body: body)
            #expect(series.status == .ok, "\(series.text.prefix(300))")
            #expect(series.json["events"] as? Int == 6, "criminal security sees its six burglaries")
            #expect((series.json["series"] as? [[String: Any]])?.count == 1)

            // Firefighting may run analyses but sees no burglary: nothing to analyse.
            let fire = try await client.login("fire.supervisor")
            let none = try await client.call(.post, "/v1/analytics/series", token: fire, body: body)
            #expect(none.status == .unprocessableContent)
            #expect(none.problemField == "input.points")
            let all = try await client.call(
                .post, "/v1/analytics/kde", token: fire, body: #"{"input":{},"bandwidth":300}"#)
            #expect(
                all.json["events"] as? Int == 1, "only the fire is visible to firefighting: \(all.text.prefix(300))")
        }
    }

    @Test("bad requests name the field; other roles are refused; nothing is left behind")
    func badRequests() async throws {
        try await ServerHarness.with { harness, client in
            let analyst = try await client.login("analyst")
            let points = Self.clusteredPoints
            let cases: [(String, String, String)] = [
                ("/v1/analytics/kde", #"{"input":{"points":\#(points)},"bandwidth":-5}"#, "bandwidth"),
                ("/v1/analytics/kde", #"{"input":{"points":\#(points)},"bandwith":300}"#, "bandwith"),
                ("/v1/analytics/kde", #"{"input":{"points":\#(points)}}"#, "bandwidth"),
                ("/v1/analytics/gistar", #"{"input":{"points":[{"x":47.9,"y":200}]}}"#, "input.points[0]"),
                ("/v1/analytics/gistar", #"{"input":{"points":\#(points),"crs":"WGS84"}}"#, "input.crs"),
                ("/v1/analytics/gistar", #"{"input":{"crs":"EPSG:32639"}}"#, "input.crs"),
                (
                    "/v1/analytics/knox",
                    #"{"input":{"points":\#(points)},"distanceBand":100,"distanceBands":3,"timeBand":7,"timeBands":3}"#,
                    "input.points[0].time"
                ),
                ("/v1/analytics/gistar?format=xls", #"{"input":{"points":\#(points)}}"#, "format"),
                ("/v1/analytics/kde", #"{"input":{"points":\#(points)},"bandwidth":300,"cell":1}"#, "cell"),
            ]
            for (path, body, field) in cases {
                let reply = try await client.call(.post, path, token: analyst, body: body)
                #expect(reply.status.code / 100 == 4, "\(path) \(field): \(reply.status)")
                #expect(
                    reply.problemField?.hasPrefix(field) == true,
                    "\(path): expected \(field), got \(reply.text.prefix(200))")
            }
            let dispatcher = try await client.login("dispatcher")
            #expect(
                try await client.call(
                    .post, "/v1/analytics/gistar", token: dispatcher,
                    body: #"{"input":{"points":\#(points)}}"#
                ).status == .forbidden)
            #expect(try await harness.services.store.events(ofTypes: ["analytics.alert"]).isEmpty)
        }
    }

    /// The test jurisdiction watching vehicle fires (an arson series is a crime pattern).
    static var watching: Jurisdiction {
        var jurisdiction = TestJurisdiction.jurisdiction
        jurisdiction.earlyWarning = EarlyWarningSettings(
            incidentTypes: ["FIRE-VEHICLE"], alertSectors: ["criminal-security"], nearRepeatNeedsHistory: false)
        return jurisdiction
    }

    @Test("near repeats and an emerging series reach Criminal Security and the owning sector, once each")
    func earlyWarning() async throws {
        try await ServerHarness.with(setup: .live, jurisdiction: Self.watching) { harness, client in
            let port = try #require(client.port)
            var feeds: [String: LiveFeedClient] = [:]
            for user in ["analyst", "fire.dispatcher", "traffic.liaison"] {
                let feed = LiveFeedClient(port: port, token: try await client.login(user, at: harness.clock.now()))
                _ = await feed.collect(until: { $0.type == "caughtUp" })
                feeds[user] = feed
            }
            let callTaker = try await client.login("calltaker")
            var fires: [Incident] = []
            for i in 0..<5 {
                harness.clock.advance(120)  // two minutes apart, 55 m apart: a series in the making
                fires.append(
                    try await client.createIncident(
                        token: callTaker, type: "FIRE-VEHICLE", lat: 29.37 + Double(i) * 0.0005))
            }
            let analyst = try #require(feeds["analyst"])
            _ = await analyst.collect(
                until: { _ in analyst.received.filter { $0.eventType == "analytics.alert" }.count >= 5 },
                timeout: .seconds(10))
            let alerts = analyst.received.filter { $0.eventType == "analytics.alert" }
            let data = alerts.compactMap { ($0.object["event"] as? [String: Any])?["data"] as? [String: Any] }
            #expect(data.filter { $0["kind"] as? String == "nearRepeat" }.count == 4, "every fire after the first")
            let series = try #require(data.first { $0["kind"] as? String == "emergingSeries" })
            #expect(series["incidentId"] as? String == fires[3].id.uuidString, "the fourth fire makes the series")
            let evidence = try #require(series["evidence"] as? [String: Any])
            #expect((evidence["members"] as? [[String: Any]])?.count ?? 0 >= 3)
            #expect(((series["summary"] as? [String: Any])?["ar"] as? String)?.isEmpty == false)
            let sectors = (alerts.first?.object["event"] as? [String: Any])?["sectors"] as? [String]
            #expect(Set(sectors ?? []) == ["criminal-security", "firefighting"])

            let fireFeed = try #require(feeds["fire.dispatcher"])
            _ = await fireFeed.collect(
                until: { _ in fireFeed.received.filter { $0.eventType == "analytics.alert" }.count >= 5 },
                timeout: .seconds(5))
            #expect(fireFeed.received.filter { $0.eventType == "analytics.alert" }.count == 5)
            try await Task.sleep(for: .milliseconds(300))
            #expect(feeds["traffic.liaison"]!.received.filter { $0.eventType == "analytics.alert" }.isEmpty)

            // Seen again (another instance, a retry): nothing is raised twice.
            try await harness.services.earlyWarning.consider(fires[4].id)
            #expect(try await harness.services.store.events(ofTypes: ["analytics.alert"]).count == 5)
            for feed in feeds.values { feed.close() }
        }
    }
}
