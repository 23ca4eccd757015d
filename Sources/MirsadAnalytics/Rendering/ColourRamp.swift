import Foundation

/// Colour ramps for heat maps: a sequential yellow-orange-red (ColorBrewer YlOrRd) for
/// densities, risks and counts, and a diverging blue-white-red (ColorBrewer RdBu, reversed)
/// for z-scores and Moran's I, centred on zero so cold spots read blue and hot spots red.
public struct ColourRamp: Sendable {
    public let stops: [RGBA]
    public let minimum: Double
    public let maximum: Double

    static let sequentialStops = [
        RGBA(255, 255, 204), RGBA(255, 237, 160), RGBA(254, 217, 118), RGBA(254, 178, 76), RGBA(253, 141, 60),
        RGBA(252, 78, 42), RGBA(227, 26, 28), RGBA(189, 0, 38), RGBA(128, 0, 38),
    ]
    static let divergingStops = [
        RGBA(33, 102, 172), RGBA(67, 147, 195), RGBA(146, 197, 222), RGBA(209, 229, 240), RGBA(247, 247, 247),
        RGBA(253, 219, 199), RGBA(244, 165, 130), RGBA(214, 96, 77), RGBA(178, 24, 43),
    ]

    /// A ramp spanning the layer's values robustly (0.5–99.5th percentiles), symmetric about
    /// zero for diverging layers (at least ±1.96 so an all-quiet map stays pale).
    public init(for layer: GridLayer) {
        let finite = layer.values.filter(\.isFinite).sorted()
        func percentile(_ q: Double) -> Double {
            guard !finite.isEmpty else { return 0 }
            return finite[min(finite.count - 1, Int((q * Double(finite.count - 1)).rounded()))]
        }
        switch layer.scale {
        case .sequential:
            stops = Self.sequentialStops
            minimum = min(0, percentile(0))
            let top = percentile(0.995)
            maximum = top > minimum ? top : (finite.last ?? 1) > minimum ? (finite.last ?? 1) : minimum + 1
        case .diverging:
            stops = Self.divergingStops
            let bound = max(abs(percentile(0.005)), abs(percentile(0.995)), layer.measure.contains("z") ? 1.96 : 1e-12)
            minimum = -bound
            maximum = bound
        }
    }

    /// Position of a value on the ramp, 0...1 (clamped).
    public func position(_ value: Double) -> Double {
        guard value.isFinite, maximum > minimum else { return 0 }
        return min(1, max(0, (value - minimum) / (maximum - minimum)))
    }

    /// The colour of a value (linear between stops).
    public func colour(_ value: Double) -> RGBA {
        colour(at: position(value))
    }

    public func colour(at t: Double) -> RGBA {
        let scaled = t * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(scaled.rounded(.down)))
        let f = scaled - Double(i)
        let a = stops[i], b = stops[i + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - f) + Double(y) * f).rounded()) }
        return RGBA(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// Compact label for a legend value: 3 significant digits.
    public static func label(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.2e", value) }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}

/// A round scale-bar length (1, 2 or 5 × 10ⁿ metres) close to a target and its label.
enum ScaleBar {
    static func length(near target: Double) -> (metres: Double, label: String) {
        guard target > 0, target.isFinite else { return (1, "1 m") }
        let power = pow(10, (log10(target)).rounded(.down))
        let metres = [1.0, 2, 5, 10].map { $0 * power }.last { $0 <= target } ?? power
        let label = metres >= 1_000 ? "\(ResultWriters.format(metres / 1_000)) km" : "\(ResultWriters.format(metres)) m"
        return (metres, label)
    }
}
