import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadAudit
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("Audit trail API")
struct AuditAPITests {
    @Test("signed checkpoints, inclusion and consistency proofs that verify with the published key")
    func checkpointsAndProofs() async throws {
        try await ServerHarness.with(auditKey: true) { harness, client in
            let callTaker = try await client.login("calltaker")
            for i in 0..<5 { _ = try await client.createIncident(token: callTaker, lat: 29 + Double(i) * 0.01) }
            harness.clock.advance(2)
            _ = try await client.createIncident(token: callTaker, lat: 28)

            let keyText = try await client.call(.get, "/v1/audit/key").text.trimmingCharacters(
                in: .whitespacesAndNewlines)
            let key = try CheckpointVerifier(parsing: keyText)
            let note = try await client.call(.get, "/v1/audit/checkpoint")
            #expect(note.status == .ok)
            let checkpoint = try key.verifyCheckpoint(note.text).checkpoint
            let head = try await harness.services.store.auditHead()
            #expect(checkpoint.size == head.size)
            #expect(checkpoint.rootHash == head.root)
            let tampered = note.text.replacingOccurrences(
                of: "\n\(checkpoint.size)\n", with: "\n\(checkpoint.size + 1)\n")
            #expect(throws: (any Error).self) { try key.verifyCheckpoint(tampered) }

            // Inclusion of event 3 in that checkpoint, from its stored bytes.
            let admin = try await client.login("admin", at: harness.clock.now())
            let entries = try await client.call(.get, "/v1/audit/entries?after=2&limit=1", token: admin)
            let entry = try #require((entries.json["entries"] as? [[String: Any]])?.first)
            let bytes = Data((entry["entry"] as? String ?? "").utf8)
            let proof = try await client.call(.get, "/v1/audit/proof/inclusion?id=3&size=\(checkpoint.size)")
            let inclusion = try proof.decode(InclusionReplyBody.self)
            #expect(inclusion.rootHash == checkpoint.rootHash)
            try MerkleVerifier.verifyInclusion(
                leafHash: RFC6962.leafHash(bytes), leafIndex: 2, treeSize: checkpoint.size, proof: inclusion.hashes,
                root: checkpoint.rootHash)
            // An older checkpoint is consistent with the newer one.
            let all = try await harness.services.store.checkpoints()
            #expect(all.count >= 2)
            let older = try key.verifyCheckpoint(all[0].note).checkpoint
            let consistency = try await client.call(
                .get, "/v1/audit/proof/consistency?from=\(older.size)&to=\(checkpoint.size)")
            let proofBody = try consistency.decode(ConsistencyReplyBody.self)
            try MerkleVerifier.verifyConsistency(
                size1: older.size, size2: checkpoint.size, proof: proofBody.hashes,
                root1: older.rootHash, root2: checkpoint.rootHash)
            #expect(try await client.call(.get, "/v1/audit/proof/inclusion?id=0").problemField == "id")
            #expect(try await client.call(.get, "/v1/audit/proof/inclusion?id=1&size=99999").problemField == "size")
        }
    }
}

struct InclusionReplyBody: Decodable {
    var eventId: UInt64
    var leafIndex: UInt64
    var treeSize: UInt64
    var rootHash: MerkleHash
    var hashes: [MerkleHash]
}

struct ConsistencyReplyBody: Decodable {
    var fromSize: UInt64
    var toSize: UInt64
    var hashes: [MerkleHash]
}
