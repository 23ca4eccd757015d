/// The CRC-16/MCRF4XX checksum (the "X.25" CRC of the MAVLink specification) that ends every
/// MAVLink frame.
///
/// Start from a fresh value, ``add(_:)`` the bytes after the frame's start marker up to
/// the end of the payload, then the message's CRC_EXTRA byte; ``value`` is what the frame's last
/// two bytes hold, little-endian.
public struct X25CRC: Sendable, Equatable {
    /// The checksum of the bytes added so far (`0xFFFF` before any).
    public private(set) var value: UInt16 = 0xFFFF

    /// A checksum with no bytes added yet.
    public init() {}

    /// The checksum of `bytes`.
    public init(_ bytes: some Sequence<UInt8>) {
        add(bytes)
    }

    /// Folds one byte into the checksum.
    public mutating func add(_ byte: UInt8) {
        // The reference implementation's 8-bit `tmp`, widened: the masks keep it within a byte.
        var tmp = UInt16(byte) ^ (value & 0xFF)
        tmp ^= (tmp << 4) & 0xFF
        value = (value >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4)
    }

    /// Folds `bytes`, in order, into the checksum.
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }
}
