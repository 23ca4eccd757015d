import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

/// Temporary shelters over HTTP: opening, live occupancy by person and household, the overflow
/// redirected to the nearest open shelter with room, transfers, closing only when empty, the
/// plan that opens a governorate's shelters, and who an evacuee is kept to the shelter's
/// sector (purpose, audit, PFIF export, never on the live feed).
@Suite("Shelters and evacuees API")
struct ShelterAPITests {
    static func purpose(_ text: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Purpose")!] = text
        return headers
    }

    static func checkIn(
        _ client: any TestClientProtocol, _ token: String, at shelter: String, _ body: String = #"{"ageBand":"18-59"}"#
    ) async throws -> Reply {
        try await client.call(.post, "/v1/shelters/\(shelter)/evacuees", token: token, body: body)
    }

    @Test(
        "a shelter opens, fills by beds and households, sends the overflow to the nearest with room, and closes only when empty"
    )
    func occupancy() async throws {
        try await ServerHarness.with { harness, client in
            let staff = try await client.login("shelter.staff")
            let listed = try await client.call(.get, "/v1/shelters", token: staff)
            #expect(listed.status == .ok)
            let shelters = listed.json["shelters"] as? [[String: Any]] ?? []
            #expect(
                shelters.compactMap { ($0["site"] as? [String: Any])?["id"] as? String } == ["club", "hall", "school"])
            #expect(shelters.allSatisfy { $0["status"] as? String == "closed" })

            let closed = try await Self.checkIn(client, staff, at: "hall")
            #expect(closed.status == .conflict && closed.json["alternative"] == nil, "\(closed.text)")
            #expect((closed.json["detail"] as? String)?.contains("no other open shelter has room") == true)
            // Only the sector that runs a shelter (or oversight) opens it.
            let traffic = try await client.login("traffic.liaison")
            #expect(try await client.call(.post, "/v1/shelters/hall/open", token: traffic).status == .forbidden)
            let opened = try await client.call(.post, "/v1/shelters/hall/open", token: staff)
            #expect(opened.status == .ok && opened.json["status"] as? String == "open")
            #expect(opened.json["openedBy"] as? String == "shelter.staff")
            #expect(try await client.call(.post, "/v1/shelters/hall/open", token: staff).status == .conflict)
            let supervisor = try await client.login("supervisor")
            #expect(try await client.call(.post, "/v1/shelters/school/open", token: supervisor).status == .ok)

            // A household of two, then one person alone: three beds, two households: full.
            let mother = try await Self.checkIn(client, staff, at: "hall", #"{"ageBand":"18-59","needs":["medical"]}"#)
            #expect(mother.status == .created, "\(mother.text)")
            let household = try #require(mother.json["household"] as? String)
            let child = try await Self.checkIn(
                client, staff, at: "hall", #"{"ageBand":"5-17","household":"\#(household)"}"#)
            #expect(child.status == .created && child.json["household"] as? String == household)
            var hall = try await harness.services.store.shelter("hall")
            #expect(hall?.persons == 2 && hall?.families == 1)
            #expect(try await Self.checkIn(client, staff, at: "hall").status == .created)
            hall = try await harness.services.store.shelter("hall")
            #expect(hall?.persons == 3 && hall?.families == 2 && hall?.isFull == true)

            let overflow = try await Self.checkIn(client, staff, at: "hall")
            #expect(overflow.status == .conflict)
            #expect(overflow.json["type"] as? String == "https://mirsad.dev/problems/shelter-full")
            #expect(overflow.json["alternative"] as? String == "school", "\(overflow.text)")
            #expect((overflow.json["detail"] as? String)?.contains("Capital School") == true)
            #expect(try await harness.services.store.shelter("hall")?.persons == 3, "the refusal changed nothing")

            // The nearest with room leaves the full hall out, and honours needs.
            let nearest = try await client.call(.get, "/v1/shelters/nearest?at=29.372,47.982&count=5", token: staff)
            #expect(nearest.status == .ok)
            let choices = nearest.json["shelters"] as? [[String: Any]] ?? []
            #expect(
                choices.compactMap { (($0["shelter"] as? [String: Any])?["site"] as? [String: Any])?["id"] as? String }
                    == ["school"])
            #expect(nearest.json["method"] as? String == "straight-line")
            let medical = try await client.call(
                .get, "/v1/shelters/nearest?at=29.372,47.982&needs=medical", token: staff)
            #expect((medical.json["shelters"] as? [Any])?.isEmpty == true, "the school has no medical post")
            let badNeed = try await client.call(.get, "/v1/shelters/nearest?at=29.372,47.982&needs=spa", token: staff)
            #expect(badNeed.status == .unprocessableContent && badNeed.problemField == "needs")

            // Moving the child keeps the household's place at the hall (the mother stays).
            let childID = try #require(child.json["id"] as? String)
            let moved = try await client.call(
                .post, "/v1/evacuees/\(childID)/transfer", token: staff, body: #"{"shelterId":"school"}"#)
            #expect(moved.status == .ok && moved.json["shelterId"] as? String == "school", "\(moved.text)")
            #expect((moved.json["stays"] as? [Any])?.count == 2)
            hall = try await harness.services.store.shelter("hall")
            let school = try await harness.services.store.shelter("school")
            #expect(hall?.persons == 2 && hall?.families == 2)
            #expect(school?.persons == 1 && school?.families == 1)
            #expect(
                try await client.call(
                    .post, "/v1/evacuees/\(childID)/transfer", token: staff, body: #"{"shelterId":"school"}"#
                ).status == .conflict)

            // Closing waits until everyone has left.
            let refused = try await client.call(.post, "/v1/shelters/hall/close", token: staff)
            #expect(refused.status == .conflict && (refused.json["detail"] as? String)?.contains("2 people") == true)
            let present = try await client.call(.get, "/v1/shelters/hall/evacuees?present=true", token: staff)
            for evacuee in present.json["evacuees"] as? [[String: Any]] ?? [] {
                let id = try #require(evacuee["id"] as? String)
                let out = try await client.call(
                    .post, "/v1/evacuees/\(id)/check-out", token: staff, body: #"{"reason":"went home"}"#)
                #expect(out.status == .ok && out.json["status"] as? String == "left")
            }
            #expect(try await client.call(.post, "/v1/shelters/hall/close", token: staff).status == .ok)
            let everyone = try await client.call(.get, "/v1/shelters/hall/evacuees", token: staff)
            let record = everyone.json["evacuees"] as? [[String: Any]] ?? []
            #expect(
                record.count == 2 && record.allSatisfy { $0["status"] as? String == "left" },
                "who left stays on record (the child is on the school's)")

            let events = try await harness.services.store.events(
                ofTypes: EvacueeChanged.Change.eventTypes + ["shelters.occupancyChanged"])
            #expect(events.filter { $0.type == "evacuees.checkedIn" }.count == 3)
            #expect(events.filter { $0.type == "shelters.occupancyChanged" }.count == 3 + 2 + 2)
            #expect(
                events.filter { $0.type.hasPrefix("evacuees.") }.allSatisfy { $0.sectors == ["firefighting"] },
                "evacuee events go to the sector running the shelter")
        }
    }

    @Test("who an evacuee is stays with the shelter's staff: a stated purpose, an audit entry, never on the live feed")
    func personalData() async throws {
        try await ServerHarness.with { harness, client in
            let staff = try await client.login("shelter.staff")
            #expect(try await client.call(.post, "/v1/shelters/hall/open", token: staff).status == .ok)
            let registered = try await Self.checkIn(
                client, staff, at: "hall",
                #"{"ageBand":"60+","needs":["mobility"],"personal":{"fullName":"Fatima Al-Ali","nationalId":"260010112345","phone":"+965 5555 1234"}}"#
            )
            #expect(registered.status == .created)
            #expect(registered.json["personal"] == nil && registered.json["personalWithheld"] as? Bool == true)
            let id = try #require(registered.json["id"] as? String)

            let withoutPurpose = try await client.call(.get, "/v1/evacuees/\(id)", token: staff)
            #expect(withoutPurpose.status.code == 428 && withoutPurpose.problemField == "X-Purpose")
            let read = try await client.call(
                .get, "/v1/evacuees/\(id)", token: staff, headers: Self.purpose("family tracing request 77"))
            #expect(read.status == .ok)
            #expect((read.json["personal"] as? [String: Any])?["fullName"] as? String == "Fatima Al-Ali")
            let audit = try await harness.services.store.events(ofTypes: ["security.restrictedRead"])
            #expect(audit.count == 1)
            if case .securityEvent(let entry) = audit.first?.payload {
                #expect(entry.purpose == "family tracing request 77" && entry.subject == "shelter.staff")
            }

            // Oversight sees the record, not the person; other sectors do not see it at all.
            let ops = try await client.login("dispatcher")
            let opsView = try await client.call(.get, "/v1/evacuees/\(id)", token: ops, headers: Self.purpose("x"))
            #expect(opsView.status == .ok && opsView.json["personal"] == nil)
            #expect(opsView.json["personalWithheld"] as? Bool == true)
            for username in ["traffic.liaison", "analyst"] {
                let token = try await client.login(username)
                let hidden = try await client.call(.get, "/v1/evacuees/\(id)", token: token)
                let absent = try await client.call(.get, "/v1/evacuees/\(UUID())", token: token)
                #expect(hidden.status == .notFound && absent.status == .notFound)
                #expect(AttackProbeTests.withoutInstance(hidden.text) == AttackProbeTests.withoutInstance(absent.text))
                #expect(!hidden.text.contains("Fatima"))
            }
            let traffic = try await client.login("traffic.liaison")
            #expect(try await client.call(.get, "/v1/shelters/hall/evacuees", token: traffic).status == .forbidden)
            let list = try await client.call(.get, "/v1/shelters/hall/evacuees", token: staff)
            #expect(!list.text.contains("Fatima"), "a list without a purpose carries no names")

            // The live feed and the audit trail never carry the name without a purpose.
            let events = try await harness.services.store.events(ofTypes: ["evacuees.checkedIn"])
            let event = try #require(events.first)
            guard case .evacuee(let stored) = event.payload else { Issue.record("not an evacuee event"); return }
            #expect(stored.evacuee.personal?.fullName == "Fatima Al-Ali", "the log keeps it")
            let policy = AccessPolicy(catalog: try #require(harness.services.store.catalog))
            let frame = policy.liveFrame(of: event)
            guard case .evacuee(let live) = frame.payload else { Issue.record("not an evacuee frame"); return }
            #expect(live.evacuee.personal == nil)
            let frameJSON = String(decoding: try MirsadJSON.encoder().encode(frame), as: UTF8.self)
            #expect(!frameJSON.contains("Fatima") && !frameJSON.contains("260010112345"))
        }
    }

    @Test("the PFIF 1.4 export holds the staff's evacuees by name and nothing more, with a purpose, audited")
    func pfifExport() async throws {
        try await ServerHarness.with { harness, client in
            let staff = try await client.login("shelter.staff")
            #expect(try await client.call(.post, "/v1/shelters/hall/open", token: staff).status == .ok)
            let named = try await Self.checkIn(
                client, staff, at: "hall",
                #"{"ageBand":"5-17","personal":{"fullName":"Omar <Al-Sabah> & Sons","nationalId":"X123","phone":"+965 1"}}"#
            )
            #expect(named.status == .unprocessableContent && named.problemField == "personal.fullName")
            #expect(
                try await Self.checkIn(
                    client, staff, at: "hall",
                    #"{"ageBand":"5-17","personal":{"fullName":"Omar Al-Sabah & Sons","nationalId":"X123","phone":"+965 2222 3333"}}"#
                ).status == .created)
            #expect(try await Self.checkIn(client, staff, at: "hall").status == .created, "an unnamed arrival")

            #expect(try await client.call(.get, "/v1/pfif", token: staff).status.code == 428)
            let export = try await client.call(.get, "/v1/pfif", token: staff, headers: Self.purpose("reunification"))
            #expect(export.status == .ok && export.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(export.text.contains("<pfif:full_name>Omar Al-Sabah &amp; Sons</pfif:full_name>"))
            #expect(export.text.contains("<pfif:age>5-17</pfif:age>"))
            #expect(export.text.contains("<pfif:status>believed_alive</pfif:status>"))
            #expect(export.text.contains("testville.example/evacuee."))
            #expect(export.text.components(separatedBy: "<pfif:person>").count == 2, "only named evacuees")
            #expect(!export.text.contains("X123") && !export.text.contains("2222 3333"), "no national id or phone")
            if XMLLint.path != nil {
                #expect(try await XMLLint.complaint(about: export.text, relaxNG: PFIF14Grammar.text) == nil)
                #expect(
                    try await XMLLint.complaint(
                        about: export.text.replacingOccurrences(of: "believed_alive", with: "fine"),
                        relaxNG: PFIF14Grammar.text) != nil, "the grammar is not a rubber stamp")
            }
            let audit = try await harness.services.store.events(ofTypes: ["security.restrictedRead"])
            #expect(audit.count == 1)
            // Oversight may register evacuees but reads nobody's name.
            let ops = try await client.login("dispatcher")
            let opsExport = try await client.call(.get, "/v1/pfif", token: ops, headers: Self.purpose("x"))
            #expect(opsExport.status == .ok && !opsExport.text.contains("<pfif:person>"))
            let analyst = try await client.login("analyst")
            #expect(
                try await client.call(.get, "/v1/pfif", token: analyst, headers: Self.purpose("x")).status == .forbidden
            )
        }
    }

    @Test("the flood plan opens the Capital's shelters; a thousand origins each get their nearest")
    func planAndBatch() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let supervisor = try await client.login("supervisor")
            let operation = try await client.call(.post, "/v1/playbooks/flood/activate", token: supervisor)
                .decode(EmergencyOperation.self)
            #expect(try await harness.services.reactorsSettled())
            let shelters = try await harness.services.store.shelters()
            #expect(shelters.filter { $0.status == .open }.map(\.id) == ["hall", "school"])
            #expect(shelters.first { $0.id == "hall" }?.openedFor == operation.id)
            #expect(shelters.first { $0.id == "club" }?.status == .closed, "the coast is not in the plan")

            let origins = (0..<1000).map { i in
                #"{"lat":\#(29.30 + Double(i % 40) * 0.002),"lon":\#(47.95 + Double(i / 40) * 0.004)}"#
            }
            let batch = try await client.call(
                .post, "/v1/shelters/nearest", token: supervisor,
                body: #"{"origins":[\#(origins.joined(separator: ","))],"persons":2}"#)
            #expect(batch.status == .ok)
            let nearest = batch.json["nearest"] as? [Any] ?? []
            #expect(nearest.count == 1000)
            let first = nearest.first as? [String: Any]
            #expect(first?["shelterId"] as? String == "school", "29.30,47.95 is closest to the school")
            #expect(
                nearest.allSatisfy { ["hall", "school"].contains(($0 as? [String: Any])?["shelterId"] as? String) })
            let empty = try await client.call(
                .post, "/v1/shelters/nearest", token: supervisor, body: #"{"origins":[]}"#)
            #expect(empty.status == .unprocessableContent && empty.problemField == "origins")
            let bad = try await client.call(
                .post, "/v1/shelters/nearest", token: supervisor, body: #"{"origins":[{"lat":91,"lon":0}]}"#)
            #expect(bad.status == .unprocessableContent && bad.problemField == "origins[0].lat")
        }
    }

    @Test("a new site is registered by its sector or oversight, once, and a bad one is refused naming the field")
    func registration() async throws {
        try await ServerHarness.with { harness, client in
            let site =
                #"{"id":"mosque-hall","name":{"en":"Mosque Hall","ar":"قاعة المسجد"},"location":{"lat":29.35,"lon":47.99},"governorate":"capital","sector":"firefighting","capacity":{"beds":80,"families":20},"facilities":["pets"]}"#
            let fire = try await client.login("fire.supervisor")
            let created = try await client.call(.post, "/v1/shelters", token: fire, body: site)
            #expect(created.status == .created && created.json["status"] as? String == "closed", "\(created.text)")
            #expect(try await client.call(.post, "/v1/shelters", token: fire, body: site).status == .conflict)
            #expect(try await client.call(.post, "/v1/shelters/mosque-hall/open", token: fire).status == .ok)
            let elsewhere = site.replacingOccurrences(of: "mosque-hall", with: "port-hall")
                .replacingOccurrences(of: "firefighting", with: "traffic")
            #expect(try await client.call(.post, "/v1/shelters", token: fire, body: elsewhere).status == .forbidden)
            let ops = try await client.login("supervisor")
            #expect(try await client.call(.post, "/v1/shelters", token: ops, body: elsewhere).status == .created)
            let staff = try await client.login("shelter.staff")
            for (body, field) in [
                (site.replacingOccurrences(of: #""families":20"#, with: #""families":90"#), "capacity.families"),
                (site.replacingOccurrences(of: "capital", with: "atlantis"), "governorate"),
                (site.replacingOccurrences(of: "mosque-hall", with: "Mosque Hall"), "id"),
                (site.replacingOccurrences(of: #""pets""#, with: #""pool""#), "facilities[0]"),
            ] {
                let refused = try await client.call(.post, "/v1/shelters", token: staff, body: body)
                #expect(refused.status == .unprocessableContent && refused.problemField == field, "\(refused.text)")
            }
            let supplies = try await client.call(
                .put, "/v1/shelters/mosque-hall/supplies", token: staff,
                body:
                    #"{"supplies":[{"item":"water-litres","onHand":400,"needed":600},{"item":"blankets","onHand":80,"needed":0}]}"#
            )
            #expect(supplies.status == .ok)
            #expect((supplies.json["supplies"] as? [[String: Any]])?.first?["needed"] as? Int == 600)
            let twice = try await client.call(
                .put, "/v1/shelters/mosque-hall/supplies", token: staff,
                body: #"{"supplies":[{"item":"water","onHand":1,"needed":0},{"item":"water","onHand":2,"needed":0}]}"#)
            #expect(twice.status == .unprocessableContent && twice.problemField == "supplies[1].item")
            // The read models rebuild from the log alone.
            let before = try await harness.services.store.shelters()
            _ = try await harness.services.store.rebuildReadModels()
            #expect(try await harness.services.store.shelters() == before)
        }
    }
}
