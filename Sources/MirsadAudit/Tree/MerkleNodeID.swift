/// The position of a complete (perfect) subtree: `level` 0 is a leaf, a node at `level` k with
/// `index` i covers the 2^k leaves `[i·2^k, (i+1)·2^k)`.
///
/// Only complete subtrees have a fixed hash once written, which is why they are what a store
/// persists and what every proof is assembled from.
public struct MerkleNodeID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Height above the leaves (0 = leaf).
    public let level: Int
    /// Position among the nodes of this level, counting from the left.
    public let index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The leaf indices this subtree covers.
    public var leafRange: Range<UInt64> {
        (index << UInt64(level))..<((index + 1) << UInt64(level))
    }

    public var description: String { "(level \(level), index \(index))" }
}

/// Index arithmetic shared by the tree, the proof builder and the verifiers.
enum TreeMath {
    /// The largest power of two strictly below `n` (n ≥ 2): the RFC 6962 split point `k`.
    @inline(__always)
    static func splitPoint(_ n: UInt64) -> UInt64 {
        UInt64(1) << UInt64(63 - (n - 1).leadingZeroBitCount)
    }

    /// The complete subtrees that exactly cover `range`, left to right, each as large as
    /// alignment allows. For a range starting at 0 these are the frontier of a tree of size
    /// `range.upperBound`; for a range `[a, b)` with `a` aligned to a power of two ≥ `b - a`
    /// (every range an RFC 6962 proof names) folding their hashes from the right gives MTH.
    static func completeSubtrees(covering range: Range<UInt64>) -> [MerkleNodeID] {
        var nodes: [MerkleNodeID] = []
        var start = range.lowerBound
        let end = range.upperBound
        while start < end {
            let alignment = start == 0 ? 63 : start.trailingZeroBitCount
            let remaining = end - start
            let fits = 63 - remaining.leadingZeroBitCount  // floor(log2(remaining))
            let level = min(alignment, fits)
            nodes.append(MerkleNodeID(level: level, index: start >> UInt64(level)))
            start += UInt64(1) << UInt64(level)
        }
        return nodes
    }

    /// Folds subtree hashes (left to right) into the hash of the range they cover.
    static func foldFromRight(_ hashes: [MerkleHash]) -> MerkleHash {
        guard var result = hashes.last else { return RFC6962.emptyRoot }
        var index = hashes.count - 2
        while index >= 0 {
            result = RFC6962.nodeHash(hashes[index], result)
            index -= 1
        }
        return result
    }

    /// Reduces 2^k sibling hashes (left to right) to the root of the complete subtree they form.
    static func reducePerfect(_ hashes: [MerkleHash]) -> MerkleHash {
        var level = hashes
        while level.count > 1 {
            var next: [MerkleHash] = []
            next.reserveCapacity(level.count / 2)
            var index = 0
            while index + 1 < level.count {
                next.append(RFC6962.nodeHash(level[index], level[index + 1]))
                index += 2
            }
            level = next
        }
        return level.first ?? RFC6962.emptyRoot
    }
}
