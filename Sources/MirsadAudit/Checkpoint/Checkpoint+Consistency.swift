extension Checkpoint {
    /// Checks that this checkpoint extends `older` (the log only grew), using a consistency
    /// proof fetched from the server. A checkpoint keeper runs this before appending.
    ///
    /// Equal sizes need equal roots and an empty proof; an empty `older` is extended by anything.
    public func verifyExtends(_ older: Checkpoint, proof: ConsistencyProof) throws(MerkleProofError) {
        guard older.size <= size else { throw .sizesDecrease(size1: older.size, size2: size) }
        if older.size == 0 {
            guard older.rootHash == RFC6962.emptyRoot else {
                throw .oldRootMismatch(computed: RFC6962.emptyRoot, expected: older.rootHash)
            }
            return
        }
        guard proof.fromSize == older.size, proof.toSize == size else {
            throw .proofForOtherSizes(proofFrom: proof.fromSize, proofTo: proof.toSize, from: older.size, to: size)
        }
        try MerkleVerifier.verifyConsistency(
            size1: older.size, size2: size, proof: proof.hashes, root1: older.rootHash, root2: rootHash)
    }
}
