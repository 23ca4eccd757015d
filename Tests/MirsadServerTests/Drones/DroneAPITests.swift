import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

/// Test airspace written in the ED-269 layout, as an aviation authority publishes it.
enum TestAirspace {
    /// KHTEST1 sits on the straight line from Fire Station 1 east to (29.37, 48.02); KHTEST2
    /// covers (29.40, 47.98).
    static let ed269 = document([
        ("KHTEST1", "PROHIBITED", box(lat: 29.365...29.375, lon: 47.995...48.005)),
        ("KHTEST2", "PROHIBITED", box(lat: 29.395...29.405, lon: 47.975...47.985)),
    ])
    static let east = Coordinate(lat: 29.37, lon: 48.02)
    static let insideSecond = Coordinate(lat: 29.40, lon: 47.98)
    static let far = Coordinate(lat: 29.30, lon: 48.08)

    static func box(lat: ClosedRange<Double>, lon: ClosedRange<Double>) -> [Coordinate] {
        [
            Coordinate(lat: lat.lowerBound, lon: lon.lowerBound), Coordinate(lat: lat.lowerBound, lon: lon.upperBound),
            Coordinate(lat: lat.upperBound, lon: lon.upperBound), Coordinate(lat: lat.upperBound, lon: lon.lowerBound),
        ]
    }

    static func document(_ zones: [(String, String, [Coordinate])]) -> String {
        let entries = zones.map { id, restriction, ring in
            let points = (ring + [ring[0]]).map { "[\($0.lon), \($0.lat)]" }.joined(separator: ",")
            return """
                {"identifier":"\(id)","country":"XKH","name":"Zone \(id)","type":"COMMON","restriction":"\(restriction)",
                 "reason":["SENSITIVE"],"applicability":[{"permanent":"YES"}],
                 "geometry":[{"uomDimensions":"M","lowerLimit":"0","lowerVerticalReference":"AGL","upperLimit":null,
                   "upperVerticalReference":"AGL","horizontalProjection":{"type":"Polygon","coordinates":[[\(points)]]}}]}
                """
        }
        return #"{"UASZoneList":[\#(entries.joined(separator: ","))]}"#
    }

    static func inside(_ point: Coordinate, _ ring: [Coordinate]) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let (a, b) = (ring[i], ring[j])
            if (a.lat > point.lat) != (b.lat > point.lat),
                point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon
            {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}

/// Drones over HTTP: the airspace imported from the EUROCAE formats, missions planned around
/// no-fly zones within the battery and refused with the reason, the drone on the unit board,
/// findings on the incident timeline, need-to-know, telemetry and the lost-link alarm.
@Suite("Drones and airspace API")
struct DroneAPITests {
    static let d1 = TestJurisdiction.unitID("D1")
    static let d2 = TestJurisdiction.unitID("D2")

    static func importZones(_ client: any TestClientProtocol) async throws {
        let supervisor = try await client.login("supervisor")
        let reply = try await client.call(
            .put, "/v1/airspace/zones?source=test", token: supervisor, body: TestAirspace.ed269)
        guard reply.status == .ok else { throw TestSupportError("zone import failed: \(reply.status) \(reply.text)") }
    }

