import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadAlerts
import MirsadAudit
import MirsadDomain
import MirsadServer
import MirsadTestSupport
import Testing

/// Public warnings end to end over HTTP: a bilingual draft, the two-person rule, the signed
/// CAP document and the Atom feed, update and cancel with references, expiry, and need-to-know
/// on the REST routes and the live feed.
@Suite("Public alerts API: draft, approve, publish as signed CAP 1.2")
struct PublicAlertAPITests {
    static let arabicHeadline = "تحذير من أمطار غزيرة وسيول في العاصمة"

    static func content(expires: Date, headline: String = arabicHeadline) -> PublicAlertContent {
        PublicAlertContent(
            event: LocalizedName(en: "Heavy rain", ar: "أمطار غزيرة"),
            headline: LocalizedName(en: "Heavy rain and flooding in the Capital", ar: headline),
            description: LocalizedName(
                en: "Up to 60 mm of rain in three hours; underpasses may flood.",
                ar: "يتوقع هطول أمطار تصل إلى ٦٠ ملم خلال ثلاث ساعات، وقد تغمر المياه الأنفاق."),
            instruction: LocalizedName(
                en: "Avoid underpasses and low roads. Call 112 in an emergency.",
                ar: "تجنبوا الأنفاق والطرق المنخفضة، واتصلوا بـ ١١٢ عند الطوارئ."),
            categories: ["Met"], responseTypes: ["Avoid", "Prepare"], urgency: "Expected", severity: "Severe",
            certainty: "Likely", eventCodes: [PublicAlertCode(valueName: "SAME", value: "FFW")],
            expires: expires,
            areas: [
                PublicAlertArea(governorates: ["capital"]),
                PublicAlertArea(
                    description: LocalizedName(en: "Harbour district", ar: "منطقة الميناء"),
                    polygons: [
                        [
                            Coordinate(lat: 29.30, lon: 48.00), Coordinate(lat: 29.32, lon: 48.00),
                            Coordinate(lat: 29.32, lon: 48.03),
                        ]
                    ],
                    circles: [PublicAlertCircle(center: Coordinate(lat: 29.31, lon: 48.05), radiusKm: 2.5)]),
            ])
    }

