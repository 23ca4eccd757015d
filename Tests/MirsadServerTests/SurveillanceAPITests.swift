import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

/// Cameras and sensors over HTTP: the cameras that see an incident, a stream address kept to
/// the camera's sector (purpose, audit, 404 alike for another sector's camera and an absent
/// one), and sensor readings whose threshold crossing raises one alarm, one all-clear, and
/// starts the flood plan.
@Suite("Cameras and sensors API")
struct SurveillanceAPITests {
    @Test("the cameras that see an incident, nearest first; the stream address only for the camera's sector, audited")
    func cameras() async throws {
        try await ServerHarness.with { harness, client in
            let fire = try await client.login("fire.dispatcher")
            let listed = try await client.call(.get, "/v1/cameras", token: fire)
            #expect(listed.status == .ok)
            #expect(!listed.text.contains("rtsp://"), "a list never carries a stream address")
            let cameras = listed.json["cameras"] as? [[String: Any]] ?? []
            #expect(cameras.compactMap { $0["id"] as? String } == ["junction", "depot"])
            #expect(cameras.map { $0["canWatch"] as? Bool } == [false, true], "Firefighting watches its own camera")
            let world = try await client.call(.get, "/v1/jurisdiction", token: fire)
            #expect(world.status == .ok && !world.text.contains("rtsp://"), "nor does the jurisdiction")
            #expect((world.json["cameras"] as? [[String: Any]])?.count == 2 && world.json["sectors"] != nil)

            // South of the hall: the dome at the junction (223 m) and the hall camera looking
            // south (333 m) both see it; north of the hall is behind the hall camera and beyond the dome.
            let south = try await client.createIncident(token: fire, lat: 29.369, lon: 47.982)
            let seen = try await client.call(.get, "/v1/incidents/\(south.id)/cameras", token: fire)
            #expect(seen.status == .ok, "\(seen.text)")
            let items = seen.json["cameras"] as? [[String: Any]] ?? []
            #expect(items.compactMap { ($0["camera"] as? [String: Any])?["id"] as? String } == ["junction", "depot"])
            let meters = items.compactMap { $0["meters"] as? Double }
            #expect(meters.count == 2 && abs(meters[0] - 223) < 5 && abs(meters[1] - 333) < 5, "\(meters)")
            #expect(!seen.text.contains("rtsp://"))
            let north = try await client.createIncident(token: fire, lat: 29.374, lon: 47.982)
            let unseen = try await client.call(.get, "/v1/incidents/\(north.id)/cameras", token: fire)
            #expect((unseen.json["cameras"] as? [Any])?.isEmpty == true, "\(unseen.text)")
            // Cameras of an incident the caller may not see: 404 as for any hidden incident.
            let traffic = try await client.login("traffic.liaison")
            #expect(
                try await client.call(.get, "/v1/incidents/\(south.id)/cameras", token: traffic).status == .notFound)

            // The stream: a stated purpose, audited, for Firefighting's own camera.
            let bare = try await client.call(.get, "/v1/cameras/depot/stream", token: fire)
            #expect(bare.status.code == 428 && bare.problemField == "X-Purpose")
            let purpose = ShelterAPITests.purpose("incident \(south.number): fire at the hall")
            let stream = try await client.call(.get, "/v1/cameras/depot/stream", token: fire, headers: purpose)
            #expect(
                stream.status == .ok && stream.json["streamURL"] as? String == "rtsp://cams.testville.example/depot")
            #expect(stream.headers[.cacheControl] == "private, no-store")
            let audit = try await harness.services.store.events(ofTypes: ["security.restrictedRead"])
            let read = try #require(audit.last)
            guard case .securityEvent(let security) = read.payload else { Issue.record("not audited"); return }
            #expect(
                security.purpose == "incident \(south.number): fire at the hall"
                    && read.actor.username == "fire.dispatcher")
            #expect(security.detail?.contains("camera depot") == true)
            // Another sector's camera answers exactly as an absent one, purpose or not.
            let foreign = try await client.call(.get, "/v1/cameras/junction/stream", token: fire, headers: purpose)
            let absent = try await client.call(.get, "/v1/cameras/nothing/stream", token: fire, headers: purpose)
            #expect(foreign.status == .notFound && absent.status == .notFound)
            #expect(AttackProbeTests.withoutInstance(foreign.text) == AttackProbeTests.withoutInstance(absent.text))
            #expect(try await harness.services.store.events(ofTypes: ["security.restrictedRead"]).count == audit.count)
            // Oversight opens any camera.
            let supervisor = try await client.login("supervisor")
            #expect(
                try await client.call(.get, "/v1/cameras/junction/stream", token: supervisor, headers: purpose).status
                    == .ok)
            #expect(try await client.call(.get, "/v1/cameras/nothing", token: fire).status == .notFound)
        }
    }

    static func post(_ client: any TestClientProtocol, _ token: String, _ readings: String) async throws -> Reply {
        try await client.call(.post, "/v1/sensors/readings", token: token, body: #"{"readings":[\#(readings)]}"#)
    }

    @Test(
        "a gauge over its threshold raises one alarm and starts the flood plan; below the clearing level, one all-clear"
    )
    func sensorAlarm() async throws {
        try await ServerHarness.with { harness, client in
            let fire = try await client.login("fire.dispatcher")
            let store = harness.services.store
            var reply = try await Self.post(client, fire, #"{"sensorId":"gauge","value":12}"#)
            #expect(reply.status == .accepted && reply.json["accepted"] as? Int == 1, "\(reply.text)")
            #expect((reply.json["changes"] as? [Any])?.isEmpty == true)

            harness.clock.advance(60)
            reply = try await Self.post(client, fire, #"{"sensorId":"gauge","value":34.5}"#)
            let changes = reply.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.count == 1 && changes.first?["change"] as? String == "alarm", "\(reply.text)")
            #expect(changes.first?["threshold"] as? Double == 30)
            #expect(try await store.events(ofTypes: ["sensors.alarm"]).count == 1)
            #expect(try await harness.services.reactorsSettled())
            let operations = try await store.emergencyOperations()
            let flood = try #require(operations.first { $0.playbookId == "flood" }, "the gauge starts the flood plan")
            #expect(flood.trigger.contains("sensor gauge (floodGauge) 34.5 cm > 30 cm"), "\(flood.trigger)")

            // Higher, then lower but not below the clearing level: still the same alarm.
            for value in [41, 20] {
                harness.clock.advance(60)
                reply = try await Self.post(client, fire, #"{"sensorId":"gauge","value":\#(value)}"#)
                #expect((reply.json["changes"] as? [Any])?.isEmpty == true, "\(value): \(reply.text)")
            }
            let shown = try await client.call(
                .get, "/v1/sensors/gauge", token: try await client.login("traffic.liaison"))
            let state = shown.json["state"] as? [String: Any] ?? [:]
            #expect(
                state["alarm"] as? Bool == true && state["peak"] as? Double == 41 && state["value"] as? Double == 20)

            // A late reading (measured before the stored one) is kept out and ends nothing.
            let earlier = MirsadJSON.formatTimestamp(harness.clock.now() - 600)
            reply = try await Self.post(client, fire, #"{"sensorId":"gauge","value":0,"at":"\#(earlier)"}"#)
            #expect(reply.json["late"] as? Int == 1 && reply.json["accepted"] as? Int == 0, "\(reply.text)")

            harness.clock.advance(60)
            reply = try await Self.post(client, fire, #"{"sensorId":"gauge","value":6}"#)
            #expect(
                (reply.json["changes"] as? [[String: Any]])?.first?["change"] as? String == "normal", "\(reply.text)")
            // A second flood while the plan is still active raises an alarm but no second operation.
            harness.clock.advance(60)
            reply = try await Self.post(client, fire, #"{"sensorId":"gauge","value":50}"#)
            #expect((reply.json["changes"] as? [[String: Any]])?.first?["change"] as? String == "alarm")
            #expect(try await harness.services.reactorsSettled())
            #expect(try await store.emergencyOperations().filter { $0.playbookId == "flood" }.count == 1)
            #expect(
                try await store.events(ofTypes: SensorChanged.Change.eventTypes).map(\.type) == [
                    "sensors.alarm", "sensors.normal", "sensors.alarm",
                ])
            let listed = try await client.call(.get, "/v1/sensors", token: fire)
            let sensors = listed.json["sensors"] as? [[String: Any]] ?? []
            #expect(sensors.compactMap { ($0["sensor"] as? [String: Any])?["id"] as? String } == ["gauge", "panel"])
            #expect(sensors.last?["state"] == nil, "the panel was never heard from")
        }
    }

    @Test(
        "readings come from the sensor's sector or oversight; a bad reading is refused naming it, and its batch is kept out"
    )
    func badReadings() async throws {
        try await ServerHarness.with { harness, client in
            let fire = try await client.login("fire.dispatcher")
            let callTaker = try await client.login("calltaker")
            #expect(try await Self.post(client, callTaker, #"{"sensorId":"gauge","value":1}"#).status == .forbidden)
            let foreign = try await Self.post(client, fire, #"{"sensorId":"panel","value":1}"#)
            #expect(foreign.status == .forbidden && (foreign.json["detail"] as? String)?.contains("traffic") == true)
            let unknown = try await Self.post(
                client, fire, #"{"sensorId":"gauge","value":1},{"sensorId":"nope","value":1}"#)
            #expect(unknown.status.code == 422 && unknown.problemField == "readings[1].sensorId", "\(unknown.text)")
            let future = MirsadJSON.formatTimestamp(harness.clock.now() + 3600)
            let ahead = try await Self.post(client, fire, #"{"sensorId":"gauge","value":1,"at":"\#(future)"}"#)
            #expect(ahead.status.code == 422 && ahead.problemField == "readings[0].at")
            let huge = try await Self.post(client, fire, #"{"sensorId":"gauge","value":1e12}"#)
            #expect(huge.status.code == 422 && huge.problemField == "readings[0].value", "\(huge.text)")
            let extra = try await Self.post(client, fire, #"{"sensorId":"gauge","value":1,"colour":"red"}"#)
            #expect(extra.status.code == 422, "\(extra.text)")
            #expect(
                try await client.call(.post, "/v1/sensors/readings", token: fire, body: #"{"readings":[]}"#).status.code
                    == 422)
            // Nothing of the refused batches was kept.
            #expect(try await harness.services.store.sensorStates().isEmpty)
            // Oversight relays any sensor.
            let supervisor = try await client.login("supervisor")
            #expect(try await Self.post(client, supervisor, #"{"sensorId":"panel","value":1}"#).status == .accepted)
            #expect(try await harness.services.store.sensorStates()["panel"]?.alarm == true)
            #expect(try await client.call(.get, "/v1/sensors/nope", token: fire).status == .notFound)
        }
    }
}
