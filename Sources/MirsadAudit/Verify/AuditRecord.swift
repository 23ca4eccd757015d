import Foundation

/// One row of the audit table as it is now, streamed by the store in the order it was
/// written (its insertion key), not re-sorted by `sequence`.
///
/// The store decides the canonical bytes; the engine only hashes them
/// (`leaf = SHA-256(0x00 ‖ entry)`). The encoding must be deterministic: the same entry
/// must always give the same bytes, on SQLite and PostgreSQL alike.
public struct AuditRecord: Sendable, Hashable {
    /// The entry number as stored (the sequence column).
    public var sequence: UInt64
    /// The canonical entry bytes, exactly as hashed when the entry was appended.
    public var entry: Data
    /// The leaf hash stored alongside the entry at write time, if the store keeps one. When
    /// present, an entry whose content changed is pinpointed even if checkpoints are sparse.
    public var storedLeafHash: MerkleHash?
    /// The sequence number written inside `entry` itself, if the store's encoding carries one
    /// (recommended). It lets the verifier see entries renumbered to hide a deletion or
    /// insertion, because changing it changes the content.
    public var declaredSequence: UInt64?
    /// Columns the store keeps beside the entry for its reads whose values differ from what the
    /// entry's own bytes say (the store compares them; the engine reports them).
    public var alteredColumns: [String]

    public init(
        sequence: UInt64, entry: Data, storedLeafHash: MerkleHash? = nil, declaredSequence: UInt64? = nil,
        alteredColumns: [String] = []
    ) {
        self.alteredColumns = alteredColumns
        self.sequence = sequence
        self.entry = entry
        self.storedLeafHash = storedLeafHash
        self.declaredSequence = declaredSequence
    }
}

/// A signed checkpoint text kept by someone, and where it was kept (for the report).
public struct KeptCheckpoint: Sendable, Hashable {
    /// Who kept it: the server's own table, or another agency's checkpoint file.
    public enum Keeper: String, Sendable, Hashable {
        case store
        case external
    }

    public let keeper: Keeper
    /// Where it was found, e.g. `store checkpoint 12` or `agency.txt:40`.
    public let location: String
    /// The serialized signed note.
    public let text: String

    public init(keeper: Keeper, location: String, text: String) {
        self.keeper = keeper
        self.location = location
        self.text = text
    }

    /// The notes of a parsed checkpoint file, labelled `<path>:<line>`.
    public static func external(_ entries: [CheckpointFile.Entry], path: String) -> [KeptCheckpoint] {
        entries.map { KeptCheckpoint(keeper: .external, location: "\(path):\($0.line)", text: $0.text) }
    }
}

/// Settings of an audit verification run.
public struct AuditVerificationOptions: Sendable {
    /// The sequence number of leaf 0 (1 for a typical auto-increment column).
    public var firstSequence: UInt64
    /// When set, kept checkpoints must carry this origin.
    public var expectedOrigin: String?
    /// For a log whose oldest entries were pruned: the frontier at the prune point, kept by the
    /// store. Verification then starts at leaf `prunedFrontier.size`; checkpoints before it
    /// cannot be checked and are reported as such.
    public var prunedFrontier: MerkleFrontier?
    /// How many entries back the verifier looks to pair a missing number or moved content with
    /// where it reappears (reported as reordering rather than deletion plus insertion).
    public var reorderWindow: Int
    /// At most this many findings are listed; the rest are counted.
    public var maximumFindings: Int

    public init(
        firstSequence: UInt64 = 1, expectedOrigin: String? = nil, prunedFrontier: MerkleFrontier? = nil,
        reorderWindow: Int = 4096, maximumFindings: Int = 1000
    ) {
        self.firstSequence = firstSequence
        self.expectedOrigin = expectedOrigin
        self.prunedFrontier = prunedFrontier
        self.reorderWindow = max(1, reorderWindow)
        self.maximumFindings = max(1, maximumFindings)
    }
}
