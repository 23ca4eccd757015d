import Foundation

/// How strongly one offence family repeats near in space and time, from its history: a Knox
/// table (see `KnoxTest`) the early-warning detector consults to decide whether a new
/// incident's neighbourhood is genuinely elevated rather than merely busy.
public struct NearRepeatProfile: Codable, Sendable, Equatable {
    public let family: String
    public let table: KnoxTest.Table
    public let builtAt: Date

    public init(family: String, table: KnoxTest.Table, builtAt: Date) {
        self.family = family
        self.table = table
        self.builtAt = builtAt
    }

    /// The table cell covering a pair `distance` metres and `days` whole days apart.
    public func cell(distance: Double, days: Int) -> KnoxTest.Cell? {
        let options = table.options
        let distanceBand = KnoxTest.distanceBand(distance, options: options)
        let timeBand = min(max(days, 0) / options.timeBand, options.timeBands)
        return table.cell(distanceBand: distanceBand, timeBand: timeBand)
    }

    /// Builds the profile of one family from planar events (Euclidean distances, double
    /// precision: this is for live use, not NRC reproduction).
    public static func build(
        family: String, events: [AnalyticEvent], distanceBand: Double = 100, distanceBands: Int = 4,
        timeBandDays: Int = 7, timeBands: Int = 4, permutations: Int = 199, seed: UInt64 = 2024,
        now: Date = Date()
    ) throws(AnalyticsError) -> NearRepeatProfile {
        let options = KnoxTest.Options(
            distanceBand: distanceBand, distanceBands: distanceBands, timeBand: timeBandDays, timeBands: timeBands,
            metric: .euclidean, permutations: permutations, seed: seed, singlePrecision: false)
        let table = try KnoxTest.analyze(events, options: options)
        return NearRepeatProfile(family: family, table: table, builtAt: now)
    }
}
