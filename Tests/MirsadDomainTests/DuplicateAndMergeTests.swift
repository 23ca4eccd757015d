import Foundation
import MirsadDomain
import Testing

@Suite("Possible duplicates and merging")
struct DuplicateAndMergeTests {
    let origin = Coordinate(lat: 29.37, lon: 47.98)

    /// A point `metres` north of `origin`.
    func north(_ metres: Double) -> Coordinate {
        Coordinate(lat: origin.lat + metres / 111_195.0, lon: origin.lon)
    }

    @Test("same family within 300 m and 15 minutes is flagged; farther, later or other families are not")
    func duplicateWindow() throws {
        var decider = Fixtures.decider()
        let first = try decider.create("FIRE-STRUCTURE", at: origin)
        let existing = [try #require(decider.state.incidents[first])]
        let near = try decider.create(
            "FIRE-VEHICLE", at: north(250), time: Fixtures.t0 + 600, number: 2,
            candidates: existing)
        #expect(decider.state.incidents[near]?.possibleDuplicateOf == first)
        let far = try decider.create(
            "FIRE-VEHICLE", at: north(350), time: Fixtures.t0 + 600, number: 3,
            candidates: existing)
        #expect(decider.state.incidents[far]?.possibleDuplicateOf == nil)
        let late = try decider.create(
            "FIRE-VEHICLE", at: north(100), time: Fixtures.t0 + 16 * 60, number: 4,
            candidates: existing)
        #expect(decider.state.incidents[late]?.possibleDuplicateOf == nil)
        let otherFamily = try decider.create(
            "TRAFFIC-ACCIDENT", at: north(10), time: Fixtures.t0 + 60, number: 5,
            candidates: existing)
        #expect(decider.state.incidents[otherFamily]?.possibleDuplicateOf == nil)
    }

    @Test("the nearest open candidate wins; closed ones are ignored")
    func nearestOpenCandidate() throws {
        var decider = Fixtures.decider()
        let a = try decider.create("FIRE-STRUCTURE", at: north(200))
        let b = try decider.create("FIRE-STRUCTURE", at: north(50), number: 2)
        _ = try decider.run(.changeIncidentStatus(incidentId: b, to: .cancelled, reason: "test"))
        let candidates = [a, b].compactMap { decider.state.incidents[$0] }
        #expect(Decider.possibleDuplicate(of: origin, family: "FIRE", at: Fixtures.t0 + 60, among: candidates) == a)
    }

    @Test("merging keeps both incidents, links them and moves the units over")
    func merge() throws {
        var decider = Fixtures.decider()
        let survivor = try decider.create("FIRE-STRUCTURE")
        let duplicate = try decider.create("FIRE-STRUCTURE", at: north(100), number: 2)
        _ = try decider.run(.assignUnits(incidentId: duplicate, unitIds: [Fixtures.e1]))
        _ = try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .enRoute, reason: nil))
        #expect(throws: DomainError.forbidden(reason: "role 'dispatcher' may not mergeIncidents")) {
            try decider.run(.mergeIncident(incidentId: duplicate, into: survivor, reason: nil))
        }
        let events = try decider.run(
            .mergeIncident(incidentId: duplicate, into: survivor, reason: "same fire"),
            as: Fixtures.supervisor)
        #expect(
            events.map(\.type) == [
                "unit.assigned", "incident.merged", "incident.statusChanged", "incident.statusChanged",
            ])
        let merged = try #require(decider.state.incidents[duplicate])
        let kept = try #require(decider.state.incidents[survivor])
        #expect(merged.mergedInto == survivor)
        #expect(merged.status == .closed)
        #expect(merged.assignedUnits.isEmpty)
        #expect(kept.mergedFrom == [duplicate])
        #expect(kept.assignedUnits == [Fixtures.e1])
        #expect(kept.status == .enRoute)
        #expect(decider.state.units[Fixtures.e1]?.incidentId == survivor)
        #expect(throws: DomainError.conflict(reason: "incident 2026-000002 is no longer open")) {
            try decider.run(.mergeIncident(incidentId: duplicate, into: survivor, reason: nil), as: Fixtures.supervisor)
        }
    }

    @Test("replaying the events rebuilds exactly the state the decider produced")
    func replayMatches() throws {
        var decider = Fixtures.decider()
        var log: [EventEnvelope] = []
        let id = try decider.create("FIRE-STRUCTURE")
        log += try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.e1, Fixtures.p1]))
        log += try decider.run(.addNote(incidentId: id, text: "smoke from 2nd floor"), as: Fixtures.callTaker)
        log += try decider.run(.changeUnitStatus(unitId: Fixtures.e1, to: .onScene, reason: nil))
        log += try decider.run(
            .shareIncident(incidentId: id, sector: "criminal", reason: "suspected arson"),
            as: Fixtures.supervisor)
        log += try decider.run(.releaseUnit(incidentId: id, unitId: Fixtures.p1, reason: "not needed"))
        let created = try #require(decider.state.incidents[id])
        var replay = Fixtures.decider().state
        replay.apply(
            .incidentCreated(
                .init(
                    incident: Incident(
                        id: id, number: created.number, type: Fixtures.catalog.incidentTypes["FIRE-STRUCTURE"]!,
                        priority: 1, location: created.location, address: nil, caller: nil, narrative: nil,
                        createdAt: Fixtures.t0, possibleDuplicateOf: nil))), at: Fixtures.t0)
        for event in log { replay.apply(event.payload, at: event.at) }
        #expect(replay.incidents[id] == decider.state.incidents[id])
        #expect(replay.units == decider.state.units)
        #expect(created.visibleToSectors == ["criminal", "fire", "traffic"])
    }

    @Test("events round-trip through JSON with their type names")
    func eventCoding() throws {
        var decider = Fixtures.decider()
        let id = try decider.create("FIRE-STRUCTURE")
        let events = try decider.run(.assignUnits(incidentId: id, unitIds: [Fixtures.e1]))
        let data = try MirsadJSON.encoder().encode(events)
        let decoded = try MirsadJSON.decoder().decode([EventEnvelope].self, from: data)
        #expect(decoded == events)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"type\":\"unit.assigned\""))
    }
}
