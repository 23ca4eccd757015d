import Foundation
import MirsadDomain
import Testing

/// The two-person rule and the life of a public warning, decided without a store.
@Suite("Public alerts: drafting, the two-person rule, update and cancel, expiry")
struct PublicAlertDeciderTests {
    static let catalog: JurisdictionIndex = {
        var jurisdiction = Fixtures.jurisdiction
        jurisdiction.governorates = [
            Governorate(
                id: "capital", name: LocalizedName(en: "Capital", ar: "العاصمة"),
                center: Coordinate(lat: 29.37, lon: 47.97))
        ]
        return JurisdictionIndex(jurisdiction)
    }()
    static let press = Actor(username: "noura", role: .publicInformation, sector: "operations")
    static let otherPress = Actor(username: "hamad", role: .publicInformation, sector: "operations")
    static let fireSupervisor = Actor(username: "faisal", role: .supervisor, sector: "fire")
    let t0 = Fixtures.t0

    static func content(expiresIn seconds: TimeInterval = 6 * 3600, at t0: Date = Fixtures.t0) -> PublicAlertContent {
        PublicAlertContent(
            event: LocalizedName(en: "Heavy rain", ar: "أمطار غزيرة"),
            headline: LocalizedName(en: "Heavy rain warning", ar: "تحذير من أمطار غزيرة"),
            description: LocalizedName(en: "Up to 60 mm expected.", ar: "يتوقع هطول حتى ٦٠ ملم."),
            categories: ["Met"], urgency: "Expected", severity: "Severe", certainty: "Likely",
            expires: t0.addingTimeInterval(seconds),
            areas: [PublicAlertArea(governorates: ["capital"])])
    }

    /// Runs a command against the alerts given, as the store would.
    func decide(
        _ command: PublicAlertCommand, by actor: Actor, alerts: [PublicAlert] = [], at time: Date? = nil,
        pending: Bool = false, number: Int = 1
    ) throws(DomainError) -> PublicAlertChanged {
        let byID = Dictionary(uniqueKeysWithValues: alerts.map { ($0.id, $0) })
        let subject = command.subject.flatMap { byID[$0] }
        return try PublicAlertDecider.decide(
            command, subject: subject, replaced: subject?.replaces.flatMap { byID[$0] },
            context: PublicAlertContext(
                now: time ?? t0, actor: actor, catalog: Self.catalog, newID: UUID(),
                newIdentifier: "TEST-2026-\(number)", pendingReplacement: pending))
    }

    func published() throws -> PublicAlert {
        let draft = try decide(.draft(Self.content()), by: Self.press).alert
        return try decide(.approve(draft.id), by: Self.fireSupervisor, alerts: [draft]).alert
    }

