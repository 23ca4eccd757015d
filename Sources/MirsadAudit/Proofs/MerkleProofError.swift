/// Why a proof was rejected. Every rejection is an error; there is no "maybe".
public enum MerkleProofError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The leaf index is not below the tree size.
    case leafIndexOutOfRange(leafIndex: UInt64, treeSize: UInt64)
    /// The proof has more or fewer hashes than the tree shape allows.
    case wrongProofLength(got: Int, want: Int)
    /// The root computed from the proof differs from the root claimed.
    case rootMismatch(computed: MerkleHash, expected: MerkleHash)
    /// The older root recomputed from a consistency proof differs from the one claimed.
    case oldRootMismatch(computed: MerkleHash, expected: MerkleHash)
    /// `size2 < size1`: a log never shrinks.
    case sizesDecrease(size1: UInt64, size2: UInt64)
    /// `size1 == 0`: every tree extends the empty tree, so such a proof proves nothing.
    case fromEmptyTree
    /// `size1 == size2` but the proof is not empty.
    case nonEmptyProofForEqualSizes(count: Int)
    /// `size1 == size2` but the two roots differ.
    case rootsDifferForEqualSizes
    /// `size1 < size2` but no proof hashes were given.
    case emptyProof
    /// The proof was made for other tree sizes than the ones being checked.
    case proofForOtherSizes(proofFrom: UInt64, proofTo: UInt64, from: UInt64, to: UInt64)
    /// A byte string given as a hash is not 32 bytes (`field` names it: "leafHash", "root", "proof[3]").
    case malformedHash(field: String, byteCount: Int)

    public var description: String {
        switch self {
        case .leafIndexOutOfRange(let leafIndex, let treeSize):
            "leaf index \(leafIndex) is not below tree size \(treeSize)"
        case .wrongProofLength(let got, let want):
            "proof has \(got) hashes, the tree shape needs \(want)"
        case .rootMismatch(let computed, let expected):
            "computed root \(computed) does not match expected root \(expected)"
        case .oldRootMismatch(let computed, let expected):
            "computed old root \(computed) does not match expected old root \(expected)"
        case .sizesDecrease(let size1, let size2):
            "second size \(size2) is smaller than first size \(size1)"
        case .fromEmptyTree:
            "a consistency proof from the empty tree is meaningless"
        case .nonEmptyProofForEqualSizes(let count):
            "sizes are equal but the proof has \(count) hashes"
        case .rootsDifferForEqualSizes:
            "sizes are equal but the roots differ"
        case .emptyProof:
            "sizes differ but the proof is empty"
        case .proofForOtherSizes(let proofFrom, let proofTo, let from, let to):
            "proof is for sizes \(proofFrom) → \(proofTo), not \(from) → \(to)"
        case .malformedHash(let field, let byteCount):
            "\(field) has \(byteCount) bytes, want 32"
        }
    }
}