    @Test(
        "draft → refused to its author → approved by another → signed CAP 1.2 in the feed",
        arguments: TestBackend.available)
    func publishFlow(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend, auditKey: true) { harness, client in
            let press = try await client.login("press")
            let supervisor = try await client.login("supervisor")
            let expires = harness.clock.now().addingTimeInterval(6 * 3600)
            let drafted = try await client.call(.post, "/v1/alerts", token: press, json: Self.content(expires: expires))
            #expect(drafted.status == .created, "\(drafted.text)")
            let draft = try drafted.decode(PublicAlert.self)
            #expect(draft.status == .draft && draft.identifier.hasPrefix("TV-2026-"))
            #expect(draft.content.headline.ar == Self.arabicHeadline, "right-to-left text is kept as typed")
            #expect(drafted.json["state"] as? String == "draft" && drafted.json["capUrl"] == nil)

            // Nothing of a draft is public.
            #expect(try await client.call(.get, "/cap/alerts/\(draft.identifier).xml").status == .notFound)
            let emptyFeed = try await client.call(.get, "/cap/feed.atom")
            #expect(emptyFeed.status == .ok && !emptyFeed.text.contains(draft.identifier))
            // Its preview says it is a draft.
            let preview = try await client.call(.get, "/v1/alerts/\(draft.id)/cap", token: supervisor)
            #expect(preview.status == .ok && preview.text.contains("<status>Draft</status>"))

            let own = try await client.call(.post, "/v1/alerts/\(draft.id)/approve", token: press)
            #expect(own.status == .forbidden && own.text.contains("two-person rule"))
            harness.clock.advance(60)
            let approved = try await client.call(.post, "/v1/alerts/\(draft.id)/approve", token: supervisor)
            #expect(approved.status == .ok, "\(approved.text)")
            let alert = try approved.decode(PublicAlert.self)
            #expect(alert.status == .published && alert.approvedBy == "supervisor")
            #expect(approved.json["capUrl"] as? String == "/cap/alerts/\(alert.identifier).xml")

            // The document: valid CAP 1.2 by Mirsad's reader and by xmllint, both languages.
            let document = try await client.call(.get, "/cap/alerts/\(alert.identifier).xml")
            #expect(document.status == .ok && document.headers[.contentType]?.hasPrefix("application/cap+xml") == true)
            let reading = CAPReader.read(Data(document.text.utf8))
            #expect(reading.isValidCAP12, "\(reading.issues)")
            let cap = try #require(reading.alert)
            #expect(cap.identifier == alert.identifier && cap.sender == "alerts@testville.example")
            #expect(cap.status == .actual && cap.msgType == .alert && cap.scope == .public)
            #expect(cap.sent.text.hasSuffix("+03:00"), "times are written in the jurisdiction's offset")
            #expect(cap.info.map(\.language) == ["ar-KW", "en-US"])
            #expect(cap.info[0].headline == Self.arabicHeadline)
            #expect(cap.info[0].area[0].areaDesc == "العاصمة" && cap.info[1].area[0].areaDesc == "Capital")
            #expect(cap.info[1].area[0].geocode.map(\.value) == ["capital"])
            #expect(cap.info[1].area[0].polygon.count == 1, "the governorate's boundary goes with it")
            #expect(cap.info[1].area[1].polygon[0].points?.count == 4 && cap.info[1].area[1].circle.count == 1)
            if XMLLint.isAvailable {
                let complaint = try await XMLLint.complaint(about: document.text)
                #expect(complaint == nil, "xmllint --schema cap12.xsd: \(complaint ?? "")")
            }

            // The detached signature checks with the audit key everyone can fetch.
            let signature = try await client.call(.get, "/cap/alerts/\(alert.identifier).xml.sig")
            let key = try await client.call(.get, "/v1/audit/key")
            let verifier = try CheckpointVerifier(parsing: key.text)
            let bytes = try #require(
                Data(base64Encoded: signature.text.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(verifier.isValidSignature(bytes, for: Data(document.text.utf8)))
            #expect(
                !verifier.isValidSignature(
                    bytes, for: Data(document.text.replacingOccurrences(of: "Severe", with: "Minor").utf8)))

            // The feed lists it, linking to the document.
            let feed = try await client.call(.get, "/cap/feed.atom")
            let read = CAPReader.readFile(Data(feed.text.utf8))
            #expect(read.kind == .atom && read.links.count == 1)
            #expect(read.links.first?.hasSuffix("/cap/alerts/\(alert.identifier).xml") == true)
        }
    }

    @Test("an update and a cancellation replace the alert in the feed and reference the chain")
    func updateCancelExpire() async throws {
        try await ServerHarness.with(auditKey: true) { harness, client in
            let press = try await client.login("press")
            let supervisor = try await client.login("fire.supervisor")
            let now = harness.clock.now()
            func publish(_ path: String, _ body: String) async throws -> PublicAlert {
                let drafted = try await client.call(.post, path, token: press, body: body)
                #expect(drafted.status == .created, "\(drafted.text)")
                let draft = try drafted.decode(PublicAlert.self)
                let approved = try await client.call(.post, "/v1/alerts/\(draft.id)/approve", token: supervisor)
                #expect(approved.status == .ok, "\(approved.text)")
                return try approved.decode(PublicAlert.self)
            }
            func json(_ content: PublicAlertContent) throws -> String {
                String(decoding: try MirsadJSON.encoder().encode(content), as: UTF8.self)
            }
            func feedLinks() async throws -> [String] {
                CAPReader.readFile(Data(try await client.call(.get, "/cap/feed.atom").text.utf8)).links
            }
            let first = try await publish("/v1/alerts", try json(Self.content(expires: now + 3600)))
            harness.clock.advance(120)
            let second = try await publish(
                "/v1/alerts/\(first.id)/update",
                try json(Self.content(expires: now + 7200, headline: "تحديث: أمطار غزيرة")))
            #expect(second.kind == .update && second.replaces == first.id)
            #expect(try await feedLinks().map { $0.hasSuffix("\(second.identifier).xml") } == [true])
            let firstNow = try await client.call(.get, "/v1/alerts/\(first.id)", token: press)
            #expect(firstNow.json["state"] as? String == "superseded")
            let updated = try #require(
                CAPReader.read(Data(try await client.call(.get, "/cap/alerts/\(second.identifier).xml").text.utf8))
                    .alert)
            #expect(updated.msgType == .update)
            let firstCAP = try #require(
                CAPReader.read(Data(try await client.call(.get, "/cap/alerts/\(first.identifier).xml").text.utf8)).alert
            )
            #expect(
                updated.references == firstCAP.referenceKey.description,
                "sender,identifier,sent of the replaced message")

            // Only one replacement at a time; a superseded alert cannot be replaced again.
            let stale = try await client.call(
                .post, "/v1/alerts/\(first.id)/cancel", token: press, body: #"{"note":"done"}"#)
            #expect(stale.status == .conflict)
            harness.clock.advance(120)
            let cancel = try await publish("/v1/alerts/\(second.id)/cancel", #"{"note":"The rain has passed"}"#)
            let cancelCAP = try #require(
                CAPReader.read(Data(try await client.call(.get, "/cap/alerts/\(cancel.identifier).xml").text.utf8))
                    .alert)
            #expect(cancelCAP.msgType == .cancel && cancelCAP.note == "The rain has passed")
            #expect(cancelCAP.references?.split(separator: " ").count == 2)
            #expect(try await feedLinks().map { $0.hasSuffix("\(cancel.identifier).xml") } == [true])

            // Expiry ends it: out of the feed, `expired` in the API.
            harness.clock.advance(7200)
            #expect(try await feedLinks().isEmpty)
            // (Two idle hours lock a session: sign in again.)
            let later = try await client.login("press", at: harness.clock.now())
            let listed = try await client.call(.get, "/v1/alerts?state=expired", token: later)
            #expect(
                (listed.json["alerts"] as? [[String: Any]])?.compactMap { $0["identifier"] as? String } == [
                    cancel.identifier
                ])
            let rejected = try await client.call(
                .post, "/v1/alerts/\(cancel.id)/reject",
                token: try await client.login("fire.supervisor", at: harness.clock.now()),
                body: #"{"reason":"x"}"#)
            #expect(rejected.status == .conflict)
        }
    }

    @Test("bad content is refused naming the field, and nothing is recorded")
    func refusals() async throws {
        try await ServerHarness.with { harness, client in
            let press = try await client.login("press")
            let expires = harness.clock.now().addingTimeInterval(3600)
            var wrong = Self.content(expires: expires)
            wrong.severity = "Catastrophic"
            let severity = try await client.call(.post, "/v1/alerts", token: press, json: wrong)
            #expect(severity.status == .unprocessableContent && severity.problemField == "severity")
            wrong = Self.content(expires: expires)
            wrong.areas = [PublicAlertArea(governorates: ["atlantis"])]
            let area = try await client.call(.post, "/v1/alerts", token: press, json: wrong)
            #expect(area.status == .unprocessableContent && area.problemField == "areas[0].governorates[0]")
            wrong = Self.content(expires: harness.clock.now())
            let past = try await client.call(.post, "/v1/alerts", token: press, json: wrong)
            #expect(past.status == .unprocessableContent && past.problemField == "expires")
            let typo = try await client.call(
                .post, "/v1/alerts", token: press, body: #"{"evnt":{"en":"x","ar":"x"}}"#)
            #expect(typo.status == .unprocessableContent && typo.problemField == "evnt", "a typo is never dropped")
            let dispatcher = try await client.login("dispatcher")
            let notAllowed = try await client.call(
                .post, "/v1/alerts", token: dispatcher, json: Self.content(expires: expires))
            #expect(notAllowed.status == .forbidden)
            let all = try await client.call(.get, "/v1/alerts", token: press)
            #expect((all.json["alerts"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("drafts reach only their writers, approvers and oversight, on REST and on the live feed")
    func needToKnow() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let port = try #require(client.port)
            let fireFeed = LiveFeedClient(port: port, token: try await client.login("fire.dispatcher"))
            let approverFeed = LiveFeedClient(port: port, token: try await client.login("fire.supervisor"))
            for feed in [fireFeed, approverFeed] { _ = await feed.collect(until: { $0.type == "caughtUp" }) }
            let press = try await client.login("press")
            let draft = try await client.call(
                .post, "/v1/alerts", token: press, json: Self.content(expires: harness.clock.now() + 3600)
            ).decode(PublicAlert.self)
            let fire = try await client.login("fire.dispatcher")
            let hidden = try await client.call(.get, "/v1/alerts/\(draft.id)", token: fire)
            let absent = try await client.call(.get, "/v1/alerts/\(UUID())", token: fire)
            #expect(hidden.status == .notFound)
            #expect(AttackProbeTests.withoutInstance(hidden.text) == AttackProbeTests.withoutInstance(absent.text))
            #expect((try await client.call(.get, "/v1/alerts", token: fire).json["alerts"] as? [Any])?.isEmpty == true)
            let drafted = await approverFeed.collect(until: { $0.eventType == "alerts.drafted" })
            #expect(drafted != nil, "the approver learns of the draft at once")
            let approved = try await client.call(
                .post, "/v1/alerts/\(draft.id)/approve", token: try await client.login("fire.supervisor"))
            #expect(approved.status == .ok)
            let published = await fireFeed.collect(until: { $0.eventType == "alerts.published" })
            #expect(published != nil)
            #expect(
                !fireFeed.received.contains { $0.eventType == "alerts.drafted" },
                "a foreign sector never sees the draft")
            #expect(try await client.call(.get, "/v1/alerts/\(draft.id)", token: fire).status == .ok)
            fireFeed.close()
            approverFeed.close()
        }
    }
}
