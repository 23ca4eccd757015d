import Foundation

/// A complete subtree hash the store should persist (see `MerkleSubtreeLevels`).
public struct StoredSubtree: Sendable, Hashable, Codable {
    /// Height above the leaves (a multiple of the policy's stride, never 0).
    public let level: Int
    /// Position within its level.
    public let index: UInt64
    /// The subtree's hash.
    public let hash: MerkleHash

    public init(level: Int, index: UInt64, hash: MerkleHash) {
        self.level = level
        self.index = index
        self.hash = hash
    }
}

/// Everything the store writes for one appended entry, in the entry's own transaction.
public struct MerkleAppend: Sendable, Hashable {
    /// Zero-based leaf position of the entry (its sequence number minus the first one).
    public let leafIndex: UInt64
    /// `SHA-256(0x00 ‖ entry)`, to store next to the entry.
    public let leafHash: MerkleHash
    /// Subtrees this entry completed at persisted levels (none for 255 of 256 entries with `every8`).
    public let subtrees: [StoredSubtree]
}

extension MerkleFrontier {
    /// Appends one entry's canonical bytes and returns what the store must persist with it.
    ///
    /// On a failed transaction, restore the copy of the frontier taken before the call.
    public mutating func append(entry: some DataProtocol, persisting levels: MerkleSubtreeLevels) -> MerkleAppend {
        append(leafHash: RFC6962.leafHash(entry), persisting: levels)
    }

    /// Appends a precomputed leaf hash and returns what the store must persist with it.
    public mutating func append(leafHash: MerkleHash, persisting levels: MerkleSubtreeLevels) -> MerkleAppend {
        let leafIndex = size
        var subtrees: [StoredSubtree] = []
        append(leafHash) { node, hash in
            if levels.contains(level: node.level) {
                subtrees.append(StoredSubtree(level: node.level, index: node.index, hash: hash))
            }
        }
        return MerkleAppend(leafIndex: leafIndex, leafHash: leafHash, subtrees: subtrees)
    }
}
