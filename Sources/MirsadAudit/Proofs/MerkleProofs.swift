/// An RFC 9162 §2.1.3 inclusion proof: the sibling hashes from the leaf up to the root of the
/// tree of `treeSize` leaves, lowest first.
public struct InclusionProof: Sendable, Hashable, Codable {
    /// Zero-based position of the leaf in the tree.
    public let leafIndex: UInt64
    /// The size of the tree the proof leads to.
    public let treeSize: UInt64
    /// The audit path, from the leaf's sibling up to the child of the root.
    public let hashes: [MerkleHash]

    public init(leafIndex: UInt64, treeSize: UInt64, hashes: [MerkleHash]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// Size on the wire: 32 bytes per hash (plus the two sizes, which the caller already knows).
    public var hashByteCount: Int { hashes.count * MerkleHash.byteCount }

    /// Checks that `leafHash` sits at `leafIndex` in the tree whose head is `root`.
    public func verify(leafHash: MerkleHash, root: MerkleHash) throws(MerkleProofError) {
        try MerkleVerifier.verifyInclusion(
            leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: hashes, root: root)
    }
}

/// An RFC 9162 §2.1.4 consistency proof: the hashes showing that the tree of `fromSize`
/// leaves is a prefix of the tree of `toSize` leaves (nothing rewritten, only appended).
public struct ConsistencyProof: Sendable, Hashable, Codable {
    /// The older (smaller) tree size.
    public let fromSize: UInt64
    /// The newer (larger or equal) tree size.
    public let toSize: UInt64
    /// The proof nodes in RFC 9162 order.
    public let hashes: [MerkleHash]

    public init(fromSize: UInt64, toSize: UInt64, hashes: [MerkleHash]) {
        self.fromSize = fromSize
        self.toSize = toSize
        self.hashes = hashes
    }

    /// Size on the wire: 32 bytes per hash.
    public var hashByteCount: Int { hashes.count * MerkleHash.byteCount }

    /// Checks that `oldRoot` (at `fromSize`) and `newRoot` (at `toSize`) are heads of one log.
    public func verify(oldRoot: MerkleHash, newRoot: MerkleHash) throws(MerkleProofError) {
        try MerkleVerifier.verifyConsistency(
            size1: fromSize, size2: toSize, proof: hashes, root1: oldRoot, root2: newRoot)
    }
}
