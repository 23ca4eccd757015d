import Foundation
import MirsadDomain
import Testing

@Suite("Incident and unit state machines")
struct IncidentLifecycleTests {
    @Test("assigning a unit dispatches both the unit and the incident")
    func assignmentMovesBothMachines() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-STRUCTURE")
        let events = try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.e1]))
        #expect(events.map(\.type) == ["unit.assigned", "unit.statusChanged", "incident.statusChanged"])
        #expect(decider.state.units[Fixtures.e1]?.status == .dispatched)
        #expect(decider.state.units[Fixtures.e1]?.incidentId == id)
        #expect(decider.state.incidents[id]?.status == .dispatched)
        #expect(decider.state.incidents[id]?.assignedUnits == [Fixtures.e1])
    }

    @Test("the full lifecycle follows the units and ends closed, every step time-stamped")
    func fullLifecycle() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-STRUCTURE")
        _ = try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.e1, Fixtures.p1]), at: Fixtures.t0 + 10)
        _ = try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .enRoute, reason: nil), at: Fixtures.t0 + 20)
        #expect(decider.state.incidents[id]?.status == .enRoute)
        _ = try decider.run(.changeUnitStatus(unitId: Fixtures.p1, to: .onScene, reason: nil), at: Fixtures.t0 + 30)
        #expect(decider.state.incidents[id]?.status == .onScene)
        _ = try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .onScene, reason: nil), at: Fixtures.t0 + 40)
        _ = try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .returning, reason: nil), at: Fixtures.t0 + 50)
        #expect(decider.state.incidents[id]?.status == .onScene, "one unit still on scene")
        let last = try decider.run(
            .changeUnitStatus(unitId: Fixtures.p1, to: .returning, reason: nil), at: Fixtures.t0 + 60)
        #expect(last.last?.type == "incident.statusChanged")
        #expect(decider.state.incidents[id]?.status == .cleared)
        #expect(decider.state.incidents[id]?.assignedUnits.isEmpty == true)
        _ = try decider.run(.changeIncidentStatus(incidentId: id, to: .closed, reason: "done"), at: Fixtures.t0 + 70)
        let incident = try #require(decider.state.incidents[id])
        #expect(incident.status == .closed)
        #expect(incident.statusTimes[.received] == Fixtures.t0)
        #expect(incident.statusTimes[.dispatched] == Fixtures.t0 + 10)
        #expect(incident.statusTimes[.enRoute] == Fixtures.t0 + 20)
        #expect(incident.statusTimes[.onScene] == Fixtures.t0 + 30)
        #expect(incident.statusTimes[.cleared] == Fixtures.t0 + 60)
        #expect(incident.statusTimes[.closed] == Fixtures.t0 + 70)
        #expect(incident.assignmentHistory.map(\.releasedAt) == [Fixtures.t0 + 50, Fixtures.t0 + 60])
        #expect(incident.visibleToSectors == ["fire", "traffic"])
    }

    @Test("illegal transitions are refused and change nothing")
    func illegalTransitions() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-VEHICLE")
        #expect(throws: DomainError.illegalTransition(kind: "incident", from: "received", to: "closed")) {
            try decider.run(.changeIncidentStatus(incidentId: id, to: .closed, reason: nil))
        }
        #expect(throws: DomainError.illegalTransition(kind: "incident", from: "received", to: "onScene")) {
            try decider.run(.changeIncidentStatus(incidentId: id, to: .onScene, reason: nil))
        }
        #expect(throws: DomainError.illegalTransition(kind: "unit", from: "available", to: "onScene")) {
            try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .onScene, reason: nil))
        }
        _ = try decider.run(.changeIncidentStatus(incidentId: id, to: .cancelled, reason: "hoax"))
        #expect(throws: DomainError.illegalTransition(kind: "incident", from: "cancelled", to: "dispatched")) {
            try decider.run(.changeIncidentStatus(incidentId: id, to: .dispatched, reason: nil))
        }
        #expect(decider.state.incidents[id]?.status == .cancelled)
    }

    @Test("a unit cannot be on two incidents at once, but several sectors can work one")
    func oneIncidentPerUnit() throws {
        var decider = Fixtures.decider()
        let first = try decider.create("FIRE-STRUCTURE")
        let second = try decider.create("TRAFFIC-ACCIDENT", number: 2)
        _ = try decider.run(.assignUnits(incidentId: first, unitIds: [Fixtures.e1, Fixtures.p1]))
        #expect(throws: DomainError.conflict(reason: "unit P1 is already committed to another incident")) {
            try decider.run(.assignUnits(incidentId: second, unitIds: [Fixtures.p1]))
        }
        #expect(decider.state.incidents[second]?.status == .received)
        #expect(Set(decider.state.incidents[first]?.assignedUnits ?? []) == [Fixtures.e1, Fixtures.p1])
    }

    @Test("a failed multi-unit assignment keeps none of its units")
    func atomicAssignment() throws {
        var decider = Fixtures.decider()
        let first = try decider.create("FIRE-STRUCTURE")
        let second = try decider.create("FIRE-STRUCTURE", at: Coordinate(lat: 29.5, lon: 48.1), number: 2)
        _ = try decider.run(.assignUnits(incidentId: first, unitIds: [Fixtures.e2]))
        #expect(throws: DomainError.self) {
            try decider.run(.assignUnits(incidentId: second, unitIds: [Fixtures.e1, Fixtures.e2]))
        }
        #expect(decider.state.units[Fixtures.e1]?.status == .available)
        #expect(decider.state.incidents[second]?.assignedUnits.isEmpty == true)
    }

    @Test("cancelling an incident frees its units")
    func cancelReleasesUnits() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-STRUCTURE")
        _ = try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.e1]))
        _ = try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .enRoute, reason: nil))
        _ = try decider.run(.changeIncidentStatus(incidentId: id, to: .cancelled, reason: "caller called back"))
        #expect(decider.state.units[Fixtures.e1]?.status == .available)
        #expect(decider.state.units[Fixtures.e1]?.incidentId == nil)
        #expect(decider.state.incidents[id]?.assignedUnits.isEmpty == true)
    }

    @Test("role rules: only supervisors re-prioritise and merge; analysts do not dispatch")
    func functionLevelRules() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-VEHICLE")
        #expect(throws: DomainError.forbidden(reason: "role 'dispatcher' may not changePriority")) {
            try decider.run(.changePriority(incidentId: id, priority: 1, reason: "spreading"))
        }
        let burglary = try decider.create("CRIME-BURGLARY", number: 2)
        #expect(throws: DomainError.forbidden(reason: "role 'analyst' may not assignUnits")) {
            try decider.run(.assignUnits(incidentId: burglary, unitIds: [Fixtures.e1]), as: Fixtures.analyst)
        }
        let events = try decider.run(
            .changePriority(incidentId: id, priority: 1, reason: "spreading"),
            as: Fixtures.supervisor)
        #expect(events.map(\.type) == ["incident.priorityChanged"])
        #expect(decider.state.incidents[id]?.priority == 1)
        #expect(throws: DomainError.invalidField(field: "reason", reason: "a reason is required")) {
            try decider.run(.changeIncidentType(incidentId: id, type: "FIRE-STRUCTURE", reason: "  "))
        }
    }

    @Test("type change moves ownership to the new type's sector")
    func typeChange() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-VEHICLE")
        _ = try decider.run(.changeIncidentType(incidentId: id, type: "TRAFFIC-ACCIDENT", reason: "no fire, crash"))
        #expect(decider.state.incidents[id]?.owningSector == "traffic")
        #expect(decider.state.incidents[id]?.family == "TRAFFIC")
        #expect(throws: DomainError.invalidField(field: "type", reason: "unknown incident type 'NOPE'")) {
            try decider.run(.changeIncidentType(incidentId: id, type: "NOPE", reason: "x"))
        }
    }
}
