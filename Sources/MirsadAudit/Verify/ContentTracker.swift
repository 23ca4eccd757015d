/// Compares each entry's recomputed leaf hash with the one stored at write time, and pairs a
/// mismatch with the row whose stored hash it equals (within the window): content that moved
/// between rows is reported as reordering, content that matches nothing as modification.
struct ContentTracker: Sendable {
    private let window: Int
    /// Stored leaf hash → entry number, for the last `window` rows.
    private var recent: [MerkleHash: UInt64] = [:]
    private var ring: [(hash: MerkleHash, sequence: UInt64)] = []
    private var ringNext = 0
    /// Recomputed hash of a mismatching row → that row, waiting for a later row whose stored hash it is.
    private var pending: [MerkleHash: (sequence: UInt64, position: UInt64)] = [:]
    private var pendingOrder: [(hash: MerkleHash, position: UInt64)] = []
    private var pendingHead = 0

    init(window: Int) {
        self.window = window
        recent.reserveCapacity(window)
        ring.reserveCapacity(window)
    }

    mutating func observe(
        sequence: UInt64, position: UInt64, computed: MerkleHash, stored: MerkleHash,
        into findings: inout FindingCollector
    ) {
        expirePending(before: position, into: &findings)
        if let earlier = pending.removeValue(forKey: stored) {
            findings.add(.contentMoved(sequence: earlier.sequence, contentOf: sequence))
        }
        if computed != stored {
            if let owner = recent[computed] {
                findings.add(.contentMoved(sequence: sequence, contentOf: owner))
            } else {
                pending[computed] = (sequence, position)
                pendingOrder.append((computed, position))
            }
        }
        remember(stored, sequence: sequence)
    }

    mutating func finish(into findings: inout FindingCollector) {
        expirePending(before: UInt64.max, into: &findings)
    }

    private mutating func remember(_ hash: MerkleHash, sequence: UInt64) {
        if ring.count < window {
            ring.append((hash, sequence))
        } else {
            let old = ring[ringNext]
            if recent[old.hash] == old.sequence { recent.removeValue(forKey: old.hash) }
            ring[ringNext] = (hash, sequence)
            ringNext = (ringNext + 1) % window
        }
        recent[hash] = sequence
    }

    private mutating func expirePending(before position: UInt64, into findings: inout FindingCollector) {
        while pendingHead < pendingOrder.count {
            let (hash, openedAt) = pendingOrder[pendingHead]
            guard position == UInt64.max || position - openedAt > UInt64(window) else { break }
            if let entry = pending[hash], entry.position == openedAt {
                pending.removeValue(forKey: hash)
                findings.add(.modified(sequence: entry.sequence))
            }
            pendingHead += 1
        }
        if pendingHead > 1024, pendingHead * 2 > pendingOrder.count {
            pendingOrder.removeFirst(pendingHead)
            pendingHead = 0
        }
    }
}
