/// The append-only Merkle tree in O(log n) state: the roots of the complete subtrees that
/// make up `[0, size)`, one per set bit of `size` (a "compact range" from 0).
///
/// The server keeps one of these in memory and extends it per audit entry without rereading
/// anything; `root` is the RFC 6962 tree head at the current size. It is a value: keep the
/// copy from before a transaction and restore it if the transaction rolls back.
public struct MerkleFrontier: Sendable, Hashable {
    /// Number of leaves appended so far.
    public private(set) var size: UInt64
    /// Roots of the complete subtrees covering `[0, size)`, largest (leftmost) first.
    public private(set) var hashes: [MerkleHash]

    /// The empty tree.
    public init() {
        size = 0
        hashes = []
    }

    /// Restores a frontier that was persisted or rebuilt from stored subtree hashes.
    ///
    /// - Throws: `MerkleTreeError.frontierShape` unless there is exactly one hash per set bit of `size`.
    public init(size: UInt64, hashes: [MerkleHash]) throws(MerkleTreeError) {
        guard hashes.count == size.nonzeroBitCount else {
            throw .frontierShape(size: size, hashCount: hashes.count)
        }
        self.size = size
        self.hashes = hashes
    }

    /// The positions of `hashes`, in the same order.
    public var nodeIDs: [MerkleNodeID] { TreeMath.completeSubtrees(covering: 0..<size) }

    /// The root hash of the tree at its current size (`RFC6962.emptyRoot` when empty).
    public var root: MerkleHash { TreeMath.foldFromRight(hashes) }

    /// Appends one leaf hash.
    @inlinable
    public mutating func append(_ leafHash: MerkleHash) {
        append(leafHash) { _, _ in }
    }

    /// Appends one leaf hash and reports every complete subtree this append finishes, from the
    /// leaf itself (level 0) upwards, so the store can persist those its policy keeps
    /// (see `MerkleSubtreeLevels`).
    public mutating func append(_ leafHash: MerkleHash, completed: (MerkleNodeID, MerkleHash) -> Void) {
        let leafIndex = size
        var hash = leafHash
        var level = 0
        completed(MerkleNodeID(level: 0, index: leafIndex), hash)
        var remaining = leafIndex
        while remaining & 1 == 1 {
            hash = RFC6962.nodeHash(hashes.removeLast(), hash)
            remaining >>= 1
            level += 1
            completed(MerkleNodeID(level: level, index: leafIndex >> UInt64(level)), hash)
        }
        hashes.append(hash)
        size = leafIndex + 1
    }
}

/// Persisted as `{"size": n, "hashes": [base64, ...]}`; decoding checks the shape.
extension MerkleFrontier: Codable {
    private enum CodingKeys: String, CodingKey { case size, hashes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let size = try container.decode(UInt64.self, forKey: .size)
        let hashes = try container.decode([MerkleHash].self, forKey: .hashes)
        do {
            try self.init(size: size, hashes: hashes)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .hashes, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(size, forKey: .size)
        try container.encode(hashes, forKey: .hashes)
    }
}

/// Misuse of the tree or its hash source, reported instead of trapping.
public enum MerkleTreeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A frontier for `size` needs one hash per set bit of `size`.
    case frontierShape(size: UInt64, hashCount: Int)
    /// A leaf index or tree size outside what was asked about (e.g. index ≥ size).
    case indexOutOfRange(index: UInt64, treeSize: UInt64)
    /// Consistency proofs need `0 < from ≤ to`.
    case invalidConsistencyRange(from: UInt64, to: UInt64)
    /// The hash source answered with a different number of hashes than asked for.
    case sourceCountMismatch(level: Int, range: Range<UInt64>, got: Int)
    /// The hash source was asked for a subtree level it does not store.
    case levelNotStored(Int)

    public var description: String {
        switch self {
        case .frontierShape(let size, let count):
            "a frontier of size \(size) needs \(size.nonzeroBitCount) hashes, got \(count)"
        case .indexOutOfRange(let index, let treeSize):
            "index \(index) is not below tree size \(treeSize)"
        case .invalidConsistencyRange(let from, let to):
            "a consistency proof needs 0 < from ≤ to, got from \(from) to \(to)"
        case .sourceCountMismatch(let level, let range, let got):
            "hash source returned \(got) hashes for level \(level) indices \(range), "
                + "want \(range.upperBound - range.lowerBound)"
        case .levelNotStored(let level):
            "hash source does not store subtree level \(level)"
        }
    }
}
