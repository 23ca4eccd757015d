import Foundation

/// Latencies of one benchmark run and the figures printed from them.
struct LoadStats: Sendable {
    var latencies: [Double] = []  // milliseconds
    var seconds: Double = 0
    var operations = 0
    var failures = 0

    var rate: Double { seconds > 0 ? Double(operations) / seconds : 0 }

    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let index = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[index]
    }

    static func merge(_ parts: [LoadStats], seconds: Double) -> LoadStats {
        var merged = LoadStats()
        merged.seconds = seconds
        for part in parts {
            merged.latencies += part.latencies
            merged.operations += part.operations
            merged.failures += part.failures
        }
        return merged
    }
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
