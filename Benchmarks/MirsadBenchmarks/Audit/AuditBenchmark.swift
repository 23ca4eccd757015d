import ArgumentParser
import Foundation
import MirsadAudit

/// `mirsad-bench audit`: the audit engine's figures for BENCHMARKS.md.
///
/// 1. Leaves appended per second to the incremental tree, persisting complete subtrees at
///    levels 8, 16, … as a store would, with a signed checkpoint every N entries.
/// 2. Time to verify the whole log end to end with `AuditLogVerifier` (entries of ~200 bytes
///    generated in memory, stored leaf hashes and declared numbers checked, every signed
///    checkpoint verified and compared).
/// 3. Size of an inclusion and a consistency proof at the full size, and the time and number of
///    stored hashes read to build them.
struct AuditBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit Merkle tree: append rate, verification time, proof sizes.")

    @Option(help: "Number of audit entries.")
    var entries: Int = 1_000_000

    @Option(name: .customLong("checkpoint-every"), help: "Sign a checkpoint every N entries.")
    var checkpointEvery: Int = 1_000

    @Option(name: .customLong("entry-bytes"), help: "Approximate canonical entry size in bytes.")
    var entryBytes: Int = 200

    @Option(help: "Repetitions of the proof-building measurement.")
    var proofs: Int = 1_000

    func validate() throws {
        guard entries >= 2 else { throw ValidationError("--entries must be at least 2") }
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every must be at least 1") }
        guard (64...65_536).contains(entryBytes) else { throw ValidationError("--entry-bytes must be 64...65536") }
        guard proofs >= 1 else { throw ValidationError("--proofs must be at least 1") }
    }

    func run() async throws {
        let origin = "bench.mirsad/audit"
        let signer = try CheckpointSigner.generate(name: origin)
        print("audit benchmark: \(entries) entries of ~\(entryBytes) bytes, checkpoint every \(checkpointEvery)")

        let generationStart = ContinuousClock.now
        let payloads = (0..<entries).map { AuditBenchData.entry(sequence: UInt64($0 + 1), bytes: entryBytes) }
        print("  generated entries in memory: \(AuditBenchData.format(ContinuousClock.now - generationStart))")

        // 1. Append: leaf hash, frontier append, subtree persistence, periodic signed checkpoint.
        var log = InMemoryMerkleLog(levels: .every8)
        var records: [AuditRecord] = []
        records.reserveCapacity(entries)
        var checkpoints: [KeptCheckpoint] = []
        var leafHashes: [MerkleHash] = []
        leafHashes.reserveCapacity(entries)
        let appendStart = ContinuousClock.now
        for (index, payload) in payloads.enumerated() {
            let leaf = RFC6962.leafHash(payload)
            log.append(leafHash: leaf)
            leafHashes.append(leaf)
            if (index + 1) % checkpointEvery == 0 {
                let signed = try signer.sign(origin: origin, size: log.size, rootHash: log.root, timestamp: Date())
                checkpoints.append(
                    KeptCheckpoint(keeper: .store, location: "checkpoint \(log.size)", text: signed.serialized))
            }
        }
        let appendTime = ContinuousClock.now - appendStart
        print(
            "  append (leaf hash + tree + subtree rows + checkpoint/\(checkpointEvery)): "
                + "\(AuditBenchData.rate(entries, appendTime)) entries/s (\(AuditBenchData.format(appendTime)) total, "
                + "\(checkpoints.count) checkpoints, \(log.storedSubtreeCount) subtree rows)")

        var frontierOnly = MerkleFrontier()
        let frontierStart = ContinuousClock.now
        for leaf in leafHashes { frontierOnly.append(leaf) }
        let frontierTime = ContinuousClock.now - frontierStart
        print(
            "  frontier append alone (precomputed leaf hashes): \(AuditBenchData.rate(entries, frontierTime)) leaves/s")

        for (index, payload) in payloads.enumerated() {
            records.append(
                AuditRecord(
                    sequence: UInt64(index + 1), entry: payload, storedLeafHash: leafHashes[index],
                    declaredSequence: UInt64(index + 1)))
        }

        // 2. End-to-end verification.
        let verifyStart = ContinuousClock.now
        let report = try await AuditLogVerifier.verify(
            AuditBenchData.Rows(records), checkpoints: checkpoints, key: signer.verifier,
            options: AuditVerificationOptions(firstSequence: 1, expectedOrigin: origin))
        let verifyTime = ContinuousClock.now - verifyStart
        guard report.isClean, report.rootHash == log.root else {
            throw ValidationError("verification of the untouched log reported problems:\n\(report.summary)")
        }
        print(
            "  verify \(entries) entries end to end: \(AuditBenchData.format(verifyTime)) "
                + "(\(AuditBenchData.rate(entries, verifyTime)) entries/s, "
                + "\(report.checkpointsMatched) checkpoints matched)"
        )

        let signatureStart = ContinuousClock.now
        for kept in checkpoints { _ = try signer.verifier.verifyCheckpoint(kept.text) }
        let signatureTime = ContinuousClock.now - signatureStart
        print(
            "    of which checking \(checkpoints.count) checkpoint signatures: \(AuditBenchData.format(signatureTime)) "
                + "(\(AuditBenchData.format(signatureTime / max(1, checkpoints.count))) each)")

        var tampered = records
        tampered[entries / 2].entry.append(0x20)
        let tamperedReport = try await AuditLogVerifier.verify(
            AuditBenchData.Rows(tampered), checkpoints: checkpoints, key: signer.verifier)
        print("  same log with entry \(entries / 2 + 1) modified: \(tamperedReport.findings.count) finding(s)")
        for finding in tamperedReport.findings { print("    [\(finding.kind)] \(finding)") }

        // 3. Proofs at full size.
        let source = AuditBenchData.CountingSource(log)
        let size = log.size
        var generator = SystemRandomNumberGenerator()
        var inclusionHashesRead = 0
        var inclusion: InclusionProof?
        let inclusionStart = ContinuousClock.now
        for _ in 0..<proofs {
            let index = UInt64.random(in: 0..<size, using: &generator)
            await source.reset()
            inclusion = try await source.inclusionProof(leafIndex: index, treeSize: size)
            inclusionHashesRead = max(inclusionHashesRead, await source.hashesRead)
            try inclusion?.verify(leafHash: leafHashes[Int(index)], root: log.root)
        }
        let inclusionTime = ContinuousClock.now - inclusionStart
        if let inclusion {
            print(
                "  inclusion proof at \(size): \(inclusion.hashes.count) hashes, \(inclusion.hashByteCount) bytes; "
                    + "built+verified in \(AuditBenchData.format(inclusionTime / proofs)) each, "
                    + "≤ \(inclusionHashesRead) stored hashes read")
        }
        var consistencyHashesRead = 0
        var consistency: ConsistencyProof?
        let consistencyStart = ContinuousClock.now
        for _ in 0..<proofs {
            let old = UInt64.random(in: 1..<size, using: &generator)
            await source.reset()
            consistency = try await source.consistencyProof(from: old, to: size)
            consistencyHashesRead = max(consistencyHashesRead, await source.hashesRead)
        }
        let consistencyTime = ContinuousClock.now - consistencyStart
        let fixedOld = size / 2 + 1
        let fixed = try await log.consistencyProof(from: fixedOld, to: size)
        try fixed.verify(oldRoot: try await log.root(ofSize: fixedOld), newRoot: log.root)
        if consistency != nil {
            print(
                "  consistency proof \(fixedOld) → \(size): \(fixed.hashes.count) hashes, "
                    + "\(fixed.hashByteCount) bytes; "
                    + "random old sizes built in \(AuditBenchData.format(consistencyTime / proofs)) each, "
                    + "≤ \(consistencyHashesRead) stored hashes read")
        }
        let signedSample = try signer.sign(origin: origin, size: size, rootHash: log.root, timestamp: Date())
        print("  signed checkpoint: \(signedSample.serialized.utf8.count) bytes")
    }
}
