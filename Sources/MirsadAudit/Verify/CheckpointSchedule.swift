/// The validly signed checkpoints, ordered by size, checked one by one as the recomputed tree
/// reaches each size. Remembers the last size whose root matched so that a mismatch can be
/// narrowed to the entries between the last good and the first bad checkpoint.
struct CheckpointSchedule: Sendable {
    struct Member: Sendable {
        let root: MerkleHash
        let location: String
        let keeper: KeptCheckpoint.Keeper
    }

    struct Group: Sendable {
        let size: UInt64
        var members: [Member]
        var roots: Set<MerkleHash> { Set(members.map(\.root)) }
    }

    private(set) var groups: [Group]
    private var next = 0
    private(set) var lastGoodSize: UInt64
    private(set) var matched = 0
    private(set) var mismatched = 0
    private var reportedRewrite = false
    /// Entry number of the first row after the last good size (nil until that row is seen).
    private var firstSequenceAfterGood: UInt64?

    init(checkpoints: [(Checkpoint, KeptCheckpoint)], startSize: UInt64) {
        var bySize: [UInt64: Group] = [:]
        for (checkpoint, kept) in checkpoints {
            bySize[checkpoint.size, default: Group(size: checkpoint.size, members: [])].members.append(
                Member(root: checkpoint.rootHash, location: kept.location, keeper: kept.keeper))
        }
        groups = bySize.values.sorted { $0.size < $1.size }
        lastGoodSize = startSize
    }

    /// Sizes validly signed with more than one root.
    var conflicts: [Group] { groups.filter { $0.roots.count > 1 } }

    /// The size of the next checkpoint to check, if any.
    var nextSize: UInt64? { next < groups.count ? groups[next].size : nil }

    /// Skips checkpoints below `size` (the pruned prefix), reporting each.
    mutating func skip(below size: UInt64, into findings: inout FindingCollector) {
        while next < groups.count, groups[next].size < size {
            for member in groups[next].members {
                findings.add(
                    .checkpointBeforePrunedPrefix(
                        size: groups[next].size, prunedSize: size, checkpoint: member.location))
            }
            next += 1
        }
    }

    /// Called with each row before it is appended.
    mutating func noteRow(sequence: UInt64) {
        if firstSequenceAfterGood == nil { firstSequenceAfterGood = sequence }
    }

    /// Compares the recomputed root at `size` (the next checkpoint's size) with what was signed.
    mutating func check(size: UInt64, root: MerkleHash, lastSequence: UInt64?, into findings: inout FindingCollector) {
        while next < groups.count, groups[next].size == size {
            let group = groups[next]
            next += 1
            if group.roots.contains(root) {
                matched += 1
                if !reportedRewrite {
                    lastGoodSize = size
                    firstSequenceAfterGood = nil
                }
                continue
            }
            mismatched += 1
            guard !reportedRewrite else { continue }
            reportedRewrite = true
            var sequences: ClosedRange<UInt64>?
            if let first = firstSequenceAfterGood, let last = lastSequence, first <= last {
                sequences = first...last
            }
            findings.add(
                .historyRewritten(
                    lastGoodSize: lastGoodSize, firstBadSize: size, leaves: lastGoodSize..<size,
                    sequences: sequences, checkpoint: group.members.map(\.location).joined(separator: ", ")))
        }
    }

    /// Reports checkpoints larger than the final tree (the log was truncated below what they
    /// cover): one finding per keeper, for the largest size it kept. Returns how many there were.
    mutating func finish(finalSize: UInt64, firstSequence: UInt64, into findings: inout FindingCollector) -> Int {
        var beyond = 0
        var largest: [KeptCheckpoint.Keeper: (size: UInt64, location: String)] = [:]
        while next < groups.count {
            let group = groups[next]
            next += 1
            beyond += group.members.count
            for member in group.members {
                largest[member.keeper] = (group.size, member.location)
            }
        }
        for keeper in [KeptCheckpoint.Keeper.external, .store] {
            guard let (size, location) = largest[keeper] else { continue }
            let first = firstSequence &+ finalSize
            let last = firstSequence &+ size &- 1
            let missing = first <= last ? first...last : first...first
            findings.add(.truncated(keptSize: size, currentSize: finalSize, missing: missing, checkpoint: location))
        }
        return beyond
    }
}
