import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

/// Emergency plans over HTTP: manual activation, tasks worked by their own sector, overdue
/// tasks, standing down, and a CAP warning that starts the plan by itself.
@Suite("Playbooks and emergency operations API")
struct OperationAPITests {
    @Test(
        "a supervisor activates a plan; each sector works its own tasks; others do not see it",
        arguments: TestBackend.available)
    func manual(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let supervisor = try await client.login("supervisor")
            let listed = try await client.call(.get, "/v1/playbooks", token: supervisor)
            #expect(
                (listed.json["playbooks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [
                    "flood", "drill",
                ])
            let dispatcher = try await client.login("fire.dispatcher")
            #expect(
                try await client.call(.post, "/v1/playbooks/flood/activate", token: dispatcher).status == .forbidden)
            #expect(try await client.call(.post, "/v1/playbooks/none/activate", token: supervisor).status == .notFound)
            let activated = try await client.call(.post, "/v1/playbooks/flood/activate", token: supervisor)
            #expect(activated.status == .created, "\(activated.text)")
            let operation = try activated.decode(EmergencyOperation.self)
            #expect(
                operation.tasks.map(\.sector) == ["firefighting", "traffic"]
                    && operation.trigger == "manual (supervisor)")
            #expect(operation.tasks[0].due == harness.clock.now().addingTimeInterval(30 * 60))
            #expect(try await client.call(.post, "/v1/playbooks/flood/activate", token: supervisor).status == .conflict)

            // Firefighting works its task, not Traffic's; Criminal Security does not see the operation.
            let traffic = try await client.call(
                .post, "/v1/operations/\(operation.id)/tasks/close-roads/acknowledge", token: dispatcher)
            #expect(traffic.status == .forbidden)
            let acknowledged = try await client.call(
                .post, "/v1/operations/\(operation.id)/tasks/pumps/acknowledge", token: dispatcher)
            #expect(acknowledged.status == .ok)
            #expect(try acknowledged.decode(EmergencyOperation.self).tasks[0].acknowledgedBy == "fire.dispatcher")
            let cid = try await client.login("cid.dispatcher")
            let hidden = try await client.call(.get, "/v1/operations/\(operation.id)", token: cid)
            let absent = try await client.call(.get, "/v1/operations/\(UUID())", token: cid)
            #expect(
                hidden.status == .notFound
                    && AttackProbeTests.withoutInstance(hidden.text) == AttackProbeTests.withoutInstance(absent.text))
            #expect(
                (try await client.call(.get, "/v1/operations", token: cid).json["operations"] as? [Any])?.isEmpty
                    == true)

            // Twenty-five minutes on, Traffic's 20-minute task is overdue; the pumps are done at 25.
            harness.clock.advance(25 * 60)
            let fire = try await client.login("fire.dispatcher")
            let done = try await client.call(.post, "/v1/operations/\(operation.id)/tasks/pumps/complete", token: fire)
            #expect(done.status == .ok)
            #expect(done.json["overdueTasks"] as? [String] == ["close-roads"])
            #expect(
                try await client.call(.post, "/v1/operations/\(operation.id)/tasks/pumps/complete", token: fire).status
                    == .conflict)
            // The overdue task goes to the supervisors, once.
            let escalator = TaskEscalator(
                store: harness.services.store, clock: harness.clock, logger: harness.services.logger)
            // (The server's own escalator may be first; either way the log holds one escalation.)
            _ = try await escalator.checkOnce()
            #expect(try await escalator.checkOnce() == 0)
            let escalated = try await client.call(.get, "/v1/operations/\(operation.id)", token: fire)
            #expect(try escalated.decode(EmergencyOperation.self).tasks[1].escalatedAt == harness.clock.now())

            let later = try await client.login("supervisor")
            let stood = try await client.call(.post, "/v1/operations/\(operation.id)/stand-down", token: later)
            #expect(stood.status == .ok && (stood.json["status"] as? String) == "stoodDown")
            #expect(
                try await client.call(.post, "/v1/playbooks/flood/activate", token: later).status == .created,
                "a plan stood down can run again")
            let events = try await harness.services.store.events(ofTypes: OperationChanged.Change.eventTypes)
            let types = events.map(\.type)
            // The server's escalator runs on its own clock tick, so it may escalate the overdue
            // task before or after the pumps are reported done.
            #expect(types.count == 6, "\(types)")
            #expect(Array(types.prefix(2)) == ["operations.activated", "operations.taskAcknowledged"])
            #expect(Set(types.dropFirst(2).prefix(2)) == ["operations.taskCompleted", "operations.taskEscalated"])
            #expect(Array(types.suffix(2)) == ["operations.stoodDown", "operations.activated"])
            #expect(
                events.allSatisfy { $0.sectors == ["firefighting", "traffic"] },
                "operation events go to its sectors (and oversight)")
        }
    }

    @Test("an incoming heavy-rain warning starts the flood plan once; a minor one does not")
    func triggeredByCAP() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let store = harness.services.store
            func warning(_ id: String, severity: String) -> ExternalWarning {
                ExternalWarning(
                    sender: "met@weather.example", identifier: id, sent: harness.clock.now(), msgType: "Alert",
                    source: "test",
                    infos: [
                        ExternalWarningInfo(
                            language: "en-US", event: "Heavy rain", headline: nil, categories: ["Met"],
                            urgency: "Expected", severity: severity, certainty: "Likely", eventCodes: [])
                    ], severity: severity, expires: harness.clock.now() + 3600, areas: [], governorates: ["capital"],
                    replaces: [], receivedAt: harness.clock.now())
            }
            _ = try await store.record(warning("minor", severity: "Minor"), actor: .system)
            _ = try await store.record(warning("severe", severity: "Severe"), actor: .system)
            _ = try await store.record(warning("extreme", severity: "Extreme"), actor: .system)
            #expect(try await harness.services.reactorsSettled())
            let operations = try await store.emergencyOperations()
            #expect(operations.count == 1, "the second matching warning finds the plan active")
            #expect(operations.first?.playbookId == "flood")
            #expect(operations.first?.trigger == "CAP met@weather.example,severe: Heavy rain (Severe)")
            #expect(operations.first?.activatedBy == "system")
        }
    }
}

