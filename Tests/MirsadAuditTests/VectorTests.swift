import Foundation
import MirsadTestSupport
import Testing

@testable import MirsadAudit

/// The transparency-dev/merkle test vectors in ../shared/data/merkle: every happy path must
/// verify and every corrupted proof must be rejected.
@Suite(
    "transparency-dev/merkle vectors", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage))
)
struct VectorTests {
    struct InclusionVector: Decodable {
        let leafIdx: UInt64
        let treeSize: UInt64
        let root: String
        let leafHash: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    struct ConsistencyVector: Decodable {
        let size1: UInt64
        let size2: UInt64
        let root1: String
        let root2: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    static func files(under relative: String) throws -> [URL] {
        let root = try #require(SharedData.file(relative))
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
    }

    static func bytes(_ base64: String, in file: URL) throws -> [UInt8] {
        try [UInt8](#require(Data(base64Encoded: base64), "bad base64 in \(file.lastPathComponent)"))
    }

    @Test func everyInclusionVector() throws {
        let files = try Self.files(under: "merkle/inclusion")
        #expect(files.count >= 70)
        var accepted = 0
        var rejected = 0
        for file in files {
            let vector = try JSONDecoder().decode(InclusionVector.self, from: Data(contentsOf: file))
            let proof = try (vector.proof ?? []).map { try Self.bytes($0, in: file) }
            let leafHash = try Self.bytes(vector.leafHash, in: file)
            let root = try Self.bytes(vector.root, in: file)
            let result = Result { () throws(MerkleProofError) in
                try MerkleVerifier.verifyInclusion(
                    leafIndex: vector.leafIdx, treeSize: vector.treeSize, leafHash: leafHash, proof: proof, root: root)
            }
            let failed: Bool
            switch result {
            case .success:
                failed = false
                accepted += 1
            case .failure:
                failed = true
                rejected += 1
            }
            #expect(failed == vector.wantErr, "\(file.path): \(vector.desc) wantErr=\(vector.wantErr) got \(result)")
        }
        #expect(accepted > 0 && rejected > accepted)
    }

    @Test func everyConsistencyVector() throws {
        let files = try Self.files(under: "merkle/consistency")
        #expect(files.count >= 90)
        var accepted = 0
        var rejected = 0
        for file in files {
            let vector = try JSONDecoder().decode(ConsistencyVector.self, from: Data(contentsOf: file))
            let proof = try (vector.proof ?? []).map { try Self.bytes($0, in: file) }
            let root1 = try Self.bytes(vector.root1, in: file)
            let root2 = try Self.bytes(vector.root2, in: file)
            let result = Result { () throws(MerkleProofError) in
                try MerkleVerifier.verifyConsistency(
                    size1: vector.size1, size2: vector.size2, proof: proof, root1: root1, root2: root2)
            }
            let failed: Bool
            switch result {
            case .success:
                failed = false
                accepted += 1
            case .failure:
                failed = true
                rejected += 1
            }
            #expect(failed == vector.wantErr, "\(file.path): \(vector.desc) wantErr=\(vector.wantErr) got \(result)")
        }
        #expect(accepted > 0 && rejected > accepted)
    }
}
