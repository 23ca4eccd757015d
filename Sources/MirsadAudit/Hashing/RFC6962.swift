import Crypto
import Foundation

/// The hashing rules of RFC 6962 §2.1 / RFC 9162 §2.1.1 with SHA-256.
///
/// The one-byte prefixes keep a leaf hash from ever equalling an interior node hash, so a
/// proof cannot pass an interior node off as an entry (second-preimage resistance).
public enum RFC6962 {
    /// Prefix of a leaf: `SHA-256(0x00 ‖ entry)`.
    public static let leafPrefix: UInt8 = 0x00
    /// Prefix of an interior node: `SHA-256(0x01 ‖ left ‖ right)`.
    public static let nodePrefix: UInt8 = 0x01

    /// The root of the empty tree, `SHA-256("")`.
    public static let emptyRoot: MerkleHash = digest { _ in }

    /// The leaf hash of an entry's canonical bytes.
    public static func leafHash(_ entry: some DataProtocol) -> MerkleHash {
        digest { hasher in
            withUnsafeBytes(of: leafPrefix) { hasher.update(bufferPointer: $0) }
            hasher.update(data: entry)
        }
    }

    /// The leaf hash of canonical bytes given as a raw buffer (no copy).
    public static func leafHash(bytes entry: UnsafeRawBufferPointer) -> MerkleHash {
        digest { hasher in
            withUnsafeBytes(of: leafPrefix) { hasher.update(bufferPointer: $0) }
            hasher.update(bufferPointer: entry)
        }
    }

    /// The hash of an interior node from its two children.
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        // The 65-byte message (prefix, left, right) is laid out on the stack and hashed in one call.
        var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        return withUnsafeMutableBytes(of: &block) { raw in
            raw[0] = nodePrefix
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[33..<65]).copyMemory(from: $0) }
            return SHA256.hash(data: UnsafeRawBufferPointer(rebasing: raw[0..<65]))
                .withUnsafeBytes { MerkleHash(unsafeFirst32Of: $0) }
        }
    }

    @inline(__always)
    private static func digest(_ feed: (inout SHA256) -> Void) -> MerkleHash {
        var hasher = SHA256()
        feed(&hasher)
        return hasher.finalize().withUnsafeBytes { MerkleHash(unsafeFirst32Of: $0) }
    }
}
