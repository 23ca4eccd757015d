import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadTestSupport
import Testing

@Suite("Incident API")
struct IncidentAPITests {
    @Test("a call-taker creates an incident: 201, Location, number, default priority and owner")
    func create() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("calltaker")
            let reply = try await client.call(
                .post, "/v1/incidents", token: token,
                body: """
                    {"type":"FIRE-STRUCTURE","location":{"lat":29.371,"lon":47.982},"address":"Block 4, Street 12",
                     "caller":{"name":"Huda","phone":"+965 5000 0000"},"narrative":"smoke from a flat"}
                    """)
            #expect(reply.status == .created)
            let incident = try reply.decode(Incident.self)
            #expect(reply.headers[.location] == "/v1/incidents/\(incident.id.uuidString)")
            #expect(incident.number.hasSuffix("-000001"))
            #expect(incident.priority == 1)
            #expect(incident.owningSector == "firefighting")
            #expect(incident.caller?.name == "Huda")
            let read = try await client.call(.get, "/v1/incidents/\(incident.id)", token: token)
            #expect(try read.decode(Incident.self) == incident)
        }
    }

    @Test("bad input gets a problem naming the field, and nothing is created")
    func badInput() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("calltaker")
            let cases: [(String, HTTPResponse.Status, String?)] = [
                (
                    #"{"type":"FIRE-STRUCTURE","location":{"lat":29.3,"lon":47.9},"narative":"typo"}"#,
                    .unprocessableContent, "narative"
                ),
                (#"{"type":"FIRE-STRUCTURE","location":{"lat":95,"lon":47.9}}"#, .unprocessableContent, "location.lat"),
                (
                    #"{"type":"FIRE-STRUCTURE","location":{"lat":29.3,"lon":-181}}"#, .unprocessableContent,
                    "location.lon"
                ),
                (#"{"type":"NOPE","location":{"lat":29.3,"lon":47.9}}"#, .unprocessableContent, "type"),
                (#"{"location":{"lat":29.3,"lon":47.9}}"#, .unprocessableContent, "type"),
                (#"{"type":"FIRE-STRUCTURE"}"#, .unprocessableContent, "location"),
                (
                    #"{"type":"FIRE-STRUCTURE","location":{"lat":"north","lon":47.9}}"#, .unprocessableContent,
                    "location.lat"
                ),
                (
                    #"{"type":"FIRE-STRUCTURE","location":{"lat":29.3,"lon":47.9,"alt":3}}"#, .unprocessableContent,
                    "location.alt"
                ),
                (
                    #"{"type":"FIRE-STRUCTURE","location":{"lat":29.3,"lon":47.9},"priority":9}"#,
                    .unprocessableContent, "priority"
                ),
                (#"{"type":"FIRE-STRUCTURE","location":"#, .badRequest, nil),
                (#"[1,2,3]"#, .unprocessableContent, "body"),
            ]
            for (body, status, field) in cases {
                let reply = try await client.call(.post, "/v1/incidents", token: token, body: body)
                #expect(reply.status == status, "\(body) → \(reply.text)")
                #expect(reply.headers[.contentType] == "application/problem+json")
                #expect(reply.problemField == field, "\(body) → \(reply.text)")
                #expect(!reply.text.contains("SQL") && !reply.text.contains("Swift"))
            }
            let big = String(repeating: "x", count: 70_000)
            let tooLarge = try await client.call(
                .post, "/v1/incidents", token: token,
                body: #"{"type":"FIRE-STRUCTURE","narrative":"\#(big)"}"#)
            #expect(tooLarge.status == .contentTooLarge)
            let list = try await client.call(.get, "/v1/incidents?scope=all", token: token)
            #expect((list.json["incidents"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("the API is never open: no token, a bad token or a foreign signature get 401")
    func authenticationRequired() async throws {
        try await ServerHarness.with { _, client in
            let anonymous = try await client.call(.get, "/v1/incidents")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            let nonsense = try await client.call(.get, "/v1/incidents", token: "nonsense")
            #expect(nonsense.status == .unauthorized)
            let forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl"
            let forgedReply = try await client.call(.get, "/v1/units", token: forged)
            #expect(forgedReply.status == .unauthorized)
            let health = try await client.call(.get, "/health")
            #expect(health.status == .ok)
        }
    }

    @Test("an Idempotency-Key makes a retried create return the first result and create nothing")
    func idempotentCreate() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("calltaker")
            var headers = HTTPFields()
            headers[.init("Idempotency-Key")!] = "call-7781"
            let body = #"{"type":"FIRE-VEHICLE","location":{"lat":29.3,"lon":47.9}}"#
            let first = try await client.call(.post, "/v1/incidents", token: token, body: body, headers: headers)
            let second = try await client.call(.post, "/v1/incidents", token: token, body: body, headers: headers)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(second.text == first.text)
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            let other = try await client.call(
                .post, "/v1/incidents", token: token,
                body: #"{"type":"FIRE-VEHICLE","location":{"lat":29.4,"lon":47.9}}"#,
                headers: headers)
            #expect(other.status == .unprocessableContent)
            #expect(other.problemField == "Idempotency-Key")
            let list = try await client.call(.get, "/v1/incidents", token: token)
            #expect((list.json["incidents"] as? [Any])?.count == 1)
        }
    }

    @Test("dispatch, status changes, notes, re-prioritise and the timeline through the API")
    func lifecycle() async throws {
        try await ServerHarness.with { _, client in
            let callTaker = try await client.login("calltaker")
            let dispatcher = try await client.login("dispatcher")
            let supervisor = try await client.login("supervisor")
            let incident = try await client.createIncident(token: callTaker)
            let e1 = TestJurisdiction.unitID("E1"), p1 = TestJurisdiction.unitID("P1")

            let assign = try await client.call(
                .post, "/v1/incidents/\(incident.id)/assignments", token: dispatcher,
                body: #"{"unitIds":["\#(e1)","\#(p1)"]}"#)
            #expect(assign.status == .created)
            #expect((assign.json["assignedUnits"] as? [String])?.count == 2)
            let busy = try await client.createIncident(token: callTaker, type: "TRAFFIC-ACCIDENT", lat: 29.5)
            let conflict = try await client.call(
                .post, "/v1/incidents/\(busy.id)/assignments", token: dispatcher,
                body: #"{"unitIds":["\#(p1)"]}"#)
            #expect(conflict.status == .conflict)

            #expect(
                try await client.call(
                    .post, "/v1/units/\(e1)/status", token: dispatcher,
                    body: #"{"status":"onScene"}"#
                ).status == .ok)
            let illegal = try await client.call(
                .post, "/v1/incidents/\(incident.id)/status", token: dispatcher,
                body: #"{"status":"closed"}"#)
            #expect(illegal.status == .conflict)
            #expect(illegal.json["type"] as? String == "https://mirsad.dev/problems/illegal-transition")

            let note = try await client.call(
                .post, "/v1/incidents/\(incident.id)/notes", token: callTaker,
                body: #"{"text":"caller reports people trapped"}"#)
            #expect(note.status == .created)
            #expect(
                try await client.call(
                    .patch, "/v1/incidents/\(incident.id)", token: dispatcher,
                    body: #"{"priority":2,"reason":"x"}"#
                ).status == .forbidden)
            let patched = try await client.call(
                .patch, "/v1/incidents/\(incident.id)", token: supervisor,
                body: #"{"priority":2,"reason":"contained"}"#)
            #expect(try patched.decode(Incident.self).priority == 2)
            let noReason = try await client.call(
                .patch, "/v1/incidents/\(incident.id)", token: supervisor,
                body: #"{"priority":1}"#)
            #expect(noReason.problemField == "reason")

            let release = try await client.call(
                .delete, "/v1/incidents/\(incident.id)/assignments/\(p1)?reason=needed+elsewhere",
                token: dispatcher)
            #expect(release.status == .ok)
            let cleared = try await client.call(
                .post, "/v1/units/\(e1)/status", token: dispatcher,
                body: #"{"status":"returning"}"#)
            #expect(cleared.status == .ok)
            let after = try await client.call(.get, "/v1/incidents/\(incident.id)", token: dispatcher)
            #expect(try after.decode(Incident.self).status == .cleared)

            let timeline = try await client.call(.get, "/v1/incidents/\(incident.id)/timeline", token: dispatcher)
            let events = try timeline.decode(TimelineBody.self).events
            #expect(events.first?.type == "incident.created")
            #expect(events.map(\.id) == events.map(\.id).sorted())
            #expect(events.contains { $0.type == "incident.priorityChanged" && $0.actor.username == "supervisor" })
            #expect(events.last?.type == "incident.statusChanged")
            #expect(events.allSatisfy { !$0.sectors.isEmpty })
        }
    }

    @Test("possible duplicates are flagged on create and can be merged by a supervisor")
    func duplicateAndMerge() async throws {
        try await ServerHarness.with { _, client in
            let callTaker = try await client.login("calltaker")
            let first = try await client.createIncident(token: callTaker, lat: 29.3700)
            let second = try await client.createIncident(token: callTaker, type: "FIRE-VEHICLE", lat: 29.3715)
            #expect(second.possibleDuplicateOf == first.id)
            let supervisor = try await client.login("supervisor")
            let merged = try await client.call(
                .post, "/v1/incidents/\(second.id)/merge", token: supervisor,
                body: #"{"into":"\#(first.id)","reason":"same fire"}"#)
            #expect(merged.status == .ok)
            #expect(try merged.decode(Incident.self).mergedInto == first.id)
            let open = try await client.call(.get, "/v1/incidents?scope=open", token: supervisor)
            #expect((open.json["incidents"] as? [[String: Any]])?.map { $0["id"] as? String } == [first.id.uuidString])
            #expect(try await client.call(.get, "/v1/incidents/\(second.id)", token: supervisor).status == .ok)
        }
    }

    @Test("unknown ids answer 404 and list filters are validated")
    func notFoundAndFilters() async throws {
        try await ServerHarness.with { _, client in
            let token = try await client.login("dispatcher")
            #expect(try await client.call(.get, "/v1/incidents/\(UUID())", token: token).status == .notFound)
            #expect(try await client.call(.get, "/v1/incidents/not-a-uuid", token: token).status == .badRequest)
            #expect(try await client.call(.get, "/v1/incidents?scope=some", token: token).problemField == "scope")
            #expect(try await client.call(.get, "/v1/incidents?limit=0", token: token).problemField == "limit")
            #expect(
                try await client.call(
                    .post, "/v1/units/\(UUID())/status", token: token,
                    body: #"{"status":"enRoute"}"#
                ).status == .notFound)
        }
    }
}

struct TimelineBody: Decodable {
    var incidentId: UUID
    var events: [EventEnvelope]
}
