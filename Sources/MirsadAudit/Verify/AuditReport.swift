/// The outcome of `mirsad audit verify`: what was read, what was recomputed, and every finding.
public struct AuditReport: Sendable {
    /// Rows read from the store.
    public let entriesRead: UInt64
    /// Leaves in the recomputed tree (pruned prefix included).
    public let treeSize: UInt64
    /// Root of the recomputed tree at `treeSize`.
    public let rootHash: MerkleHash
    /// Findings in entry-number order (checkpoint-only findings last), at most the configured cap.
    public let findings: [AuditFinding]
    /// Findings beyond the cap, counted but not listed.
    public let suppressedFindings: Int
    /// Signed checkpoints whose root the recomputed tree reproduced.
    public let checkpointsMatched: Int
    /// Signed checkpoints whose root it did not.
    public let checkpointsMismatched: Int
    /// Kept checkpoints that did not parse or verify.
    public let checkpointsInvalid: Int
    /// Signed checkpoints covering more entries than the log holds.
    public let checkpointsBeyondLog: Int
    /// The largest checkpoint size that matched, if any.
    public let latestMatchedCheckpointSize: UInt64?
    /// Entries after the largest valid checkpoint: intact as far as hashes go, but not yet
    /// covered by any signature.
    public let entriesAfterLastCheckpoint: UInt64

    /// True when nothing was found.
    public var isClean: Bool { findings.isEmpty && suppressedFindings == 0 }

    /// A short multi-line summary for the CLI.
    public var summary: String {
        var lines = [
            "entries read: \(entriesRead), tree size: \(treeSize), root: \(rootHash.base64)",
            "checkpoints: \(checkpointsMatched) matched, \(checkpointsMismatched) mismatched, "
                + "\(checkpointsInvalid) invalid, \(checkpointsBeyondLog) beyond the log",
        ]
        if entriesAfterLastCheckpoint > 0 {
            lines.append(
                "\(entriesAfterLastCheckpoint) entries after the last checkpoint are not yet covered by a signature")
        }
        if isClean {
            lines.append("OK: no tampering found")
        } else {
            lines.append("FOUND \(findings.count + suppressedFindings) problem(s):")
            lines.append(contentsOf: findings.map { "  [\($0.kind)] \($0.description)" })
            if suppressedFindings > 0 { lines.append("  … and \(suppressedFindings) more") }
        }
        return lines.joined(separator: "\n")
    }
}
