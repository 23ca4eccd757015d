import Foundation
import Testing

@testable import MirsadAudit

@Suite("Audit verifier finds tampering at the right entry")
struct AuditVerifierTests {
    static let fixture = try! AuditFixture(count: 1000, interval: 100)

    @Test func untouchedLogIsClean() throws {
        var rows = Self.fixture.rows
        rows.append(
            contentsOf: (1001...1042).map { sequence -> AuditRecord in
                let bytes = AuditFixture.entryBytes(UInt64(sequence))
                return AuditRecord(sequence: UInt64(sequence), entry: bytes, storedLeafHash: RFC6962.leafHash(bytes))
            })
        let external = try Self.fixture.externalCheckpoints(sizes: [300, 700, 1000])
        let report = Self.fixture.verify(rows, checkpoints: Self.fixture.storeCheckpoints + external)
        #expect(report.isClean, "\(report.summary)")
        #expect(report.entriesRead == 1042)
        #expect(report.checkpointsMatched == 10)
        #expect(report.latestMatchedCheckpointSize == 1000)
        #expect(report.entriesAfterLastCheckpoint == 42)
    }

    @Test func modifiedEntry() {
        var rows = Self.fixture.rows
        let at = Self.fixture.index(of: 457)
        rows[at].entry = Data(
            String(decoding: rows[at].entry, as: UTF8.self)
                .replacingOccurrences(of: "\"read\"", with: "\"delete\"").utf8)
        let report = Self.fixture.verify(rows)
        #expect(report.findings.contains(.modified(sequence: 457)), "\(report.summary)")
        #expect(
            report.findings.contains(
                .historyRewritten(
                    lastGoodSize: 400, firstBadSize: 500, leaves: 400..<500, sequences: 401...500,
                    checkpoint: "store checkpoint 500")))
        #expect(report.findings.count == 2)
        #expect(report.findings.first?.entryNumber == 401)
    }

    @Test func deletedEntriesAreNamed() {
        var rows = Self.fixture.rows
        rows.removeAll { $0.sequence == 222 || (600...649).contains($0.sequence) }
        let report = Self.fixture.verify(rows)
        #expect(report.findings.contains(.deleted(sequences: 222...222)), "\(report.summary)")
        #expect(report.findings.contains(.deleted(sequences: 600...649)))
        #expect(report.checkpointsMatched == 2)
        // Leaves shift after a deletion, so every later checkpoint disagrees; one finding narrows it.
        #expect(report.checkpointsMismatched == 7)
        #expect(report.checkpointsBeyondLog == 1)
        #expect(report.findings.contains { if case .historyRewritten(200, 300, _, _, _) = $0 { true } else { false } })
    }

    @Test func insertedDuplicateNumber() {
        var rows = Self.fixture.rows
        let forged = AuditFixture.entryBytes(313)
        rows.insert(
            AuditRecord(sequence: 313, entry: forged + Data(" ".utf8), storedLeafHash: nil),
            at: Self.fixture.index(of: 313) + 1)
        let report = Self.fixture.verify(rows)
        #expect(report.findings.contains(.inserted(sequence: 313)), "\(report.summary)")
        #expect(report.findings.filter { $0.kind != "history-rewritten" }.count == 1)
    }

    @Test func reorderedRows() {
        var rows = Self.fixture.rows
        rows.swapAt(Self.fixture.index(of: 710), Self.fixture.index(of: 712))
        let report = Self.fixture.verify(rows)
        // Stream order 709, 712, 711, 710, 713: 711 and 710 arrive after a higher number.
        #expect(report.findings.contains(.outOfOrder(sequence: 711, after: 712)), "\(report.summary)")
        #expect(report.findings.contains(.outOfOrder(sequence: 710, after: 711)))
        #expect(!report.findings.contains { $0.kind == "deleted" || $0.kind == "inserted" })
    }

    @Test func contentSwappedBetweenRows() {
        var rows = Self.fixture.rows
        let a = Self.fixture.index(of: 40)
        let b = Self.fixture.index(of: 45)
        (rows[a].entry, rows[b].entry) = (rows[b].entry, rows[a].entry)
        // Drop the declared numbers so only the stored hashes can tell.
        for index in rows.indices { rows[index].declaredSequence = nil }
        let report = Self.fixture.verify(rows)
        #expect(report.findings.contains(.contentMoved(sequence: 40, contentOf: 45)), "\(report.summary)")
        #expect(report.findings.contains(.contentMoved(sequence: 45, contentOf: 40)))
        #expect(!report.findings.contains { $0.kind == "modified" })
    }

    @Test func truncationBelowKeptCheckpoint() throws {
        let rows = Array(Self.fixture.rows.prefix(930))
        let external = try Self.fixture.externalCheckpoints(sizes: [1000])
        let report = Self.fixture.verify(rows, checkpoints: Self.fixture.storeCheckpoints + external)
        #expect(
            report.findings.contains(
                .truncated(
                    keptSize: 1000, currentSize: 930, missing: 931...1000, checkpoint: "agency.txt:1")),
            "\(report.summary)")
        #expect(
            report.findings.contains(
                .truncated(
                    keptSize: 1000, currentSize: 930, missing: 931...1000, checkpoint: "store checkpoint 1000")))
        #expect(report.checkpointsBeyondLog == 2)
        #expect(report.checkpointsMismatched == 0)
    }

    @Test func consistentRewriteIsCaughtBetweenCheckpoints() {
        var rows = Self.fixture.rows
        let at = Self.fixture.index(of: 642)
        // The attacker edits the entry and recomputes its stored hash, as if with write access to every table.
        rows[at].entry = Data(
            String(decoding: rows[at].entry, as: UTF8.self)
                .replacingOccurrences(of: "officer-", with: "officer-x").utf8)
        rows[at].storedLeafHash = RFC6962.leafHash(rows[at].entry)
        let report = Self.fixture.verify(rows)
        #expect(
            report.findings == [
                .historyRewritten(
                    lastGoodSize: 600, firstBadSize: 700, leaves: 600..<700, sequences: 601...700,
                    checkpoint: "store checkpoint 700")
            ], "\(report.summary)")
        #expect(report.checkpointsMatched == 6)
        #expect(report.checkpointsMismatched == 4)
    }

    @Test func renumberingAfterDeletionIsSeenThroughDeclaredNumbers() {
        var rows = Self.fixture.rows
        rows.remove(at: Self.fixture.index(of: 300))
        for index in rows.indices where rows[index].sequence > 300 { rows[index].sequence -= 1 }
        let report = Self.fixture.verify(rows)
        #expect(report.findings.contains(.renumbered(sequences: 300...999, offset: 1)), "\(report.summary)")
        #expect(!report.findings.contains { $0.kind == "deleted" || $0.kind == "modified" })
        #expect(report.findings.contains { if case .historyRewritten(200, 300, _, _, _) = $0 { true } else { false } })
        // The store's own checkpoint at 1000 now lies beyond the 999 rows left.
        #expect(
            report.findings.contains(
                .truncated(
                    keptSize: 1000, currentSize: 999, missing: 1000...1000, checkpoint: "store checkpoint 1000")))
    }

    @Test func invalidAndConflictingCheckpoints() throws {
        var kept = Self.fixture.storeCheckpoints
        let original = kept[2].text
        kept[2] = KeptCheckpoint(
            keeper: .store, location: "store checkpoint 300",
            text: original.replacingOccurrences(of: "\n300\n", with: "\n301\n"))
        let impostor = try CheckpointSigner.generate(name: AuditFixture.origin)
        let forged = try impostor.sign(
            origin: AuditFixture.origin, size: 400, rootHash: RFC6962.emptyRoot, timestamp: Date())
        kept.append(KeptCheckpoint(keeper: .external, location: "agency.txt:9", text: forged.serialized))
        // A second, validly signed root for size 500: the key signed two histories.
        let split = try AuditFixture.signer.sign(
            origin: AuditFixture.origin, size: 500, rootHash: RFC6962.emptyRoot, timestamp: Date())
        kept.append(KeptCheckpoint(keeper: .external, location: "agency.txt:20", text: split.serialized))
        kept.append(KeptCheckpoint(keeper: .external, location: "agency.txt:30", text: "garbage\n"))
        let report = Self.fixture.verify(checkpoints: kept)
        let invalid = report.findings.compactMap { finding -> String? in
            if case .invalidCheckpoint(let location, _) = finding { location } else { nil }
        }
        #expect(invalid.sorted() == ["agency.txt:30", "agency.txt:9", "store checkpoint 300"], "\(report.summary)")
        #expect(
            report.findings.contains(
                .conflictingCheckpoints(
                    size: 500, locations: ["store checkpoint 500", "agency.txt:20"])))
        #expect(report.checkpointsInvalid == 3)
        #expect(!report.findings.contains { $0.kind == "history-rewritten" })
    }

    @Test func wrongOriginIsRejected() {
        let report = Self.fixture.verify(options: AuditVerificationOptions(expectedOrigin: "other.example/audit"))
        #expect(report.checkpointsInvalid == 10)
        #expect(report.checkpointsMatched == 0)
    }

    @Test func prunedPrefixStartsFromKeptFrontier() async throws {
        var log = InMemoryMerkleLog()
        for row in Self.fixture.rows { log.append(leafHash: RFC6962.leafHash(row.entry)) }
        let frontier = try await log.frontier(ofSize: 250)
        let rows = Array(Self.fixture.rows.dropFirst(250))
        let report = Self.fixture.verify(rows, options: AuditVerificationOptions(prunedFrontier: frontier))
        #expect(report.checkpointsMatched == 8, "\(report.summary)")
        #expect(report.findings.filter { $0.kind == "checkpoint-before-pruned-prefix" }.count == 2)
        #expect(report.findings.count == 2)
        #expect(report.treeSize == 1000)
        // Deleting the first kept entry after the prune point is still caught.
        let report2 = Self.fixture.verify(
            Array(rows.dropFirst()), options: AuditVerificationOptions(prunedFrontier: frontier))
        #expect(report2.findings.contains(.deleted(sequences: 251...251)))
    }

    @Test func findingsAreCappedAndCounted() {
        var rows = Self.fixture.rows
        for index in rows.indices { rows[index].entry.append(0x20) }
        let report = Self.fixture.verify(rows, options: AuditVerificationOptions(maximumFindings: 50))
        #expect(report.findings.count == 50)
        #expect(report.suppressedFindings == 1000 + 1 - 50)  // 1000 modified + 1 history rewrite
    }

    @Test func streamingConvenienceOverAsyncSequence() async throws {
        let rows = Self.fixture.rows
        let stream = AsyncStream<AuditRecord> { continuation in
            for row in rows { continuation.yield(row) }
            continuation.finish()
        }
        let report = try await AuditLogVerifier.verify(
            stream, checkpoints: Self.fixture.storeCheckpoints, key: AuditFixture.signer.verifier)
        #expect(report.isClean)
        #expect(report.checkpointsMatched == 10)
        #expect(report.rootHash == Self.fixture.signedBySize[1000]?.checkpoint.rootHash)
    }

    @Test func emptyLogAndEmptyCheckpoint() throws {
        let signed = try AuditFixture.signer.sign(MerkleFrontier(), origin: AuditFixture.origin, timestamp: Date())
        let kept = [KeptCheckpoint(keeper: .external, location: "agency.txt:1", text: signed.serialized)]
        let empty = Self.fixture.verify([], checkpoints: kept)
        #expect(empty.isClean, "\(empty.summary)")
        #expect(empty.checkpointsMatched == 1)
        #expect(empty.rootHash == RFC6962.emptyRoot)
        let full = Self.fixture.verify(checkpoints: kept)
        #expect(full.isClean)
        #expect(full.entriesAfterLastCheckpoint == 1000)
        let wiped = Self.fixture.verify([])
        #expect(
            wiped.findings == [
                .truncated(keptSize: 1000, currentSize: 0, missing: 1...1000, checkpoint: "store checkpoint 1000")
            ])
        #expect(wiped.checkpointsBeyondLog == 10)
    }

    @Test func rowsWithoutStoredHashesStillVerifyAgainstCheckpoints() {
        var rows = Self.fixture.rows
        for index in rows.indices {
            rows[index].storedLeafHash = nil
            rows[index].declaredSequence = nil
        }
        #expect(Self.fixture.verify(rows).isClean)
        rows[Self.fixture.index(of: 77)].entry.append(0x0a)
        let report = Self.fixture.verify(rows)
        #expect(
            report.findings == [
                .historyRewritten(
                    lastGoodSize: 0, firstBadSize: 100, leaves: 0..<100, sequences: 1...100,
                    checkpoint: "store checkpoint 100")
            ], "\(report.summary)")
    }
}
