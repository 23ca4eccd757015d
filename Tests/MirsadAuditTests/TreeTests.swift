import Foundation
import Testing

@testable import MirsadAudit

@Suite("Incremental tree and prefix roots")
struct TreeTests {
    static let leaves = testLeafHashes(301)

    @Test func frontierRootMatchesNaiveForSizes0Through300() {
        var frontier = MerkleFrontier()
        #expect(frontier.root == NaiveMerkle.root(Self.leaves[0..<0]))
        for size in 1...300 {
            frontier.append(Self.leaves[size - 1])
            #expect(frontier.size == UInt64(size))
            #expect(frontier.hashes.count == size.nonzeroBitCount)
            #expect(frontier.root == NaiveMerkle.root(Self.leaves[0..<size]), "size \(size)")
        }
    }

    @Test(arguments: [0, 1, 2, 3, 8])
    func prefixRootsFromSourceMatchNaive(stride: Int) async throws {
        var log = InMemoryMerkleLog(levels: MerkleSubtreeLevels(stride: stride))
        for leaf in Self.leaves.prefix(300) { log.append(leafHash: leaf) }
        for size in 0...300 {
            let root = try await log.root(ofSize: UInt64(size))
            #expect(root == NaiveMerkle.root(Self.leaves[0..<size]), "size \(size), stride \(stride)")
        }
    }

    @Test func frontierRebuiltFromSourceEqualsIncremental() async throws {
        var log = InMemoryMerkleLog(levels: MerkleSubtreeLevels(stride: 2))
        var frontiers = [MerkleFrontier()]
        for leaf in Self.leaves.prefix(200) {
            log.append(leafHash: leaf)
            frontiers.append(log.frontier)
        }
        for size in [0, 1, 2, 7, 64, 127, 128, 129, 200] {
            let rebuilt = try await log.frontier(ofSize: UInt64(size))
            #expect(rebuilt == frontiers[size], "size \(size)")
            #expect(rebuilt.nodeIDs.map(\.leafRange.count).reduce(0, +) == size)
        }
        // A rebuilt frontier keeps growing to the same tree.
        var resumed = try await log.frontier(ofSize: 129)
        for leaf in Self.leaves[129..<200] { resumed.append(leaf) }
        #expect(resumed.root == log.root)
    }

    @Test func completedSubtreesAreReportedWithTheirPositions() {
        var frontier = MerkleFrontier()
        var reported: [MerkleNodeID: MerkleHash] = [:]
        for leaf in Self.leaves.prefix(16) {
            frontier.append(leaf) { node, hash in reported[node] = hash }
        }
        #expect(reported.count == 31)  // 16 leaves + 8 + 4 + 2 + 1
        for (node, hash) in reported {
            let range = node.leafRange
            #expect(hash == NaiveMerkle.root(Self.leaves[Int(range.lowerBound)..<Int(range.upperBound)]), "\(node)")
        }
    }

    @Test func frontierCodableRoundTripAndShapeCheck() throws {
        var frontier = MerkleFrontier()
        for leaf in Self.leaves.prefix(11) { frontier.append(leaf) }
        let json = try JSONEncoder().encode(frontier)
        #expect(try JSONDecoder().decode(MerkleFrontier.self, from: json) == frontier)
        #expect(throws: MerkleTreeError.frontierShape(size: 11, hashCount: 2)) {
            try MerkleFrontier(size: 11, hashes: Array(frontier.hashes.prefix(2)))
        }
        let bad = #"{"size": 4, "hashes": []}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MerkleFrontier.self, from: Data(bad.utf8)) }
    }

    @Test func sourceRejectsRequestsBeyondItsSize() async throws {
        var log = InMemoryMerkleLog()
        for leaf in Self.leaves.prefix(5) { log.append(leafHash: leaf) }
        await #expect(throws: MerkleTreeError.self) { try await log.root(ofSize: 6) }
        await #expect(throws: MerkleTreeError.indexOutOfRange(index: 5, treeSize: 5)) {
            try await log.inclusionProof(leafIndex: 5, treeSize: 5)
        }
        await #expect(throws: MerkleTreeError.invalidConsistencyRange(from: 0, to: 5)) {
            try await log.consistencyProof(from: 0, to: 5)
        }
        await #expect(throws: MerkleTreeError.invalidConsistencyRange(from: 5, to: 4)) {
            try await log.consistencyProof(from: 5, to: 4)
        }
    }
}

@Suite("What the store persists per append")
struct StoreAppendTests {
    @Test func appendReportsLeafAndPersistedSubtrees() async throws {
        var frontier = MerkleFrontier()
        var stored: [Int: [MerkleHash]] = [:]
        var leafHashes: [MerkleHash] = []
        for index in 0..<1030 {
            let entry = Data("entry \(index)".utf8)
            let written = frontier.append(entry: entry, persisting: MerkleSubtreeLevels(stride: 4))
            #expect(written.leafIndex == UInt64(index))
            #expect(written.leafHash == RFC6962.leafHash(entry))
            leafHashes.append(written.leafHash)
            for subtree in written.subtrees {
                #expect(subtree.level % 4 == 0 && subtree.level > 0)
                #expect(UInt64(stored[subtree.level, default: []].count) == subtree.index)
                stored[subtree.level, default: []].append(subtree.hash)
            }
        }
        // Levels 4 and 8 complete every 16 and 256 leaves.
        #expect(stored[4]?.count == 1030 / 16)
        #expect(stored[8]?.count == 1030 / 256)
        #expect(stored[12] == nil)
        let reference = NaiveMerkle.root(leafHashes[0..<256])
        #expect(stored[8]?.first == reference)
        #expect(frontier.root == NaiveMerkle.root(leafHashes[...]))
    }
}
