/// Which levels of complete subtree hashes a store persists besides the leaf hashes.
///
/// With `stride` s the store keeps every complete subtree at levels s, 2s, 3s, … (a node at
/// level s covers 2^s leaves). Any complete subtree hash is then at most 2^s stored hashes
/// away, so a proof at a million entries reads a few hundred hashes instead of the whole log.
/// `every8` costs 1/255 of a row per entry (≈ 3,900 rows at 1,000,000 entries) and answers an
/// inclusion proof from at most 256 hashes per level band.
public struct MerkleSubtreeLevels: Sendable, Hashable, Codable {
    /// Distance between persisted levels; 0 means only leaf hashes are stored.
    public let stride: Int

    /// Clamps `stride` to 0...63.
    public init(stride: Int) {
        self.stride = max(0, min(stride, 63))
    }

    /// Only leaf hashes: every proof must fold leaves (fine for small logs and tests).
    public static let none = MerkleSubtreeLevels(stride: 0)
    /// Levels 8, 16, 24, …: the recommended policy.
    public static let every8 = MerkleSubtreeLevels(stride: 8)

    /// Whether complete subtrees at `level` are persisted (level 0, the leaves, is always stored).
    public func contains(level: Int) -> Bool {
        stride > 0 && level > 0 && level % stride == 0
    }

    /// The highest persisted level not above `level` (0 = the leaves).
    public func highestStored(atMost level: Int) -> Int {
        stride == 0 ? 0 : (level / stride) * stride
    }
}
