import Foundation
import Testing

@testable import MirsadAudit

@Suite("RFC 6962 hashing")
struct HashingTests {
    /// Roots of the 8-leaf reference tree of RFC 6962 implementations (transparency-dev/merkle,
    /// certificate-transparency-go): leaves "", 00, 10, 2021, 3031, 40414243, 5051525354555657,
    /// 606162636465666768696a6b6c6d6e6f; root of the first i+1 leaves at index i.
    static let referenceLeaves = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ]
    static let referenceRoots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = hex.makeIterator()
        while let high = chars.next(), let low = chars.next() {
            out.append(UInt8(String([high, low]), radix: 16)!)
        }
        return out
    }

    @Test func emptyRootIsSHA256OfNothing() {
        #expect(RFC6962.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleFrontier().root == RFC6962.emptyRoot)
    }

    @Test func referenceTreeRoots() throws {
        var frontier = MerkleFrontier()
        for (index, leafHex) in Self.referenceLeaves.enumerated() {
            frontier.append(RFC6962.leafHash(Self.bytes(hex: leafHex)))
            #expect(frontier.root.hex == Self.referenceRoots[index], "root of size \(index + 1)")
        }
    }

    @Test func leafAndNodeDomainsDiffer() {
        let a = RFC6962.leafHash(Array("a".utf8))
        let b = RFC6962.leafHash(Array("b".utf8))
        var concatenated = a.bytes
        concatenated.append(contentsOf: b.bytes)
        // A leaf whose bytes are two hashes must not collide with the node over them.
        #expect(RFC6962.leafHash(concatenated) != RFC6962.nodeHash(a, b))
        #expect(RFC6962.nodeHash(a, b) != RFC6962.nodeHash(b, a))
    }

    @Test func hashTextForms() throws {
        let hash = RFC6962.leafHash(Array("x".utf8))
        #expect(try MerkleHash(hex: hash.hex) == hash)
        #expect(try MerkleHash(hex: hash.hex.uppercased()) == hash)
        #expect(try MerkleHash(base64: hash.base64) == hash)
        #expect(try MerkleHash(bytes: hash.data) == hash)
        #expect(throws: MerkleHashError.wrongLength(31)) { try MerkleHash(bytes: [UInt8](repeating: 0, count: 31)) }
        #expect(throws: MerkleHashError.badHex("zz")) { try MerkleHash(hex: "zz") }
        #expect(throws: MerkleHashError.badBase64("not base64!")) { try MerkleHash(base64: "not base64!") }
        let json = try JSONEncoder().encode([hash])
        #expect(try JSONDecoder().decode([MerkleHash].self, from: json) == [hash])
    }
}