@Suite("Playbook actions")
struct PlaybookActionTests {
    @Test("activation closes the plan's roads and drafts its public alert once; standing down opens the roads")
    func actions() async throws {
        try await ServerHarness.with(setup: .live) { harness, client in
            let store = harness.services.store
            let supervisor = try await client.login("supervisor")
            let operation = try await client.call(.post, "/v1/playbooks/flood/activate", token: supervisor)
                .decode(EmergencyOperation.self)
            let closureID = PlaybookClosure.closureID("underpass", operation: operation.id)
            let alertID = PublicAlertCommand.alertID(forOperation: operation.id)
            #expect(try await harness.services.reactorsSettled())
            let draft = try #require(try await store.publicAlert(alertID), "the plan's warning is drafted")
            #expect(draft.status == .draft && draft.draftedBy == "system")
            #expect(draft.content.expires == operation.activatedAt.addingTimeInterval(6 * 3600))
            #expect(try await store.roadClosures().closures.map(\.id) == [closureID])
            // Nothing reaches the public until a person approves it.
            let press = try await client.login("press")
            let approved = try await client.call(.post, "/v1/alerts/\(alertID)/approve", token: press)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect((try await store.publicAlerts()).count == 1, "drafted once")

            #expect(
                try await client.call(.post, "/v1/operations/\(operation.id)/stand-down", token: supervisor).status
                    == .ok)
            #expect(try await harness.services.reactorsSettled())
            #expect(try await store.roadClosures().closures.isEmpty, "standing down opens the plan's roads")

            // The after-action report, in both languages.
            let english = try await client.call(.get, "/v1/operations/\(operation.id)/report", token: supervisor)
            #expect(english.status == .ok && english.headers[.contentType]?.hasPrefix("text/html") == true)
            for words in [
                "Pumps to the underpasses", "Plan activated", "Road closed: underpass flooded",
                "Public warning published: \(draft.identifier)", "Plan stood down", "Flooding in the Capital",
                "Shelter opened: Capital Hall", "Shelter opened: Capital School",
            ] {
                #expect(english.text.contains(words), "report lacks \(words)")
            }
            let arabic = try await client.call(.get, "/v1/operations/\(operation.id)/report?lang=ar", token: supervisor)
            #expect(arabic.text.contains("dir=\"rtl\"") && arabic.text.contains("المضخات إلى الأنفاق"))
            #expect(arabic.text.contains("تقرير ما بعد العملية"))
            let cid = try await client.login("cid.dispatcher")
            #expect(
                try await client.call(.get, "/v1/operations/\(operation.id)/report", token: cid).status == .notFound)
        }
    }
}
