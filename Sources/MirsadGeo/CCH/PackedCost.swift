/// A path cost packed into 64 bits: travel time in milliseconds in the high 32 bits and
/// length in decimetres in the low 32 bits.
///
/// Adding two packed costs adds both parts (lengths of city routes stay far below 2^32 dm),
/// and comparing them orders by time first and length second. Every search in the module
/// therefore finds the fastest path and, among equally fast ones, the shortest, and all of
/// them agree to the decimetre.
typealias PackedCost = UInt64

enum Cost {
    /// "Unreachable". Sums of two values ≤ infinity never overflow 64 bits.
    static let infinity: PackedCost = 1 << 62

    @inline(__always)
    static func pack(ms: UInt32, dm: UInt32) -> PackedCost { PackedCost(ms) << 32 | PackedCost(dm) }

    @inline(__always)
    static func milliseconds(_ c: PackedCost) -> UInt32 { UInt32(truncatingIfNeeded: c >> 32) }

    @inline(__always)
    static func decimeters(_ c: PackedCost) -> UInt32 { UInt32(truncatingIfNeeded: c) }

    /// Seconds of a reachable cost.
    static func seconds(_ c: PackedCost) -> Double { Double(milliseconds(c)) / 1000 }

    /// Metres of a reachable cost.
    static func meters(_ c: PackedCost) -> Double { Double(decimeters(c)) / 10 }

    /// The cost of driving `fraction` (0...1) of an edge, rounded per part.
    @inline(__always)
    static func fraction(_ c: PackedCost, _ fraction: Double) -> PackedCost {
        guard c < infinity else { return infinity }
        let f = min(max(fraction, 0), 1)
        let ms = UInt32((Double(milliseconds(c)) * f).rounded())
        let dm = UInt32((Double(decimeters(c)) * f).rounded())
        return pack(ms: ms, dm: dm)
    }

    /// An edge cost with its time multiplied by `factor` (≥ 1 for slowdowns).
    static func slowed(_ c: PackedCost, by factor: Double) -> PackedCost {
        guard c < infinity else { return infinity }
        let ms = Double(milliseconds(c)) * factor
        guard ms < Double(UInt32.max) else { return infinity }
        return pack(ms: UInt32(ms.rounded()), dm: decimeters(c))
    }
}
