import Foundation

/// A complete in-memory Merkle log: the reference for what a database store persists, and the
/// hash source for tests, benchmarks and small tools.
///
/// It keeps exactly what `MerkleHashSource` asks a store to keep: every leaf hash plus the
/// complete subtree hashes at the levels of `storedSubtreeLevels`, recorded as the frontier
/// reports them.
public struct InMemoryMerkleLog: MerkleHashSource, Sendable {
    /// The incremental tree over everything appended.
    public private(set) var frontier = MerkleFrontier()
    /// Leaf hashes by leaf index.
    public private(set) var leaves: [MerkleHash] = []
    /// Persisted complete subtrees: `levels[level][index]`.
    private var levels: [Int: [MerkleHash]] = [:]
    public let storedSubtreeLevels: MerkleSubtreeLevels

    /// An empty log persisting subtrees per `levels`.
    public init(levels: MerkleSubtreeLevels = .every8) {
        storedSubtreeLevels = levels
    }

    /// The number of leaves.
    public var size: UInt64 { frontier.size }

    /// The root at the current size.
    public var root: MerkleHash { frontier.root }

    /// Appends the leaf hash of one entry and persists the subtrees it completes.
    public mutating func append(leafHash: MerkleHash) {
        leaves.append(leafHash)
        let written = frontier.append(leafHash: leafHash, persisting: storedSubtreeLevels)
        for subtree in written.subtrees {
            levels[subtree.level, default: []].append(subtree.hash)
        }
    }

    /// Appends an entry by its canonical bytes.
    public mutating func append(entry: some DataProtocol) {
        append(leafHash: RFC6962.leafHash(entry))
    }

    /// The number of persisted subtree hashes (all levels), to size a store's table.
    public var storedSubtreeCount: Int { levels.values.reduce(0) { $0 + $1.count } }

    public func leafHashes(in range: Range<UInt64>) async throws -> [MerkleHash] {
        guard range.upperBound <= UInt64(leaves.count) else {
            throw MerkleTreeError.indexOutOfRange(index: range.upperBound - 1, treeSize: UInt64(leaves.count))
        }
        return Array(leaves[Int(range.lowerBound)..<Int(range.upperBound)])
    }

    public func subtreeHashes(level: Int, in range: Range<UInt64>) async throws -> [MerkleHash] {
        guard storedSubtreeLevels.contains(level: level) else { throw MerkleTreeError.levelNotStored(level) }
        let stored = levels[level] ?? []
        guard range.upperBound <= UInt64(stored.count) else {
            throw MerkleTreeError.indexOutOfRange(index: range.upperBound - 1, treeSize: UInt64(stored.count))
        }
        return Array(stored[Int(range.lowerBound)..<Int(range.upperBound)])
    }
}