    @Test("a draft is not public; its author cannot approve it, a second person can")
    func twoPersonRule() throws {
        let draft = try decide(.draft(Self.content()), by: Self.press)
        #expect(draft.change == .drafted && draft.alert.status == .draft && !draft.isPublic)
        #expect(draft.alert.sentAt == nil && draft.alert.draftedBy == "noura")
        #expect(
            throws: DomainError.forbidden(
                reason: "two-person rule: noura drafted this alert, another person approves it")
        ) {
            try decide(.approve(draft.alert.id), by: Self.press, alerts: [draft.alert])
        }
        let approved = try decide(.approve(draft.alert.id), by: Self.otherPress, alerts: [draft.alert], at: t0 + 60)
        #expect(approved.change == .published && approved.isPublic)
        #expect(approved.alert.status == .published && approved.alert.approvedBy == "hamad")
        #expect(approved.alert.sentAt == t0 + 60)
        #expect(approved.alert.isActive(at: t0 + 120))
        #expect(throws: DomainError.conflict(reason: "alert TEST-2026-1 is published, not a draft")) {
            try decide(.approve(approved.alert.id), by: Self.fireSupervisor, alerts: [approved.alert])
        }
    }

    @Test("only public information drafts; only supervisors and public information approve")
    func roles() throws {
        #expect(throws: DomainError.forbidden(reason: "role 'supervisor' may not draftPublicAlerts")) {
            try decide(.draft(Self.content()), by: Self.fireSupervisor)
        }
        let draft = try decide(.draft(Self.content()), by: Self.press).alert
        // A dispatcher of the operations room sees the draft (oversight) but may not approve it.
        #expect(throws: DomainError.forbidden(reason: "role 'dispatcher' may not approvePublicAlerts")) {
            try decide(.approve(draft.id), by: Fixtures.dispatcher, alerts: [draft])
        }
        // A dispatcher of another sector does not even learn the draft exists.
        #expect(throws: DomainError.notFound(kind: "alert", id: draft.id.uuidString)) {
            try decide(.approve(draft.id), by: Fixtures.fireDispatcher, alerts: [draft])
        }
        #expect(throws: DomainError.notFound(kind: "alert", id: draft.id.uuidString)) {
            try decide(.approve(draft.id), by: Fixtures.fireDispatcher, alerts: [])
        }
    }

    @Test("an update and a cancellation reference the chain and replace the alert when approved")
    func updateAndCancel() throws {
        let first = try published()
        let update = try decide(
            .draftUpdate(of: first.id, Self.content(expiresIn: 9 * 3600)), by: Self.press, alerts: [first], number: 2
        ).alert
        #expect(update.kind == .update && update.replaces == first.id)
        #expect(update.references == [PublicAlertReference(identifier: first.identifier, sent: first.sentAt!)])
        // The original stays in force until the update is approved.
        #expect(first.isActive(at: t0 + 60))
        #expect(
            throws: DomainError.conflict(
                reason: "another draft already replaces alert TEST-2026-1; approve or reject it first")
        ) {
            try decide(
                .draftCancel(of: first.id, note: "over"), by: Self.press, alerts: [first, update], pending: true)
        }
        let approved = try decide(.approve(update.id), by: Self.otherPress, alerts: [first, update], at: t0 + 600)
        #expect(approved.alert.status == .published)
        #expect(approved.replaced?.status == .superseded && approved.replaced?.replacedBy == update.id)
        let second = approved.alert
        let cancel = try decide(
            .draftCancel(of: second.id, note: "The rain has passed"), by: Self.press, alerts: [second], number: 3
        ).alert
        #expect(cancel.kind == .cancel && cancel.note == "The rain has passed")
        #expect(cancel.references.map(\.identifier) == ["TEST-2026-1", "TEST-2026-2"])
        #expect(
            cancel.content.expires == second.content.expires, "a cancellation stands as long as the warning would have")
        let ended = try decide(.approve(cancel.id), by: Self.fireSupervisor, alerts: [second, cancel], at: t0 + 900)
        #expect(ended.replaced?.status == .cancelled)
        #expect(throws: DomainError.conflict(reason: "a cancellation cannot be updated or cancelled")) {
            try decide(.draftCancel(of: cancel.id, note: "x"), by: Self.press, alerts: [ended.alert])
        }
    }

    @Test("expiry ends a warning, and a draft that expired unapproved cannot be published")
    func expiry() throws {
        let alert = try published()
        let later = alert.content.expires
        #expect(!alert.isActive(at: later) && alert.displayStatus(at: later) == "expired")
        #expect(
            throws: DomainError.conflict(
                reason: "alert TEST-2026-1 is expired; only a published alert in force can be replaced")
        ) {
            try decide(.draftUpdate(of: alert.id, Self.content(at: later)), by: Self.press, alerts: [alert], at: later)
        }
        let draft = try decide(.draft(Self.content(expiresIn: 600)), by: Self.press).alert
        #expect(throws: DomainError.conflict(reason: "alert TEST-2026-1 expired before it was approved")) {
            try decide(.approve(draft.id), by: Self.otherPress, alerts: [draft], at: t0 + 600)
        }
    }

    @Test("content: both languages, real areas, XML-safe text, an expiry within a month")
    func contentRules() throws {
        func refusal(_ change: (inout PublicAlertContent) -> Void) -> String? {
            var content = Self.content()
            change(&content)
            do {
                _ = try PublicAlertRules.validated(content, catalog: Self.catalog, now: t0)
                return nil
            } catch { return error.field }
        }
        #expect(refusal { $0.headline.ar = "  " } == "headline.ar")
        #expect(refusal { $0.description.en = "bell \u{7} here" } == "description.en")
        #expect(refusal { $0.expires = Fixtures.t0 } == "expires")
        #expect(refusal { $0.expires = Fixtures.t0.addingTimeInterval(40 * 86_400) } == "expires")
        #expect(refusal { $0.areas = [] } == "areas")
        #expect(refusal { $0.areas = [PublicAlertArea(governorates: ["atlantis"])] } == "areas[0].governorates[0]")
        #expect(
            refusal { $0.areas = [PublicAlertArea(polygons: [[Coordinate(lat: 29, lon: 48)]])] }
                == "areas[0].description")
        let triangle = [Coordinate(lat: 29, lon: 48), Coordinate(lat: 29.1, lon: 48), Coordinate(lat: 29, lon: 48.1)]
        let described = LocalizedName(en: "Harbour", ar: "الميناء")
        #expect(
            refusal { $0.areas = [PublicAlertArea(description: described, polygons: [Array(triangle.prefix(2))])] }
                == "areas[0].polygons[0]")
        #expect(refusal { $0.categories = [] } == "categories")
        var content = Self.content()
        content.areas = [PublicAlertArea(description: described, polygons: [triangle])]
        let validated = try PublicAlertRules.validated(content, catalog: Self.catalog, now: t0)
        #expect(validated.areas[0].polygons[0].count == 4 && validated.areas[0].polygons[0].last == triangle[0])
    }

    @Test("the live feed carries drafts only to their writers, approvers and oversight")
    func draftEventsAreNeedToKnow() throws {
        let draft = try decide(.draft(Self.content()), by: Self.press)
        let policy = AccessPolicy(catalog: Self.catalog)
        let event = EventEnvelope(at: t0, actor: Self.press, sectors: [], payload: .publicAlert(draft))
        #expect(policy.canSee(event, Self.fireSupervisor) && policy.canSee(event, Fixtures.dispatcher))
        #expect(!policy.canSee(event, Fixtures.fireDispatcher) && !policy.canSee(event, Fixtures.analyst))
        let published = try decide(.approve(draft.alert.id), by: Self.otherPress, alerts: [draft.alert])
        let publication = EventEnvelope(at: t0, actor: Self.otherPress, sectors: [], payload: .publicAlert(published))
        #expect(policy.canSee(publication, Fixtures.fireDispatcher) && policy.canSee(publication, Fixtures.analyst))
    }
}
