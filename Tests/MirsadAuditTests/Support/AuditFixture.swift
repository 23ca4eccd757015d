import Foundation

@testable import MirsadAudit

/// A small audit log as a store would hold it: rows with canonical bytes that carry their own
/// sequence number, stored leaf hashes, and signed checkpoints every `interval` entries.
struct AuditFixture {
    static let origin = "mirsad.test/audit"
    static let signer = try! CheckpointSigner.generate(name: origin)

    var rows: [AuditRecord]
    var storeCheckpoints: [KeptCheckpoint]
    var signedBySize: [UInt64: SignedCheckpoint]

    static func entryBytes(_ sequence: UInt64) -> Data {
        Data(
            ("{\"seq\":\(sequence),\"actor\":\"officer-\(sequence % 17)\","
                + "\"action\":\"read\",\"object\":\"incident/\(sequence * 7)\"}").utf8)
    }

    /// Rows numbered 1...count, checkpoints at every multiple of `interval`.
    init(count: Int, interval: Int = 100) throws {
        var log = InMemoryMerkleLog(levels: .every8)
        rows = []
        storeCheckpoints = []
        signedBySize = [:]
        for index in 0..<count {
            let sequence = UInt64(index + 1)
            let bytes = Self.entryBytes(sequence)
            let leaf = RFC6962.leafHash(bytes)
            log.append(leafHash: leaf)
            rows.append(AuditRecord(sequence: sequence, entry: bytes, storedLeafHash: leaf, declaredSequence: sequence))
            if (index + 1) % interval == 0 {
                let signed = try Self.signer.sign(
                    origin: Self.origin, size: log.size, rootHash: log.root,
                    timestamp: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)))
                signedBySize[log.size] = signed
                storeCheckpoints.append(
                    KeptCheckpoint(keeper: .store, location: "store checkpoint \(log.size)", text: signed.serialized))
            }
        }
    }

    func index(of sequence: UInt64) -> Int { rows.firstIndex { $0.sequence == sequence }! }

    func verify(
        _ rows: [AuditRecord]? = nil, checkpoints: [KeptCheckpoint]? = nil, options: AuditVerificationOptions = .init()
    ) -> AuditReport {
        var verifier = AuditLogVerifier(
            checkpoints: checkpoints ?? storeCheckpoints, key: Self.signer.verifier, options: options)
        for row in rows ?? self.rows { verifier.consume(row) }
        return verifier.finish()
    }

    /// The same log as another agency's checkpoint file would give it back.
    func externalCheckpoints(sizes: [UInt64]) throws -> [KeptCheckpoint] {
        let text = CheckpointFile.format(sizes.compactMap { signedBySize[$0] })
        return KeptCheckpoint.external(try CheckpointFile.parse(text), path: "agency.txt")
    }
}
