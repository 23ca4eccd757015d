import Foundation
import MirsadDomain
import Testing

@Suite("Playbooks: validation, triggers, tasks")
struct PlaybookTests {
    static let plan = Playbook(
        id: "flood", version: 1, scenario: .heavyRain, name: LocalizedName(en: "Flood", ar: "سيول"),
        triggers: [
            PlaybookTrigger(cap: .init(events: ["Heavy rain"], minimumSeverity: "Severe", governorates: ["capital"]))
        ],
        tasks: [
            PlaybookTask(
                id: "pumps", phase: "prepare", sector: "fire", title: LocalizedName(en: "Pumps", ar: "مضخات"),
                deadlineMinutes: 30)
        ])

    static func warning(
        event: String = "HEAVY RAIN", severity: String = "Severe", governorates: [String] = ["capital"],
        msgType: String = "Alert"
    )
        -> ExternalWarning
    {
        ExternalWarning(
            sender: "met", identifier: "1", sent: Fixtures.t0, msgType: msgType, source: "test",
            infos: [
                ExternalWarningInfo(
                    language: "en-US", event: event, headline: nil, categories: ["Met"], urgency: "Expected",
                    severity: severity, certainty: "Likely", eventCodes: [])
            ], severity: severity, expires: Fixtures.t0 + 3600, areas: [], governorates: governorates, replaces: [],
            receivedAt: Fixtures.t0)
    }

    @Test("a CAP trigger wants the event (any case), the severity or worse, and a listed governorate")
    func capTrigger() {
        let trigger = Self.plan.triggers[0]
        #expect(trigger.matches(Self.warning()))
        #expect(trigger.matches(Self.warning(severity: "Extreme")))
        #expect(!trigger.matches(Self.warning(severity: "Moderate")))
        #expect(!trigger.matches(Self.warning(event: "Sandstorm")))
        #expect(!trigger.matches(Self.warning(governorates: ["coast"])))
        #expect(!trigger.matches(Self.warning(msgType: "Cancel")), "a cancellation starts nothing")
    }

    @Test("a plan naming an unknown sector, type or governorate is refused with the field")
    func validation() {
        func refusal(_ change: (inout Playbook) -> Void) -> String? {
            var plan = Self.plan
            change(&plan)
            do {
                try plan.validate(
                    sectors: ["fire"], incidentTypes: ["FIRE-STRUCTURE"], governorates: ["capital"],
                    field: "playbooks[0]")
                return nil
            } catch { return error.field }
        }
        #expect(refusal { _ in } == nil)
        #expect(refusal { $0.tasks[0].sector = "nowhere" } == "playbooks[0].tasks[0].sector")
        #expect(refusal { $0.tasks.append($0.tasks[0]) } == "playbooks[0].tasks[1].id")
        #expect(
            refusal { $0.triggers = [PlaybookTrigger(incidentTypes: ["NOPE"])] }
                == "playbooks[0].triggers[0].incidentTypes[0]")
        #expect(
            refusal { $0.triggers[0].cap?.minimumSeverity = "Apocalyptic" }
                == "playbooks[0].triggers[0].cap.minimumSeverity")
        #expect(
            refusal { $0.triggers[0].cap?.governorates = ["atlantis"] }
                == "playbooks[0].triggers[0].cap.governorates[0]")
        #expect(refusal { $0.id = "Flood Plan" } == "playbooks[0].id")
    }

    @Test("one active operation per plan; tasks are worked by their sector or oversight, in order")
    func tasks() throws {
        var jurisdiction = Fixtures.jurisdiction
        jurisdiction.playbooks = [Self.plan]
        let catalog = JurisdictionIndex(jurisdiction)
        let supervisor = Fixtures.supervisor
        func decide(
            _ command: OperationCommand, _ operation: EmergencyOperation? = nil, active: Bool = false, by actor: Actor
        )
            throws(DomainError) -> OperationChanged
        {
            try OperationDecider.decide(
                command, operation: operation, activeOfPlaybook: active, newID: UUID(), now: Fixtures.t0, actor: actor,
                catalog: catalog)
        }
        let activated = try decide(.activate(playbookId: "flood", trigger: "manual"), by: supervisor).operation
        #expect(activated.tasks[0].due == Fixtures.t0 + 1800 && activated.sectors == ["fire"])
        #expect(throws: DomainError.conflict(reason: "playbook flood is already active")) {
            try decide(.activate(playbookId: "flood", trigger: "again"), active: true, by: supervisor)
        }
        #expect(throws: DomainError.notFound(kind: "operation", id: activated.id.uuidString)) {
            try decide(
                .acknowledgeTask(operation: activated.id, task: "pumps"), activated, by: Fixtures.trafficDispatcher)
        }
        let done = try decide(
            .completeTask(operation: activated.id, task: "pumps"), activated, by: Fixtures.fireDispatcher)
        #expect(done.operation.tasks[0].status == .done && done.operation.tasks[0].acknowledgedBy == "fadi")
        #expect(throws: DomainError.conflict(reason: "task pumps is done")) {
            try decide(
                .acknowledgeTask(operation: activated.id, task: "pumps"), done.operation, by: Fixtures.dispatcher)
        }
        #expect(throws: DomainError.forbidden(reason: "role 'dispatcher' may not activatePlaybooks")) {
            try decide(.standDown(operation: activated.id), done.operation, by: Fixtures.fireDispatcher)
        }
    }
}
