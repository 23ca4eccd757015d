import Foundation
import MirsadDomain
import Testing

@Suite("Analytic alerts are commands")
struct AnalyticAlertCommandTests {
    func alert(for incident: UUID?) -> AnalyticAlertRaised {
        AnalyticAlertRaised(
            incidentId: incident, kind: "near-repeat", summary: LocalizedName(en: "Near repeat", ar: "تكرار قريب"),
            evidence: .object([:]))
    }

    @Test("raised by the platform alone, once per key, told to the incident's sectors and the audience")
    func raised() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("CRIME-BURGLARY")
        let command = Command.raiseAnalyticAlert(alert(for: id), key: "k1", audience: ["operations"])
        #expect(throws: DomainError.forbidden(reason: "role 'supervisor' may not raiseAnalyticAlerts")) {
            try decider.run(command, as: Fixtures.supervisor)
        }
        let events = try decider.run(command, as: .system)
        #expect(events.map(\.type) == ["analytics.alert"])
        #expect(events[0].sectors == ["criminal", "operations"])
        var again = CommandContext(now: Fixtures.t0, actor: .system)
        again.alertAlreadyRaised = true
        #expect(throws: DomainError.conflict(reason: "alert k1 was raised before")) {
            try decider.execute(command, context: again)
        }
    }

    @Test("an alert names an incident that exists and sectors the jurisdiction has")
    func validated() throws {
        var decider = Fixtures.decider()
        let absent = UUID()
        #expect(throws: DomainError.notFound(kind: "incident", id: absent.uuidString)) {
            try decider.run(.raiseAnalyticAlert(alert(for: absent), key: "k", audience: []), as: .system)
        }
        let id = try decider.create("CRIME-BURGLARY")
        #expect(throws: DomainError.invalidField(field: "audience", reason: "unknown sector 'nowhere'")) {
            try decider.run(.raiseAnalyticAlert(alert(for: id), key: "k", audience: ["nowhere"]), as: .system)
        }
    }
}
