import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

/// The citizens' question, without an account: where is the nearest open shelter with room?
@Suite("Nearest shelter for the public")
struct PublicShelterTests {
    @Test("anyone finds the nearest open shelters with room, and sees nothing of the staff's picture")
    func nearest() async throws {
        try await ServerHarness.with { harness, client in
            let store = harness.services.store
            let closed = try await client.call(.get, "/v1/public/shelters/nearest?at=29.372,47.982")
            #expect(closed.status == .ok && (closed.json["shelters"] as? [Any])?.isEmpty == true, "\(closed.text)")

            for id in ["hall", "school"] {
                _ = try await store.execute(.open(shelterId: id, operation: nil), actor: .system)
            }
            // A household of three fills the hall's three beds.
            let first = try await store.execute(
                .checkIn(shelterId: "hall", EvacueeRegistration(ageBand: .adult)), actor: .system
            ).evacuee
            for _ in 0..<2 {
                _ = try await store.execute(
                    .checkIn(shelterId: "hall", EvacueeRegistration(household: first.household, ageBand: .child)),
                    actor: .system)
            }
            let reply = try await client.call(.get, "/v1/public/shelters/nearest?at=29.372,47.982&count=5")
            #expect(reply.status == .ok)
            let shelters = reply.json["shelters"] as? [[String: Any]] ?? []
            #expect(shelters.compactMap { $0["id"] as? String } == ["school"], "the full hall is left out")
            #expect((shelters.first?["name"] as? [String: Any])?["ar"] as? String == "مدرسة العاصمة")
            let keys = Set((shelters.first ?? [:]).keys)
            #expect(keys.isSubset(of: ["id", "name", "location", "governorate", "facilities", "etaSeconds", "meters"]))
            #expect(!reply.text.contains("persons") && !reply.text.contains("contacts") && !reply.text.contains("+965"))

            let medical = try await client.call(.get, "/v1/public/shelters/nearest?at=29.372,47.982&needs=medical")
            #expect((medical.json["shelters"] as? [Any])?.isEmpty == true, "only the full hall has a medical post")
            let bad = try await client.call(.get, "/v1/public/shelters/nearest?at=north")
            #expect(bad.status == .unprocessableContent && bad.problemField == "at", "\(bad.text)")
            let unknownNeed = try await client.call(.get, "/v1/public/shelters/nearest?at=29.37,47.98&needs=spa")
            #expect(unknownNeed.status == .unprocessableContent && unknownNeed.problemField == "needs")
        }
    }
}
