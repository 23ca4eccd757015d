import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadGeo
import MirsadGeodesy
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Dispatch recommendations, coverage and road closures")
struct DispatchAPITests {
    /// A small generated city around the test jurisdiction's centre.
    static let network = SyntheticCity(
        center: GeoCoordinate(latitude: 29.37, longitude: 47.98), radiusMeters: 4000, seed: 3, targetNodeCount: 3000
    ).generateNetwork()
    /// An engine of its own for each test: closures one test applies must not reach another
    /// running beside it.
    static var roads: RoutingEngine { RoutingEngine(network: network) }

    /// Puts units at given places (north of the incident by `metres`).
    func place(_ client: some TestClientProtocol, token: String, _ places: [(String, Double)]) async throws {
        let reports = places.map { callSign, metres in
            #"{"unitId":"\#(TestJurisdiction.unitID(callSign))","lat":\#(29.37 + metres / 111_195),"lon":47.98}"#
        }
        let reply = try await client.call(
            .post, "/v1/units/positions", token: token,
            body: #"{"positions":[\#(reports.joined(separator: ","))]}"#)
        #expect(reply.status == .accepted)
    }

    @Test("per requirement the fastest units by road are recommended, with reasons; accepting assigns them")
    func recommendAndAccept() async throws {
        try await ServerHarness.with(roads: Self.roads) { _, client in
            let dispatcher = try await client.login("dispatcher")
            try await place(
                client, token: dispatcher,
                [
                    ("E1", 3000), ("E2", 2000), ("E3", 400), ("E4", 1200),
                    ("P1", 2500), ("P2", 300),
                ])
            let incident = try await client.createIncident(token: try await client.login("calltaker"))
            let reply = try await client.call(.get, "/v1/incidents/\(incident.id)/recommendations", token: dispatcher)
            #expect(reply.status == .ok)
            let recommendation = try reply.decode(Recommendation.self)
            #expect(recommendation.method == "road")
            let engine = try #require(recommendation.requirements.first { $0.capability == "engine" })
            #expect(engine.recommended.map(\.callSign) == ["E3", "E4"])
            #expect(engine.recommended[0].etaSeconds < engine.recommended[1].etaSeconds)
            #expect(engine.recommended[0].why.contains("by road"))
            #expect(engine.alternatives.map(\.callSign).first == "E2")
            let patrol = try #require(recommendation.requirements.first { $0.capability == "patrol" })
            #expect(patrol.recommended.map(\.callSign) == ["P2"])
            #expect(patrol.recommended[0].sector == "traffic", "recommendations cross sectors")

            let accepted = try await client.call(
                .post, "/v1/incidents/\(incident.id)/recommendations/accept",
                token: dispatcher, body: "{}")
            #expect(accepted.status == .created, "\(accepted.json)")
            #expect(
                Set((accepted.json["assignedUnits"] as? [String]) ?? [])
                    == Set(["E3", "E4", "P2"].map { TestJurisdiction.unitID($0).uuidString }))
            let after = try await client.call(.get, "/v1/incidents/\(incident.id)/recommendations", token: dispatcher)
            let again = try after.decode(Recommendation.self)
            #expect(again.unitIds.isEmpty)
            #expect(again.requirements.first { $0.capability == "engine" }?.alreadyAssigned.count == 2)
            let callTaker = try await client.login("calltaker")
            #expect(
                try await client.call(
                    .post, "/v1/incidents/\(incident.id)/recommendations/accept",
                    token: callTaker, body: "{}"
                ).status == .forbidden)
        }
    }

    @Test("a slowdown around the incident shows up in the next ETA; closures are audited and validated")
    func closures() async throws {
        try await ServerHarness.with(roads: Self.roads) { harness, client in
            let dispatcher = try await client.login("dispatcher")
            // Every engine inside the area that will flood, so whichever is best is slowed.
            try await place(client, token: dispatcher, [("E1", 1500), ("E2", 1600), ("E3", 1700), ("E4", 1800)])
            let incident = try await client.createIncident(
                token: try await client.login("calltaker"), type: "FIRE-VEHICLE")
            func eta() async throws -> Double {
                let reply = try await client.call(
                    .get, "/v1/incidents/\(incident.id)/recommendations", token: dispatcher)
                let recommendation = try reply.decode(Recommendation.self)
                let best = recommendation.requirements.first?.recommended.first
                return try #require(best).etaSeconds
            }
            let before = try await eta()
            let area =
                #"[{"lat":29.355,"lon":47.965},{"lat":29.385,"lon":47.965},{"lat":29.385,"lon":47.995},{"lat":29.355,"lon":47.995}]"#
            let closure = try await client.call(
                .post, "/v1/roads/closures", token: dispatcher,
                body: #"{"id":"flood-1","polygon":\#(area),"slowdownFactor":4,"reason":"flooded streets"}"#)
            #expect(closure.status == .created)
            #expect((closure.json["affectedEdges"] as? Int ?? 0) > 0)
            let slowed = try await eta()
            #expect(slowed > before * 2, "ETA \(before) s → \(slowed) s")
            let list = try await client.call(.get, "/v1/roads/closures", token: dispatcher)
            #expect((list.json["closures"] as? [[String: Any]])?.first?["reason"] as? String == "flooded streets")
            let again = try await client.call(
                .post, "/v1/roads/closures", token: dispatcher,
                body: #"{"id":"flood-1","polygon":\#(area),"reason":"twice"}"#)
            #expect(again.status == .conflict)
            #expect(
                try await client.call(.delete, "/v1/roads/closures/flood-1?reason=drained", token: dispatcher).status
                    == .noContent)
            #expect(try await client.call(.delete, "/v1/roads/closures/flood-1", token: dispatcher).status == .notFound)
            #expect(abs(try await eta() - before) < 0.5)
            // Blocked all around the incident: units stay recommended, on a straight-line estimate.
            let blocked = try await client.call(
                .post, "/v1/roads/closures", token: dispatcher,
                body: #"{"id":"cordon","polygon":\#(area),"reason":"cordon"}"#)
            #expect(blocked.status == .created)
            #expect(try await eta() > 0)
            #expect(try await client.call(.delete, "/v1/roads/closures/cordon", token: dispatcher).status == .noContent)
            let events = try await harness.services.store.events(ofTypes: [
                "roads.closureAdded", "roads.closureRemoved",
            ])
            #expect(events.map(\.actor.username) == Array(repeating: "dispatcher", count: 4))

            let bad = try await client.call(
                .post, "/v1/roads/closures", token: dispatcher,
                body: #"{"polygon":[{"lat":29.3,"lon":47.9},{"lat":29.4,"lon":47.9}],"reason":"x"}"#)
            #expect(bad.problemField == "polygon")
            let noReason = try await client.call(
                .post, "/v1/roads/closures", token: dispatcher,
                body: #"{"polygon":\#(area),"reason":" "}"#)
            #expect(noReason.problemField == "reason")
            let analyst = try await client.login("analyst")
            #expect(
                try await client.call(
                    .post, "/v1/roads/closures", token: analyst,
                    body: #"{"polygon":\#(area),"reason":"x"}"#
                ).status == .forbidden)
        }
    }

    @Test("coverage falls when units are committed, and move-ups say which unit to reposition where")
    func coverageAndMoveUps() async throws {
        try await ServerHarness.with(roads: Self.roads) { _, client in
            let dispatcher = try await client.login("dispatcher")
            try await place(client, token: dispatcher, [("E1", -2500), ("E2", 2500), ("E3", 0), ("E4", 0)])
            let before = try await client.call(.get, "/v1/coverage?sector=firefighting&minutes=3", token: dispatcher)
            #expect(before.status == .ok)
            let shareBefore = try #require(before.json["share"] as? Double)
            #expect(shareBefore > 0 && shareBefore <= 1)
            #expect(before.json["availableUnits"] as? Int == 4)
            let incident = try await client.createIncident(token: try await client.login("calltaker"), lat: 29.37)
            let e1 = TestJurisdiction.unitID("E1"), e2 = TestJurisdiction.unitID("E2")
            #expect(
                try await client.call(
                    .post, "/v1/incidents/\(incident.id)/assignments", token: dispatcher,
                    body: #"{"unitIds":["\#(e1)","\#(e2)"]}"#
                ).status == .created)
            let after = try await client.call(.get, "/v1/coverage?sector=firefighting&minutes=3", token: dispatcher)
            #expect(after.json["availableUnits"] as? Int == 2)
            #expect((after.json["share"] as? Double ?? 1) < shareBefore)
            let moves = try await client.call(
                .get, "/v1/coverage/move-ups?sector=firefighting&minutes=3", token: dispatcher)
            #expect(moves.status == .ok)
            #expect(
                (moves.json["coveredMetersIfCommittedWereFree"] as? Double ?? 0)
                    >= (moves.json["coveredMetersNow"] as? Double ?? 1))
            #expect(
                try await client.call(.get, "/v1/coverage?sector=nowhere", token: dispatcher).problemField == "sector")
            let route = try await client.call(
                .get, "/v1/roads/route?from=29.36,47.97&to=29.38,47.99", token: dispatcher)
            #expect((route.json["geometry"] as? [Any])?.count ?? 0 > 2, "\(route.status) \(route.text.prefix(200))")
        }
    }

    @Test("without a road network, recommendations fall back to straight-line estimates and coverage says why")
    func withoutRoads() async throws {
        try await ServerHarness.with { _, client in
            let dispatcher = try await client.login("dispatcher")
            let incident = try await client.createIncident(token: try await client.login("calltaker"))
            let reply = try await client.call(.get, "/v1/incidents/\(incident.id)/recommendations", token: dispatcher)
            let recommendation = try reply.decode(Recommendation.self)
            #expect(recommendation.method == "straight-line")
            #expect(recommendation.requirements.first?.recommended.first?.why.contains("straight-line") == true)
            let coverage = try await client.call(.get, "/v1/coverage?sector=firefighting", token: dispatcher)
            #expect(coverage.status == .serviceUnavailable)
            #expect(coverage.json["type"] as? String == "https://mirsad.dev/problems/no-road-network")
        }
    }
}

