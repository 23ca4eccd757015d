import MirsadAudit
import Synchronization

/// Wraps a hash source and counts the hashes it hands out, to show proofs read little.
final class CountingSource: MerkleHashSource {
    let base: InMemoryMerkleLog
    private let counter = Mutex(0)

    init(_ base: InMemoryMerkleLog) { self.base = base }

    var hashesRead: Int { counter.withLock { $0 } }
    func reset() { counter.withLock { $0 = 0 } }

    var storedSubtreeLevels: MerkleSubtreeLevels { base.storedSubtreeLevels }

    func leafHashes(in range: Range<UInt64>) async throws -> [MerkleHash] {
        counter.withLock { $0 += range.count }
        return try await base.leafHashes(in: range)
    }

    func subtreeHashes(level: Int, in range: Range<UInt64>) async throws -> [MerkleHash] {
        counter.withLock { $0 += range.count }
        return try await base.subtreeHashes(level: level, in: range)
    }
}
