import Foundation
import Testing

@testable import MirsadAudit

@Suite("Proof generation and verification")
struct ProofTests {
    static let leaves = testLeafHashes(70)

    static func log(size: Int, stride: Int) -> InMemoryMerkleLog {
        var log = InMemoryMerkleLog(levels: MerkleSubtreeLevels(stride: stride))
        for leaf in leaves.prefix(size) { log.append(leafHash: leaf) }
        return log
    }

    @Test(arguments: [0, 2, 3])
    func inclusionProofsForEveryLeafOfSmallTrees(stride: Int) async throws {
        let log = Self.log(size: 40, stride: stride)
        for size in 1...40 {
            let root = NaiveMerkle.root(Self.leaves[0..<size])
            for index in 0..<size {
                let proof = try await log.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
                #expect(proof.hashes == NaiveMerkle.path(index, Self.leaves[0..<size]), "leaf \(index) of \(size)")
                #expect(
                    proof.hashes.count
                        == MerkleVerifier.inclusionProofLength(
                            leafIndex: UInt64(index), treeSize: UInt64(size)))
                try proof.verify(leafHash: Self.leaves[index], root: root)
                // Wrong leaf, wrong root and wrong index must all fail.
                #expect(throws: MerkleProofError.self) {
                    try proof.verify(leafHash: Self.leaves[(index + 1) % 70], root: root)
                }
                #expect(throws: MerkleProofError.self) {
                    try proof.verify(leafHash: Self.leaves[index], root: RFC6962.emptyRoot)
                }
                if size > 1 {
                    let moved = InclusionProof(
                        leafIndex: UInt64((index + 1) % size), treeSize: UInt64(size), hashes: proof.hashes)
                    #expect(throws: MerkleProofError.self) {
                        try moved.verify(leafHash: Self.leaves[index], root: root)
                    }
                }
            }
        }
    }

    @Test(arguments: [0, 2, 3])
    func consistencyProofsForAllPairsOfSmallTrees(stride: Int) async throws {
        let log = Self.log(size: 40, stride: stride)
        for newSize in 1...40 {
            let newRoot = NaiveMerkle.root(Self.leaves[0..<newSize])
            for oldSize in 1...newSize {
                let oldRoot = NaiveMerkle.root(Self.leaves[0..<oldSize])
                let proof = try await log.consistencyProof(from: UInt64(oldSize), to: UInt64(newSize))
                #expect(
                    proof.hashes == NaiveMerkle.subproof(oldSize, Self.leaves[0..<newSize], true),
                    "\(oldSize) → \(newSize)")
                #expect(
                    proof.hashes.count
                        == MerkleVerifier.consistencyProofLength(
                            size1: UInt64(oldSize), size2: UInt64(newSize)))
                try proof.verify(oldRoot: oldRoot, newRoot: newRoot)
                if oldSize < newSize {
                    #expect(throws: MerkleProofError.self) { try proof.verify(oldRoot: newRoot, newRoot: oldRoot) }
                    for position in proof.hashes.indices {
                        var tampered = proof.hashes
                        tampered[position] = RFC6962.nodeHash(tampered[position], tampered[position])
                        let bad = ConsistencyProof(fromSize: proof.fromSize, toSize: proof.toSize, hashes: tampered)
                        #expect(throws: MerkleProofError.self) { try bad.verify(oldRoot: oldRoot, newRoot: newRoot) }
                    }
                }
            }
        }
    }

    @Test func proofsAtLargeSizeReadFewHashes() async throws {
        var log = InMemoryMerkleLog(levels: .every8)
        var entries = 0
        while entries < 200_003 {
            log.append(entry: Array("entry \(entries)".utf8))
            entries += 1
        }
        let source = CountingSource(log)
        let size = UInt64(entries)
        let root = log.root
        #expect(try await source.root(ofSize: size) == root)
        for index in [UInt64(0), 1, 65_535, 131_072, 199_999, size - 1] {
            source.reset()
            let proof = try await source.inclusionProof(leafIndex: index, treeSize: size)
            try proof.verify(leafHash: RFC6962.leafHash(Array("entry \(index)".utf8)), root: root)
            // Each level band (0-7, 8-15, 16-17) costs at most 256 hashes per proof node: far below the log size.
            #expect(source.hashesRead < 3 * 256 * 4, "read \(source.hashesRead) hashes for leaf \(index)")
        }
        source.reset()
        let consistency = try await source.consistencyProof(from: 100_001, to: size)
        try consistency.verify(oldRoot: try await log.root(ofSize: 100_001), newRoot: root)
        #expect(source.hashesRead < 10_000)
    }

    @Test func verifierRejectsMalformedByteInput() {
        let leaf = RFC6962.leafHash(Array("a".utf8))
        #expect(throws: MerkleProofError.malformedHash(field: "leafHash", byteCount: 3)) {
            try MerkleVerifier.verifyInclusion(
                leafIndex: 0, treeSize: 1, leafHash: [1, 2, 3], proof: [[UInt8]](),
                root: leaf.bytes)
        }
        #expect(throws: MerkleProofError.leafIndexOutOfRange(leafIndex: 1, treeSize: 1)) {
            try MerkleVerifier.verifyInclusion(
                leafIndex: 1, treeSize: 1, leafHash: leaf.bytes,
                proof: [[UInt8]](), root: leaf.bytes)
        }
        #expect(throws: MerkleProofError.fromEmptyTree) {
            try MerkleVerifier.verifyConsistency(
                size1: 0, size2: 0, proof: [[UInt8]](), root1: leaf.bytes,
                root2: leaf.bytes)
        }
    }
}
