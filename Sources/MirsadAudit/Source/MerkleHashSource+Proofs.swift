/// Roots of earlier sizes and RFC 9162 proofs, computed from any `MerkleHashSource`.
///
/// Each request is assembled from complete subtrees, and each complete subtree from the
/// highest persisted level at or below it, so with `MerkleSubtreeLevels.every8` an inclusion
/// proof at 1,000,000 entries reads about 20 small ranges (a few hundred hashes) instead of
/// the whole log.
extension MerkleHashSource {
    /// The RFC 6962 root of the first `size` leaves.
    public func root(ofSize size: UInt64) async throws -> MerkleHash {
        try await rangeHash(0..<size)
    }

    /// The frontier at `size`: lets a server restart extend the tree without rereading leaves.
    public func frontier(ofSize size: UInt64) async throws -> MerkleFrontier {
        var hashes: [MerkleHash] = []
        for node in TreeMath.completeSubtrees(covering: 0..<size) {
            hashes.append(try await subtreeHash(node))
        }
        return try MerkleFrontier(size: size, hashes: hashes)
    }

    /// The inclusion proof for the leaf at `leafIndex` in the tree of `treeSize` leaves.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) async throws -> InclusionProof {
        guard leafIndex < treeSize else {
            throw MerkleTreeError.indexOutOfRange(index: leafIndex, treeSize: treeSize)
        }
        // Walk down from the root, noting the sibling range at each split (RFC 9162 §2.1.3.1).
        var siblings: [Range<UInt64>] = []
        var low: UInt64 = 0
        var high = treeSize
        while high - low > 1 {
            let split = low + TreeMath.splitPoint(high - low)
            if leafIndex < split {
                siblings.append(split..<high)
                high = split
            } else {
                siblings.append(low..<split)
                low = split
            }
        }
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(siblings.count)
        for range in siblings.reversed() {
            hashes.append(try await rangeHash(range))
        }
        return InclusionProof(leafIndex: leafIndex, treeSize: treeSize, hashes: hashes)
    }

    /// The consistency proof between the trees of `oldSize` and `newSize` leaves (0 < old ≤ new).
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) async throws -> ConsistencyProof {
        guard oldSize > 0, oldSize <= newSize else {
            throw MerkleTreeError.invalidConsistencyRange(from: oldSize, to: newSize)
        }
        // SUBPROOF(m, D[low:high], b) of RFC 9162 §2.1.4.1, unrolled: `outer` collects the
        // ranges appended on the way back up; `terminal` is the hash the recursion ends on.
        var outer: [Range<UInt64>] = []
        var terminal: Range<UInt64>?
        var m = oldSize
        var low: UInt64 = 0
        var high = newSize
        var startsAtOldRoot = true
        while true {
            let n = high - low
            if m == n {
                if !startsAtOldRoot { terminal = low..<high }
                break
            }
            let k = TreeMath.splitPoint(n)
            if m <= k {
                outer.append((low + k)..<high)
                high = low + k
            } else {
                outer.append(low..<(low + k))
                m -= k
                low += k
                startsAtOldRoot = false
            }
        }
        var hashes: [MerkleHash] = []
        if let terminal { hashes.append(try await rangeHash(terminal)) }
        for range in outer.reversed() {
            hashes.append(try await rangeHash(range))
        }
        return ConsistencyProof(fromSize: oldSize, toSize: newSize, hashes: hashes)
    }

    /// MTH of a range that starts at a multiple of a power of two at least its length (every
    /// range a proof names): the fold of its complete subtrees.
    func rangeHash(_ range: Range<UInt64>) async throws -> MerkleHash {
        var hashes: [MerkleHash] = []
        for node in TreeMath.completeSubtrees(covering: range) {
            hashes.append(try await subtreeHash(node))
        }
        return TreeMath.foldFromRight(hashes)
    }

    /// The hash of one complete subtree, read directly if persisted, else folded from the
    /// highest persisted level below it.
    public func subtreeHash(_ node: MerkleNodeID) async throws -> MerkleHash {
        let base = storedSubtreeLevels.highestStored(atMost: node.level)
        let span = UInt64(node.level - base)
        let first = node.index << span
        let indices = first..<(first + (UInt64(1) << span))
        let hashes: [MerkleHash]
        if base == 0 {
            hashes = try await leafHashes(in: indices)
        } else {
            hashes = try await subtreeHashes(level: base, in: indices)
        }
        guard UInt64(hashes.count) == indices.upperBound - indices.lowerBound else {
            throw MerkleTreeError.sourceCountMismatch(level: base, range: indices, got: hashes.count)
        }
        return TreeMath.reducePerfect(hashes)
    }
}
