import Foundation

/// Deterministic UUIDs for objects named in a jurisdiction file, so that reloading the same
/// file (or regenerating the demo with the same seed) yields the same identifiers.
///
/// The 128 bits come from two independent 64-bit FNV-1a hashes of the name; the version
/// nibble is set to 8 ("custom", RFC 9562) so they never pass for random v4 UUIDs.
public enum StableID {
    public static func unit(callSign: String) -> UUID { make(namespace: "unit", name: callSign) }

    public static func make(namespace: String, name: String) -> UUID {
        let bytes = Array("\(namespace):\(name)".utf8)
        var high = fnv1a(bytes, offset: 0xcbf2_9ce4_8422_2325)
        var low = fnv1a(bytes, offset: 0x84222325_cbf29ce4)
        high = (high & ~0xF000) | 0x8000  // version 8 in bits 48..51
        low = (low & ~(0xC000_0000_0000_0000)) | 0x8000_0000_0000_0000  // RFC variant
        var raw = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            raw[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
            raw[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
        }
        return UUID(
            uuid: (
                raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]
            ))
    }

    private static func fnv1a(_ bytes: [UInt8], offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
