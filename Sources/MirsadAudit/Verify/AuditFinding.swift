/// One thing wrong with the audit log, with the entry number(s) it concerns.
///
/// Entry numbers are sequence numbers as stored; leaf positions (0-based) are given where the
/// finding comes from the tree rather than from a row.
public enum AuditFinding: Sendable, Hashable, CustomStringConvertible {
    /// The entry's content no longer matches the leaf hash stored when it was written.
    case modified(sequence: UInt64)
    /// Columns stored beside the entry for reads (its type, incident, audience, ...) no longer
    /// say what the hashed entry says: reads were steered without touching the hashed bytes.
    case columnsAltered(sequence: UInt64, columns: [String])
    /// These entry numbers are missing.
    case deleted(sequences: ClosedRange<UInt64>)
    /// An entry number appears again: an entry was inserted (or duplicated) under an existing number.
    case inserted(sequence: UInt64)
    /// The entry arrives after a later-numbered one (`after`): the rows were reordered.
    case outOfOrder(sequence: UInt64, after: UInt64)
    /// The content stored at `sequence` is the content written as entry `contentOf`: entries swapped or moved.
    case contentMoved(sequence: UInt64, contentOf: UInt64)
    /// These rows carry content written under other numbers (`declared = stored + offset`): rows were
    /// renumbered, e.g. to close the gap of a deletion (offset > 0) or make room for an insertion (offset < 0).
    case renumbered(sequences: ClosedRange<UInt64>, offset: Int64)
    /// A kept checkpoint covers more entries than the log now holds.
    case truncated(keptSize: UInt64, currentSize: UInt64, missing: ClosedRange<UInt64>, checkpoint: String)
    /// The root recomputed at a signed checkpoint's size differs from the signed root: something in
    /// leaves `leaves` (entries `sequences`) was changed, even if the stored hashes were recomputed to match.
    case historyRewritten(
        lastGoodSize: UInt64, firstBadSize: UInt64, leaves: Range<UInt64>, sequences: ClosedRange<UInt64>?,
        checkpoint: String)
    /// A kept checkpoint does not parse, is not signed by the log key, or names another origin.
    case invalidCheckpoint(location: String, reason: String)
    /// Two validly signed checkpoints of one size carry different roots: the key signed two histories.
    case conflictingCheckpoints(size: UInt64, locations: [String])
    /// A checkpoint inside the pruned prefix: its entries are gone, so it cannot be rechecked.
    case checkpointBeforePrunedPrefix(size: UInt64, prunedSize: UInt64, checkpoint: String)

    /// The first entry number concerned, for sorting and for the CLI's summary line.
    public var entryNumber: UInt64? {
        switch self {
        case .modified(let sequence), .columnsAltered(let sequence, _), .inserted(let sequence),
            .outOfOrder(let sequence, _),
            .contentMoved(let sequence, _):
            sequence
        case .deleted(let sequences), .renumbered(let sequences, _): sequences.lowerBound
        case .truncated(_, _, let missing, _): missing.lowerBound
        case .historyRewritten(_, _, _, let sequences, _): sequences?.lowerBound
        case .invalidCheckpoint, .conflictingCheckpoints, .checkpointBeforePrunedPrefix: nil
        }
    }

    /// A stable machine-readable name of the kind of finding.
    public var kind: String {
        switch self {
        case .modified: "modified"
        case .columnsAltered: "columns-altered"
        case .deleted: "deleted"
        case .inserted: "inserted"
        case .outOfOrder: "reordered"
        case .contentMoved: "reordered"
        case .renumbered: "renumbered"
        case .truncated: "truncated"
        case .historyRewritten: "history-rewritten"
        case .invalidCheckpoint: "invalid-checkpoint"
        case .conflictingCheckpoints: "conflicting-checkpoints"
        case .checkpointBeforePrunedPrefix: "checkpoint-before-pruned-prefix"
        }
    }

    /// The number of entries in a range, as text; `ClosedRange.count` would trap past `Int.max`.
    private static func count(_ range: ClosedRange<UInt64>) -> String {
        let span = range.upperBound - range.lowerBound
        return span == UInt64.max ? "18446744073709551616" : String(span + 1)
    }

    public var description: String {
        switch self {
        case .modified(let sequence):
            "entry \(sequence) was modified: its content no longer matches the leaf hash stored when it was written"
        case .columnsAltered(let sequence, let columns):
            "entry \(sequence) was altered: its column(s) \(columns.joined(separator: ", ")) no longer match its hashed content"
        case .deleted(let sequences):
            sequences.lowerBound == sequences.upperBound
                ? "entry \(sequences.lowerBound) was deleted"
                : "entries \(sequences.lowerBound)...\(sequences.upperBound) were deleted "
                    + "(\(Self.count(sequences)) entries)"
        case .inserted(let sequence):
            "entry \(sequence) was inserted: the number \(sequence) appears more than once"
        case .outOfOrder(let sequence, let after):
            "entry \(sequence) was reordered: it is stored after entry \(after)"
        case .contentMoved(let sequence, let contentOf):
            "entry \(sequence) was reordered: it holds the content written as entry \(contentOf)"
        case .renumbered(let sequences, let offset):
            (sequences.lowerBound == sequences.upperBound
                ? "entry \(sequences.lowerBound) was"
                : "entries \(sequences.lowerBound)...\(sequences.upperBound) were")
                + " renumbered: the content says \(sequences.lowerBound &+ UInt64(bitPattern: offset))"
                + (sequences.lowerBound == sequences.upperBound
                    ? "" : "...\(sequences.upperBound &+ UInt64(bitPattern: offset))")
                + (offset > 0
                    ? " (as when \(offset) earlier entr\(offset == 1 ? "y is" : "ies are") deleted and the gap closed)"
                    : " (as when \(-offset) entr\(offset == -1 ? "y is" : "ies are") inserted before "
                        + "and the rest moved up)")
        case .truncated(let keptSize, let currentSize, let missing, let checkpoint):
            "log truncated: checkpoint \(checkpoint) covers \(keptSize) entries but only \(currentSize) remain "
                + "(entries \(missing.lowerBound)...\(missing.upperBound) missing)"
        case .historyRewritten(let lastGood, let firstBad, let leaves, let sequences, let checkpoint):
            "history rewritten: the root at size \(firstBad) does not match signed checkpoint \(checkpoint); "
                + "the change lies after size \(lastGood), in leaves \(leaves.lowerBound)..<\(leaves.upperBound)"
                + (sequences.map { " (entries \($0.lowerBound)...\($0.upperBound))" } ?? "")
        case .invalidCheckpoint(let location, let reason):
            "checkpoint \(location) is not valid: \(reason)"
        case .conflictingCheckpoints(let size, let locations):
            "checkpoints \(locations.joined(separator: ", ")) are all validly signed for size \(size) "
                + "but carry different roots"
        case .checkpointBeforePrunedPrefix(let size, let prunedSize, let checkpoint):
            "checkpoint \(checkpoint) at size \(size) lies in the pruned prefix (\(prunedSize) entries) "
                + "and cannot be rechecked"
        }
    }
}
