import Foundation

/// A 32-byte SHA-256 value: a leaf hash, an interior node hash or a tree root.
///
/// Stored inline as four machine words (no heap allocation) because the verifier handles
/// millions of them; equality and hashing compare the words. The byte order of `bytes` is the
/// digest's own order, so a value written to a database and read back is identical.
public struct MerkleHash: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    /// Reads a hash from exactly 32 bytes.
    ///
    /// - Throws: `MerkleHashError.wrongLength` when `bytes` is not 32 bytes long.
    public init(bytes: some Collection<UInt8>) throws(MerkleHashError) {
        guard bytes.count == Self.byteCount else { throw .wrongLength(bytes.count) }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw.copyBytes(from: bytes)
        }
        (w0, w1, w2, w3) = words
    }

    /// Reads a hash from a raw buffer the caller guarantees to hold at least 32 bytes.
    @inlinable
    init(unsafeFirst32Of raw: UnsafeRawBufferPointer) {
        w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Parses 64 hexadecimal digits (either case).
    public init(hex: String) throws(MerkleHashError) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 2 * Self.byteCount else { throw .badHex(hex) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < utf8.count {
            guard let high = Self.hexValue(utf8[index]), let low = Self.hexValue(utf8[index + 1]) else {
                throw .badHex(hex)
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        try self.init(bytes: bytes)
    }

    /// Parses standard base64 (RFC 4648 §4, with padding), the encoding used by checkpoints.
    public init(base64: String) throws(MerkleHashError) {
        guard let data = Data(base64Encoded: base64) else { throw .badBase64(base64) }
        try self.init(bytes: data)
    }

    /// Calls `body` with the 32 bytes of the hash, without copying them to the heap.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// The 32 bytes of the hash.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The hash as `Data`, e.g. for a BLOB column.
    public var data: Data { withUnsafeBytes { Data($0) } }

    /// Lower-case hexadecimal, 64 characters.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        withUnsafeBytes { raw in
            for byte in raw {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard base64 with padding (44 characters).
    public var base64: String { data.base64EncodedString() }

    public var description: String { hex }

    /// Orders hashes by their bytes, lexicographically.
    public static func < (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.withUnsafeBytes { l in rhs.withUnsafeBytes { r in l.lexicographicallyPrecedes(r) } }
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Hashes travel as base64 strings in JSON (the form RFC 9162 clients and the test vectors use).
extension MerkleHash: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(base64: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a base64 SHA-256 hash: \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(base64)
    }
}

/// Why bytes or text could not be read as a `MerkleHash`.
public enum MerkleHashError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input had this many bytes instead of 32.
    case wrongLength(Int)
    /// The text is not 64 hexadecimal digits.
    case badHex(String)
    /// The text is not valid standard base64.
    case badBase64(String)

    public var description: String {
        switch self {
        case .wrongLength(let count): "hash has \(count) bytes, want 32"
        case .badHex(let text): "not 64 hexadecimal digits: \"\(text.prefix(80))\""
        case .badBase64(let text): "not valid base64: \"\(text.prefix(80))\""
        }
    }
}
