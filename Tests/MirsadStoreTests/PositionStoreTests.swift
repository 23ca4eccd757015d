import Foundation
import MirsadDomain
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("AVL positions")
struct PositionStoreTests {
    @Test("the newest report per unit wins and a sampled track is stored", arguments: TestBackend.available)
    func latestAndTrack(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let e1 = TestJurisdiction.unitID("E1"), p1 = TestJurisdiction.unitID("P1")
            let t0 = Date(timeIntervalSince1970: 1_795_000_000)
            // E1: 60 reports one second apart, moving ~5.5 m each: the track keeps one every 10 s.
            var batch = (0..<60).map { i in
                UnitPosition(unitId: e1, lat: 29.37 + Double(i) * 0.00005, lon: 47.98, at: t0 + Double(i), speed: 5.5)
            }
            // P1: moving ~56 m a second, so the 100 m rule keeps every second report.
            batch += (0..<6).map { i in
                UnitPosition(unitId: p1, lat: 29.36 + Double(i) * 0.0005, lon: 47.97, at: t0 + Double(i), speed: 56)
            }
            let result = try await store.ingestPositions(batch.shuffled())
            #expect(result.accepted == 66)
            #expect(result.units == 2)
            #expect(try await store.unit(e1)?.position?.at == t0 + 59)
            // An older report arriving late does not overwrite the latest.
            _ = try await store.ingestPositions([UnitPosition(unitId: e1, lat: 1, lon: 1, at: t0 + 5)])
            let latest = try #require(try await store.unit(e1)?.position)
            #expect(latest.at == t0 + 59)
            #expect(abs(latest.lat - (29.37 + 59 * 0.00005)) < 1e-9)
            let track = try await store.track(of: e1, from: t0, to: t0 + 100)
            #expect(track.map(\.at) == [0, 10, 20, 30, 40, 50].map { t0 + Double($0) })
            let fast = try await store.track(of: p1, from: t0, to: t0 + 100)
            #expect(fast.map(\.at) == [0, 2, 4].map { t0 + Double($0) })
        }
    }

    @Test(
        "unknown units and bad coordinates are refused with the index, nothing is stored",
        arguments: TestBackend.available)
    func badReports(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let e1 = TestJurisdiction.unitID("E1")
            let t0 = Date()
            let unknown = UUID()
            await #expect(
                throws: DomainError.invalidField(field: "positions[1].unitId", reason: "unknown unit \(unknown)")
            ) {
                try await store.ingestPositions([
                    UnitPosition(unitId: e1, lat: 29, lon: 47, at: t0),
                    UnitPosition(unitId: unknown, lat: 29, lon: 47, at: t0),
                ])
            }
            await #expect(
                throws: DomainError.invalidField(
                    field: "positions[0].lat", reason: "latitude must be between -90 and 90")
            ) {
                try await store.ingestPositions([UnitPosition(unitId: e1, lat: 91, lon: 47, at: t0)])
            }
            let stored = try await store.unit(e1)
            #expect(stored?.position == nil)
        }
    }
}