@Suite(
    "Road closures across instances",
    .enabled(if: TestPostgres.isAvailable, Comment(rawValue: TestPostgres.absentMessage)))
struct ClosureInstancesTests {
    @Test("two instances posting the same closure id at once: one 201, one 409, and both route around it")
    func sameIdAtOnce() async throws {
        try await ServerHarness.withTwoInstances(roads: DispatchAPITests.roads) { a, clientA, b, clientB in
            let tokenA = try await clientA.login("dispatcher"), tokenB = try await clientB.login("dispatcher")
            let area =
                #"[{"lat":29.355,"lon":47.965},{"lat":29.385,"lon":47.965},{"lat":29.385,"lon":47.995},{"lat":29.355,"lon":47.995}]"#
            let body = #"{"id":"flood-7","polygon":\#(area),"slowdownFactor":3,"reason":"flooded underpass"}"#
            async let fromA = clientA.call(.post, "/v1/roads/closures", token: tokenA, body: body)
            async let fromB = clientB.call(.post, "/v1/roads/closures", token: tokenB, body: body)
            let statuses = [try await fromA.status, try await fromB.status]
            #expect(statuses.sorted { $0.code < $1.code } == [.created, .conflict], "\(statuses)")
            // Each instance's engine follows the log: both route around the one polygon.
            for instance in [a, b] {
                #expect(try await instance.services.reactorsSettled())
                let closures = try #require(instance.services.routing.engine?.activeClosures)
                #expect(closures.map(\.id) == ["flood-7"])
            }
            let listed = try await clientB.call(.get, "/v1/roads/closures", token: tokenB)
            #expect((listed.json["closures"] as? [[String: Any]])?.map { $0["id"] as? String } == ["flood-7"])
            #expect(try await a.services.store.events(ofTypes: ["roads.closureAdded"]).count == 1)
            // Lifted on one instance, gone from both.
            #expect(try await clientB.call(.delete, "/v1/roads/closures/flood-7", token: tokenB).status == .noContent)
            #expect(try await clientA.call(.delete, "/v1/roads/closures/flood-7", token: tokenA).status == .notFound)
            #expect(try await a.services.reactorsSettled())
            #expect(try await b.services.reactorsSettled())
            #expect(a.services.routing.engine?.activeClosures.isEmpty == true)
            #expect(b.services.routing.engine?.activeClosures.isEmpty == true)
        }
    }
}
