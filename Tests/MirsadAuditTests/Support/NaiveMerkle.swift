@testable import MirsadAudit

/// Textbook RFC 6962 recursion over arrays: slow, obviously correct, the yardstick for the engine.
enum NaiveMerkle {
    static func root(_ leaves: ArraySlice<MerkleHash>) -> MerkleHash {
        switch leaves.count {
        case 0: return RFC6962.emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            let k = largestPowerOfTwoBelow(leaves.count)
            let mid = leaves.startIndex + k
            return RFC6962.nodeHash(root(leaves[leaves.startIndex..<mid]), root(leaves[mid...]))
        }
    }

    /// PATH(m, D[n]) of RFC 6962 §2.1.1.
    static func path(_ m: Int, _ leaves: ArraySlice<MerkleHash>) -> [MerkleHash] {
        guard leaves.count > 1 else { return [] }
        let k = largestPowerOfTwoBelow(leaves.count)
        let mid = leaves.startIndex + k
        if m < k {
            return path(m, leaves[leaves.startIndex..<mid]) + [root(leaves[mid...])]
        }
        return path(m - k, leaves[mid...]) + [root(leaves[leaves.startIndex..<mid])]
    }

    /// SUBPROOF(m, D[n], b) of RFC 6962 §2.1.2.
    static func subproof(_ m: Int, _ leaves: ArraySlice<MerkleHash>, _ complete: Bool) -> [MerkleHash] {
        let n = leaves.count
        if m == n { return complete ? [] : [root(leaves)] }
        let k = largestPowerOfTwoBelow(n)
        let mid = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[leaves.startIndex..<mid], complete) + [root(leaves[mid...])]
        }
        return subproof(m - k, leaves[mid...], false) + [root(leaves[leaves.startIndex..<mid])]
    }

    static func largestPowerOfTwoBelow(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}

/// Deterministic test leaves: entry `i` is the UTF-8 text "entry <i>".
func testLeafHashes(_ count: Int) -> [MerkleHash] {
    (0..<count).map { RFC6962.leafHash(Array("entry \($0)".utf8)) }
}
