/// Recomputes the audit tree from the rows as they are now and reports, with entry numbers,
/// every sign of tampering: modified, deleted, inserted, reordered or renumbered entries,
/// truncation below a kept checkpoint, and history rewritten consistently (stored hashes
/// recomputed) which only the signed checkpoints can reveal.
///
/// Streaming: feed rows with `consume(_:)` in storage order and call `finish()`. Memory is
/// the frontier plus fixed-size windows, whatever the log size.
///
/// ```swift
/// var verifier = try AuditLogVerifier(checkpoints: kept, key: publicKey, options: .init(firstSequence: 1))
/// for try await row in store.auditRows() { verifier.consume(row) }
/// let report = verifier.finish()
/// ```
public struct AuditLogVerifier: Sendable {
    private let options: AuditVerificationOptions
    private var frontier: MerkleFrontier
    private let startSize: UInt64
    private var entriesRead: UInt64 = 0
    private var lastSequence: UInt64?
    private var findings: FindingCollector
    private var sequences: SequenceTracker
    private var contents: ContentTracker
    private var renumbering = RenumberTracker()
    private var schedule: CheckpointSchedule
    private var invalidCheckpoints = 0
    private var largestValidCheckpoint: UInt64?

    /// Prepares a verification: checks every kept checkpoint's signature and origin up front.
    ///
    /// - Parameters:
    ///   - checkpoints: the signed checkpoints the store kept and those of external files;
    ///     ones that do not parse or verify become `invalidCheckpoint` findings.
    ///   - key: the log's public key.
    public init(checkpoints: [KeptCheckpoint], key: CheckpointVerifier, options: AuditVerificationOptions = .init()) {
        self.options = options
        frontier = options.prunedFrontier ?? MerkleFrontier()
        startSize = frontier.size
        findings = FindingCollector(limit: options.maximumFindings)
        sequences = SequenceTracker(firstExpected: options.firstSequence &+ startSize, window: options.reorderWindow)
        contents = ContentTracker(window: options.reorderWindow)

        var valid: [(Checkpoint, KeptCheckpoint)] = []
        var invalid: [AuditFinding] = []
        // The store and an agency often keep the same notes: verify each distinct text once.
        var verified: [String: Result<Checkpoint, CheckpointError>] = [:]
        for kept in checkpoints {
            let outcome =
                verified[kept.text]
                ?? Result { () throws(CheckpointError) in
                    try key.verifyCheckpoint(kept.text, expectedOrigin: options.expectedOrigin).checkpoint
                }
            verified[kept.text] = outcome
            switch outcome {
            case .success(let checkpoint): valid.append((checkpoint, kept))
            case .failure(let error):
                invalid.append(.invalidCheckpoint(location: kept.location, reason: error.description))
            }
        }
        invalidCheckpoints = invalid.count
        largestValidCheckpoint = valid.map(\.0.size).max()
        schedule = CheckpointSchedule(checkpoints: valid, startSize: startSize)
        for finding in invalid { findings.add(finding) }
        for group in schedule.conflicts {
            findings.add(.conflictingCheckpoints(size: group.size, locations: group.members.map(\.location)))
        }
        schedule.skip(below: startSize, into: &findings)
        if schedule.nextSize == startSize {
            schedule.check(size: startSize, root: frontier.root, lastSequence: nil, into: &findings)
        }
    }

    /// Feeds the next row, in storage order.
    public mutating func consume(_ record: AuditRecord) {
        let position = frontier.size
        let leaf = RFC6962.leafHash(record.entry)
        schedule.noteRow(sequence: record.sequence)
        sequences.observe(record.sequence, position: position, into: &findings)
        if let stored = record.storedLeafHash {
            contents.observe(
                sequence: record.sequence, position: position, computed: leaf, stored: stored, into: &findings)
        }
        renumbering.observe(stored: record.sequence, declared: record.declaredSequence, into: &findings)
        if !record.alteredColumns.isEmpty {
            findings.add(.columnsAltered(sequence: record.sequence, columns: record.alteredColumns))
        }
        frontier.append(leaf)
        entriesRead += 1
        lastSequence = record.sequence
        if schedule.nextSize == frontier.size {
            schedule.check(size: frontier.size, root: frontier.root, lastSequence: record.sequence, into: &findings)
        }
    }

    /// Ends the stream and produces the report.
    public consuming func finish() -> AuditReport {
        var findings = self.findings
        var schedule = self.schedule
        var sequences = self.sequences
        var contents = self.contents
        var renumbering = self.renumbering
        sequences.finish(into: &findings)
        contents.finish(into: &findings)
        renumbering.flush(into: &findings)
        let beyond = schedule.finish(finalSize: frontier.size, firstSequence: options.firstSequence, into: &findings)
        let ordered = findings.findings.enumerated().sorted { lhs, rhs in
            switch (lhs.element.entryNumber, rhs.element.entryNumber) {
            case (let l?, let r?): l == r ? lhs.offset < rhs.offset : l < r
            case (nil, nil): lhs.offset < rhs.offset
            case (nil, _): false
            case (_, nil): true
            }
        }.map(\.element)
        let covered = min(largestValidCheckpoint ?? 0, frontier.size)
        return AuditReport(
            entriesRead: entriesRead, treeSize: frontier.size, rootHash: frontier.root, findings: ordered,
            suppressedFindings: findings.suppressed, checkpointsMatched: schedule.matched,
            checkpointsMismatched: schedule.mismatched, checkpointsInvalid: invalidCheckpoints,
            checkpointsBeyondLog: beyond,
            latestMatchedCheckpointSize: schedule.matched > 0 ? schedule.lastGoodSize : nil,
            entriesAfterLastCheckpoint: frontier.size - max(covered, startSize))
    }

    /// Verifies a whole stream of rows (e.g. a database cursor wrapped as an `AsyncSequence`).
    public static func verify<Rows: AsyncSequence>(
        _ rows: Rows, checkpoints: [KeptCheckpoint], key: CheckpointVerifier,
        options: AuditVerificationOptions = .init()
    ) async throws -> AuditReport where Rows.Element == AuditRecord {
        var verifier = AuditLogVerifier(checkpoints: checkpoints, key: key, options: options)
        for try await row in rows {
            verifier.consume(row)
        }
        return verifier.finish()
    }
}
