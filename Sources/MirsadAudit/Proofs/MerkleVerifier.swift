import Foundation

/// Verification of RFC 9162 inclusion and consistency proofs (§2.1.3.2 and §2.1.4.2).
///
/// Pure functions with no knowledge of where proofs come from, so an agency that keeps our
/// checkpoints can run them against a server it does not trust. The byte-level overloads
/// accept what arrives off the wire and reject malformed hashes instead of trapping.
public enum MerkleVerifier {
    // MARK: Inclusion

    /// Recomputes the root from a leaf hash and its audit path.
    public static func rootFromInclusionProof(
        leafHash: MerkleHash, leafIndex: UInt64, treeSize: UInt64, proof: [MerkleHash]
    ) throws(MerkleProofError) -> MerkleHash {
        guard leafIndex < treeSize else {
            throw .leafIndexOutOfRange(leafIndex: leafIndex, treeSize: treeSize)
        }
        let want = inclusionProofLength(leafIndex: leafIndex, treeSize: treeSize)
        guard proof.count == want else { throw .wrongProofLength(got: proof.count, want: want) }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for p in proof {
            // Cannot happen once the length matched, but the RFC's own guard costs nothing.
            guard sn != 0 else { throw .wrongProofLength(got: proof.count, want: want) }
            if fn & 1 == 1 || fn == sn {
                r = RFC6962.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = RFC6962.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength(got: proof.count, want: want) }
        return r
    }

    /// Checks that `leafHash` is the leaf at `leafIndex` of the tree of `treeSize` leaves with head `root`.
    public static func verifyInclusion(
        leafHash: MerkleHash, leafIndex: UInt64, treeSize: UInt64, proof: [MerkleHash], root: MerkleHash
    ) throws(MerkleProofError) {
        let computed = try rootFromInclusionProof(
            leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: proof)
        guard computed == root else { throw .rootMismatch(computed: computed, expected: root) }
    }

    /// Byte-level form for untrusted input: hashes of the wrong length are rejected with the field named.
    public static func verifyInclusion(
        leafIndex: UInt64, treeSize: UInt64, leafHash: some Collection<UInt8>, proof: [some Collection<UInt8>],
        root: some Collection<UInt8>
    ) throws(MerkleProofError) {
        guard leafIndex < treeSize else {
            throw .leafIndexOutOfRange(leafIndex: leafIndex, treeSize: treeSize)
        }
        try verifyInclusion(
            leafHash: hash(leafHash, field: "leafHash"), leafIndex: leafIndex, treeSize: treeSize,
            proof: hashes(proof), root: hash(root, field: "root"))
    }

    /// The number of hashes in an inclusion proof for `leafIndex` in a tree of `treeSize` (index < size).
    public static func inclusionProofLength(leafIndex: UInt64, treeSize: UInt64) -> Int {
        guard leafIndex < treeSize else { return 0 }
        // Levels where the leaf's path and the last leaf's path have not yet met, plus one
        // left sibling for each set bit above that point.
        let inner = 64 - (leafIndex ^ (treeSize - 1)).leadingZeroBitCount
        let border = (leafIndex >> UInt64(inner)).nonzeroBitCount
        return inner + border
    }

    // MARK: Consistency

    /// Checks that the tree of `size1` leaves with head `root1` is a prefix of the tree of
    /// `size2` leaves with head `root2`. Requires `0 < size1 ≤ size2`.
    public static func verifyConsistency(
        size1: UInt64, size2: UInt64, proof: [MerkleHash], root1: MerkleHash, root2: MerkleHash
    ) throws(MerkleProofError) {
        try checkConsistencySizes(size1: size1, size2: size2, proofCount: proof.count)
        if size1 == size2 {
            guard root1 == root2 else { throw .rootsDifferForEqualSizes }
            return
        }
        let want = consistencyProofLength(size1: size1, size2: size2)
        guard proof.count == want else { throw .wrongProofLength(got: proof.count, want: want) }
        var path = proof[...]
        // A first tree that is itself a complete subtree is not repeated in the proof.
        let seed: MerkleHash
        if size1.nonzeroBitCount == 1 {
            seed = root1
        } else {
            seed = path.removeFirst()
        }
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = seed
        var sr = seed
        for c in path {
            guard sn != 0 else { throw .wrongProofLength(got: proof.count, want: want) }
            if fn & 1 == 1 || fn == sn {
                fr = RFC6962.nodeHash(c, fr)
                sr = RFC6962.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = RFC6962.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength(got: proof.count, want: want) }
        guard fr == root1 else { throw .oldRootMismatch(computed: fr, expected: root1) }
        guard sr == root2 else { throw .rootMismatch(computed: sr, expected: root2) }
    }

    /// Byte-level form for untrusted input. When the sizes are equal the roots are compared as
    /// given, byte for byte, as RFC 9162 does; otherwise every hash must be 32 bytes.
    public static func verifyConsistency(
        size1: UInt64, size2: UInt64, proof: [some Collection<UInt8>], root1: some Collection<UInt8>,
        root2: some Collection<UInt8>
    ) throws(MerkleProofError) {
        try checkConsistencySizes(size1: size1, size2: size2, proofCount: proof.count)
        if size1 == size2 {
            guard root1.elementsEqual(root2) else { throw .rootsDifferForEqualSizes }
            return
        }
        try verifyConsistency(
            size1: size1, size2: size2, proof: hashes(proof), root1: hash(root1, field: "root1"),
            root2: hash(root2, field: "root2"))
    }

    /// The number of hashes in a consistency proof between `size1` and `size2` (0 < size1 ≤ size2).
    public static func consistencyProofLength(size1: UInt64, size2: UInt64) -> Int {
        guard size1 > 0, size1 < size2 else { return 0 }
        let shift = size1.trailingZeroBitCount
        let inner = 64 - ((size1 - 1) ^ (size2 - 1)).leadingZeroBitCount - shift
        let border = ((size1 - 1) >> UInt64(64 - ((size1 - 1) ^ (size2 - 1)).leadingZeroBitCount)).nonzeroBitCount
        let seedIncluded = size1.nonzeroBitCount == 1 ? 0 : 1
        return seedIncluded + inner + border
    }

    private static func checkConsistencySizes(size1: UInt64, size2: UInt64, proofCount: Int) throws(MerkleProofError) {
        guard size1 <= size2 else { throw .sizesDecrease(size1: size1, size2: size2) }
        guard size1 > 0 else { throw .fromEmptyTree }
        if size1 == size2 {
            guard proofCount == 0 else { throw .nonEmptyProofForEqualSizes(count: proofCount) }
        } else {
            guard proofCount > 0 else { throw .emptyProof }
        }
    }

    private static func hash(_ bytes: some Collection<UInt8>, field: String) throws(MerkleProofError) -> MerkleHash {
        do {
            return try MerkleHash(bytes: bytes)
        } catch {
            throw .malformedHash(field: field, byteCount: bytes.count)
        }
    }

    private static func hashes(_ proof: [some Collection<UInt8>]) throws(MerkleProofError) -> [MerkleHash] {
        var result: [MerkleHash] = []
        result.reserveCapacity(proof.count)
        for (index, element) in proof.enumerated() {
            result.append(try hash(element, field: "proof[\(index)]"))
        }
        return result
    }
}
