/// Speed factors of emergency vehicle types relative to the car profile (lights and sirens
/// let a patrol car beat ordinary traffic; a ladder truck does not). ETAs are divided by the
/// factor, so 1.2 means 20 % faster. Values are per jurisdiction; the defaults are a neutral
/// starting point meant to be calibrated against recorded response times.
public struct EmergencySpeedFactors: Sendable, Hashable, Codable {
    /// Factor per vehicle type (unit type id such as `engine`, `patrol`).
    public var factors: [String: Double]
    /// Factor for types without an entry.
    public var fallback: Double

    public init(factors: [String: Double], fallback: Double = 1) {
        self.factors = factors.filter { $0.value.isFinite && $0.value > 0 }
        self.fallback = fallback.isFinite && fallback > 0 ? fallback : 1
    }

    /// A conservative default: light vehicles a little faster than traffic, heavy ones not.
    public static let standard = EmergencySpeedFactors(factors: [
        "patrol": 1.2, "ambulance": 1.15, "engine": 1.05, "ladder": 1.0, "rescue": 1.05, "rescue-boat": 1.0,
    ])

    /// The factor for a vehicle type.
    public func factor(for vehicleType: String) -> Double { factors[vehicleType] ?? fallback }
}
