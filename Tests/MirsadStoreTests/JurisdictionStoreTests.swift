import Foundation
import MirsadDomain
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Jurisdiction in the store")
struct JurisdictionStoreTests {
    @Test(
        "reloading keeps units' live state, adds new units and refuses to drop a busy one",
        arguments: TestBackend.available)
    func reload(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let incident = try await store.create()
            let e1 = TestJurisdiction.unitID("E1")
            try await store.run(.assignUnits(incidentId: incident.id, unitIds: [e1]))
            var next = TestJurisdiction.jurisdiction
            next.units.append(
                UnitDefinition(
                    callSign: "E9", sector: "firefighting", type: "fire-engine",
                    capabilities: ["engine", "hazmat"], homeStation: "F1"))
            next.units[0].capabilities = ["engine", "foam"]
            try await store.loadJurisdiction(next)
            let e1View = try #require(try await store.unit(e1))
            #expect(e1View.unit.status == .dispatched)
            #expect(e1View.unit.capabilities == ["engine", "foam"])
            #expect(try await store.unit(TestJurisdiction.unitID("E9"))?.unit.status == .available)

            var without = next
            without.units.removeAll { $0.callSign == "E1" }
            await #expect(throws: DomainError.self) { try await store.loadJurisdiction(without) }
            #expect(try await store.unit(e1) != nil)
            without.units.removeAll { $0.callSign == "E2" }
            without.units.append(next.units[0])
            try await store.loadJurisdiction(without)
            #expect(try await store.unit(TestJurisdiction.unitID("E2")) == nil)
        }
    }

    @Test("commands refuse to run before a jurisdiction is loaded")
    func noJurisdiction() async throws {
        try await TestBackend.sqlite.withStore(jurisdiction: nil) { store in
            await #expect(throws: StoreError.self) { _ = try await store.create() }
        }
    }
}
