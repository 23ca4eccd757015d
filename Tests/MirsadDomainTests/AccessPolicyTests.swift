import Foundation
import MirsadDomain
import Testing

@Suite("Need-to-know between sectors")
struct AccessPolicyTests {
    let policy = AccessPolicy(catalog: Fixtures.catalog)

    @Test("an incident is visible to its owner, to sectors of units assigned, to shares, and to oversight")
    func visibility() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-STRUCTURE")
        var incident = try #require(decider.state.incidents[id])
        #expect(policy.canSee(incident, Fixtures.fireDispatcher))
        #expect(!policy.canSee(incident, Fixtures.trafficDispatcher))
        #expect(policy.canSee(incident, Fixtures.dispatcher), "operations has oversight")
        _ = try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.p1]))
        incident = try #require(decider.state.incidents[id])
        #expect(policy.canSee(incident, Fixtures.trafficDispatcher), "a traffic unit works it")
        #expect(!policy.canSee(incident, Fixtures.criminalDispatcher))
        _ = try decider.run(
            .shareIncident(incidentId: id, sector: "criminal", reason: "arson suspected"),
            as: Fixtures.supervisor)
        #expect(policy.canSee(try #require(decider.state.incidents[id]), Fixtures.criminalDispatcher))
        _ = try decider.run(.revokeShare(incidentId: id, sector: "criminal", reason: nil), as: Fixtures.supervisor)
        #expect(!policy.canSee(try #require(decider.state.incidents[id]), Fixtures.criminalDispatcher))
    }

    @Test("commands on an incident the caller cannot see answer not-found")
    func invisibleWrites() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("CRIME-BURGLARY")
        #expect(throws: DomainError.notFound(kind: "incident", id: id.uuidString)) {
            try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.p1]), as: Fixtures.trafficDispatcher)
        }
        #expect(throws: DomainError.notFound(kind: "incident", id: id.uuidString)) {
            try decider.run(
                .addNote(incidentId: id, text: "x"),
                as: Actor(username: "t", role: .callTaker, sector: "traffic"))
        }
    }

    @Test("restricted fields are removed for other sectors and only the owner writes them")
    func restrictedFields() throws {
        var decider = Fixtures.decider()
        let id = UUID()
        _ = try decider.execute(
            .createIncident(
                CreateIncident(
                    type: "CRIME-BURGLARY", location: .init(lat: 29.3, lon: 47.9),
                    address: "Block 1", caller: Caller(name: "Witness"), narrative: "suspect fled")),
            context: CommandContext(
                now: Fixtures.t0, actor: Fixtures.callTaker, newIncidentID: id,
                newIncidentNumber: "2026-000001"))
        let incident = try #require(decider.state.incidents[id])
        let forOperations = policy.view(incident, for: Fixtures.dispatcher)
        #expect(forOperations.narrative == nil && forOperations.caller == nil)
        #expect(forOperations.address == "Block 1", "address is not restricted for this type")
        let owner = policy.view(incident, for: Fixtures.criminalDispatcher, includeRestricted: true)
        #expect(owner.narrative == "suspect fled")
        #expect(policy.view(incident, for: Fixtures.dispatcher, includeRestricted: true).narrative == nil)
        #expect(policy.restrictedContent(of: incident).sorted() == ["caller", "narrative"])
        #expect(
            throws: DomainError.forbidden(reason: "writing notes of CRIME-BURGLARY incidents is restricted to criminal")
        ) {
            try decider.run(.addNote(incidentId: id, text: "seen by ops"), as: Fixtures.dispatcher)
        }
        let events = try decider.run(
            .addNote(incidentId: id, text: "fingerprints taken"), as: Fixtures.criminalDispatcher)
        let current = try #require(decider.state.incidents[id])
        let ownerView = policy.view(
            events[0], for: Fixtures.criminalDispatcher, current: current, includeRestricted: true)
        #expect(noteText(ownerView) == "fingerprints taken")
        let opsView = policy.view(events[0], for: Fixtures.dispatcher, current: current, includeRestricted: true)
        #expect(noteText(opsView) == "", "a restricted note's text never reaches other sectors")
        #expect(
            noteText(policy.liveView(events[0], for: Fixtures.criminalDispatcher)) == "",
            "the live feed carries no restricted field, not even to the owner")
    }

    private func noteText(_ event: EventEnvelope?) -> String? {
        guard case .incidentNoteAdded(let added)? = event?.payload else { return nil }
        return added.note.text
    }

    @Test("redaction follows the incident's current type: a re-typed incident hides its earlier fields")
    func retypedIncidentRedactsEarlierEvents() throws {
        var decider = Fixtures.decider()
        let id = UUID()
        let created = try decider.execute(
            .createIncident(
                CreateIncident(
                    type: "FIRE-STRUCTURE", location: .init(lat: 29.3, lon: 47.9),
                    caller: Caller(name: "Witness"), narrative: "smoke, then a man running")),
            context: CommandContext(
                now: Fixtures.t0, actor: Fixtures.callTaker, newIncidentID: id,
                newIncidentNumber: "2026-000001"))
        _ = try decider.run(
            .changeIncidentType(incidentId: id, type: "CRIME-BURGLARY", reason: "break-in"),
            as: Fixtures.dispatcher)
        let current = try #require(decider.state.incidents[id])
        func narrative(_ event: EventEnvelope?) -> String? {
            guard case .incidentCreated(let c)? = event?.payload else { return nil }
            return c.incident.narrative
        }
        // Written under a type with no restricted fields, read after the re-type: hidden from others.
        #expect(
            narrative(policy.view(created[0], for: Fixtures.dispatcher, current: current, includeRestricted: true))
                == nil)
        #expect(
            narrative(
                policy.view(
                    created[0], for: Fixtures.criminalDispatcher, current: current,
                    includeRestricted: true)) == "smoke, then a man running")
        #expect(
            narrative(
                policy.view(
                    created[0], for: Fixtures.criminalDispatcher, current: current,
                    includeRestricted: false)) == nil, "the owner too without a stated purpose")
        #expect(narrative(policy.liveView(created[0], for: Fixtures.dispatcher)) == nil)
    }

    @Test("security events reach auditors only")
    func auditOnly() {
        let event = EventEnvelope(
            at: Fixtures.t0, actor: .system, sectors: [],
            payload: .securityEvent(SecurityEvent(action: .login, outcome: "success", subject: "x")))
        #expect(!policy.canSee(event, Fixtures.dispatcher))
        #expect(policy.canSee(event, Actor(username: "root", role: .admin, sector: "operations")))
    }
}