    @Test("no-fly zones import from ED-269 and ED-318 files, by supervisors and administrators only")
    func airspace() async throws {
        try await ServerHarness.with { harness, client in
            let dispatcher = try await client.login("fire.dispatcher")
            let refused = try await client.call(.put, "/v1/airspace/zones", token: dispatcher, body: TestAirspace.ed269)
            #expect(refused.status == .forbidden)
            let supervisor = try await client.login("supervisor")
            let imported = try await client.call(
                .put, "/v1/airspace/zones?source=test", token: supervisor, body: TestAirspace.ed269)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(imported.json["imported"] as? [String] == ["KHTEST1", "KHTEST2"])
            let listed = try await client.call(.get, "/v1/airspace/zones", token: dispatcher)
            let zones = listed.json["zones"] as? [[String: Any]] ?? []
            #expect(zones.compactMap { $0["id"] as? String } == ["KHTEST1", "KHTEST2"])
            #expect(zones.first?["restriction"] as? String == "prohibited")

            let neither = try await client.call(.put, "/v1/airspace/zones", token: supervisor, body: #"{"zones":[]}"#)
            #expect(neither.status == .unprocessableContent && neither.problemField == "$", "\(neither.text)")
            let broken = TestAirspace.ed269.replacingOccurrences(of: "\"PROHIBITED\"", with: "\"SOMETIMES\"")
            let bad = try await client.call(.put, "/v1/airspace/zones", token: supervisor, body: broken)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problemField?.hasPrefix("UASZoneList[0].restriction") == true, "\(bad.text)")
            #expect(try await harness.services.store.uasZones().count == 2, "a refused file changed nothing")

            if let url = SharedData.file("uas/cis_source_sample_ed318.json"),
                let ed318 = try? String(contentsOf: url, encoding: .utf8)
            {
                let swiss = try await client.call(.put, "/v1/airspace/zones", token: supervisor, body: ed318)
                #expect(swiss.status == .ok, "\(swiss.text)")
                #expect((swiss.json["imported"] as? [String])?.count == 3)
            }
            #expect(try await client.call(.delete, "/v1/airspace/zones/NOPE", token: supervisor).status == .notFound)
            #expect(
                try await client.call(.delete, "/v1/airspace/zones/KHTEST2", token: dispatcher).status == .forbidden)
            #expect(
                try await client.call(.delete, "/v1/airspace/zones/KHTEST2", token: supervisor).status == .noContent)
            #expect(try await harness.services.store.uasZones().map(\.id).contains("KHTEST2") == false)
        }
    }

    @Test("a mission flies round a no-fly zone within the battery, assigns the drone, and is refused with the reason")
    func missions() async throws {
        try await ServerHarness.with { harness, client in
            try await Self.importZones(client)
            let fire = try await client.login("fire.dispatcher")
            let incident = try await client.createIncident(
                token: fire, lat: TestAirspace.east.lat, lon: TestAirspace.east.lon)

            let planned = try await client.call(
                .post, "/v1/drones/missions/plan", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","loiterMinutes":5}"#)
            #expect(planned.status == .ok, "\(planned.text)")
            let plan = try #require(try planned.decode(PlanBody.self).plans.first)
            #expect(plan.feasible, "\(plan.refusal?.reason ?? "")")
            let outbound = try #require(plan.outbound)
            #expect(outbound.avoidedZones == ["KHTEST1"])
            #expect(outbound.waypoints.count > 2 && outbound.waypoints.last == TestAirspace.east)
            let zone = TestAirspace.box(lat: 29.365...29.375, lon: 47.995...48.005)
            for (a, b) in zip(outbound.waypoints, outbound.waypoints.dropFirst()) {
                for step in 0...100 {
                    let t = Double(step) / 100
                    let point = Coordinate(lat: a.lat + (b.lat - a.lat) * t, lon: a.lon + (b.lon - a.lon) * t)
                    #expect(!TestAirspace.inside(point, zone), "leg \(a) → \(b) enters KHTEST1")
                }
            }
            let direct = TestJurisdiction.jurisdiction.stations[0].location.distance(to: TestAirspace.east)
            #expect(outbound.distanceMeters > direct && outbound.distanceMeters < direct * 1.1)

            // Staying too long empties the battery: the numbers say by how much.
            let tooLong = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","loiterMinutes":15}"#)
            #expect(tooLong.status == .unprocessableContent, "\(tooLong.text)")
            #expect(tooLong.json["type"] as? String == "https://mirsad.dev/problems/mission-infeasible")
            #expect((tooLong.json["detail"] as? String)?.contains("20.0 min are usable") == true, "\(tooLong.text)")

            // A target inside a zone is refused naming the zone.
            let inside = try await client.createIncident(
                token: fire, lat: TestAirspace.insideSecond.lat, lon: TestAirspace.insideSecond.lon)
            let blocked = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(inside.id)","droneId":"\#(Self.d1)"}"#)
            #expect(blocked.status == .unprocessableContent)
            #expect((blocked.json["detail"] as? String)?.contains("KHTEST2") == true, "\(blocked.text)")

            // Out of range for D1: the operations room is told D2 can fly it.
            let ops = try await client.login("dispatcher")
            let far = try await client.createIncident(token: fire, lat: TestAirspace.far.lat, lon: TestAirspace.far.lon)
            let tooFar = try await client.call(
                .post, "/v1/drones/missions", token: ops, body: #"{"incidentId":"\#(far.id)","droneId":"\#(Self.d1)"}"#)
            #expect(tooFar.status == .unprocessableContent)
            #expect((tooFar.json["detail"] as? String)?.contains("range is 15.0 km") == true, "\(tooFar.text)")
            #expect((tooFar.json["alternative"] as? String)?.hasPrefix("D2 ") == true, "\(tooFar.text)")
            let ranked = try await client.call(
                .post, "/v1/drones/missions/plan", token: ops, body: #"{"incidentId":"\#(far.id)"}"#)
            #expect(try ranked.decode(PlanBody.self).plans.map(\.callSign) == ["D2", "D1"])

            // Who may send which drone.
            let liaison = try await client.login("traffic.liaison")
            let notAPilot = try await client.call(
                .post, "/v1/drones/missions", token: liaison,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d2)"}"#)
            #expect(notAPilot.status == .notFound, "the liaison does not see the fire incident: \(notAPilot.text)")
            let otherSector = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d2)","loiterMinutes":1}"#)
            #expect(otherSector.status == .forbidden, "\(otherSector.text)")
            let unknownZone = try await client.call(
                .post, "/v1/drones/missions/plan", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","authorisedZones":["KHTEST1"]}"#)
            #expect(unknownZone.status == .unprocessableContent && unknownZone.problemField == "authorisedZones[0]")
            let notADrone = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(TestJurisdiction.unitID("E1"))"}"#)
            #expect(notADrone.status == .unprocessableContent && notADrone.problemField == "droneId")

            let started = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","loiterMinutes":5}"#)
            #expect(started.status == .created, "\(started.text)")
            let mission = try started.decode(DroneMission.self)
            #expect(mission.status == .active && mission.plan.outbound?.avoidedZones == ["KHTEST1"])
            let unit = try await harness.services.store.unit(Self.d1)?.unit
            #expect(unit?.status == .dispatched && unit?.incidentId == incident.id)
            let again = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","loiterMinutes":5}"#)
            #expect(again.status == .conflict, "\(again.text)")
            let board = try await client.call(.get, "/v1/drones", token: fire)
            let d1 = (board.json["drones"] as? [[String: Any]])?.first { $0["callSign"] as? String == "D1" }
            #expect(d1?["missionId"] as? String == mission.id.uuidString && d1?["status"] as? String == "dispatched")

            let done = try await client.call(.post, "/v1/drones/missions/\(mission.id)/complete", token: fire)
            #expect(done.status == .ok && done.json["status"] as? String == "completed")
            #expect(try await harness.services.store.unit(Self.d1)?.unit.status == .returning)
            #expect(
                try await client.call(.post, "/v1/drones/missions/\(mission.id)/complete", token: fire).status
                    == .conflict)
            let types = try await harness.services.store.timeline(of: incident.id).map(\.type)
            #expect(types.contains("drones.missionStarted") && types.contains("drones.missionCompleted"))
            #expect(types.contains("unit.assigned"))
        }
    }

    @Test("findings with a snapshot join the incident timeline, and a mission is hidden as its incident is")
    func findings() async throws {
        try await ServerHarness.with { harness, client in
            let fire = try await client.login("fire.dispatcher")
            let incident = try await client.createIncident(token: fire, lat: 29.372, lon: 47.985)
            let started = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","loiterMinutes":5}"#)
            #expect(started.status == .created, "\(started.text)")
            let mission = try started.decode(DroneMission.self)

            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 500))
            let added = try await client.call(
                .post, "/v1/drones/missions/\(mission.id)/findings", token: fire,
                body:
                    #"{"note":"Smoke from the roof, two people on the balcony","location":{"lat":29.3721,"lon":47.9851},"snapshot":{"contentType":"image/png","data":"\#(png.base64EncodedString())"}}"#
            )
            #expect(added.status == .created, "\(added.text)")
            let finding = try added.decode(DroneFinding.self)
            #expect(finding.snapshot?.bytes == png.count && finding.incidentId == incident.id)
            let path = "/v1/drones/missions/\(mission.id)/findings/\(finding.id)/snapshot"
            #expect(try await client.call(.get, path, token: fire).status == .preconditionRequired, "a purpose first")
            let picture = try await client.call(
                .get, path, token: fire, headers: ShelterAPITests.purpose("assess the roof before entry"))
            #expect(picture.status == .ok && picture.headers[.contentType] == "image/png")
            let reads = try await harness.services.store.events(ofTypes: ["security.restrictedRead"]).compactMap {
                event -> SecurityEvent? in
                guard case .securityEvent(let entry) = event.payload else { return nil }
                return entry.purpose == "assess the roof before entry" ? entry : nil
            }
            #expect(reads.count == 1 && reads.first?.incidentId == incident.id)
            let timeline = try await client.call(.get, "/v1/incidents/\(incident.id)/timeline", token: fire)
            #expect(timeline.text.contains("drones.findingAdded") && timeline.text.contains("Smoke from the roof"))

            let wrongType = try await client.call(
                .post, "/v1/drones/missions/\(mission.id)/findings", token: fire,
                body: #"{"note":"x","snapshot":{"contentType":"image/jpeg","data":"\#(png.base64EncodedString())"}}"#)
            #expect(wrongType.status == .unprocessableContent && wrongType.problemField == "snapshot.data")
            let empty = try await client.call(
                .post, "/v1/drones/missions/\(mission.id)/findings", token: fire, body: #"{"note":"  "}"#)
            #expect(empty.status == .unprocessableContent && empty.problemField == "note")

            // Traffic neither sees the incident nor flies the drone: the mission is as absent as one that is not.
            let liaison = try await client.login("traffic.liaison")
            let hidden = try await client.call(.get, "/v1/drones/missions/\(mission.id)", token: liaison)
            let absent = try await client.call(.get, "/v1/drones/missions/\(UUID())", token: liaison)
            #expect(hidden.status == .notFound && absent.status == .notFound)
            #expect(hidden.json["title"] as? String == absent.json["title"] as? String)
            #expect(
                try await client.call(.get, "/v1/drones/missions/\(mission.id)/findings", token: liaison).status
                    == .notFound)
            let listed = try await client.call(.get, "/v1/drones/missions", token: liaison)
            #expect((listed.json["missions"] as? [Any])?.isEmpty == true)
            let board = try await client.call(.get, "/v1/drones", token: liaison)
            let d1 = (board.json["drones"] as? [[String: Any]])?.first { $0["callSign"] as? String == "D1" }
            #expect(d1 != nil && d1?["missionId"] == nil && d1?["incidentId"] == nil)
            // The operations room sees it all.
            let ops = try await client.login("dispatcher")
            #expect(try await client.call(.get, "/v1/drones/missions/\(mission.id)", token: ops).status == .ok)
        }
    }

    @Test("telemetry over the API reaches the board, and a drone that goes quiet on a mission raises a lost-link alarm")
    func telemetryAndLostLink() async throws {
        try await ServerHarness.with { harness, client in
            let fire = try await client.login("fire.dispatcher")
            let report =
                #"{"reports":[{"droneId":"\#(Self.d1)","lat":29.371,"lon":47.981,"altitude":60,"batteryPercent":80}]}"#
            let stored = try await client.call(.post, "/v1/drones/telemetry", token: fire, body: report)
            #expect(stored.status == .accepted, "\(stored.text)")
            let board = try await client.call(.get, "/v1/drones/\(Self.d1)", token: fire)
            #expect(board.status == .ok)
            #expect((board.json["telemetry"] as? [String: Any])?["batteryPercent"] as? Double == 80)
            #expect(try await harness.services.store.unit(Self.d1)?.position?.lat == 29.371)
            let liaison = try await client.login("traffic.liaison")
            #expect(
                try await client.call(.post, "/v1/drones/telemetry", token: liaison, body: report).status == .forbidden)
            let outOfRange = #"{"reports":[{"droneId":"\#(Self.d1)","lat":29.3,"lon":47.9,"batteryPercent":130}]}"#
            let bad = try await client.call(.post, "/v1/drones/telemetry", token: fire, body: outOfRange)
            #expect(
                bad.status == .unprocessableContent && bad.problemField == "reports[0].batteryPercent", "\(bad.text)")

            let future =
                #"{"reports":[{"droneId":"\#(Self.d1)","lat":29.3,"lon":47.9,"at":"2099-01-01T00:00:00.000Z"}]}"#
            let ahead = try await client.call(.post, "/v1/drones/telemetry", token: fire, body: future)
            #expect(ahead.status == .unprocessableContent && ahead.problemField == "reports[0].at", "\(ahead.text)")

            // The plan starts from the drone's reported position with its reported battery.
            let incident = try await client.createIncident(token: fire, lat: 29.375, lon: 47.99)
            let started = try await client.call(
                .post, "/v1/drones/missions", token: fire,
                body: #"{"incidentId":"\#(incident.id)","droneId":"\#(Self.d1)","loiterMinutes":5}"#)
            let mission = try started.decode(DroneMission.self)
            #expect(mission.plan.batteryKnown && mission.plan.batteryPercent == 80 && mission.plan.start.lat == 29.371)

            // The server's own watchdog runs too (every second, on the test clock): this one
            // and that one race, and the store lets exactly one of them report each change.
            let store = harness.services.store
            let watchdog = DroneLinkWatchdog(
                store: store, clock: harness.clock, timeout: 10, logger: harness.services.logger)
            #expect(try await watchdog.checkOnce() == 0, "heard 0 s ago")
            harness.clock.advance(11)
            _ = try await watchdog.checkOnce()
            #expect(try await store.droneMission(mission.id)?.linkLostAt != nil)
            _ = try await watchdog.checkOnce()
            let events = try await store.timeline(of: incident.id)
            #expect(events.filter { $0.type == "drones.linkLost" }.count == 1, "raised once")
            let lost = events.last { $0.type == "drones.linkLost" }
            #expect(lost?.sectors == ["firefighting"])
            if case .droneMission(let change) = lost?.payload {
                #expect(change.reason?.hasPrefix("no telemetry from D1 (last heard") == true)
            }
            harness.clock.advance(2)
            let back = #"{"reports":[{"droneId":"\#(Self.d1)","lat":29.374,"lon":47.989,"batteryPercent":71}]}"#
            #expect(try await client.call(.post, "/v1/drones/telemetry", token: fire, body: back).status == .accepted)
            _ = try await watchdog.checkOnce()
            #expect(try await store.droneMission(mission.id)?.linkLostAt == nil)
            #expect(try await store.timeline(of: incident.id).filter { $0.type == "drones.linkRestored" }.count == 1)
        }
    }
}

struct PlanBody: Decodable {
    var plans: [MissionPlan]
}
