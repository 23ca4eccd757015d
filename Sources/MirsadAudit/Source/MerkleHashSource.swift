/// Where proofs and historical roots get their hashes: the store's table of leaf hashes and,
/// optionally, of persisted complete-subtree hashes (see `MerkleSubtreeLevels`).
///
/// The engine asks only for hashes of complete subtrees, which never change once written, so
/// the store may cache them freely. Every request lies inside the tree size the caller asked
/// about; the store must answer exactly `range.count` hashes in index order or throw.
///
/// What the store persists:
/// - per entry: its leaf hash (index = leaf position, 0-based), in the same transaction as the entry;
/// - per completed subtree at a level in `storedSubtreeLevels`: `(level, index, hash)`, reported by
///   `MerkleFrontier.append(_:completed:)` in that same transaction.
public protocol MerkleHashSource: Sendable {
    /// Leaf hashes for leaf indices in `range`, in order.
    func leafHashes(in range: Range<UInt64>) async throws -> [MerkleHash]

    /// The subtree levels this source can serve through `subtreeHashes(level:in:)`.
    var storedSubtreeLevels: MerkleSubtreeLevels { get }

    /// Hashes of the complete subtrees at `level` with node indices in `range`, in order.
    /// Only called for levels in `storedSubtreeLevels`.
    func subtreeHashes(level: Int, in range: Range<UInt64>) async throws -> [MerkleHash]
}

extension MerkleHashSource {
    /// Default: the source stores leaf hashes only.
    public var storedSubtreeLevels: MerkleSubtreeLevels { .none }

    /// Default for leaf-only sources: never called by the engine.
    public func subtreeHashes(level: Int, in range: Range<UInt64>) async throws -> [MerkleHash] {
        throw MerkleTreeError.levelNotStored(level)
    }
}
