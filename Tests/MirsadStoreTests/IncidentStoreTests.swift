import Foundation
import Logging
import MirsadDomain
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Incidents in the store")
struct IncidentStoreTests {
    @Test("created incidents get a UUID, a yearly number and survive a reopen", arguments: TestBackend.available)
    func createAndRead(backend: TestBackend) async throws {
        let clock = ManualClock()
        let (location, cleanup) = try await backend.makeLocation()
        let key = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-test-\(UUID()).key").path
        defer {
            cleanup()
            try? FileManager.default.removeItem(atPath: key)
        }
        let created = try await EventStore.with(location, clock: clock, secretsKey: key, logger: .init(label: "t")) {
            store in
            try await store.loadJurisdiction(TestJurisdiction.jurisdiction)
            let first = try await store.create()
            let second = try await store.create("TRAFFIC-ACCIDENT", lat: 29.40)
            #expect(first.number == "2026-000001")
            #expect(second.number == "2026-000002")
            #expect(first.status == .received)
            #expect(first.owningSector == "firefighting")
            #expect(first.priority == 1)
            return [first, second]
        }
        try await EventStore.with(location, clock: clock, secretsKey: key, logger: .init(label: "t")) { store in
            #expect(
                store.catalog?.jurisdiction == TestJurisdiction.jurisdiction, "the jurisdiction lives in the database")
            for incident in created {
                #expect(try await store.incident(incident.id) == incident)
            }
            let third = try await store.create()
            #expect(third.number == "2026-000003")
        }
    }

    @Test("a second call nearby is flagged as a possible duplicate", arguments: TestBackend.available)
    func duplicates(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.create("FIRE-STRUCTURE", lat: 29.3700, lon: 47.9800)
            let near = try await store.create("FIRE-VEHICLE", lat: 29.3720, lon: 47.9800)  // ~220 m north
            let far = try await store.create("FIRE-VEHICLE", lat: 29.3800, lon: 47.9800)  // ~1.1 km
            let otherFamily = try await store.create("TRAFFIC-ACCIDENT", lat: 29.3701, lon: 47.9800)
            #expect(near.possibleDuplicateOf == first.id)
            #expect(far.possibleDuplicateOf == nil)
            #expect(otherFamily.possibleDuplicateOf == nil)
        }
    }

    @Test(
        "calls committed in one batch find earlier calls and each other, never a far or closed one",
        arguments: TestBackend.available)
    func duplicatesWithinABatch(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.create("FIRE-STRUCTURE", lat: 29.3700, lon: 47.9800)
            let closed = try await store.create("FIRE-STRUCTURE", lat: 29.3000, lon: 47.9000)
            try await store.run(.changeIncidentStatus(incidentId: closed.id, to: .cancelled, reason: "test"))
            let created = try await withThrowingTaskGroup(of: (Int, Incident).self) { group in
                for i in 0..<20 {
                    group.addTask {
                        // Even: within 200 m of the first call; odd: 2 km apart from everything,
                        // the first of them beside the closed call.
                        let lat = i % 2 == 0 ? 29.3700 + Double(i) * 0.0001 : 29.3000 + Double(i / 2) * 0.02
                        let lon = i % 2 == 0 ? 47.9800 : 47.9000
                        return (i, try await store.create("FIRE-VEHICLE", lat: lat, lon: lon))
                    }
                }
                return try await group.reduce(into: [Int: Incident]()) { $0[$1.0] = $1.1 }
            }
            let nearIDs = Set([first.id] + created.filter { $0.key % 2 == 0 }.map(\.value.id))
            for (i, incident) in created {
                if i % 2 == 0 {
                    let target = try #require(incident.possibleDuplicateOf, "call \(i) is near the first")
                    #expect(nearIDs.contains(target))
                } else {
                    #expect(incident.possibleDuplicateOf == nil, "call \(i) is far from every open call")
                }
            }
        }
    }

    @Test(
        "assignments move incident and unit together; the timeline has every event in order",
        arguments: TestBackend.available)
    func lifecycleAndTimeline(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let e1 = TestJurisdiction.unitID("E1"), p1 = TestJurisdiction.unitID("P1")
            let incident = try await store.create()
            try await store.run(.assignUnits(incidentId: incident.id, unitIds: [e1, p1]))
            await #expect(throws: DomainError.conflict(reason: "unit E1 is already on this incident")) {
                try await store.run(.assignUnits(incidentId: incident.id, unitIds: [e1]))
            }
            try await store.run(.changeUnitStatus(unitId: e1, to: .enRoute, reason: nil))
            try await store.run(.changeUnitStatus(unitId: e1, to: .onScene, reason: nil))
            try await store.run(.addNote(incidentId: incident.id, text: "two floors involved"), as: callTaker)
            try await store.run(.changeIncidentStatus(incidentId: incident.id, to: .cleared, reason: "fire out"))
            try await store.run(.changeIncidentStatus(incidentId: incident.id, to: .closed, reason: nil))

            let stored = try #require(try await store.incident(incident.id))
            #expect(stored.status == .closed)
            #expect(stored.notes.map(\.text) == ["two floors involved"])
            #expect(try await store.unit(e1)?.unit.status == .returning)
            #expect(try await store.unit(p1)?.unit.status == .available)
            #expect(try await store.unit(p1)?.unit.incidentId == nil)

            let timeline = try await store.timeline(of: incident.id)
            #expect(
                timeline.map(\.type) == [
                    "incident.created", "unit.assigned", "unit.statusChanged", "incident.statusChanged",
                    "unit.assigned",
                    "unit.statusChanged", "unit.statusChanged", "incident.statusChanged", "unit.statusChanged",
                    "incident.statusChanged", "incident.noteAdded", "unit.statusChanged", "unit.statusChanged",
                    "incident.statusChanged", "incident.statusChanged",
                ])
            #expect(timeline.map(\.id) == timeline.map(\.id).sorted())
            #expect(timeline.first?.actor.username == "cali")
            #expect(timeline.allSatisfy { $0.sectors.contains("firefighting") })
            let report = try await store.checkReadModels()
            #expect(report.isConsistent, "\(report.problems)")
        }
    }

    @Test("a refused command changes nothing and leaves no event", arguments: TestBackend.available)
    func refusedCommand(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let incident = try await store.create()
            let before = try await store.lastEventID()
            await #expect(throws: DomainError.illegalTransition(kind: "incident", from: "received", to: "closed")) {
                try await store.run(.changeIncidentStatus(incidentId: incident.id, to: .closed, reason: nil))
            }
            await #expect(throws: DomainError.notFound(kind: "incident", id: "00000000-0000-0000-0000-000000000000")) {
                try await store.run(
                    .addNote(incidentId: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), text: "x"))
            }
            await #expect(throws: DomainError.invalidField(field: "type", reason: "unknown incident type 'NOPE'")) {
                _ = try await store.create("NOPE")
            }
            #expect(try await store.lastEventID() == before)
            #expect(try await store.incident(incident.id) == incident)
        }
    }

    @Test("concurrent creates are group-committed with dense numbers and event ids", arguments: TestBackend.available)
    func concurrentCreates(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let start = try await store.lastEventID()
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<200 {
                    group.addTask {
                        // Every 10th command is invalid: it must fail alone without harming its batch.
                        if i % 10 == 9 {
                            do {
                                _ = try await store.create("NOPE")
                                return "unexpected"
                            } catch { return "refused" }
                        }
                        return try await store.create(lat: 29.0 + Double(i) * 0.01).number
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(numbers.filter { $0 == "refused" }.count == 20)
            let accepted = numbers.filter { $0 != "refused" }.sorted()
            #expect(accepted == (1...180).map { "2026-" + String(format: "%06d", $0) })
            let events = try await store.events(after: start, limit: 1000)
            #expect(events.count == 180)
            #expect(events.map(\.id) == Array((start + 1)...(start + 180)))
        }
    }

    @Test(
        "an Idempotency-Key replays the first reply and refuses a different request", arguments: TestBackend.available)
    func idempotency(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let command = Command.createIncident(
                CreateIncident(type: "FIRE-VEHICLE", location: .init(lat: 29.3, lon: 47.9)))
            let request = IdempotentRequest(key: IdempotencyKey(principal: "cali", key: "k-1"), requestHash: "h1")
            let render: @Sendable (CommandOutcome) throws -> StoredResponse = { outcome in
                StoredResponse(status: 201, body: outcome.primaryIncident?.number ?? "", requestHash: "")
            }
            let replies = try await withThrowingTaskGroup(of: CommandReply.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await store.execute(command, actor: callTaker, idempotency: request, render: render)
                    }
                }
                return try await group.reduce(into: [CommandReply]()) { $0.append($1) }
            }
            let executed = replies.filter { if case .executed = $0 { true } else { false } }
            #expect(executed.count == 1)
            let bodies = replies.map { reply -> String in
                switch reply {
                case .executed(_, let stored): stored?.body ?? ""
                case .replayed(let stored): stored.body
                }
            }
            #expect(Set(bodies) == ["2026-000001"])
            #expect(try await store.incidents(IncidentQuery()).count == 1)
            let other = IdempotentRequest(key: request.key, requestHash: "h2")
            await #expect(throws: StoreError.idempotencyMismatch) {
                try await store.execute(command, actor: callTaker, idempotency: other, render: render)
            }
            let otherUser = IdempotentRequest(key: IdempotencyKey(principal: "dina", key: "k-1"), requestHash: "h1")
            guard
                case .executed = try await store.execute(
                    command, actor: dispatcher, idempotency: otherUser, render: render)
            else { Issue.record("another user's key must not collide"); return }
        }
    }

    @Test("merging links both incidents and shows in both timelines", arguments: TestBackend.available)
    func merge(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let survivor = try await store.create()
            let duplicate = try await store.create(lat: 29.3705)
            #expect(duplicate.possibleDuplicateOf == survivor.id)
            try await store.run(
                .mergeIncident(incidentId: duplicate.id, into: survivor.id, reason: "same fire"),
                as: supervisor)
            #expect(try await store.incident(duplicate.id)?.mergedInto == survivor.id)
            #expect(try await store.incident(survivor.id)?.mergedFrom == [duplicate.id])
            #expect(try await store.timeline(of: survivor.id).map(\.type) == ["incident.created", "incident.merged"])
            #expect(try await store.incidents(IncidentQuery(scope: .open)).map(\.id) == [survivor.id])
            #expect(try await store.incidents(IncidentQuery(scope: .all)).count == 2)
        }
    }

    @Test("read models rebuilt from the log equal the live ones", arguments: TestBackend.available)
    func rebuild(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.create()
            let b = try await store.create("TRAFFIC-ACCIDENT", lat: 29.5)
            try await store.run(.assignUnits(incidentId: a.id, unitIds: [TestJurisdiction.unitID("E1")]))
            try await store.run(.assignUnits(incidentId: b.id, unitIds: [TestJurisdiction.unitID("P2")]))
            try await store.run(.changeUnitStatus(unitId: TestJurisdiction.unitID("P2"), to: .onScene, reason: nil))
            try await store.run(.changePriority(incidentId: b.id, priority: 1, reason: "injuries"), as: supervisor)
            let before = try await store.incidents(IncidentQuery(scope: .all))
            let unitsBefore = try await store.units().map(\.unit)
            let report = try await store.rebuildReadModels()
            #expect(report.isConsistent, "\(report.problems)")
            #expect(report.events >= 9)
            #expect(Set(try await store.incidents(IncidentQuery(scope: .all))) == Set(before))
            #expect(
                Set(try await store.units().map(\.unit).map { [$0.status.rawValue, $0.incidentId?.uuidString ?? ""] })
                    == Set(unitsBefore.map { [$0.status.rawValue, $0.incidentId?.uuidString ?? ""] }))
        }
    }
}
